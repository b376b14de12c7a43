"""The users screen: the list of accounts, adding and editing them, passwords and lockouts.

The screen opens its dialogs with exec(); `run_modal` drives each one inside its own event loop,
by keyboard, as a user would.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPushButton
from pytestqt.qtbot import QtBot

from basmat_desk.domain.enums import Role
from basmat_desk.domain.errors import AuthenticationError
from basmat_desk.domain.numbering import LRI, PDI
from basmat_desk.gui.dialogs import PasswordDialog
from basmat_desk.gui.models import RowRole
from basmat_desk.gui.screens.base import ScreenEnv
from basmat_desk.gui.screens.users import UsersScreen
from basmat_desk.gui.screens.users_dialogs import UserDialog
from basmat_desk.gui.workers import Runner
from basmat_desk.services.context import ServiceContext
from basmat_desk.services.staff import MAX_FAILED_LOGINS, StaffRow, list_staff, login
from tests.conftest import PASSWORD, MakeActor
from tests.gui.conftest import (
    close_dialog,
    fill_by_keyboard,
    focused,
    press,
    run_modal,
    settle,
    show,
)

pytestmark = pytest.mark.gui

NEW_PASSWORD = "basmat-2026-new"


@pytest.fixture
def clerk(make_actor: MakeActor, admin: ServiceContext) -> ServiceContext:
    """A receptionist, huda (created after the administrator)."""
    return make_actor(Role.RECEPTIONIST, username="huda")


@pytest.fixture
def screen(
    qtbot: QtBot, runner: Runner, admin: ServiceContext, clerk: ServiceContext
) -> UsersScreen:
    users = UsersScreen(ScreenEnv(admin, runner), "المستخدمون")
    users.resize(900, 500)
    show(qtbot, users)
    users.refresh()
    settle(qtbot, runner)
    return users


def shown_rows(screen: UsersScreen) -> list[StaffRow]:
    proxy = screen.proxy
    return [proxy.data(proxy.index(r, 0), RowRole) for r in range(proxy.rowCount())]


def row_of(screen: UsersScreen, username: str) -> StaffRow:
    (row,) = [r for r in shown_rows(screen) if r.username == username]
    return row


def account(admin: ServiceContext, username: str) -> StaffRow:
    """The account as committed."""
    (row,) = [r for r in list_staff(admin) if r.username == username]
    return row


def click(qtbot: QtBot, button: QPushButton) -> None:
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def submit(qtbot: QtBot, runner: Runner) -> None:
    press(qtbot, Qt.Key.Key_Return)
    settle(qtbot, runner)


def test_list_shows_every_account(screen: UsersScreen, admin: ServiceContext) -> None:
    rows = shown_rows(screen)
    assert {r.username for r in rows} == {"admin", "huda"}
    assert screen.ui.statusLabel.text() == "عدد الحسابات: 2"
    huda = row_of(screen, "huda")
    proxy = screen.proxy
    (r,) = [r for r in range(proxy.rowCount()) if proxy.data(proxy.index(r, 0), RowRole) == huda]
    cells = [proxy.data(proxy.index(r, c)) for c in range(proxy.columnCount())]
    assert cells[0] == huda.full_name
    assert cells[1] == f"{LRI}huda{PDI}", "the Latin username is isolated inside Arabic text"
    assert cells[2] == Role.RECEPTIONIST.label
    assert cells[3] == "مفعّل"
    # Nothing selected: only adding is possible.
    assert screen.ui.addButton.isEnabled()
    assert not screen.ui.editButton.isEnabled()
    assert not screen.ui.resetPasswordButton.isEnabled()
    assert not screen.ui.unlockButton.isEnabled()


def fill_new_user(qtbot: QtBot, dialog: QDialog, full_name: str, username: str) -> None:
    """Full name, username, (role left as is), password, confirmation — by keyboard."""
    assert isinstance(dialog, UserDialog)
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.ui.fullNameEdit.setFocus()
    fill_by_keyboard(qtbot, full_name, username)
    press(qtbot, Qt.Key.Key_Tab)  # past the role
    assert focused() is dialog.ui.roleCombo
    press(qtbot, Qt.Key.Key_Tab)
    fill_by_keyboard(qtbot, "basmat-2026", "basmat-2026")
    assert focused() is dialog.ui.confirmEdit


def test_add_user(qtbot: QtBot, runner: Runner, screen: UsersScreen, admin: ServiceContext) -> None:
    def drive(dialog: QDialog) -> None:
        assert dialog.windowTitle() == "إضافة مستخدم"
        assert isinstance(dialog, UserDialog)
        assert dialog.ui.roleCombo.currentData() == Role.RECEPTIONIST.value
        fill_new_user(qtbot, dialog, "نورة الشهري", "noura")
        submit(qtbot, runner)
        close_dialog(qtbot, dialog)

    run_modal(qtbot, lambda: click(qtbot, screen.ui.addButton), drive)
    settle(qtbot, runner)

    noura = account(admin, "noura")
    assert (noura.full_name, noura.role, noura.active) == (
        "نورة الشهري",
        Role.RECEPTIONIST,
        True,
    )
    assert row_of(screen, "noura") == noura
    assert screen.selected() == noura, "the new account is selected"
    assert screen.ui.statusLabel.text() == "أُضيف المستخدم نورة الشهري."
    assert login(admin, "noura", "basmat-2026").staff_id == noura.id


def test_invalid_username_creates_nothing(
    qtbot: QtBot, runner: Runner, screen: UsersScreen, admin: ServiceContext
) -> None:
    before = list_staff(admin)

    def drive(dialog: QDialog) -> None:
        assert isinstance(dialog, UserDialog)
        fill_new_user(qtbot, dialog, "نورة الشهري", "نورة")
        submit(qtbot, runner)
        assert dialog.isVisible(), "the dialog stays open for a correction"
        assert dialog.ui.errorLabel.text().startswith("اسم المستخدم:")
        assert dialog.ui.usernameEdit.property("invalid") is True
        assert focused() is dialog.ui.usernameEdit
        press(qtbot, Qt.Key.Key_Escape)
        close_dialog(qtbot, dialog)

    run_modal(qtbot, lambda: click(qtbot, screen.ui.addButton), drive)
    settle(qtbot, runner)

    assert list_staff(admin) == before
    assert len(shown_rows(screen)) == 2
    assert screen.ui.statusLabel.text() == "عدد الحسابات: 2"


def test_mismatched_confirmation_creates_nothing(
    qtbot: QtBot, runner: Runner, screen: UsersScreen, admin: ServiceContext
) -> None:
    before = list_staff(admin)

    def drive(dialog: QDialog) -> None:
        assert isinstance(dialog, UserDialog)
        fill_new_user(qtbot, dialog, "نورة الشهري", "noura")
        fill_by_keyboard(qtbot, "x")  # the confirmation now differs
        submit(qtbot, runner)
        assert dialog.ui.errorLabel.text().startswith("تأكيد كلمة المرور:")
        assert dialog.ui.confirmEdit.property("invalid") is True
        dialog.reject()

    run_modal(qtbot, lambda: click(qtbot, screen.ui.addButton), drive)
    assert list_staff(admin) == before


def test_edit_role(
    qtbot: QtBot, runner: Runner, screen: UsersScreen, admin: ServiceContext
) -> None:
    huda = row_of(screen, "huda")
    screen.select(huda.id)
    assert screen.selected() == huda

    def drive(dialog: QDialog) -> None:
        assert isinstance(dialog, UserDialog)
        ui = dialog.ui
        assert ui.usernameEdit.isReadOnly()
        assert not ui.passwordEdit.isVisible()
        assert ui.roleCombo.currentData() == Role.RECEPTIONIST.value
        qtbot.waitUntil(dialog.isActiveWindow)
        ui.roleCombo.setFocus()
        press(qtbot, Qt.Key.Key_Down)  # researcher
        press(qtbot, Qt.Key.Key_Down)  # supervisor
        assert ui.roleCombo.currentData() == Role.SUPERVISOR.value
        submit(qtbot, runner)
        close_dialog(qtbot, dialog)

    run_modal(qtbot, lambda: click(qtbot, screen.ui.editButton), drive)
    settle(qtbot, runner)

    assert account(admin, "huda").role is Role.SUPERVISOR
    assert row_of(screen, "huda").role is Role.SUPERVISOR
    assert screen.selected() == row_of(screen, "huda")
    assert screen.ui.editButton.isEnabled(), "the edited account stays selected"


def test_last_admin_cannot_lose_the_role(
    qtbot: QtBot, runner: Runner, screen: UsersScreen, admin: ServiceContext
) -> None:
    screen.select(row_of(screen, "admin").id)

    def drive(dialog: QDialog) -> None:
        assert isinstance(dialog, UserDialog)
        dialog.ui.roleCombo.setCurrentIndex(dialog.ui.roleCombo.findData(Role.RECEPTIONIST.value))
        save = dialog.ui.buttonBox.button(QDialogButtonBox.StandardButton.Save)
        assert save.text() == "حفظ"
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
        settle(qtbot, runner)
        assert dialog.isVisible()
        assert "آخر مدير" in dialog.ui.errorLabel.text()
        assert dialog.ui.roleCombo.property("invalid") is True
        dialog.reject()

    run_modal(qtbot, lambda: click(qtbot, screen.ui.editButton), drive)
    assert account(admin, "admin").role is Role.ADMIN


def test_reset_password_then_sign_in_with_it(
    qtbot: QtBot, runner: Runner, screen: UsersScreen, admin: ServiceContext, password: str
) -> None:
    huda = row_of(screen, "huda")
    screen.select(huda.id)

    def drive(dialog: QDialog) -> None:
        assert isinstance(dialog, PasswordDialog)
        ui = dialog.ui
        assert huda.full_name in dialog.windowTitle()
        assert not ui.currentEdit.isVisible(), "an administrator does not need the old one"
        qtbot.waitUntil(dialog.isActiveWindow)
        ui.newEdit.setFocus()
        fill_by_keyboard(qtbot, NEW_PASSWORD, NEW_PASSWORD)
        submit(qtbot, runner)
        close_dialog(qtbot, dialog)

    run_modal(qtbot, lambda: click(qtbot, screen.ui.resetPasswordButton), drive)
    settle(qtbot, runner)

    assert login(admin, "huda", NEW_PASSWORD).staff_id == huda.id
    with pytest.raises(AuthenticationError):
        login(admin, "huda", password)
    selected = screen.selected()
    assert selected is not None
    assert selected.id == huda.id


def test_reset_password_refuses_a_short_one(
    qtbot: QtBot, runner: Runner, screen: UsersScreen, admin: ServiceContext, password: str
) -> None:
    screen.select(row_of(screen, "huda").id)

    def drive(dialog: QDialog) -> None:
        assert isinstance(dialog, PasswordDialog)
        qtbot.waitUntil(dialog.isActiveWindow)
        dialog.ui.newEdit.setFocus()
        fill_by_keyboard(qtbot, "short", "short")
        submit(qtbot, runner)
        assert dialog.ui.errorLabel.text().startswith("كلمة المرور:")
        assert dialog.ui.newEdit.property("invalid") is True
        dialog.reject()

    run_modal(qtbot, lambda: click(qtbot, screen.ui.resetPasswordButton), drive)
    assert login(admin, "huda", password).username == "huda"


def lock_out(ctx: ServiceContext, username: str) -> None:
    for _ in range(MAX_FAILED_LOGINS):
        with pytest.raises(AuthenticationError):
            login(ctx, username, "wrong password")


def test_unlock_is_offered_only_for_a_locked_account(
    qtbot: QtBot,
    runner: Runner,
    screen: UsersScreen,
    admin: ServiceContext,
    make_actor: MakeActor,
) -> None:
    make_actor(Role.RESEARCHER, username="khalid")
    lock_out(admin, "huda")
    screen.refresh()
    settle(qtbot, runner)
    assert row_of(screen, "huda").locked
    assert (
        screen.proxy.data(screen.proxy.index(shown_rows(screen).index(row_of(screen, "huda")), 3))
        == "مقفل"
    )

    screen.select(row_of(screen, "khalid").id)
    assert screen.ui.editButton.isEnabled()
    assert not screen.ui.unlockButton.isEnabled()

    screen.select(row_of(screen, "huda").id)
    assert screen.ui.unlockButton.isEnabled()
    click(qtbot, screen.ui.unlockButton)
    settle(qtbot, runner)

    assert not account(admin, "huda").locked
    assert not row_of(screen, "huda").locked
    assert screen.selected() == row_of(screen, "huda"), "the unlocked account stays selected"
    assert not screen.ui.unlockButton.isEnabled(), "nothing left to unlock"
    assert login(admin, "huda", PASSWORD).username == "huda"


def test_confirmation_survives_the_reload(
    qtbot: QtBot, runner: Runner, screen: UsersScreen, admin: ServiceContext
) -> None:
    lock_out(admin, "huda")
    screen.refresh()
    settle(qtbot, runner)
    screen.select(row_of(screen, "huda").id)
    click(qtbot, screen.ui.unlockButton)
    settle(qtbot, runner)
    assert not account(admin, "huda").locked
    assert screen.ui.statusLabel.text() == f"فُتح حساب {row_of(screen, 'huda').full_name}."
