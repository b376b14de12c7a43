"""One way to run slow work off the GUI thread.

Database work runs on a single worker thread (SQLite has one writer at a time, and order is
kept); results come back to the GUI thread through a queued signal, and are dropped when the
widget that asked has been deleted meanwhile.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from basmat_desk.domain.errors import BasmatError

log = logging.getLogger("basmat.gui.workers")


class _Relay(QObject):
    finished = Signal(object)  # a zero-argument callable to run on the GUI thread


class _Task(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay, deliver: Callable[..., None]) -> None:
        super().__init__()
        self._fn = fn
        self._relay = relay
        self._deliver = deliver
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            result = self._fn()
        except BaseException as error:  # handed to the GUI thread, never lost
            failure = error
            self._relay.finished.emit(lambda: self._deliver(None, failure))
            return
        self._relay.finished.emit(lambda: self._deliver(result, None))


class Runner(QObject):
    """Runs callables on one background thread and calls back on the GUI thread."""

    busy_changed = Signal(bool)
    unexpected_error = Signal(object)  # an exception that is not the user's (a bug)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._relay = _Relay(self)
        self._relay.finished.connect(self._on_finished)
        self._pending = 0
        self._held: list[_Task] | None = None

    @property
    def pending(self) -> int:
        return self._pending

    def submit(
        self,
        owner: QObject,
        fn: Callable[[], Any],
        on_success: Callable[[Any], None],
        on_error: Callable[[BasmatError], None] | None = None,
    ) -> None:
        """Run `fn()` in the background; then `on_success(result)` or `on_error(error)`.

        A BasmatError (the user's input, a refused permission) goes to `on_error`; anything else
        is a bug and goes to `unexpected_error`.
        """

        def deliver(result: Any, error: BaseException | None) -> None:
            if not shiboken6.isValid(owner):
                log.debug("dropping a result for a deleted %s", type(owner).__name__)
                return
            if error is None:
                on_success(result)
            elif isinstance(error, BasmatError) and on_error is not None:
                on_error(error)
            else:
                self.unexpected_error.emit(error)

        self._pending += 1
        if self._pending == 1:
            self.busy_changed.emit(True)
        task = _Task(fn, self._relay, deliver)
        if self._held is not None:
            self._held.append(task)
        else:
            self._pool.start(task)

    def hold(self) -> None:
        """Queue new work without starting it (start-up: the first window paints first, the
        worker's imports would otherwise compete with it for the interpreter)."""
        if self._held is None:
            self._held = []

    def release(self) -> None:
        """Start the held work, in order."""
        held, self._held = self._held or [], None
        for task in held:
            self._pool.start(task)

    @Slot(object)
    def _on_finished(self, callback: Callable[[], None]) -> None:
        self._pending -= 1
        try:
            callback()
        finally:
            if self._pending == 0:
                self.busy_changed.emit(False)

    def wait_done(self, msecs: int = -1) -> bool:
        """Block until the worker thread is idle (shutdown and tests)."""
        return self._pool.waitForDone(msecs)
