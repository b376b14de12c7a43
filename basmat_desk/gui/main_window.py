"""The main window: navigation on the right, the screens, and the idle lock."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QByteArray, QEvent, QObject, QSettings, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QListWidgetItem, QMainWindow, QWidget

from basmat_desk import __version__
from basmat_desk.domain.permissions import allows
from basmat_desk.domain.settings import AssociationSettings
from basmat_desk.gui.forms.ui_main_window import Ui_MainWindow
from basmat_desk.gui.screens.base import AppEvents, Screen, ScreenEnv
from basmat_desk.gui.screens.registry import SCREENS
from basmat_desk.gui.sync_indicator import BackgroundSync, SyncIndicator
from basmat_desk.gui.widgets import ElidedLabel, inform
from basmat_desk.gui.workers import Runner
from basmat_desk.services.context import ServiceContext
from basmat_desk.services.startup import SyncPeek, sync_start

if TYPE_CHECKING:
    from basmat_desk.gui.dialogs import LockScreen
    from basmat_desk.sync.status import SyncStatus

S = TypeVar("S", bound=Screen)

# Window state is the PC's, not the association's: kept in QSettings, not in the database.
GEOMETRY_KEY = "main_window/geometry"

ACTIVITY_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)


class IdleWatcher(QObject):
    """Emits `idle` when no key or mouse event reached the application for `minutes`."""

    idle = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.idle)
        self._interval_ms = 0

    def set_minutes(self, minutes: int) -> None:
        self._interval_ms = max(0, minutes) * 60_000
        self.restart()

    def set_interval_ms(self, msecs: int) -> None:
        self._interval_ms = msecs
        self.restart()

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def restart(self) -> None:
        if self._interval_ms > 0:
            self._timer.start(self._interval_ms)
        else:
            self._timer.stop()

    def pause(self) -> None:
        self._timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in ACTIVITY_EVENTS and self._timer.isActive():
            self._timer.start(self._interval_ms)
        return False


class MainWindow(QMainWindow):
    logout_requested = Signal()
    settings_saved = Signal(object)  # AssociationSettings

    def __init__(
        self,
        ctx: ServiceContext,
        runner: Runner,
        association: AssociationSettings,
        database_path: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        assert ctx.actor is not None, "the main window needs a signed-in staff member"
        self.ui = Ui_MainWindow()
        self.ui.setupUi(self)
        self.ctx = ctx
        self.runner = runner
        self.association = association
        self._closing_for_logout = False
        actor = ctx.actor
        self.setWindowTitle(f"{association.association_name} — بسمات")

        sync = sync_start(database_path)
        self.events = AppEvents(self)
        self.events.association_saved.connect(self._settings_saved)
        env = ScreenEnv(ctx, runner, database_path, sync, self.events)
        self._screens: dict[str, Screen] = {}
        for entry in SCREENS:
            if allows(actor.role, entry.permission) and entry.available(env):
                self._add_page(entry.key, entry.build(env))

        self.ui.navList.currentRowChanged.connect(self.show_page)
        self.ui.navList.setCurrentRow(0)

        self.user_label = ElidedLabel(f"المستخدم: {actor.full_name} ({actor.role.label})")
        self.user_label.setToolTip(self.user_label.text())
        self.busy_label = QLabel("")
        self.ui.statusBar.addWidget(self.user_label)
        self.ui.statusBar.addPermanentWidget(self.busy_label)
        self.sync_indicator = SyncIndicator(can_resolve="conflicts" in self._screens)
        self.ui.statusBar.addPermanentWidget(self.sync_indicator)
        self.events.conflicts_counted.connect(self.sync_indicator.set_conflicts)
        runner.busy_changed.connect(
            lambda busy: self.busy_label.setText("جارٍ العمل…" if busy else "")
        )

        self.ui.lockAction.triggered.connect(self.lock)
        self.ui.changePasswordAction.triggered.connect(self.change_password)
        self.ui.logoutAction.triggered.connect(self.logout)
        self.ui.quitAction.triggered.connect(self.close)
        self.ui.aboutAction.triggered.connect(self.about)

        self.idle = IdleWatcher(self)
        self.idle.idle.connect(self.lock)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.idle)
        self.idle.set_minutes(association.idle_lock_minutes)
        self._lock: LockScreen | None = None
        geometry = QSettings().value(GEOMETRY_KEY)
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)

        self.sync: BackgroundSync | None = None
        self._start_sync(sync, database_path)

    # --- screens -----------------------------------------------------------------------------

    def find_screen(self, key: str, kind: type[S] = Screen) -> S | None:  # type: ignore[assignment]
        """The screen registered as `key` (of class `kind`), if this staff member has it."""
        found = self._screens.get(key)
        if found is None:
            return None
        assert isinstance(found, kind), f"{key} is a {type(found).__name__}"
        return found

    def _add_page(self, key: str, screen: Screen) -> None:
        index = len(self._screens)
        self._screens[key] = screen
        self.ui.pages.addWidget(screen)
        self.ui.navList.addItem(QListWidgetItem(screen.title))
        if index < 9:
            action = QAction(self)
            action.setShortcut(QKeySequence(f"Ctrl+{index + 1}"))
            action.triggered.connect(lambda: self.ui.navList.setCurrentRow(index))
            self.addAction(action)

    @property
    def screens(self) -> list[Screen]:
        """The screens in navigation order."""
        return list(self._screens.values())

    @property
    def page_titles(self) -> list[str]:
        return [screen.title for screen in self.screens]

    def show_page(self, index: int) -> None:
        screens = self.screens
        if not 0 <= index < len(screens):
            return
        self.ui.pages.setCurrentWidget(screens[index])
        screens[index].refresh()

    @property
    def current_screen(self) -> Screen:
        current = self.ui.pages.currentWidget()
        assert isinstance(current, Screen)
        return current

    def show_screen(self, key: str) -> None:
        screen = self._screens.get(key)
        if screen is not None:
            self.ui.navList.setCurrentRow(self.screens.index(screen))

    def show_page_titled(self, title: str) -> None:
        self.ui.navList.setCurrentRow(self.page_titles.index(title))

    def show_conflicts(self) -> None:
        self.show_screen("conflicts")

    def _start_sync(self, sync: SyncPeek, database_path: str) -> None:
        """The indicator says what the database is; an enrolled one syncs in the background
        from now until the window closes."""
        indicator = self.sync_indicator
        indicator.set_conflicts(sync.open_conflicts)
        indicator.conflicts_requested.connect(self.show_conflicts)
        if not sync.enrolled:
            return
        self.sync = BackgroundSync(database_path, self)
        self.sync.status_received.connect(self.show_sync_status)
        indicator.sync_requested.connect(self.sync.wake)
        indicator.show_starting()
        app = QApplication.instance()
        if app is not None:  # quitting without closing the window stops it too
            app.aboutToQuit.connect(self.sync.stop)
        self.sync.start(self.runner)

    def show_sync_status(self, status: SyncStatus, activity: str) -> None:
        """A report of the sync agent (on the GUI thread): show it; a new conflict count
        reloads the conflicts screen when it is the one shown."""
        before = self.sync_indicator.conflicts
        self.sync_indicator.show_status(status, activity)
        if self._lock is not None:
            self._lock.show_sync(self.sync_indicator.text())
        conflicts = self.find_screen("conflicts")
        if (
            conflicts is not None
            and status.conflicts != before
            and self.current_screen is conflicts
        ):
            conflicts.refresh()

    def _settings_saved(self, association: AssociationSettings) -> None:
        self.association = association
        self.setWindowTitle(f"{association.association_name} — بسمات")
        self.idle.set_minutes(association.idle_lock_minutes)
        self.settings_saved.emit(association)

    # --- the idle lock -------------------------------------------------------------------------

    def lock(self) -> None:
        """Hide everything behind the lock screen until the same staff member's password."""
        if self._lock is not None:
            return
        self.idle.pause()
        from basmat_desk.gui.dialogs import LockScreen

        lock = LockScreen(self.ctx, self.runner, self.association.association_name, self)
        self._lock = lock
        lock.show_sync(self.sync_indicator.text())
        lock.finished.connect(self._lock_finished)
        self._content().hide()
        self.menuBar().setEnabled(False)
        lock.cover(self)
        lock.open()
        lock.activateWindow()

    def _content(self) -> QWidget:
        central = self.centralWidget()
        assert central is not None, "the window's content is set up in __init__"
        return central

    @property
    def locked(self) -> bool:
        return self._lock is not None

    @property
    def lock_screen(self) -> LockScreen | None:
        return self._lock

    def _lock_finished(self, result: int) -> None:
        from basmat_desk.gui.dialogs import LockScreen

        self._lock = None
        self._content().show()
        self.menuBar().setEnabled(True)
        if result == LockScreen.LOGOUT:
            self.logout()
            return
        self.idle.restart()

    def change_password(self) -> None:
        from basmat_desk.gui.dialogs import PasswordDialog

        dialog = PasswordDialog(self.ctx, self.runner, parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            inform(self, "كلمة المرور", "غُيّرت كلمة المرور.")

    def logout(self) -> None:
        self._closing_for_logout = True
        self.close()

    def about(self) -> None:
        inform(
            self,
            "عن بسمات",
            f"بسمات دسك — الإصدار {__version__}\nتطبيق الاستقبال لجمعية بسمات للعناية بالأسنان.",
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        QSettings().setValue(GEOMETRY_KEY, self.saveGeometry())
        if self.sync is not None:
            self.sync.stop()
        self.idle.pause()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.idle)
        super().closeEvent(event)
        if self._closing_for_logout:
            self.logout_requested.emit()
