"""The sync indicator, the conflicts badge and the conflicts screen.

No PostgreSQL here: the indicator is driven with made-up statuses (as the agent reports them),
conflict rows are written into the local database as a pull writes them, and the one test of
the real sync thread points it at a port where no server listens.
"""

from __future__ import annotations

import socket
import sqlite3
from collections.abc import Callable
from contextlib import closing
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from basmat_desk.domain.enums import Gender, IdType, Role
from basmat_desk.gui import sync_indicator as indicator_module
from basmat_desk.gui.main_window import MainWindow
from basmat_desk.gui.models import RowRole
from basmat_desk.gui.screens.conflicts import ConflictsScreen, reads_ltr
from basmat_desk.gui.sync_indicator import (
    CHANGES,
    LOCAL_TEXT,
    SYNCING_DELAY_MS,
    SyncIndicator,
    SyncState,
)
from basmat_desk.gui.workers import Runner
from basmat_desk.services.conflicts import ConflictView, list_conflicts
from basmat_desk.services.context import ServiceContext, unit_of_work
from basmat_desk.services.settings import get_association_settings
from basmat_desk.store.models import Beneficiary, SyncConflict, new_id
from basmat_desk.store.peek import peek_sync
from basmat_desk.sync.client import SyncStatus
from basmat_desk.sync.codec import dumps
from basmat_desk.sync.status import ERROR, IDLE, NOT_ENROLLED, OFFLINE, SYNCING
from tests.conftest import MakeActor
from tests.gui.conftest import run_modal, settle, show

pytestmark = pytest.mark.gui

NOW = datetime(2026, 11, 25, 7, 45, tzinfo=UTC)  # 10:45 in Riyadh
CONFLICTS = "تعارضات المزامنة"


def status(**changes: Any) -> SyncStatus:
    """What the agent reports after a good sync at 10:42 Riyadh time."""
    base = SyncStatus(
        enrolled=True,
        counter_name="كاونتر الاستقبال",
        prefix="A",
        server="sync.example.org:5432/basmat",
        pending=0,
        conflicts=0,
        cursor=120,
        last_push_at="2026-11-25T07:42:00+00:00",
        last_pull_at="2026-11-25T07:42:01+00:00",
        last_success_at="2026-11-25T07:42:01+00:00",
        last_attempt_at="2026-11-25T07:42:00+00:00",
        last_error=None,
    )
    return replace(base, **changes)


@pytest.fixture
def indicator(qtbot: QtBot) -> SyncIndicator:
    widget = SyncIndicator(can_resolve=True)
    qtbot.addWidget(widget)
    widget.show()
    return widget


# --- the indicator ------------------------------------------------------------------------------


def test_the_activities_are_the_agents() -> None:
    from basmat_desk.sync import agent

    assert (SYNCING, IDLE, OFFLINE, ERROR, NOT_ENROLLED) == (
        agent.SYNCING,
        agent.IDLE,
        agent.OFFLINE,
        agent.ERROR,
        agent.NOT_ENROLLED,
    )


