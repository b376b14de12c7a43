"""`basmat-desk shots --out DIR [--size WxH]`: a PNG of every screen and dialog, on demo data.

For looking at what users see (right-to-left, Arabic, digits in order) without a display, on
the screens counters have: by default at 1366×768 and at 1024×768 (a folder each), the main
window as large as a maximized window on that screen, every dialog as it fits there.
"""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QRect
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QFrame, QLabel, QWidget

from basmat_desk.gui.app import create_application
from basmat_desk.gui.dialogs import (
    EnrolDialog,
    FirstAdminDialog,
    LoginDialog,
    PasswordDialog,
)
from basmat_desk.gui.main_window import MainWindow
from basmat_desk.gui.screen_fit import simulated_screen, window_size
from basmat_desk.gui.screens.conflicts import ConflictsScreen
from basmat_desk.gui.screens.intake import IntakeScreen
from basmat_desk.gui.screens.intake_dialogs import BeneficiaryDialog, ContactDialog, DuplicateDialog
from basmat_desk.gui.screens.settings import SettingsScreen
from basmat_desk.gui.screens.users import UsersScreen
from basmat_desk.gui.screens.users_dialogs import UserDialog
from basmat_desk.gui.workers import Runner
from basmat_desk.services.bootstrap import open_local
from basmat_desk.services.context import ServiceContext
from basmat_desk.services.settings import get_association_settings
from basmat_desk.services.staff import login
from basmat_desk.sync.status import ERROR, IDLE, OFFLINE, SYNCING, SyncStatus

SHOT_BENEFICIARIES = 600
SHOT_DAYS = 45
#: The screens of the counter PCs associations have.
DEFAULT_SIZES: tuple[tuple[int, int], ...] = ((1366, 768), (1024, 768))


def settle(app: QApplication, runner: Runner) -> None:
    """Let background work finish and its results reach the widgets."""
    for _ in range(100):
        runner.wait_done()
        app.processEvents()
        if runner.pending == 0:
            break
    app.processEvents()


class ShotTaker:
    def __init__(self, app: QApplication, runner: Runner, out_dir: Path, area: QRect) -> None:
        self.app = app
        self.runner = runner
        self.out_dir = out_dir
        self.area = area
        self.written: list[Path] = []

    def maximized(self, window: QWidget) -> None:
        """Size `window` as it is maximized on the simulated screen. Shown first: the
        offscreen platform fits a window to its own small screen when it first shows it."""
        window.show()
        settle(self.app, self.runner)
        wanted = window_size(self.area)
        window.resize(wanted)
        settle(self.app, self.runner)
        if window.size() != wanted:
            raise RuntimeError(f"the window is {window.size()}, not {wanted}")

    def take(self, name: str, widget: QWidget, prepare: Callable[[], object] | None = None) -> Path:
        widget.show()
        settle(self.app, self.runner)
        if prepare is not None:
            prepare()
            settle(self.app, self.runner)
        path = self.out_dir / f"{len(self.written) + 1:02d}-{name}.png"
        if not widget.grab().save(str(path)):
            raise OSError(errno.EIO, "could not write the screenshot", str(path))
        self.written.append(path)
        return path


