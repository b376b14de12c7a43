"""The table models, without widgets: Qt's model tester, Arabic headers, numeric sorting."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

import pytest
from PySide6.QtCore import (
    QAbstractItemModel,
    QMessageLogContext,
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QApplication

from basmat_desk.domain.enums import Channel, Role
from basmat_desk.domain.numbering import LRI, PDI
from basmat_desk.gui.models import (
    STAFF_COLUMNS,
    Column,
    RowRole,
    RowsModel,
    SortRole,
    channel_model,
    staff_model,
)
from basmat_desk.services.dashboard import ChannelCount
from basmat_desk.services.staff import StaffRow

pytestmark = pytest.mark.gui

ARABIC = re.compile(r"[\u0600-\u06FF]")
HORIZONTAL = Qt.Orientation.Horizontal


def model_tester(model: RowsModel) -> QAbstractItemModelTester:
    """Qt's model tester, watching `model` from now on. A broken invariant is reported as a Qt
    warning of category qt.modeltest, which pytest-qt turns into a failure of the test (see
    test_qts_model_tester_reports_a_broken_model); the Fatal mode would abort the whole test
    run instead."""
    return QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Warning)


def staff(n: int, *, failed: int = 0, last_login: datetime | None = None) -> StaffRow:
    return StaffRow(
        id=f"id-{n}",
        username=f"user{n}",
        full_name=f"موظف رقم {n}",
        role=list(Role)[n % len(Role)],
        active=n % 3 != 0,
        locked=n % 5 == 0,
        failed_logins=failed,
        last_login_at=last_login,
    )


STAFF = [
    staff(1, failed=9, last_login=datetime(2026, 3, 1, 9, 30, tzinfo=UTC)),
    staff(2, failed=10),
    staff(3, failed=0, last_login=datetime(2025, 12, 31, 23, 0, tzinfo=UTC)),
    staff(5, failed=5),
]
CHANNELS = [
    ChannelCount(Channel.INTERVIEW, today=9, recent=100),
    ChannelCount(Channel.PHONE, today=10, recent=9),
    ChannelCount(Channel.WEBSITE, today=0, recent=10),
]


def cell(
    model: RowsModel, row: int, column: int, role: int = Qt.ItemDataRole.DisplayRole
) -> object:
    return model.data(model.index(row, column), role)


def table(model: QAbstractItemModel) -> list[list[object]]:
    """Every cell's DisplayRole text, row by row."""
    return [
        [model.data(model.index(row, column)) for column in range(model.columnCount())]
        for row in range(model.rowCount())
    ]


def shown_through_a_proxy(model: RowsModel) -> QSortFilterProxyModel:
    """A proxy over `model` that has already mapped its rows: it learns of a change only
    through the model's signals, as a table view does."""
    proxy = QSortFilterProxyModel(model)
    proxy.setSourceModel(model)
    table(proxy)
    return proxy


#: What the staff table shows for each of STAFF, by id (Riyadh is UTC+3).
STAFF_SHOWN: dict[str, list[object]] = {
    "id-1": [
        "موظف رقم 1",
        f"{LRI}user1{PDI}",
        Role.RESEARCHER.label,
        "مفعّل",
        "9",
        "2026/03/01 12:30",
    ],
    "id-2": ["موظف رقم 2", f"{LRI}user2{PDI}", Role.SUPERVISOR.label, "مفعّل", "10", "—"],
    "id-3": [
        "موظف رقم 3",
        f"{LRI}user3{PDI}",
        Role.ADMIN.label,
        "موقوف",
        "0",
        "2026/01/01 02:00",
    ],
    "id-5": ["موظف رقم 5", f"{LRI}user5{PDI}", Role.RESEARCHER.label, "مقفل", "5", "—"],
}
CHANNELS_SHOWN: dict[Channel, list[object]] = {
    Channel.INTERVIEW: [Channel.INTERVIEW.label, "9", "100"],
    Channel.PHONE: [Channel.PHONE.label, "10", "9"],
    Channel.WEBSITE: [Channel.WEBSITE.label, "0", "10"],
}