@pytest.mark.parametrize(
    ("reported", "activity", "state", "text"),
    [
        (None, NOT_ENROLLED, SyncState.LOCAL, LOCAL_TEXT),
        (status(enrolled=False), IDLE, SyncState.LOCAL, "محلي فقط — غير مرتبط بالخادم"),
        (status(), SYNCING, SyncState.SYNCING, "جارٍ المزامنة…"),
        (status(), IDLE, SyncState.ONLINE, "متصل — آخر مزامنة 10:42"),
        (
            status(last_success_at="2026-11-24T07:42:01+00:00"),
            IDLE,
            SyncState.ONLINE,
            "متصل — آخر مزامنة 2026/11/24 10:42",
        ),
        (status(pending=3), IDLE, SyncState.PENDING, "متصل — 3 تغييرات بانتظار الإرسال"),
        (status(pending=1), IDLE, SyncState.PENDING, "متصل — تغيير واحد بانتظار الإرسال"),
        (
            status(pending=12, last_error="تعذّر الاتصال بخادم المزامنة: refused"),
            OFFLINE,
            SyncState.OFFLINE,
            "غير متصل — 12 تغييراً محفوظاً على هذا الجهاز، آخر مزامنة 10:42",
        ),
        (
            status(pending=2, last_error="انقطع الاتصال"),
            OFFLINE,
            SyncState.OFFLINE,
            "غير متصل — تغييران محفوظان على هذا الجهاز، آخر مزامنة 10:42",
        ),
        (
            status(last_success_at=None, last_error="تعذّر الاتصال"),
            OFFLINE,
            SyncState.OFFLINE,
            "غير متصل — العمل محفوظ على هذا الجهاز، لم تتم أي مزامنة بعد",
        ),
        (
            status(last_error="الخادم غير مهيأ؛ هيّئه بالأمر: basmat-desk server init"),
            ERROR,
            SyncState.ERROR,
            "المزامنة متوقفة — الخادم غير مهيأ؛ هيّئه بالأمر: basmat-desk server init",
        ),
    ],
)
def test_the_indicator_says_each_state_in_arabic(
    indicator: SyncIndicator,
    reported: SyncStatus | None,
    activity: str,
    state: SyncState,
    text: str,
) -> None:
    indicator.show_status(reported, activity, NOW)

    assert indicator.state is state
    assert indicator.text() == text
    assert indicator_module.DOT_COLOURS[state] in indicator.dot.styleSheet()


def test_the_tooltip_has_the_details(indicator: SyncIndicator) -> None:
    indicator.show_status(
        status(pending=4, conflicts=2, last_error="تعذّر الاتصال بخادم المزامنة"), OFFLINE, NOW
    )

    tip = indicator.toolTip()
    assert "الخادم: \u2066sync.example.org:5432/basmat\u2069" in tip
    assert "هذا الكاونتر: كاونتر الاستقبال (\u2066A\u2069)" in tip
    assert "آخر إرسال: 10:42" in tip
    assert "آخر استلام: 10:42" in tip
    assert "تغييرات بانتظار الإرسال: 4" in tip
    assert "تعارضات مفتوحة: 2" in tip
    assert "آخر خطأ: تعذّر الاتصال بخادم المزامنة" in tip


def test_a_long_error_is_cut_for_the_status_bar_but_whole_in_the_tooltip(
    indicator: SyncIndicator,
) -> None:
    message = (
        "هذا البرنامج أقدم من أن يزامن مع الخادم؛ حدّثه "
        "(التغييرات محفوظة على هذا الجهاز وتُرسَل بعد التحديث، ولا يضيع منها شيء أبداً)"
    )
    indicator.show_status(status(last_error=message), ERROR, NOW)

    assert indicator.text() == "المزامنة متوقفة — هذا البرنامج أقدم من أن يزامن مع الخادم؛ حدّثه"
    assert message in indicator.toolTip()


@pytest.mark.parametrize(
    ("count", "text"),
    [
        (1, "تغيير واحد"),
        (2, "تغييران"),
        (3, "3 تغييرات"),
        (10, "10 تغييرات"),
        (11, "11 تغييراً"),
        (99, "99 تغييراً"),
        (100, "100 تغيير"),
        (102, "102 تغيير"),
        (103, "103 تغييرات"),
        (1000, "1,000 تغيير"),
        (1015, "1,015 تغييراً"),
    ],
)
def test_counted_changes_take_the_arabic_plural(count: int, text: str) -> None:
    assert CHANGES.of(count) == text


def armed_timers(widget: SyncIndicator) -> list[QTimer]:
    return [timer for timer in widget.findChildren(QTimer) if timer.isActive()]