def _login_shots(shots: ShotTaker, ctx: ServiceContext, work: Path) -> None:
    association = get_association_settings(ctx)
    dialog = LoginDialog(ctx, shots.runner, association.association_name)
    dialog.ui.usernameEdit.setText("reception1")
    shots.take("login", dialog)

    def wrong_password() -> None:
        dialog.ui.passwordEdit.setText("not-the-password")
        dialog.ui.buttonBox.accepted.emit()

    shots.take("login-refused", dialog, wrong_password)
    dialog.close()

    def server_down(_code: str) -> bool:
        from basmat_desk.sync.client import Offline, offline_message

        raise Offline(
            offline_message(
                "تعذّر الاتصال بخادم المزامنة", ConnectionRefusedError("connection refused")
            )
        )

    first = FirstAdminDialog(
        open_local(work / f"new-{shots.out_dir.name}.sqlite"), shots.runner, enrol=server_down
    )

    def short_password() -> None:
        first.ui.fullNameEdit.setText("سارة محمد العتيبي")
        first.ui.usernameEdit.setText("sara")
        first.ui.passwordEdit.setText("123")
        first.ui.buttonBox.accepted.emit()

    shots.take("first-admin", first, short_password)
    first.close()

    enrol = EnrolDialog(shots.runner, server_down)

    def refused() -> None:
        enrol.ui.codeEdit.setPlainText("BASMAT1-eyJoIjoic3luYy5iYXNtYXQub3JnLnNhIiwicCI6NTQzMn0")
        enrol.ui.buttonBox.accepted.emit()

    shots.take("enrol-refused", enrol, refused)
    enrol.close()


def _intake_shots(shots: ShotTaker, window: MainWindow, ctx: ServiceContext) -> None:
    """The receptionist's screen: queue, search results, the form, duplicates, the contact."""
    from basmat_desk.services import queue

    intake = window.find_screen("intake", IntakeScreen)
    if intake is None:
        raise RuntimeError("the shots are taken as an administrator, who sees every screen")
    for _ in range(3):
        queue.issue_ticket(ctx)
    queue.call_next(ctx)

    def search() -> None:
        intake.refresh_queue()
        intake.search_now("محمد")

    shots.take("intake-queue-and-results", window, search)

    def open_first() -> None:
        intake.ui.resultsTable.setFocus()
        intake.ui.resultsTable.selectRow(0)
        intake.open_first_result()

    shots.take("intake-person", window, open_first)

    form = BeneficiaryDialog(ctx, shots.runner, parent=window)

    def half_typed() -> None:
        form.ui.firstNameEdit.setText("فاطمة")
        form.ui.familyNameEdit.setText("الشهري")
        form.ui.idNumberEdit.setText("١٠٢٣٤٥٦٧٨٩")
        form.check_field("id_number")
        form.ui.birthDateEdit.setText("1990-02-30")
        form.check_field("birth_date")

    shots.take("register-invalid", form, half_typed)
    form.close()

    person = intake.person
    if person is not None:
        from basmat_desk.domain.beneficiary import form_of, parse_form
        from basmat_desk.domain.identity import make_national_id
        from basmat_desk.services.beneficiaries import (
            PossibleDuplicates,
            register_beneficiary,
        )

        # The same person typed again with another ID number: the service's own check finds
        # the existing record, as it does when the receptionist saves the form.
        twin = replace(form_of(person), id_number=make_national_id("199999999"))
        try:
            register_beneficiary(ctx, parse_form(twin))
        except PossibleDuplicates as found:
            candidates = found.candidates
        else:
            raise RuntimeError("the duplicate check did not find the person typed again")
        dialog = DuplicateDialog(twin, candidates, parent=window)
        shots.take("duplicate-comparison", dialog)
        dialog.close()

    contact = ContactDialog(
        ctx,
        shots.runner,
        beneficiary_id=person.id if person else None,
        beneficiary_name=person.full_name if person else None,
        parent=window,
    )

    def typed() -> None:
        contact.ui.purposeEdit.setText("الاستفسار عن موعد العلاج")
        contact.ui.inquiryEdit.setPlainText("متى يُحدَّد موعد علاج الأسنان بعد قبول الطلب؟")
        contact.ui.answerEdit.setPlainText("يتصل بك القسم خلال أسبوع من قبول الطلب لتحديد الموعد.")

    shots.take("contact-log", contact, typed)
    contact.close()


