"""The main window: navigation on the right, the screens, and the idle lock."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QObject, QSettings, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QListWidgetItem, QMainWindow, QWidget

from basmat_desk import __version__
from basmat_desk.domain.permissions import Permission, allows
from basmat_desk.domain.settings import AssociationSettings
from basmat_desk.gui.forms.ui_main_window import Ui_MainWindow
from basmat_desk.gui.screens.dashboard import DashboardScreen
from basmat_desk.gui.screens.intake import IntakeScreen
from basmat_desk.gui.sync_indicator import BackgroundSync, SyncIndicator
from basmat_desk.gui.widgets import inform
from basmat_desk.gui.workers import Runner
from basmat_desk.services.context import Actor, ServiceContext
from basmat_desk.store.peek import SyncPeek, peek_sync

if TYPE_CHECKING:
    from basmat_desk.sync.client import SyncStatus

# Window state is the PC's, not the association's: kept in QSettings, not in the database.
GEOMETRY_KEY = "main_window/geometry"

if TYPE_CHECKING:
    from basmat_desk.gui.dialogs import LockDialog
    from basmat_desk.gui.screens.conflicts import ConflictsScreen
    from basmat_desk.gui.screens.settings import SettingsScreen
    from basmat_desk.gui.screens.users import UsersScreen

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


@dataclass(frozen=True)
class _Page:
    title: str
    widget: QWidget


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
        self._pages: list[_Page] = []
        self._closing_for_logout = False
        actor = ctx.actor
        self.setWindowTitle(f"{association.association_name} — بسمات")

        sync = peek_sync(database_path)
        self._add_screens(actor, database_path, sync)

        self.ui.navList.currentRowChanged.connect(self.show_page)
        self.ui.navList.setCurrentRow(0)

        self.user_label = QLabel(f"المستخدم: {actor.full_name} ({actor.role.label})")
        self.busy_label = QLabel("")
        self.ui.statusBar.addWidget(self.user_label)
        self.ui.statusBar.addPermanentWidget(self.busy_label)
        self.sync_indicator = SyncIndicator(can_resolve=self.conflicts is not None)
        self.ui.statusBar.addPermanentWidget(self.sync_indicator)
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
        self._lock_dialog: LockDialog | None = None
        geometry = QSettings().value(GEOMETRY_KEY)
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)

        self.sync: BackgroundSync | None = None
        self._start_sync(sync, database_path)

    def _add_screens(self, actor: Actor, database_path: str, sync: SyncPeek) -> None:
        """The screens this staff member's role allows, in navigation order."""
        self.intake: IntakeScreen | None = None
        if allows(actor.role, Permission.VIEW_BENEFICIARIES):
            self.intake = IntakeScreen(self.ctx, self.runner)
            self._add_page(self.intake)
        self.dashboard = DashboardScreen(self.ctx, self.runner)
        self._add_page(self.dashboard)
        self.conflicts: ConflictsScreen | None = None
        # Conflicts only arise on a database that syncs (or once did).
        if allows(actor.role, Permission.RESOLVE_CONFLICTS) and (
            sync.enrolled or sync.has_conflicts
        ):
            self._add_conflicts_page()
        self.users: UsersScreen | None = None
        self.settings: SettingsScreen | None = None
        # Screens and dialogs only some staff open are imported when first needed: start-up
        # imports what the first window shows.
        if allows(actor.role, Permission.MANAGE_USERS):
            from basmat_desk.gui.screens.users import UsersScreen

            self.users = UsersScreen(self.ctx, self.runner)
            self._add_page(self.users)
        if allows(actor.role, Permission.EDIT_SETTINGS):
            from basmat_desk.gui.screens.settings import SettingsScreen

            self.settings = SettingsScreen(self.ctx, self.runner, database_path)
            self.settings.saved.connect(self._settings_saved)
            self._add_page(self.settings)

    def _add_conflicts_page(self) -> None:
        from basmat_desk.gui.screens.conflicts import ConflictsScreen

        self.conflicts = ConflictsScreen(self.ctx, self.runner)
        self.conflicts.open_count_changed.connect(self._conflicts_counted)
        self._add_page(self.conflicts)

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

    def _add_page(self, widget: QWidget) -> None:
        title: str = getattr(widget, "title")  # noqa: B009 - every screen declares its title
        index = len(self._pages)
        self._pages.append(_Page(title, widget))
        self.ui.pages.addWidget(widget)
        item = QListWidgetItem(title)
        self.ui.navList.addItem(item)
        if index < 9:
            action = QAction(self)
            action.setShortcut(QKeySequence(f"Ctrl+{index + 1}"))
            action.triggered.connect(lambda: self.ui.navList.setCurrentRow(index))
            self.addAction(action)

    @property
    def page_titles(self) -> list[str]:
        return [p.title for p in self._pages]

    def show_page(self, index: int) -> None:
        if not 0 <= index < len(self._pages):
            return
        widget = self._pages[index].widget
        self.ui.pages.setCurrentWidget(widget)
        refresh = getattr(widget, "refresh", None)
        if callable(refresh):
            refresh()

    @property
    def current_screen(self) -> QWidget:
        return self._pages[self.ui.pages.currentIndex()].widget

    def show_page_titled(self, title: str) -> None:
        self.ui.navList.setCurrentRow(self.page_titles.index(title))

    def show_conflicts(self) -> None:
        if self.conflicts is not None:
            self.show_page_titled(self.conflicts.title)

    def show_sync_status(self, status: SyncStatus, activity: str) -> None:
        """A report of the sync agent (on the GUI thread): show it; a new conflict count
        reloads the conflicts screen when it is the one shown."""
        before = self.sync_indicator.conflicts
        self.sync_indicator.show_status(status, activity)
        if (
            self.conflicts is not None
            and status.conflicts != before
            and self.current_screen is self.conflicts
        ):
            self.conflicts.refresh()

    def _conflicts_counted(self, count: int) -> None:
        self.sync_indicator.set_conflicts(count)

    def _settings_saved(self, association: AssociationSettings) -> None:
        self.setWindowTitle(f"{association.association_name} — بسمات")
        self.idle.set_minutes(association.idle_lock_minutes)
        self.settings_saved.emit(association)

    def lock(self) -> None:
        if self._lock_dialog is not None:
            return
        self.idle.pause()
        from basmat_desk.gui.dialogs import LockDialog

        dialog = LockDialog(self.ctx, self.runner, self)
        self._lock_dialog = dialog
        dialog.finished.connect(self._lock_finished)
        dialog.open()

    @property
    def locked(self) -> bool:
        return self._lock_dialog is not None

    def _lock_finished(self, result: int) -> None:
        from basmat_desk.gui.dialogs import LockDialog

        self._lock_dialog = None
        if result == LockDialog.LOGOUT:
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
