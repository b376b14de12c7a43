"""The table models, without widgets: Qt's model tester, Arabic headers, numeric sorting."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QApplication

from basmat_desk.domain.enums import Channel, Role
from basmat_desk.domain.numbering import LRI, PDI
from basmat_desk.gui.models import RowRole, RowsModel, SortRole, channel_model, staff_model
from basmat_desk.services.dashboard import ChannelCount
from basmat_desk.services.staff import StaffRow

pytestmark = pytest.mark.gui

ARABIC = re.compile(r"[\u0600-\u06FF]")
HORIZONTAL = Qt.Orientation.Horizontal


def model_tester(model: RowsModel) -> QAbstractItemModelTester:
    """Qt's model tester, watching `model` from now on. A broken invariant is reported as a Qt
    warning, which fails the test (qt_log_level_fail = WARNING); the Fatal mode would abort
    the whole test run instead."""
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


def test_staff_model_passes_the_model_tester(app: QApplication) -> None:
    model = staff_model()
    tester = model_tester(model)
    model.set_rows(STAFF)
    assert model.rowCount() == len(STAFF)
    assert model.columnCount() == 6
    model.set_rows(STAFF[:1])
    model.set_rows([])
    model.set_rows(STAFF)
    assert tester is not None


def test_channel_model_passes_the_model_tester(app: QApplication) -> None:
    model = channel_model()
    tester = model_tester(model)
    model.set_rows(CHANNELS)
    assert model.rowCount() == len(CHANNELS)
    assert model.columnCount() == 3
    model.set_rows(CHANNELS[::-1])
    assert tester is not None


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
