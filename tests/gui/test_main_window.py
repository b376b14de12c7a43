"""The main window: pages per role, keyboard navigation, the dashboard, the idle lock, logout."""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select
from sqlalchemy.exc import SADeprecationWarning

from basmat_desk.demo import DEMO_PASSWORD, DemoSummary, generate_demo
from basmat_desk.domain.enums import BeneficiaryStatus, Channel, Role
from basmat_desk.gui.dialogs import LockScreen
from basmat_desk.gui.main_window import MainWindow
from basmat_desk.gui.models import SortRole
from basmat_desk.gui.workers import Runner
from basmat_desk.services.bootstrap import open_local
from basmat_desk.services.context import ServiceContext
from basmat_desk.services.dashboard import day_summary
from basmat_desk.services.settings import get_association_settings
from basmat_desk.services.staff import LOGIN_FAILED, login
from basmat_desk.store.models import Beneficiary
from tests.conftest import MakeActor, dispose
from tests.gui.conftest import (
    press,
    settle,
    show,
    type_text,
)

pytestmark = [pytest.mark.gui]

INTAKE, DASHBOARD, USERS, SETTINGS = "الاستقبال", "لوحة اليوم", "المستخدمون", "الإعدادات"
LONG_MS = 60_000

OpenWindow = Callable[[ServiceContext], MainWindow]


@pytest.fixture
def open_window(qtbot: QtBot, runner: Runner, db_path: Path) -> OpenWindow:
    """`open_window(signed_in)` → the main window, shown and active, first page loaded."""

    def open_(signed_in: ServiceContext) -> MainWindow:
        window = MainWindow(signed_in, runner, get_association_settings(signed_in), str(db_path))
        window.resize(1100, 700)
        show(qtbot, window)
        settle(qtbot, runner)
        return window

    return open_


@pytest.fixture
def admin_window(open_window: OpenWindow, admin: ServiceContext) -> MainWindow:
    return open_window(admin)


def lock_dialog(qtbot: QtBot, window: MainWindow) -> LockScreen:
    """The lock screen over `window`, once it has the keyboard (activation is asynchronous)."""
    dialog = window.lock_screen
    assert isinstance(dialog, LockScreen)
    assert dialog.isVisible()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def idle_timer(window: MainWindow) -> QTimer:
    timer = window.idle.findChild(QTimer)
    assert isinstance(timer, QTimer)
    return timer


# --- navigation -----------------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.RECEPTIONIST, Role.RESEARCHER, Role.SUPERVISOR])
def test_staff_other_than_admins_start_at_the_counter(
    open_window: OpenWindow, make_actor: MakeActor, role: Role
) -> None:
    window = open_window(make_actor(role))

    assert window.page_titles == [INTAKE, DASHBOARD]
    assert window.ui.navList.count() == 2
    assert window.find_screen("users") is None
    assert window.find_screen("settings") is None
    assert window.ui.pages.currentWidget() is window.find_screen("intake")
    assert role.label in window.user_label.text()


def test_admin_sees_every_page(admin_window: MainWindow) -> None:
    assert admin_window.page_titles == [INTAKE, DASHBOARD, USERS, SETTINGS]
    nav = admin_window.ui.navList
    assert [nav.item(i).text() for i in range(nav.count())] == [
        INTAKE,
        DASHBOARD,
        USERS,
        SETTINGS,
    ]
    assert admin_window.ui.pages.currentWidget() is admin_window.find_screen("intake")


def test_ctrl_number_switches_page(qtbot: QtBot, runner: Runner, admin_window: MainWindow) -> None:
    users = admin_window.find_screen("users")
    assert users is not None
    assert users.model.rowCount() == 0, "the users page loads only when it is shown"

    qtbot.keyClick(admin_window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, runner)

    assert admin_window.ui.pages.currentWidget() is users
    assert admin_window.ui.navList.currentRow() == 2
    assert users.model.rowCount() == 1, "showing the page refreshed it"

    qtbot.keyClick(admin_window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, runner)
    assert admin_window.ui.pages.currentWidget() is admin_window.find_screen("settings")

    qtbot.keyClick(admin_window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, runner)
    assert admin_window.ui.pages.currentWidget() is admin_window.find_screen("dashboard")

    qtbot.keyClick(admin_window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, runner)
    assert admin_window.ui.pages.currentWidget() is admin_window.find_screen("intake")


def test_show_page_titled(runner: Runner, qtbot: QtBot, admin_window: MainWindow) -> None:
    admin_window.show_page_titled(SETTINGS)
    settle(qtbot, runner)
    assert admin_window.ui.pages.currentWidget() is admin_window.find_screen("settings")