def _window_shots(shots: ShotTaker, admin: ServiceContext, demo_path: Path) -> None:
    window = MainWindow(admin, shots.runner, get_association_settings(admin), str(demo_path))
    shots.maximized(window)
    _intake_shots(shots, window, admin)
    shots.take("main-dashboard", window, lambda: window.show_screen("dashboard"))
    users = window.find_screen("users", UsersScreen)
    settings = window.find_screen("settings", SettingsScreen)
    if users is None or settings is None:
        raise RuntimeError("the shots are taken as an administrator, who sees every screen")
    shots.take("users", window, lambda: window.show_screen("users"))

    user_dialog = UserDialog(admin, shots.runner, parent=window)

    def bad_username() -> None:
        user_dialog.ui.fullNameEdit.setText("نورة بنت عبدالله الشهري")
        user_dialog.ui.usernameEdit.setText("نورة")
        user_dialog.ui.passwordEdit.setText("basmat-2026")
        user_dialog.ui.confirmEdit.setText("basmat-2026")
        user_dialog.ui.buttonBox.accepted.emit()

    shots.take("user-add-invalid", user_dialog, bad_username)
    user_dialog.close()

    shots.take("settings", window, lambda: window.show_screen("settings"))

    def bad_prefix() -> None:
        settings.ui.counterPrefixEdit.setText("٣")
        settings.save()

    shots.take("settings-invalid", window, bad_prefix)

    def locked() -> None:
        window.show_screen("intake")
        settle(shots.app, shots.runner)
        window.lock()

    shots.take("idle-lock-window", window, locked)
    lock = window.lock_screen
    if lock is None:
        raise RuntimeError("the window did not lock")
    shots.take("idle-lock", lock)
    lock.done(0)

    password = PasswordDialog(admin, shots.runner, parent=window)
    shots.take("change-password", password)
    password.close()
    window.close()


#: The moment the indicator shots pretend it is: 10:45 in Riyadh.
SHOT_NOW = datetime(2026, 11, 25, 7, 45, tzinfo=UTC)


def _fake_status(**changes: object) -> SyncStatus:
    """A sync status as the agent reports it, made up for the indicator's shots."""
    status = SyncStatus(
        enrolled=True,
        counter_name="كاونتر الاستقبال الرئيسي",
        prefix="A",
        server="sync.basmat.org.sa:5432/basmat",
        pending=0,
        conflicts=0,
        cursor=48213,
        last_push_at="2026-11-25T07:42:10+00:00",
        last_pull_at="2026-11-25T07:42:11+00:00",
        last_success_at="2026-11-25T07:42:11+00:00",
        last_attempt_at="2026-11-25T07:42:10+00:00",
        last_error=None,
    )
    return replace(status, **changes)  # type: ignore[arg-type]


def _indicator_shots(shots: ShotTaker, window: MainWindow) -> None:
    """The status bar, at the window's full width, in each state of the sync indicator."""
    from basmat_desk.sync.client import offline_message

    indicator = window.sync_indicator
    bar = window.statusBar()
    offline_error = offline_message(
        "تعذّر الاتصال بخادم المزامنة", ConnectionRefusedError("connection refused")
    )
    states: list[tuple[str, Callable[[], None]]] = [
        ("local", indicator.show_local),
        ("syncing", lambda: indicator.show_status(_fake_status(), SYNCING, SHOT_NOW)),
        ("online", lambda: indicator.show_status(_fake_status(), IDLE, SHOT_NOW)),
        (
            "pending-and-conflicts",
            lambda: indicator.show_status(_fake_status(pending=3, conflicts=2), IDLE, SHOT_NOW),
        ),
        (
            "offline",
            lambda: indicator.show_status(
                _fake_status(pending=12, last_error=offline_error), OFFLINE, SHOT_NOW
            ),
        ),
        (
            "error",
            lambda: indicator.show_status(
                _fake_status(
                    pending=5,
                    last_error="هذا البرنامج أقدم من أن يزامن مع الخادم؛ حدّثه (التغييرات "
                    "محفوظة على هذا الجهاز وتُرسَل بعد التحديث)",
                ),
                ERROR,
                SHOT_NOW,
            ),
        ),
    ]
    for name, state in states:
        indicator.show_local()  # from a still state, «syncing» shows at once
        shots.take(f"sync-status-{name}", bar, state)

    # The tooltip's text, on the tooltip's colours (QToolTip itself needs a real display).
    indicator.show_status(_fake_status(pending=12, last_error=offline_error), OFFLINE, SHOT_NOW)
    tip = QLabel(indicator.toolTip())
    tip.setAutoFillBackground(True)
    tip.setBackgroundRole(QPalette.ColorRole.ToolTipBase)
    tip.setForegroundRole(QPalette.ColorRole.ToolTipText)
    tip.setFrameShape(QFrame.Shape.Box)
    tip.setMargin(6)
    shots.take("sync-tooltip", tip)
    tip.close()
    indicator.show_status(_fake_status(conflicts=3), IDLE, SHOT_NOW)