def test_a_quick_sync_does_not_flash_over_the_last_state(
    qtbot: QtBot, indicator: SyncIndicator
) -> None:
    indicator.show_status(status(), IDLE, NOW)
    armed_before = armed_timers(indicator)

    indicator.show_status(status(), SYNCING, NOW)
    assert indicator.state is SyncState.ONLINE, "a sync that ends soon says nothing"
    (delay,) = [t for t in armed_timers(indicator) if t not in armed_before]
    assert delay.interval() == SYNCING_DELAY_MS
    indicator.show_status(status(pending=0), IDLE, NOW)
    # The moment the syncing text would come is the delay's timeout: if the timer is still
    # armed, wait for it to fire before looking; disarmed, it never will.
    if delay.isActive():
        with qtbot.waitSignal(delay.timeout, timeout=SYNCING_DELAY_MS * 4):
            pass
    assert indicator.state is SyncState.ONLINE
    assert indicator.text() == "متصل — آخر مزامنة 10:42"

    # A sync that takes longer than the delay: that same timeout is what shows it.
    indicator.show_status(status(), SYNCING, NOW)
    assert delay.isActive()
    with qtbot.waitSignal(delay.timeout, timeout=SYNCING_DELAY_MS * 4):
        pass
    assert indicator.state is SyncState.SYNCING
    assert indicator.text() == "جارٍ المزامنة…"


def test_the_badge_counts_open_conflicts_and_opens_the_screen(
    qtbot: QtBot, indicator: SyncIndicator
) -> None:
    assert indicator.badge_text() is None

    indicator.show_status(status(conflicts=2), IDLE, NOW)
    assert indicator.badge_text() == "تعارضات: 2"
    with qtbot.waitSignal(indicator.conflicts_requested):
        qtbot.mouseClick(indicator.badge, Qt.MouseButton.LeftButton)

    indicator.show_status(status(conflicts=0), IDLE, NOW)
    assert indicator.badge_text() is None


def test_no_badge_for_staff_who_do_not_resolve_conflicts(qtbot: QtBot) -> None:
    widget = SyncIndicator(can_resolve=False)
    qtbot.addWidget(widget)
    widget.show()
    widget.show_status(status(conflicts=5), IDLE, NOW)
    assert widget.badge_text() is None


def test_clicking_the_sentence_asks_for_a_sync(qtbot: QtBot, indicator: SyncIndicator) -> None:
    with qtbot.waitSignal(indicator.sync_requested):
        qtbot.mouseClick(indicator.label, Qt.MouseButton.LeftButton)


def test_numbers_read_left_to_right() -> None:
    assert reads_ltr("0501234567")
    assert reads_ltr("1988-06-01")
    assert reads_ltr("A-003")
    assert not reads_ltr("الرياض")
    assert not reads_ltr("راجع في 2026/11/20")
    assert not reads_ltr("")


# --- the database, the window and the screen ------------------------------------------------------


def add_person(ctx: ServiceContext, first_name: str = "سارة", id_number: str = "1000000008") -> str:
    with unit_of_work(ctx, "test.seed") as session:
        person = Beneficiary(
            first_name=first_name,
            father_name="محمد",
            family_name="القحطاني",
            name_search=f"{first_name} محمد القحطاني",
            id_type=IdType.NATIONAL_ID,
            id_number=id_number,
            gender=Gender.FEMALE,
            notes="ملاحظة الخادم",
            address_city="الرياض",
        )
        session.add(person)
        session.flush()
        return person.id


def add_conflict(ctx: ServiceContext, row_id: str, field: str, server: Any, counter: Any) -> str:
    """A field conflict as a pull brings it from the server."""
    with unit_of_work(ctx, "test.pulled") as session:
        conflict = SyncConflict(
            kind="field",
            table_name="beneficiary",
            row_id=row_id,
            field=field,
            server_value=dumps(server),
            counter_value=dumps(counter),
            counter_device="01936b3c-0000-7000-8000-0000abcdef12",
            mutation_id=new_id(),
        )
        session.add(conflict)
        session.flush()
        return conflict.id