def test_staff_model_passes_the_model_tester(app: QApplication, qtmodeltester) -> None:
    model = staff_model()
    # pytest-qt's checks raise at once on a broken invariant, after every signal the model
    # sends; Qt's own tester watches too (a warning fails the test).
    qtmodeltester.check(model, force_py=True)
    watcher = model_tester(model)
    proxy = shown_through_a_proxy(model)  # as the screens show it: follows only what is signalled
    for rows in (STAFF, STAFF[:1], [], STAFF[::-1], STAFF):
        model.set_rows(rows)
        assert (model.rowCount(), model.columnCount()) == (len(rows), 6)
        assert table(model) == [STAFF_SHOWN[s.id] for s in rows]
        assert [cell(model, r, 0, RowRole) for r in range(len(rows))] == list(rows)
        assert table(proxy) == table(model)
    assert watcher.model() is model


def test_channel_model_passes_the_model_tester(app: QApplication, qtmodeltester) -> None:
    model = channel_model()
    qtmodeltester.check(model, force_py=True)
    watcher = model_tester(model)
    proxy = shown_through_a_proxy(model)
    for rows in (CHANNELS, CHANNELS[::-1], [], CHANNELS[1:]):
        model.set_rows(rows)
        assert (model.rowCount(), model.columnCount()) == (len(rows), 3)
        assert table(model) == [CHANNELS_SHOWN[c.channel] for c in rows]
        assert table(proxy) == table(model)
    assert watcher.model() is model


class ChildrenEverywhere(RowsModel[StaffRow]):
    """A broken table: every cell claims the table's rows as its children."""

    def rowCount(self, parent: Any = QModelIndex()) -> int:  # noqa: B008
        return len(self._rows)


def test_the_python_model_tester_catches_a_broken_model(app: QApplication, qtmodeltester) -> None:
    """So that the passes above mean something."""
    broken = ChildrenEverywhere(STAFF_COLUMNS)
    broken.set_rows(STAFF)
    with pytest.raises(AssertionError):
        qtmodeltester.check(broken, force_py=True)


