"""Start-up: logging, the QApplication (right-to-left, Arabic), login, the main window."""

from __future__ import annotations

import logging
import logging.handlers
import sys
import tempfile
import threading
import traceback
from io import TextIOWrapper
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import (
    QLibraryInfo,
    QLocale,
    QMessageLogContext,
    QObject,
    Qt,
    QtMsgType,
    QTranslator,
    qInstallMessageHandler,
)
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from basmat_desk.domain.errors import AuthenticationError, BasmatError
from basmat_desk.domain.numbering import isolate_ltr
from basmat_desk.domain.settings import AssociationSettings
from basmat_desk.gui.collector import GuiGarbageCollector
from basmat_desk.gui.main_window import MainWindow
from basmat_desk.gui.workers import Runner
from basmat_desk.paths import (
    default_database,
    fonts_dir,
    log_file,
    open_private,
    private_folder,
    ui_dir,
)
from basmat_desk.services.bootstrap import open_local, open_local_later
from basmat_desk.services.context import Actor, ServiceContext
from basmat_desk.services.startup import StartupPeek, database_start

log = logging.getLogger("basmat.gui")
qt_log = logging.getLogger("basmat.qt")

UI_FONT_FAMILIES = ["Noto Sans Arabic", "Noto Sans"]
DEMO_BENEFICIARIES = 3000
DEMO_DAYS = 60


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating log whose every file only this user may read (0600): names, ID numbers and
    server addresses pass through the log."""

    def _open(self) -> TextIOWrapper:
        return open_private(Path(self.baseFilename), self.mode, self.encoding or "utf-8")


def setup_logging(log_dir: Path | None = None) -> Path:
    """A rotating log file in the user log dir (0700, files 0600); Qt's own messages go there
    too."""
    path = private_folder(log_dir) / "basmat.log" if log_dir else log_file()
    root = logging.getLogger()
    if not any(getattr(h, "basmat", False) for h in root.handlers):
        handler = PrivateRotatingFileHandler(
            path, maxBytes=1_000_000, backupCount=5, encoding="utf-8"
        )
        handler.basmat = True  # type: ignore[attr-defined]
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
        root.setLevel(logging.INFO)
    return path


_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def _qt_message(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
    qt_log.log(_QT_LEVELS.get(mode, logging.WARNING), "%s", message)


class ErrorReporter(QObject):
    """Logs an unexpected error and tells the user in Arabic instead of dying silently."""

    def __init__(
        self, log_path: Path | None, parent: QObject | None = None, *, show_dialogs: bool = True
    ) -> None:
        super().__init__(parent)
        self.log_path = log_path
        self.show_dialogs = show_dialogs
        self.shown: list[str] = []

    def message_for(self, error: BaseException) -> str:
        where = (
            f"\nسُجّلت التفاصيل في ملف السجل:\n{isolate_ltr(str(self.log_path))}"
            if self.log_path
            else ""
        )
        return (
            "حدث خطأ غير متوقع، ولم يُحفظ من العملية الأخيرة إلا ما اكتمل منها.\n"
            "يمكنك متابعة العمل؛ إن تكرر الخطأ فأبلغ الدعم الفني." + where
        )

    def report(self, error: BaseException) -> None:
        log.error(
            "unexpected error\n%s",
            "".join(traceback.format_exception(type(error), error, error.__traceback__)),
        )
        text = self.message_for(error)
        self.shown.append(text)
        if self.show_dialogs and QApplication.instance() is not None:
            QMessageBox.critical(None, "خطأ غير متوقع", text)

    def excepthook(
        self, kind: type[BaseException], error: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, tb)
            return
        error.__traceback__ = tb
        self.report(error)

    def install(self) -> None:
        sys.excepthook = self.excepthook

        def thread_hook(args: threading.ExceptHookArgs) -> None:
            if args.exc_value is not None:
                log.error(
                    "unexpected error in thread %s",
                    args.thread.name if args.thread else "?",
                    exc_info=(args.exc_type, args.exc_value, args.exc_traceback),
                )

        threading.excepthook = thread_hook


def load_fonts() -> None:
    for path in sorted(fonts_dir().glob("*.ttf")):
        if QFontDatabase.addApplicationFont(str(path)) < 0:
            log.warning("could not load font %s", path.name)


def configure_application(app: QApplication) -> None:
    """Right-to-left and Arabic from the first pixel: direction, locale, Qt's translations.

    Done once per application (calling it again changes nothing)."""
    if app.property("basmat_configured"):
        return
    app.setProperty("basmat_configured", True)
    GuiGarbageCollector(app)
    app.setApplicationName("BasmatDesk")
    app.setOrganizationName("Basmat")
    app.setApplicationDisplayName("بسمات")
    app.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    QLocale.setDefault(QLocale(QLocale.Language.Arabic, QLocale.Country.SaudiArabia))
    translations = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name in ("qtbase_ar",):
        translator = QTranslator(app)
        if translator.load(name, translations):
            app.installTranslator(translator)
        else:
            log.warning("Qt translation %s not found in %s", name, translations)
    load_fonts()
    font = QFont()
    font.setFamilies(UI_FONT_FAMILIES)
    font.setPointSize(11)
    app.setFont(font)
    style = ui_dir() / "style.qss"
    if style.exists():
        app.setStyleSheet(style.read_text(encoding="utf-8"))


def create_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv or sys.argv[:1])
    configure_application(app)
    return app


class Controller(QObject):
    """Walks the user through first set-up or login, shows the main window, handles logout."""

    def __init__(
        self, ctx: ServiceContext, runner: Runner, database_path: Path, start: StartupPeek
    ) -> None:
        super().__init__()
        self.ctx = ctx
        self.runner = runner
        self.database_path = database_path
        self.association = start.association
        self.has_staff = start.has_staff
        self.window: MainWindow | None = None

    def warm_up(self, owner: QObject) -> None:
        """Load the database layer in the background while the user reads the first window."""
        self.runner.submit(owner, self.ctx.database.open, lambda _sessions: None)

    def sign_in(self) -> ServiceContext | None:
        """The first administrator on a new database, otherwise the login dialog."""
        from basmat_desk.gui.dialogs import FirstAdminDialog, LoginDialog

        enrolled = False
        while not self.has_staff:
            # A new counter of an association with a shared server joins it instead: the
            # accounts come from the server (the first counter of all creates its admin here,
            # then syncs it up).
            first = FirstAdminDialog(self.ctx, self.runner, enrol=None if enrolled else self._enrol)
            self.warm_up(first)
            if first.exec() != QDialog.DialogCode.Accepted:
                return None
            if first.enrolled:
                enrolled = True
                self.has_staff = first.has_staff
                continue
            if first.actor is None:
                return None
            self.has_staff = True
            return self.ctx.acting_as(first.actor, first.secret)
        dialog = LoginDialog(self.ctx, self.runner, self.association.association_name)
        self.warm_up(dialog)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.actor is None:
            return None
        return self.ctx.acting_as(dialog.actor, dialog.secret)

    def _enrol(self, code: str) -> bool:
        """On the worker: join the shared server with a one-time code (first sync included);
        True when the server brought staff accounts."""
        from basmat_desk.services.enrolment import enrol_counter

        return enrol_counter(self.ctx, self.database_path, code)

    def open_main_window(self, signed_in: ServiceContext) -> MainWindow:
        window = MainWindow(signed_in, self.runner, self.association, str(self.database_path))
        window.logout_requested.connect(self._logged_out)
        window.settings_saved.connect(self._remember_settings)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.window = window
        window.showMaximized()
        return window

    def _remember_settings(self, association: AssociationSettings) -> None:
        self.association = association

    def _logged_out(self) -> None:
        self.window = None
        signed_in = self.sign_in()
        if signed_in is None:
            QApplication.quit()
            return
        self.open_main_window(signed_in)


def _demo_database(db_path: Path | None) -> Path:
    if db_path is not None and db_path.exists():
        return db_path
    from basmat_desk.demo import generate_demo

    path = db_path or Path(tempfile.mkdtemp(prefix="basmat-demo-")) / "demo.sqlite"
    log.info("creating a demo database at %s", path)
    generate_demo(path, beneficiaries=DEMO_BENEFICIARIES, days=DEMO_DAYS)
    return path


def open_for_startup(path: Path) -> tuple[ServiceContext, StartupPeek]:
    """What the first window needs, fast: a database already at this version is only peeked at
    (SQLAlchemy loads later, off the GUI thread); a new or older one is created or migrated now.
    """
    start = database_start(path)
    if start is not None:
        return open_local_later(path, start.device.device_id), start
    ctx = open_local(path)
    start = database_start(path)
    if start is None:
        raise RuntimeError(f"the database {path} cannot be read after opening it")
    return ctx, start


def sign_in_demo(ctx: ServiceContext, start: StartupPeek) -> ServiceContext:
    """`--demo`: the demo supervisor, known from the peek; the sign-in itself (checked and
    audited by the service) runs in the background once the window is up."""
    identity = start.demo_supervisor
    if identity is None:
        raise AuthenticationError(
            "هذه ليست قاعدة بيانات تجريبية فيها مشرف تجريبي؛ سجّل الدخول بحسابك"
        )
    return ctx.acting_as(
        Actor(identity.staff_id, identity.username, identity.full_name, identity.role)
    )


def run(db_path: Path | None, demo: bool = False, quit_after_show: bool = False) -> int:
    """The application. Only the default database (its first start) and a demo are created
    here: another database file must exist, so a mistyped path opens nothing new."""
    if not demo and db_path is not None and not db_path.is_file():
        from basmat_desk.domain.errors import ValidationError
        from basmat_desk.domain.numbering import isolate_ltr

        what = "مجلد وليس ملفاً" if db_path.is_dir() else "غير موجود"
        raise ValidationError("db", f"ملف قاعدة البيانات: «{isolate_ltr(str(db_path))}» {what}")
    log_path = setup_logging()
    qInstallMessageHandler(_qt_message)
    app = create_application()
    reporter = ErrorReporter(log_path, app)
    reporter.install()

    path = _demo_database(db_path) if demo else (db_path or default_database())
    log.info("opening %s", path)
    try:
        ctx, start = open_for_startup(path)
    except BasmatError as error:
        log.error("cannot open %s: %s", path, error.message)
        QMessageBox.critical(None, "تعذّر فتح قاعدة البيانات", error.message)
        return 1
    runner = Runner(app)
    runner.unexpected_error.connect(reporter.report)
    controller = Controller(ctx, runner, path, start)

    signed_in = sign_in_demo(ctx, start) if demo else controller.sign_in()
    if signed_in is None:
        return 0
    runner.hold()
    window = controller.open_main_window(signed_in)
    app.processEvents()  # the first paint, before any background work competes with it
    if quit_after_show:
        # For the start-up benchmark: the window is painted; say so, then say when its first
        # screen has its data, and leave.
        print("basmat: main window shown", flush=True)

        def loaded() -> None:
            print("basmat: first screen loaded", flush=True)
            app.quit()

        window.current_screen.loaded.connect(loaded)
    if demo:

        def demo_sign_in() -> object:
            from basmat_desk.services.staff import login_demo

            return login_demo(ctx)

        runner.submit(controller, demo_sign_in, lambda _actor: None, reporter.report)
    runner.release()
    code = app.exec()
    runner.wait_done(5000)
    return code