def notes_of(ctx: ServiceContext, person_id: str) -> str | None:
    with ctx.sessions() as session:
        person = session.get(Beneficiary, person_id)
        assert person is not None
        return person.notes


OpenWindow = Callable[[ServiceContext], MainWindow]


@pytest.fixture
def open_window(qtbot: QtBot, runner: Runner, db_path: Path) -> OpenWindow:
    def open_(signed_in: ServiceContext) -> MainWindow:
        window = MainWindow(signed_in, runner, get_association_settings(signed_in), str(db_path))
        window.resize(1200, 760)
        show(qtbot, window)
        settle(qtbot, runner)
        return window

    return open_


@pytest.fixture
def supervisor(make_actor: MakeActor) -> ServiceContext:
    return make_actor(Role.SUPERVISOR)


@pytest.fixture
def two_conflicts(supervisor: ServiceContext) -> tuple[str, str, str]:
    """A person whose notes and city were changed on two counters: (person, notes, city)."""
    person = add_person(supervisor)
    notes = add_conflict(supervisor, person, "notes", "ملاحظة الخادم", "ملاحظة الكاونتر")
    city = add_conflict(supervisor, person, "address_city", "الرياض", "جدة")
    return person, notes, city


def listed(screen: ConflictsScreen) -> list[ConflictView]:
    proxy = screen.proxy
    return [proxy.data(proxy.index(r, 0), RowRole) for r in range(proxy.rowCount())]


def test_a_database_that_never_synced_has_no_conflicts_screen(
    open_window: OpenWindow, supervisor: ServiceContext, db_path: Path
) -> None:
    assert peek_sync(db_path).enrolled is False

    window = open_window(supervisor)

    assert CONFLICTS not in window.page_titles
    assert window.find_screen("conflicts") is None
    assert window.sync is None, "no sync thread for a database that is not enrolled"
    assert window.sync_indicator.text() == LOCAL_TEXT
    assert window.sync_indicator.badge_text() is None


def test_a_receptionist_has_no_conflicts_screen_and_no_badge(
    open_window: OpenWindow, make_actor: MakeActor, two_conflicts: tuple[str, str, str]
) -> None:
    window = open_window(make_actor(Role.RECEPTIONIST))

    assert CONFLICTS not in window.page_titles
    assert window.find_screen("conflicts") is None
    window.show_sync_status(status(conflicts=2), IDLE)
    assert window.sync_indicator.badge_text() is None


def test_the_supervisor_sees_the_badge_and_the_screen_lists_the_conflicts(
    qtbot: QtBot,
    runner: Runner,
    open_window: OpenWindow,
    supervisor: ServiceContext,
    two_conflicts: tuple[str, str, str],
) -> None:
    window = open_window(supervisor)
    assert window.page_titles[-1] == CONFLICTS
    badge = window.sync_indicator.badge
    assert window.sync_indicator.badge_text() == "تعارضات: 2"

    qtbot.mouseClick(badge, Qt.MouseButton.LeftButton)
    settle(qtbot, runner)

    screen = window.find_screen("conflicts")
    assert screen is not None
    assert window.current_screen is screen
    rows = listed(screen)
    assert {r.field_label for r in rows} == {"ملاحظات", "المدينة"}
    proxy = screen.proxy
    cells = {
        proxy.data(proxy.index(r, 1)): [
            proxy.data(proxy.index(r, c)) for c in range(proxy.columnCount())
        ]
        for r in range(proxy.rowCount())
    }
    record, _field, server, counter, who, _time, _resolution = cells["المدينة"]
    assert record == "مستفيد: سارة محمد القحطاني"
    assert (server, counter) == ("الرياض", "جدة")
    assert who == "جهاز آخر (0000abcdef12)"
    assert screen.ui.countLabel.text() == "المفتوحة: 2"
    assert screen.ui.table.isColumnHidden(6), "no resolution column for open conflicts"

    assert screen.selected() is not None, "the first conflict is selected"
    assert screen.ui.keepServerButton.isEnabled()
    assert screen.ui.takeCounterButton.isEnabled()