# --- the dashboard on demo data ------------------------------------------------------------------


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[tuple[ServiceContext, DemoSummary]]:
    """A small demo database, signed in as its administrator."""
    path = tmp_path / "demo.sqlite"
    summary = generate_demo(path, beneficiaries=50, days=5)
    ctx = open_local(path)
    yield ctx.acting_as(login(ctx, "admin", DEMO_PASSWORD)), summary
    dispose(ctx)


def test_dashboard_shows_the_day_in_numbers(
    qtbot: QtBot,
    runner: Runner,
    open_window: OpenWindow,
    demo: tuple[ServiceContext, DemoSummary],
) -> None:
    signed_in, generated = demo
    window = open_window(signed_in)
    window.show_page_titled(DASHBOARD)
    settle(qtbot, runner)
    dashboard = window.find_screen("dashboard")
    summary = dashboard.summary
    assert summary is not None, "the dashboard loaded when it was shown"
    ui = dashboard.ui

    with signed_in.sessions() as session:
        statuses = [p.status for p in session.scalars(select(Beneficiary))]
    registered = statuses.count(BeneficiaryStatus.REGISTERED)
    applicants = statuses.count(BeneficiaryStatus.APPLICANT)
    assert len(statuses) == generated.beneficiaries == 50
    assert 0 < registered < 50, "the demo has applicants as well as registered people"
    assert (summary.registered, summary.applicants) == (registered, applicants)
    assert ui.beneficiariesCard.text().splitlines() == [
        "المستفيدون المسجلون",
        str(registered),
        f"والمتقدمون: {applicants}",
    ]
    assert ui.contactsTodayCard.text().splitlines()[-1] == str(summary.contacts_today)
    assert ui.waitingCard.text().splitlines()[-1] == str(summary.tickets_waiting)
    assert ui.servedCard.text().splitlines()[-1] == str(summary.tickets_done)
    assert ui.dateLabel.text()
    assert ui.statusLabel.text() == ""

    model = dashboard.model
    assert model.rowCount() == len(Channel) == 7
    today = [model.data(model.index(r, 1), SortRole) for r in range(model.rowCount())]
    recent = [model.data(model.index(r, 2), SortRole) for r in range(model.rowCount())]
    assert sum(today) == summary.contacts_today
    # Every generated contact is within the last five days, so within the last thirty.
    assert sum(recent) == generated.contacts > 0
    labels = [model.data(model.index(r, 0)) for r in range(model.rowCount())]
    assert labels == [c.label for c in Channel]


def test_dashboard_query_is_free_of_deprecations(admin: ServiceContext) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error", SADeprecationWarning)
        day_summary(admin)


# --- the idle lock -------------------------------------------------------------------------------


def wait_until_idle_locked(qtbot: QtBot, window: MainWindow) -> LockScreen:
    with qtbot.waitSignal(window.idle.idle, timeout=5000):
        window.idle.set_interval_ms(50)
    assert window.locked
    assert not window.idle.active, "no second lock while the first is shown"
    # The watcher keeps this interval after unlocking; make it long so it cannot lock again
    # while the test is still looking.
    window.idle.set_interval_ms(LONG_MS)
    return lock_dialog(qtbot, window)


def test_idle_window_locks_itself(
    qtbot: QtBot, admin_window: MainWindow, admin: ServiceContext
) -> None:
    dialog = wait_until_idle_locked(qtbot, admin_window)

    assert dialog.isModal()
    assert admin.actor is not None
    assert admin.actor.full_name in dialog.ui.messageLabel.text()
    assert QApplication.focusWidget() is dialog.ui.passwordEdit


def test_wrong_password_keeps_the_lock(
    qtbot: QtBot, runner: Runner, admin_window: MainWindow
) -> None:
    dialog = wait_until_idle_locked(qtbot, admin_window)

    type_text(qtbot, "not the password")
    press(qtbot, Qt.Key.Key_Return)
    settle(qtbot, runner)

    assert admin_window.locked
    assert dialog.isVisible()
    assert dialog.ui.errorLabel.text() == LOGIN_FAILED
    assert dialog.ui.passwordEdit.text() == ""
    assert QApplication.focusWidget() is dialog.ui.passwordEdit


def test_escape_does_not_unlock(qtbot: QtBot, admin_window: MainWindow) -> None:
    dialog = wait_until_idle_locked(qtbot, admin_window)

    press(qtbot, Qt.Key.Key_Escape)

    assert admin_window.locked
    assert dialog.isVisible()


def test_right_password_unlocks(
    qtbot: QtBot, runner: Runner, admin_window: MainWindow, password: str
) -> None:
    dialog = wait_until_idle_locked(qtbot, admin_window)

    type_text(qtbot, password)
    press(qtbot, Qt.Key.Key_Return)
    settle(qtbot, runner)

    assert not admin_window.locked
    assert not dialog.isVisible()
    assert admin_window.idle.active, "the idle timer runs again after unlocking"