@pytest.mark.no_qt_log
def test_qts_model_tester_reports_a_broken_model(app: QApplication) -> None:
    """Qt's tester reports by a warning of category qt.modeltest, which pytest-qt turns into a
    failure of the test; here its own capture is off and the warning is caught instead."""
    broken = ChildrenEverywhere(STAFF_COLUMNS)
    broken.set_rows(STAFF)
    reported: list[tuple[str | None, str]] = []

    def catch(_mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
        reported.append((context.category, message))

    previous = qInstallMessageHandler(catch)
    try:
        watcher = model_tester(broken)
    finally:
        qInstallMessageHandler(previous)
    assert any(
        category == "qt.modeltest" and message.startswith("FAIL!") for category, message in reported
    ), reported
    assert watcher.model() is broken


def test_every_cell_is_aligned_to_the_reading_start(app: QApplication) -> None:
    """AlignLeading is mirrored under right-to-left: the text starts at the right edge."""
    leading = int(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter)
    model = staff_model()
    model.set_rows(STAFF)
    channels = channel_model()
    channels.set_rows(CHANNELS)
    for each in (model, channels):
        alignments = {
            cell(each, r, c, Qt.ItemDataRole.TextAlignmentRole)
            for r in range(each.rowCount())
            for c in range(each.columnCount())
        }
        assert alignments == {leading}


def test_ltr_columns_and_only_they_are_isolated(app: QApplication) -> None:
    """An `ltr=True` column (digits, Latin) is wrapped in LRI…PDI so it keeps its direction in
    the right-to-left table; the others are shown as they are."""
    assert [i for i, column in enumerate(STAFF_COLUMNS) if column.ltr] == [1]
    model = staff_model()
    model.set_rows(STAFF)
    for r, row in enumerate(STAFF):
        for c, column in enumerate(STAFF_COLUMNS):
            shown = cell(model, r, c)
            assert isinstance(shown, str)
            plain = column.text(row)
            assert shown == (f"{LRI}{plain}{PDI}" if column.ltr else plain), (r, c)
            assert column.ltr or LRI not in shown


def test_ltr_isolation_is_not_doubled(app: QApplication) -> None:
    """A value that is already isolated is shown once isolated, not twice."""
    model = RowsModel([Column("رقم", lambda s: f"{LRI}{s}{PDI}", ltr=True)])
    model.set_rows(["A-003"])
    assert cell(model, 0, 0) == f"{LRI}A-003{PDI}"


def test_a_table_has_no_children(app: QApplication) -> None:
    model = staff_model()
    model.set_rows(STAFF)
    parent = model.index(0, 0)
    assert model.rowCount(parent) == 0
    assert model.columnCount(parent) == 0
    assert model.data(QModelIndex()) is None


def test_headers_are_arabic(app: QApplication) -> None:
    for model in (staff_model(), channel_model()):
        headers = [model.headerData(c, HORIZONTAL) for c in range(model.columnCount())]
        assert all(isinstance(h, str) and ARABIC.search(h) for h in headers), headers
        assert model.headerData(0, Qt.Orientation.Vertical) is None
    assert [channel_model().headerData(c, HORIZONTAL) for c in range(3)] == [
        "القناة",
        "اليوم",
        "آخر 30 يوماً",
    ]
    staff_headers = [staff_model().headerData(c, HORIZONTAL) for c in range(6)]
    assert staff_headers[:3] == ["الاسم الكامل", "اسم المستخدم", "الدور"]


def test_cells_show_arabic_labels_and_isolate_latin(app: QApplication) -> None:
    model = staff_model()
    model.set_rows(STAFF)
    assert cell(model, 0, 0) == "موظف رقم 1"
    assert cell(model, 0, 1) == f"{LRI}user1{PDI}"
    assert cell(model, 0, 2) == STAFF[0].role.label
    assert [cell(model, r, 3) for r in range(4)] == ["مفعّل", "مفعّل", "موقوف", "مقفل"]
    assert cell(model, 1, 5) == "—", "never signed in"
    assert cell(model, 0, 5) == "2026/03/01 12:30", "shown in Riyadh time"
    assert cell(model, 0, 0, RowRole) is STAFF[0]
    assert cell(model, 0, 0, Qt.ItemDataRole.TextAlignmentRole) == int(
        Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter
    )

    channels = channel_model()
    channels.set_rows(CHANNELS)
    assert [cell(channels, r, 0) for r in range(3)] == [c.channel.label for c in CHANNELS]


def test_sort_role_gives_numbers_for_numeric_columns(app: QApplication) -> None:
    model = staff_model()
    model.set_rows(STAFF)
    failed = [cell(model, r, 4, SortRole) for r in range(len(STAFF))]
    assert failed == [9, 10, 0, 5]
    assert all(type(v) is int for v in failed)
    last_login = [cell(model, r, 5, SortRole) for r in range(len(STAFF))]
    assert all(isinstance(v, float) for v in last_login)
    assert last_login[1] == 0.0, "never signed in sorts first"
    assert last_login[2] < last_login[0]

    channels = channel_model()
    channels.set_rows(CHANNELS)
    assert [cell(channels, r, 1, SortRole) for r in range(3)] == [9, 10, 0]
    assert [cell(channels, r, 2, SortRole) for r in range(3)] == [100, 9, 10]
    assert cell(channels, 0, 0, SortRole) == Channel.INTERVIEW.label


def test_numeric_columns_sort_as_numbers_not_text(app: QApplication) -> None:
    channels = channel_model()
    channels.set_rows(CHANNELS)
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(channels)
    proxy.setSortRole(SortRole)
    proxy.sort(2, Qt.SortOrder.AscendingOrder)
    # As text, "10" < "100" < "9".
    assert [proxy.data(proxy.index(r, 2)) for r in range(3)] == ["9", "10", "100"]

    model = staff_model()
    model.set_rows(STAFF)
    proxy.setSourceModel(model)
    proxy.sort(4, Qt.SortOrder.DescendingOrder)
    assert [proxy.data(proxy.index(r, 4)) for r in range(4)] == ["10", "9", "5", "0"]