def test_taking_the_counters_value_writes_it_and_leaves_the_list(
    qtbot: QtBot,
    runner: Runner,
    open_window: OpenWindow,
    supervisor: ServiceContext,
    two_conflicts: tuple[str, str, str],
) -> None:
    person, notes, _city = two_conflicts
    window = open_window(supervisor)
    window.show_conflicts()
    settle(qtbot, runner)
    screen = window.find_screen("conflicts")
    assert screen is not None
    assert screen.select(notes)
    assert screen.ui.serverValueLabel.text() == "ملاحظة الخادم"
    assert screen.ui.counterValueLabel.text() == "ملاحظة الكاونتر"
    assert screen.ui.counterBox.title() == "قيمة الكاونتر — جهاز آخر (0000abcdef12)"

    def confirm(dialog: QDialog) -> None:
        assert isinstance(dialog, QMessageBox)
        assert dialog.windowTitle() == "اعتماد قيمة الكاونتر"
        assert "«ملاحظة الكاونتر»" in dialog.text()
        (take,) = [b for b in dialog.buttons() if b.text() == "اعتماد قيمة الكاونتر"]
        qtbot.mouseClick(take, Qt.MouseButton.LeftButton)

    run_modal(
        qtbot,
        lambda: qtbot.mouseClick(screen.ui.takeCounterButton, Qt.MouseButton.LeftButton),
        confirm,
    )
    settle(qtbot, runner)

    assert notes_of(supervisor, person) == "ملاحظة الكاونتر"
    assert [r.field_label for r in listed(screen)] == ["المدينة"]
    assert screen.ui.statusLabel.text() == (
        "اعتُمدت قيمة الكاونتر: «ملاحظات» في مستفيد «سارة محمد القحطاني»."
    )
    assert window.sync_indicator.badge_text() == "تعارضات: 1"

    screen.ui.showResolvedCheck.setChecked(True)
    settle(qtbot, runner)
    assert len(listed(screen)) == 2
    assert not screen.ui.table.isColumnHidden(6)
    assert screen.ui.countLabel.text() == "المفتوحة: 1 من 2"
    assert screen.select(notes)
    assert not screen.ui.keepServerButton.isEnabled(), "a resolved conflict is settled"
    assert screen.ui.refusalLabel.text().startswith("حُسم: اعتُمدت قيمة الكاونتر — ")
    assert screen.ui.serverBox.title() == "قيمة الخادم", "no longer the row's current value"


def test_cancelling_the_question_changes_nothing(
    qtbot: QtBot,
    runner: Runner,
    open_window: OpenWindow,
    supervisor: ServiceContext,
    two_conflicts: tuple[str, str, str],
) -> None:
    person, notes, _city = two_conflicts
    window = open_window(supervisor)
    window.show_conflicts()
    settle(qtbot, runner)
    screen = window.find_screen("conflicts")
    assert screen is not None
    screen.select(notes)

    def cancel(dialog: QDialog) -> None:
        (no,) = [
            b for b in dialog.findChildren(type(screen.ui.keepServerButton)) if b.text() == "إلغاء"
        ]
        qtbot.mouseClick(no, Qt.MouseButton.LeftButton)

    run_modal(qtbot, lambda: screen.resolve_selected("server"), cancel)
    settle(qtbot, runner)

    assert len(listed(screen)) == 2
    assert notes_of(supervisor, person) == "ملاحظة الخادم"
    assert all(v.is_open for v in list_conflicts(supervisor))