def test_ctrl_l_locks_at_once(qtbot: QtBot, admin_window: MainWindow) -> None:
    qtbot.keyClick(admin_window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert admin_window.locked
    assert lock_dialog(qtbot, admin_window).isVisible()


def test_logout_from_the_lock_screen(qtbot: QtBot, admin_window: MainWindow) -> None:
    dialog = wait_until_idle_locked(qtbot, admin_window)

    with qtbot.waitSignal(admin_window.logout_requested, timeout=5000):
        qtbot.mouseClick(dialog.ui.logoutButton, Qt.MouseButton.LeftButton)

    assert not admin_window.locked
    assert not admin_window.isVisible()


def test_logout_action_requests_logout(qtbot: QtBot, admin_window: MainWindow) -> None:
    with qtbot.waitSignal(admin_window.logout_requested, timeout=5000):
        admin_window.ui.logoutAction.trigger()
    assert not admin_window.isVisible()


def test_quitting_is_not_a_logout(qtbot: QtBot, admin_window: MainWindow) -> None:
    with qtbot.assertNotEmitted(admin_window.logout_requested):
        admin_window.ui.quitAction.trigger()
    assert not admin_window.isVisible()


def test_keys_and_clicks_restart_the_idle_timer(qtbot: QtBot, admin_window: MainWindow) -> None:
    admin_window.idle.set_interval_ms(LONG_MS)
    timer = idle_timer(admin_window)
    nav = admin_window.ui.navList

    timer.start(1000)  # as if the counter had been left alone for all but one second
    qtbot.keyClick(nav, Qt.Key.Key_Down)
    assert timer.isActive()
    assert timer.remainingTime() > LONG_MS - 5000, "a key press restarted the full interval"

    timer.start(1000)
    qtbot.mouseClick(nav.viewport(), Qt.MouseButton.LeftButton)
    assert timer.remainingTime() > LONG_MS - 5000, "a click restarted the full interval"

    timer.start(1000)
    QApplication.processEvents()  # events that are not the user's do not count
    assert timer.remainingTime() < 2000  # (a coarse timer may round up by a few percent)


def test_typing_in_the_lock_screen_does_not_restart_the_idle_timer(
    qtbot: QtBot, admin_window: MainWindow
) -> None:
    admin_window.idle.set_interval_ms(LONG_MS)
    admin_window.lock()
    type_text(qtbot, "abc")
    assert not admin_window.idle.active


def test_idle_lock_off_when_minutes_are_zero(admin_window: MainWindow) -> None:
    admin_window.idle.set_minutes(0)
    assert not admin_window.idle.active
    admin_window.idle.set_minutes(5)
    assert admin_window.idle.active
    assert 4 * 60_000 < idle_timer(admin_window).remainingTime() < 6 * 60_000


def test_the_lock_hides_the_counter_and_the_dialogs_open_over_it(
    qtbot: QtBot, runner: Runner, admin_window: MainWindow
) -> None:
    from basmat_desk.gui.screens.intake_dialogs import ContactDialog
    from basmat_desk.sync.status import IDLE
    from tests.gui.test_sync_gui import status as fake_status

    intake = admin_window.find_screen("intake")
    assert intake is not None
    dialog = ContactDialog(
        admin_window.ctx, runner, beneficiary_id=None, beneficiary_name=None, parent=admin_window
    )
    dialog.ui.purposeEdit.setText("نصف مكتوب")
    dialog.show()  # left open when the counter was left alone

    admin_window.lock()
    lock = lock_dialog(qtbot, admin_window)

    assert not admin_window.centralWidget().isVisible(), "nothing of the counter is drawn"
    assert not intake.ui.resultsTable.isVisible()
    assert not intake.ui.personDetailsLabel.isVisible()
    assert not admin_window.menuBar().isEnabled()
    assert lock.geometry().contains(admin_window.frameGeometry())
    assert lock.geometry().contains(dialog.frameGeometry()), "the open dialog is covered too"
    assert lock.isModal()

    # Sync goes on behind the lock, and says so.
    admin_window.show_sync_status(fake_status(pending=2), IDLE)
    assert admin_window.sync_indicator.text() in lock.ui.syncLabel.text()

    lock.done(0)
    assert admin_window.centralWidget().isVisible()
    assert admin_window.menuBar().isEnabled()
    assert dialog.isVisible(), "the half-written dialog is still there"
    assert dialog.ui.purposeEdit.text() == "نصف مكتوب"
    dialog.close()