def _conflict_shots(shots: ShotTaker, ctx: ServiceContext, demo_path: Path) -> None:
    """A supervisor's window on a database with a few conflicts, and the conflicts screen."""
    from basmat_desk.demo import DEMO_PASSWORD
    from basmat_desk.demo.conflicts import add_demo_conflicts
    from basmat_desk.gui.screens.conflicts import COUNTER, confirmation
    from basmat_desk.services.conflicts import list_conflicts

    supervisor = ctx.acting_as(login(ctx, "supervisor", DEMO_PASSWORD))
    add_demo_conflicts(supervisor)
    views = list_conflicts(supervisor)
    notes = next(v for v in views if v.field == "notes")
    duplicate = next(v for v in views if v.kind == "duplicate")

    window = MainWindow(
        supervisor, shots.runner, get_association_settings(supervisor), str(demo_path)
    )
    shots.maximized(window)
    screen = window.find_screen("conflicts", ConflictsScreen)
    if screen is None:
        raise RuntimeError("a supervisor sees the conflicts screen on a database with conflicts")
    _indicator_shots(shots, window)

    def show_notes() -> None:
        window.show_conflicts()
        settle(shots.app, shots.runner)
        screen.select(notes.id)

    shots.take("conflicts-field", window, show_notes)
    shots.take("conflicts-duplicate", window, lambda: screen.select(duplicate.id))

    screen.select(notes.id)
    box, _accept = confirmation(window, notes, COUNTER)
    shots.take("conflicts-confirm", box)
    box.close()

    def resolved() -> None:
        screen.resolve_selected(COUNTER, confirmed=True)
        settle(shots.app, shots.runner)
        screen.ui.showResolvedCheck.setChecked(True)
        settle(shots.app, shots.runner)
        screen.select(notes.id)

    shots.take("conflicts-resolved", window, resolved)
    window.close()


def render_all(out_dir: Path, sizes: tuple[tuple[int, int], ...] = DEFAULT_SIZES) -> list[Path]:
    """Every screen and dialog at each screen size, in a folder per size ("1024x768")."""
    from basmat_desk.demo import DEMO_PASSWORD, generate_demo

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = create_application()
    runner = Runner(app)
    written: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="basmat-shots-") as tmp:
        work = Path(tmp)
        template = work / "template.sqlite"
        generate_demo(template, beneficiaries=SHOT_BENEFICIARIES, days=SHOT_DAYS)
        for width, height in sizes:
            folder = out_dir / f"{width}x{height}"
            folder.mkdir(parents=True, exist_ok=True)
            # Each size on its own copy: the shots issue tickets and add conflicts.
            demo_path = work / f"demo-{width}x{height}.sqlite"
            shutil.copyfile(template, demo_path)
            ctx = open_local(demo_path)
            with simulated_screen(width, height) as area:
                shots = ShotTaker(app, runner, folder, area)
                _login_shots(shots, ctx, work)
                admin = ctx.acting_as(login(ctx, "admin", DEMO_PASSWORD))
                _window_shots(shots, admin, demo_path)
                _conflict_shots(shots, ctx, demo_path)
                settle(app, runner)
            written += shots.written
    return written
