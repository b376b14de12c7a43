"""The one way a dialog runs its use case: the service validates, the dialog shows.

OK sends what was typed to the use case on the worker thread (the dialog is disabled meanwhile,
so it cannot be sent twice); a refusal comes back as the service's own error, whose field is
marked and focused (every bad field, for a form with several); success closes the dialog.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QDialog, QWidget

from basmat_desk.domain.errors import BasmatError
from basmat_desk.gui.screen_fit import fit_to_screen
from basmat_desk.gui.widgets import FieldErrors
from basmat_desk.gui.workers import Runner


class ServiceDialog(QDialog):
    """A dialog whose OK runs a use case in the background and closes on success.

    Subclasses set `errors` (the error label and the widget of each field code)."""

    errors: FieldErrors
    #: Shrink to the screen when shown (a counter's screen may be 1024×768).
    fits_screen = True

    def __init__(self, runner: Runner, parent: QWidget | None) -> None:
        super().__init__(parent)
        self._runner = runner

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.fits_screen:
            fit_to_screen(self)

    def _run(
        self,
        fn: Callable[[], Any],
        on_success: Callable[[Any], None],
        on_refused: Callable[[BasmatError], bool] | None = None,
    ) -> None:
        """Run `fn` on the worker; then `on_success(result)`, or show the refusal. A refusal
        that `on_refused` handles itself (it returns True) is not shown."""
        self.setEnabled(False)

        def done(result: Any) -> None:
            self.setEnabled(True)
            on_success(result)

        def failed(error: BasmatError) -> None:
            self.setEnabled(True)
            if on_refused is not None and on_refused(error):
                return
            self.errors.show_error(error)
            self._after_failure()

        self._runner.submit(self, fn, done, failed)

    def _after_failure(self) -> None:
        """Hook: what to clear after a refused attempt."""
