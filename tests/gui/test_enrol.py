"""A new counter PC joins the association's server from the first-run dialog instead of
creating its own administrator."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox
from pytestqt.qtbot import QtBot

from basmat_desk.domain.errors import ValidationError
from basmat_desk.gui.dialogs import EnrolDialog, FirstAdminDialog
from basmat_desk.gui.workers import Runner
from basmat_desk.services.bootstrap import open_local
from basmat_desk.services.context import ServiceContext
from basmat_desk.services.enrolment import NO_CODE, enrol_counter
from basmat_desk.services.staff import create_first_admin, has_any_staff, login
from basmat_desk.sync.client import Offline, enroll_database
from tests.conftest import PASSWORD, dispose
from tests.gui.conftest import run_modal, settle, show, type_text
from tests.sync.conftest import SyncServer, sync_server, sync_template  # noqa: F401 (fixtures)

pytestmark = pytest.mark.gui


def click(qtbot: QtBot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def ok_button(dialog: QDialog):
    return dialog.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok)


def test_without_a_server_option_the_dialog_only_creates_the_admin(
    qtbot: QtBot, ctx: ServiceContext, runner: Runner
) -> None:
    dialog = FirstAdminDialog(ctx, runner)
    show(qtbot, dialog)
    assert not hasattr(dialog, "enrol_button")


def test_a_code_is_required_and_the_servers_refusal_is_shown(
    qtbot: QtBot,
    ctx: ServiceContext,
    runner: Runner,
    db_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[str] = []

    def refuse(_path: Path, code: str) -> None:  # the server's side of enrolling
        calls.append(code)
        if code.startswith("BASMAT1-used"):
            raise ValidationError("code", "رمز التسجيل: الرمز ناقص أو تالف؛ انسخه كاملاً")
        raise Offline("تعذّر الاتصال بخادم المزامنة: الخادم لا يقبل الاتصال (قد يكون متوقفاً)")

    monkeypatch.setattr("basmat_desk.sync.client.enroll_database", refuse)
    dialog = EnrolDialog(runner, lambda code: enrol_counter(ctx, db_path, code))
    show(qtbot, dialog)
    click(qtbot, ok_button(dialog))
    settle(qtbot, runner)  # the service checks the code
    assert dialog.ui.errorLabel.text() == NO_CODE
    assert dialog.ui.codeEdit.property("invalid") is True
    assert calls == []

    dialog.ui.codeEdit.setFocus()
    type_text(qtbot, "BASMAT1-used")
    click(qtbot, ok_button(dialog))
    settle(qtbot, runner)
    assert "الرمز ناقص أو تالف" in dialog.ui.errorLabel.text()
    assert dialog.isVisible()

    dialog.ui.codeEdit.setPlainText("BASMAT1-other")
    click(qtbot, ok_button(dialog))
    settle(qtbot, runner)
    assert "الخادم لا يقبل الاتصال" in dialog.ui.errorLabel.text()
    assert dialog.isVisible()
    assert calls == ["BASMAT1-used", "BASMAT1-other"]


def test_enrolling_from_the_first_run_dialog_with_a_real_code_brings_the_accounts(
    qtbot: QtBot,
    runner: Runner,
    sync_server: SyncServer,  # noqa: F811
    tmp_path: Path,
) -> None:
    # the association's first counter made its administrator and pushed it
    first = open_local(tmp_path / "first.sqlite")
    create_first_admin(first, "admin", "مدير النظام", PASSWORD)
    enroll_database(tmp_path / "first.sqlite", sync_server.add_counter("الأول", "A"))
    dispose(first)

    new_pc = tmp_path / "new.sqlite"
    ctx = open_local(new_pc)
    code = sync_server.add_counter("الاستقبال الثاني", "B")

    def enrol(text: str) -> bool:
        enroll_database(new_pc, text)
        return has_any_staff(ctx)

    dialog = FirstAdminDialog(ctx, runner, enrol=enrol)
    show(qtbot, dialog)

    def drive(enrol_dialog: QDialog) -> None:
        assert isinstance(enrol_dialog, EnrolDialog)
        enrol_dialog.ui.codeEdit.setPlainText(f"  {code}\n")  # pasted with spaces around
        click(qtbot, ok_button(enrol_dialog))
        qtbot.waitUntil(lambda: not enrol_dialog.isVisible(), timeout=30_000)

    run_modal(qtbot, lambda: click(qtbot, dialog.enrol_button), drive)

    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.enrolled
    assert dialog.has_staff
    assert dialog.actor is None
    assert login(ctx, "admin", PASSWORD).username == "admin"  # the account came from the server
    dispose(ctx)


def drive_modals(qtbot: QtBot, start, *drivers) -> object:
    """Run `start()`, which opens modal dialogs one after another (some inside others); each
    driver handles the next dialog that appears. Returns what start() returned."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    queue = list(drivers)
    seen: list[QDialog] = []

    def step() -> None:
        if not queue:
            return
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QDialog) or dialog in seen or not dialog.isVisible():
            QTimer.singleShot(10, step)
            return
        seen.append(dialog)
        driver = queue.pop(0)
        QTimer.singleShot(10, step)  # before the driver: it may open a nested dialog
        driver(dialog)

    QTimer.singleShot(0, step)
    result = start()
    assert not queue, f"{len(queue)} dialog(s) never appeared"
    return result


def test_the_first_counter_of_all_enrols_then_creates_the_administrator(
    qtbot: QtBot,
    runner: Runner,
    sync_server: SyncServer,  # noqa: F811
    tmp_path: Path,
) -> None:
    """An empty server brings no accounts: the administrator dialog comes back, without the
    server button, and the account it creates is pushed up at the next sync."""
    from basmat_desk.gui.app import Controller, open_for_startup
    from basmat_desk.sync.client import SyncClient

    path = tmp_path / "first.sqlite"
    ctx, start = open_for_startup(path)
    controller = Controller(ctx, runner, path, start)
    code = sync_server.add_counter("الأول", "A")

    def enrol_instead(dialog: QDialog) -> None:
        assert isinstance(dialog, FirstAdminDialog)
        click(qtbot, dialog.enrol_button)

    def paste_code(dialog: QDialog) -> None:
        assert isinstance(dialog, EnrolDialog)
        dialog.ui.codeEdit.setPlainText(code)
        click(qtbot, ok_button(dialog))

    def create_admin(dialog: QDialog) -> None:
        assert isinstance(dialog, FirstAdminDialog)
        assert not hasattr(dialog, "enrol_button")
        dialog.ui.fullNameEdit.setText("مدير النظام")
        dialog.ui.usernameEdit.setText("admin")
        dialog.ui.passwordEdit.setText(PASSWORD)
        dialog.ui.confirmEdit.setText(PASSWORD)
        click(qtbot, ok_button(dialog))

    signed_in = drive_modals(qtbot, controller.sign_in, enrol_instead, paste_code, create_admin)

    assert signed_in is not None
    assert signed_in.actor.username == "admin"
    with SyncClient(path, timeout=10) as client:
        assert client.status().enrolled
        client.sync_once()
    assert "admin" in {row["username"] for row in sync_server.rows("staff").values()}
    dispose(ctx)
