"""Start-up configuration (right to left, Arabic, fonts), the error reporter, and the runner
that does slow work off the GUI thread."""

from __future__ import annotations

import gc
import logging
import re
import sys
import threading
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QLocale, QObject, Qt, QThread
from PySide6.QtGui import QFontDatabase, QFontInfo
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QWidget
from pytestqt.qtbot import QtBot

from basmat_desk.domain.errors import BasmatError, ValidationError
from basmat_desk.gui.app import ErrorReporter
from basmat_desk.gui.workers import Runner
from basmat_desk.paths import fonts_dir
from tests.gui.conftest import settle

pytestmark = pytest.mark.gui

ARABIC = re.compile(r"[\u0600-\u06FF]")


# --- right to left and Arabic from the first pixel ----------------------------------------------


def test_application_is_right_to_left(app: QApplication) -> None:
    assert app.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert QApplication.isRightToLeft()
    assert QWidget().layoutDirection() == Qt.LayoutDirection.RightToLeft


def test_default_locale_is_saudi_arabic(app: QApplication) -> None:
    locale = QLocale()
    assert locale.language() == QLocale.Language.Arabic
    assert locale.territory() == QLocale.Country.SaudiArabia
    assert locale.textDirection() == Qt.LayoutDirection.RightToLeft


def test_qt_arabic_translation_is_installed(app: QApplication) -> None:
    # Qt's standard button texts live in the QPlatformTheme context of qtbase_ar.
    cancel = QCoreApplication.translate("QPlatformTheme", "Cancel")
    assert cancel != "Cancel"
    assert ARABIC.search(cancel)
    # …and standard buttons that no screen renamed show them.
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    text = box.button(QDialogButtonBox.StandardButton.Cancel).text()
    assert ARABIC.search(text)
    assert "Cancel" not in text


class _Cycle:
    """An object in a reference cycle: only the cyclic collector frees it."""

    freed_on: list[str] = []  # noqa: RUF012 - filled by __del__, read by the test

    def __init__(self) -> None:
        self.me = self

    def __del__(self) -> None:
        _Cycle.freed_on.append(threading.current_thread().name)


def test_garbage_cycles_are_collected_on_the_gui_thread_only(
    app: QApplication, qtbot: QtBot
) -> None:
    """A Qt object freed by the collector on the worker thread crashes Qt later: the application
    turns automatic collection off and collects from a timer on the GUI thread."""
    assert not gc.isenabled()
    _Cycle.freed_on.clear()
    gc.collect()
    made = gc.get_threshold()[0] * 3
    cycles_built = threading.Event()

    def build_garbage() -> None:  # on another thread, as the worker allocates
        for _ in range(made):
            _Cycle()
        cycles_built.set()

    thread = threading.Thread(target=build_garbage, name="worker-like")
    thread.start()
    thread.join()
    assert cycles_built.is_set()
    assert _Cycle.freed_on == [], "nothing is collected off the GUI thread"
    qtbot.waitUntil(lambda: len(_Cycle.freed_on) == made, timeout=5_000)
    assert set(_Cycle.freed_on) == {threading.main_thread().name}


def test_bundled_arabic_font_is_loaded_and_used(app: QApplication) -> None:
    assert (fonts_dir() / "NotoSansArabic-Regular.ttf").is_file()
    assert "Noto Sans Arabic" in QFontDatabase.families()
    assert app.font().families()[0] == "Noto Sans Arabic"
    # The family really resolves (is not silently replaced by a fallback font).
    assert QFontInfo(app.font()).family() == "Noto Sans Arabic"


# --- unexpected errors --------------------------------------------------------------------------


def failing_operation() -> None:
    raise ZeroDivisionError("division by zero in the queue")