def test_a_duplicate_can_only_be_acknowledged(
    qtbot: QtBot, runner: Runner, open_window: OpenWindow, supervisor: ServiceContext
) -> None:
    add_person(supervisor)
    with unit_of_work(supervisor, "test.pulled") as session:
        twin = Beneficiary(
            first_name="ساره",
            family_name="القحطاني",
            name_search="ساره القحطاني",
            id_type=IdType.NATIONAL_ID,
            id_number="1000000008",
            gender=Gender.FEMALE,
            deleted_at=NOW,
        )
        session.add(twin)
        session.flush()
        session.add(
            SyncConflict(
                kind="duplicate",
                table_name="beneficiary",
                row_id=twin.id,
                field="uq_beneficiary_live_id_number",
                server_value=None,
                counter_value=dumps(
                    {"first_name": "ساره", "family_name": "القحطاني", "id_number": "1000000008"}
                ),
                counter_device=supervisor.device_id,
                mutation_id=new_id(),
            )
        )
    window = open_window(supervisor)
    window.show_conflicts()
    settle(qtbot, runner)
    screen = window.find_screen("conflicts")
    assert screen is not None

    (view,) = listed(screen)
    assert view.kind == "duplicate"
    assert screen.ui.keepServerButton.isEnabled()
    assert not screen.ui.takeCounterButton.isEnabled()
    assert "لا تُعتمد قيمة الكاونتر لسجل مكرر" in screen.ui.refusalLabel.text()
    assert "رقم الهوية: 1000000008" in screen.ui.counterValueLabel.text()
    assert screen.ui.counterBox.title() == "قيمة الكاونتر — هذا الجهاز"

    screen.resolve_selected("server", confirmed=True)
    settle(qtbot, runner)
    assert listed(screen) == []
    assert screen.ui.recordLabel.text() == "لا توجد تعارضات بانتظار المراجعة."
    assert window.sync_indicator.badge_text() is None


def test_a_status_from_the_sync_thread_updates_the_window(
    qtbot: QtBot,
    runner: Runner,
    open_window: OpenWindow,
    supervisor: ServiceContext,
    two_conflicts: tuple[str, str, str],
) -> None:
    person = two_conflicts[0]
    window = open_window(supervisor)
    window.show_conflicts()
    settle(qtbot, runner)
    screen = window.find_screen("conflicts")
    assert screen is not None
    add_conflict(supervisor, person, "employment", None, "معلمة")  # a pull brought a third

    window.show_sync_status(status(conflicts=3, pending=1), IDLE)
    settle(qtbot, runner)

    assert window.sync_indicator.text() == "متصل — تغيير واحد بانتظار الإرسال"
    assert window.sync_indicator.badge_text() == "تعارضات: 3"
    assert len(listed(screen)) == 3, "the screen shown reloads when the count changes"


def free_port() -> int:
    with closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


def enrol_without_a_server(db_path: Path) -> None:
    """Mark the database enrolled, pointing at a port where no server listens."""
    values = {
        "enrolled": "yes",
        "counter_name": "كاونتر التجربة",
        "prefix": "A",
        "host": "127.0.0.1",
        "port": str(free_port()),
        "dbname": "basmat",
        "role": "basmat_a",
        "password": "not-used",
    }
    with closing(sqlite3.connect(db_path)) as con, con:
        con.executemany("INSERT INTO sync_state (key, value) VALUES (?, ?)", list(values.items()))


def test_an_enrolled_database_syncs_in_the_background_and_says_when_it_is_offline(
    qtbot: QtBot, runner: Runner, open_window: OpenWindow, supervisor: ServiceContext, db_path: Path
) -> None:
    enrol_without_a_server(db_path)

    window = open_window(supervisor)

    assert CONFLICTS in window.page_titles, "an enrolled database can get conflicts"
    qtbot.waitUntil(lambda: window.sync is not None and window.sync.running, timeout=10_000)
    qtbot.waitUntil(lambda: window.sync_indicator.state is SyncState.OFFLINE, timeout=15_000)
    assert window.sync_indicator.text() == (
        "غير متصل — العمل محفوظ على هذا الجهاز، لم تتم أي مزامنة بعد"
    )
    assert "تعذّر الاتصال بخادم المزامنة" in window.sync_indicator.toolTip()
    sync = window.sync
    assert sync is not None

    window.close()

    assert not sync.running
