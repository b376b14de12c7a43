"""Fixtures for the widget tests: the configured application, a background runner whose work
is always finished before the next test, and helpers to drive the interface by keyboard."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from basmat_desk.domain.enums import Role
from basmat_desk.gui.app import create_application
from basmat_desk.gui.workers import Runner
from basmat_desk.services.context import ServiceContext
from tests.conftest import MakeActor

SETTLE_TIMEOUT_MS = 10_000


@pytest.fixture(autouse=True)
def _cheap_password_hashes(fast_password_hashing: None) -> None:
    """These tests are about the interface, not the cost of argon2: hash cheaply."""


@pytest.fixture(scope="session")
def app(qapp: QApplication) -> QApplication:
    """pytest-qt's QApplication, configured once as the application configures it: right to
    left, Arabic locale, Qt's Arabic translations, the bundled fonts, the stylesheet."""
    configured = create_application()
    assert configured is qapp
    return configured


@pytest.fixture
def runner(app: QApplication) -> Iterator[Runner]:
    """The background runner; at teardown its work is finished and delivered, and an
    unexpected error (a bug) in that work fails the test instead of vanishing."""
    work = Runner()
    unexpected: list[BaseException] = []
    work.unexpected_error.connect(unexpected.append)
    yield work
    for _ in range(100):
        work.wait_done()
        app.processEvents()
        if work.pending == 0:
            break
    assert work.pending == 0, "background work still pending after the test"
    if unexpected:
        raise AssertionError(f"unexpected error in background work: {unexpected[0]!r}") from (
            unexpected[0]
        )


def settle(qtbot: QtBot, runner: Runner) -> None:
    """Wait (processing events) until every submitted job has run and its result has reached
    the widgets."""
    qtbot.waitUntil(lambda: runner.pending == 0, timeout=SETTLE_TIMEOUT_MS)


def show(qtbot: QtBot, widget: QWidget) -> QWidget:
    """Register, show and activate a top-level widget, so keyboard focus and shortcuts work."""
    qtbot.addWidget(widget)
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    return widget


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "no widget has the keyboard focus"
    return widget


def type_text(qtbot: QtBot, text: str) -> None:
    """Type into whichever widget has the keyboard focus, as a user would.

    QTest can only type Latin-1 (it aborts the process on other characters), so Arabic letters
    and digits are sent as key events carrying their text, as an Arabic keyboard layout sends
    them."""
    widget = focused()
    for char in text:
        if char.isascii():
            qtbot.keyClick(widget, char)
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            QApplication.sendEvent(widget, event)


def press(
    qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    """Press and release `key` in the focused widget. When the press disables or hides that
    widget (Enter starts background work, Escape closes the dialog), the release goes nowhere,
    as on a real screen; QTest would warn about it, so it is not sent."""
    widget = focused()
    qtbot.keyPress(widget, key, modifier)
    if widget.isEnabled() and widget.isVisible():
        qtbot.keyRelease(widget, key, modifier)


def fill_by_keyboard(qtbot: QtBot, *values: str) -> None:
    """Type each value into the focused field, pressing Tab between fields."""
    for n, value in enumerate(values):
        if n:
            press(qtbot, Qt.Key.Key_Tab)
        type_text(qtbot, value)


def run_modal(qtbot: QtBot, start: Callable[[], object], drive: Callable[[QDialog], None]) -> None:
    """Call `start()`, which opens a modal dialog with exec(); `drive(dialog)` runs inside that
    dialog's event loop and must leave the dialog closed. A failure inside `drive` closes the
    dialog (so exec() returns) and is raised here."""
    failures: list[BaseException] = []
    state = {"started": False, "returned": False}

    def step() -> None:
        if state["returned"]:
            return
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QDialog):
            QTimer.singleShot(10, step)
            return
        state["started"] = True
        try:
            drive(dialog)
            assert not dialog.isVisible(), "the dialog is still open after driving it"
        except BaseException as error:
            failures.append(error)
            dialog.done(QDialog.DialogCode.Rejected)

    QTimer.singleShot(0, step)
    try:
        start()
    finally:
        state["returned"] = True  # stops the polling even when start() failed
    if failures:
        raise failures[0]
    assert state["started"], "no modal dialog was opened"


def close_dialog(qtbot: QtBot, dialog: QDialog) -> None:
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=SETTLE_TIMEOUT_MS)


@pytest.fixture
def admin(make_actor: MakeActor) -> ServiceContext:
    """The installation's first administrator (password: the `password` fixture)."""
    return make_actor(Role.ADMIN)