def test_excepthook_logs_the_traceback_and_tells_the_user_in_arabic(
    app: QApplication, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    log_path = tmp_path / "basmat.log"
    reporter = ErrorReporter(log_path, show_dialogs=False)
    try:
        failing_operation()
    except ZeroDivisionError:
        kind, error, tb = sys.exc_info()
    assert kind is not None
    assert error is not None

    with caplog.at_level(logging.ERROR, logger="basmat.gui"):
        reporter.excepthook(kind, error, tb)

    (record,) = [r for r in caplog.records if r.name == "basmat.gui"]
    assert record.levelno == logging.ERROR
    logged = record.getMessage()
    assert "Traceback (most recent call last)" in logged
    assert "in failing_operation" in logged
    assert "ZeroDivisionError: division by zero in the queue" in logged

    (message,) = reporter.shown
    assert ARABIC.search(message)
    assert "ملف السجل" in message
    assert str(log_path) in message
    assert QApplication.activeModalWidget() is None, "no dialog when show_dialogs=False"


def test_excepthook_leaves_keyboard_interrupt_to_python(
    app: QApplication, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    passed_on: list[type[BaseException]] = []
    monkeypatch.setattr(sys, "__excepthook__", lambda kind, error, tb: passed_on.append(kind))
    reporter = ErrorReporter(None, show_dialogs=False)

    reporter.excepthook(KeyboardInterrupt, KeyboardInterrupt(), None)

    assert passed_on == [KeyboardInterrupt]
    assert reporter.shown == []
    assert not [r for r in caplog.records if r.name == "basmat.gui"]


# --- the runner ---------------------------------------------------------------------------------


def never(_: object) -> None:
    raise AssertionError("this callback must not be called")


def test_result_arrives_on_the_gui_thread(qtbot: QtBot, app: QApplication, runner: Runner) -> None:
    owner = QObject()
    worker_threads: list[bool] = []
    delivered: list[tuple[int, bool]] = []

    def work() -> int:
        worker_threads.append(QThread.currentThread() == app.thread())
        return 42

    runner.submit(
        owner,
        work,
        lambda result: delivered.append((result, QThread.currentThread() == app.thread())),
    )
    assert runner.pending == 1
    settle(qtbot, runner)

    assert worker_threads == [False], "the work ran off the GUI thread"
    assert delivered == [(42, True)], "the result came back on the GUI thread"


def test_results_keep_the_order_of_submission(qtbot: QtBot, runner: Runner) -> None:
    owner = QObject()
    delivered: list[int] = []
    for n in range(5):
        runner.submit(owner, lambda n=n: n, delivered.append)
    settle(qtbot, runner)
    assert delivered == [0, 1, 2, 3, 4]


def test_busy_changes_once_per_batch(qtbot: QtBot, runner: Runner) -> None:
    owner = QObject()
    busy: list[bool] = []
    runner.busy_changed.connect(busy.append)
    runner.submit(owner, lambda: 1, lambda _: None)
    runner.submit(owner, lambda: 2, lambda _: None)
    settle(qtbot, runner)
    assert busy == [True, False]


def test_user_error_goes_to_on_error(qtbot: QtBot, runner: Runner) -> None:
    owner = QObject()
    errors: list[BasmatError] = []
    unexpected: list[object] = []
    runner.unexpected_error.connect(unexpected.append)

    def refuse() -> None:
        raise ValidationError("username", "اسم المستخدم: مطلوب")

    runner.submit(owner, refuse, never, errors.append)
    settle(qtbot, runner)

    (error,) = errors
    assert isinstance(error, ValidationError)
    assert error.field == "username"
    assert unexpected == []


def test_unexpected_error_goes_to_the_signal(qtbot: QtBot, app: QApplication) -> None:
    runner = Runner()  # not the fixture's: that one fails the test on unexpected errors
    owner = QObject()
    errors: list[BasmatError] = []

    def buggy() -> None:
        raise KeyError("missing")

    with qtbot.waitSignal(runner.unexpected_error, timeout=5000) as blocker:
        runner.submit(owner, buggy, never, errors.append)

    (error,) = blocker.args
    assert isinstance(error, KeyError)
    assert errors == [], "a bug is not shown to the user as their mistake"
    assert runner.pending == 0
    assert runner.wait_done(5000)


def test_user_error_without_handler_is_reported_as_unexpected(
    qtbot: QtBot, app: QApplication
) -> None:
    runner = Runner()

    def refuse() -> None:
        raise BasmatError("غير مسموح")

    with qtbot.waitSignal(runner.unexpected_error, timeout=5000) as blocker:
        runner.submit(QObject(), refuse, never)
    assert isinstance(blocker.args[0], BasmatError)
    assert runner.wait_done(5000)


def test_result_for_a_deleted_widget_is_dropped(qtbot: QtBot, runner: Runner) -> None:
    owner = QWidget()
    release = threading.Event()
    started = threading.Event()
    delivered: list[object] = []

    def slow() -> str:
        started.set()
        assert release.wait(5)
        return "too late"

    runner.submit(owner, slow, delivered.append, delivered.append)
    assert started.wait(5)
    shiboken6.delete(owner)  # the screen was closed while its work ran
    assert not shiboken6.isValid(owner)
    release.set()
    settle(qtbot, runner)

    assert delivered == []
    assert runner.pending == 0
