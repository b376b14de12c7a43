"""What every screen of the main window is: a `Screen`, built from a `ScreenEnv`.

A screen is given everything it needs when it is built (the signed-in context, the background
runner, this database's path and sync state, and the application's events), never fishes it out
of the widget tree. It reloads its data in `refresh()` (off the GUI thread, through the runner)
and says so with `loaded` once the data is on screen. Screens talk to the window and to each
other only through `AppEvents`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from basmat_desk.gui.workers import Runner
from basmat_desk.services.context import ServiceContext
from basmat_desk.services.startup import SyncPeek


class AppEvents(QObject):
    """Things that happen on one screen that the window or another screen shows."""

    association_saved = Signal(object)  # AssociationSettings: the window title, the idle lock
    conflicts_counted = Signal(int)  # open sync conflicts: the status bar's badge


@dataclass(frozen=True)
class ScreenEnv:
    ctx: ServiceContext
    runner: Runner
    database_path: str = ""
    sync: SyncPeek = field(default_factory=SyncPeek)
    events: AppEvents = field(default_factory=AppEvents)


class Screen(QWidget):
    """A page of the main window. `title` is the navigation label it was registered with."""

    loaded = Signal()  # the screen's data is on screen

    def __init__(self, env: ScreenEnv, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env = env
        self.title = title
        self._ctx = env.ctx
        self._runner = env.runner

    def refresh(self) -> None:
        """Reload the screen's data (the window calls it each time the screen is shown).
        A screen without data of its own is loaded at once."""
        self.loaded.emit()
