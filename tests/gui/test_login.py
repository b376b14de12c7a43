"""Signing in and setting up the first administrator, driven by the keyboard only."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from basmat_desk.domain.enums import Role
from basmat_desk.gui.dialogs import FirstAdminDialog, LoginDialog
from basmat_desk.gui.workers import Runner
from basmat_desk.services.context import ServiceContext
from basmat_desk.services.passwords import PASSWORD_MISMATCH
from basmat_desk.services.staff import (
    ACCOUNT_LOCKED,
    LOGIN_FAILED,
    MAX_FAILED_LOGINS,
    has_any_staff,
    list_staff,
)
from tests.conftest import MakeActor
from tests.gui.conftest import fill_by_keyboard, focused, press, settle, show, type_text

pytestmark = pytest.mark.gui

ASSOCIATION = "جمعية بسمات للعناية بالأسنان"


@pytest.fixture
def clerk(make_actor: MakeActor) -> ServiceContext:
    """A receptionist, huda, whose password is the `password` fixture."""
    return make_actor(Role.RECEPTIONIST, username="huda")


@pytest.fixture
def login_dialog(
    qtbot: QtBot, ctx: ServiceContext, runner: Runner, clerk: ServiceContext
) -> LoginDialog:
    dialog = LoginDialog(ctx, runner, ASSOCIATION)
    show(qtbot, dialog)
    return dialog


def sign_in(qtbot: QtBot, runner: Runner, username: str, password: str) -> None:
    fill_by_keyboard(qtbot, username, password)
    press(qtbot, Qt.Key.Key_Return)
    settle(qtbot, runner)


def test_login_starts_in_the_username_field(login_dialog: LoginDialog) -> None:
    assert focused() is login_dialog.ui.usernameEdit
    assert login_dialog.ui.associationLabel.text() == ASSOCIATION
    assert not login_dialog.ui.errorLabel.isVisible()


def test_wrong_password_is_refused_in_arabic_and_cleared(
    qtbot: QtBot, runner: Runner, login_dialog: LoginDialog
) -> None:
    sign_in(qtbot, runner, "huda", "not the password")

    ui = login_dialog.ui
    assert ui.errorLabel.isVisible()
    assert ui.errorLabel.text() == LOGIN_FAILED
    assert ui.passwordEdit.text() == ""
    assert ui.usernameEdit.text() == "huda"
    assert focused() is ui.passwordEdit, "the user can type the password again at once"
    assert login_dialog.isVisible()
    assert login_dialog.actor is None


def test_right_password_signs_in(
    qtbot: QtBot, runner: Runner, login_dialog: LoginDialog, clerk: ServiceContext, password: str
) -> None:
    sign_in(qtbot, runner, "huda", password)

    assert login_dialog.result() == QDialog.DialogCode.Accepted
    assert not login_dialog.isVisible()
    assert login_dialog.actor == clerk.actor


def test_retry_after_a_wrong_password_signs_in(
    qtbot: QtBot, runner: Runner, login_dialog: LoginDialog, password: str
) -> None:
    sign_in(qtbot, runner, "huda", "not the password")
    type_text(qtbot, password)  # the focus is back in the emptied password field
    press(qtbot, Qt.Key.Key_Enter)
    settle(qtbot, runner)

    assert login_dialog.result() == QDialog.DialogCode.Accepted
    assert login_dialog.actor is not None
    assert login_dialog.actor.username == "huda"


def test_five_wrong_passwords_lock_the_account(
    qtbot: QtBot,
    runner: Runner,
    login_dialog: LoginDialog,
    admin: ServiceContext,
    password: str,
) -> None:
    for attempt in range(1, MAX_FAILED_LOGINS + 1):
        if attempt == 1:
            sign_in(qtbot, runner, "huda", f"wrong password {attempt}")
        else:
            type_text(qtbot, f"wrong password {attempt}")
            press(qtbot, Qt.Key.Key_Return)
            settle(qtbot, runner)
        expected = ACCOUNT_LOCKED if attempt == MAX_FAILED_LOGINS else LOGIN_FAILED
        assert login_dialog.ui.errorLabel.text() == expected, attempt

    assert "مقفل" in login_dialog.ui.errorLabel.text()
    (huda,) = [row for row in list_staff(admin) if row.username == "huda"]
    assert huda.locked

    # Even the right password no longer opens a locked account.
    type_text(qtbot, password)
    press(qtbot, Qt.Key.Key_Return)
    settle(qtbot, runner)
    assert login_dialog.ui.errorLabel.text() == ACCOUNT_LOCKED
    assert login_dialog.actor is None
    assert login_dialog.isVisible()


def test_escape_cancels_login(qtbot: QtBot, login_dialog: LoginDialog) -> None:
    press(qtbot, Qt.Key.Key_Escape)

    assert login_dialog.result() == QDialog.DialogCode.Rejected
    assert not login_dialog.isVisible()
    assert login_dialog.actor is None


# --- the first administrator of a new installation --------------------------------------------


@pytest.fixture
def first_admin(qtbot: QtBot, ctx: ServiceContext, runner: Runner) -> FirstAdminDialog:
    dialog = FirstAdminDialog(ctx, runner)
    show(qtbot, dialog)
    dialog.ui.fullNameEdit.setFocus()
    return dialog


def test_password_confirmation_must_match(
    qtbot: QtBot, ctx: ServiceContext, runner: Runner, first_admin: FirstAdminDialog
) -> None:
    fill_by_keyboard(qtbot, "سارة العتيبي", "sara", "basmat-2026", "basmat-2027")
    press(qtbot, Qt.Key.Key_Return)
    settle(qtbot, runner)  # the service checks the form

    ui = first_admin.ui
    assert ui.errorLabel.isVisible()
    assert ui.errorLabel.text() == PASSWORD_MISMATCH
    assert "تأكيد كلمة المرور" in ui.errorLabel.text()
    assert ui.confirmEdit.property("invalid") is True
    assert focused() is ui.confirmEdit
    assert first_admin.isVisible()
    assert first_admin.actor is None
    assert not has_any_staff(ctx)


def test_short_password_is_refused(
    qtbot: QtBot, ctx: ServiceContext, runner: Runner, first_admin: FirstAdminDialog
) -> None:
    fill_by_keyboard(qtbot, "سارة العتيبي", "sara", "123", "123")
    press(qtbot, Qt.Key.Key_Return)
    settle(qtbot, runner)  # the service checks the form

    ui = first_admin.ui
    assert ui.errorLabel.text().startswith("كلمة المرور:")
    assert "8" in ui.errorLabel.text()
    assert ui.passwordEdit.property("invalid") is True
    assert ui.confirmEdit.property("invalid") is not True
    assert first_admin.actor is None
    assert not has_any_staff(ctx)


def test_invalid_username_is_refused_by_the_service(
    qtbot: QtBot, ctx: ServiceContext, runner: Runner, first_admin: FirstAdminDialog
) -> None:
    fill_by_keyboard(qtbot, "سارة العتيبي", "سارة", "basmat-2026", "basmat-2026")
    press(qtbot, Qt.Key.Key_Return)
    settle(qtbot, runner)

    ui = first_admin.ui
    assert ui.errorLabel.text().startswith("اسم المستخدم:")
    assert ui.usernameEdit.property("invalid") is True
    assert first_admin.isEnabled(), "the form is usable again after a refusal"
    assert first_admin.actor is None
    assert not has_any_staff(ctx)


def test_valid_first_admin_is_created(
    qtbot: QtBot, ctx: ServiceContext, runner: Runner, first_admin: FirstAdminDialog
) -> None:
    fill_by_keyboard(qtbot, "سارة العتيبي", "Sara", "basmat-2026", "basmat-2026")
    press(qtbot, Qt.Key.Key_Return)
    settle(qtbot, runner)

    assert first_admin.result() == QDialog.DialogCode.Accepted
    actor = first_admin.actor
    assert actor is not None
    assert (actor.username, actor.full_name, actor.role) == ("sara", "سارة العتيبي", Role.ADMIN)
    assert has_any_staff(ctx)
    (row,) = list_staff(ctx.acting_as(actor))
    assert row.id == actor.staff_id
