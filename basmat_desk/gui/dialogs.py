"""The session's dialogs: login, first administrator, enrolment, idle lock, passwords."""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QWidget

from basmat_desk.gui.forms.ui_enrol_dialog import Ui_EnrolDialog
from basmat_desk.gui.forms.ui_first_admin_dialog import Ui_FirstAdminDialog
from basmat_desk.gui.forms.ui_lock_screen import Ui_LockScreen
from basmat_desk.gui.forms.ui_login_dialog import Ui_LoginDialog
from basmat_desk.gui.forms.ui_password_dialog import Ui_PasswordDialog
from basmat_desk.gui.screen_fit import available_area
from basmat_desk.gui.service_dialog import ServiceDialog
from basmat_desk.gui.widgets import FieldErrors, name_buttons
from basmat_desk.gui.workers import Runner
from basmat_desk.services.context import Actor, ServiceContext

if TYPE_CHECKING:
    from basmat_desk.services.staff import StaffRow


def staff_service() -> ModuleType:
    """The staff use cases, imported on first use: at start-up that is on the worker thread,
    after the first window is up (they pull in SQLAlchemy, which takes a while to load)."""
    from basmat_desk.services import staff

    return staff


class LoginDialog(ServiceDialog):
    def __init__(
        self,
        ctx: ServiceContext,
        runner: Runner,
        association_name: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, parent)
        self.ui = Ui_LoginDialog()
        self.ui.setupUi(self)
        self._ctx = ctx
        self.actor: Actor | None = None
        #: The password that signed in, for the session (services.authority).
        self.secret: str | None = None
        self.ui.associationLabel.setText(association_name)
        name_buttons(self.ui.buttonBox, "دخول")
        self.errors = FieldErrors(
            self.ui.errorLabel,
            {"username": self.ui.usernameEdit, "password": self.ui.passwordEdit},
        )
        self.ui.buttonBox.accepted.connect(self._submit)
        self.ui.buttonBox.rejected.connect(self.reject)
        self.ui.usernameEdit.setFocus()

    def _submit(self) -> None:
        username = self.ui.usernameEdit.text()
        password = self.ui.passwordEdit.text()
        self.secret = password
        self._run(lambda: staff_service().login(self._ctx, username, password), self._logged_in)

    def _logged_in(self, actor: Actor) -> None:
        self.actor = actor
        self.accept()

    def _after_failure(self) -> None:
        self.ui.passwordEdit.clear()
        if self.ui.usernameEdit.text().strip():
            self.ui.passwordEdit.setFocus()


#: Enrol this database with a code (runs on the worker); True when it now has staff accounts.
Enrol = Callable[[str], bool]


class EnrolDialog(ServiceDialog):
    """A new counter PC joins the association's shared server with a one-time code."""

    def __init__(self, runner: Runner, enrol: Enrol, parent: QWidget | None = None) -> None:
        super().__init__(runner, parent)
        self.ui = Ui_EnrolDialog()
        self.ui.setupUi(self)
        self._enrol = enrol
        self.has_staff = False
        name_buttons(self.ui.buttonBox, "تسجيل الجهاز")
        self.errors = FieldErrors(self.ui.errorLabel, {"code": self.ui.codeEdit})
        self.ui.buttonBox.accepted.connect(self._submit)
        self.ui.buttonBox.rejected.connect(self.reject)
        self.ui.codeEdit.setFocus()

    def _submit(self) -> None:
        code = self.ui.codeEdit.toPlainText()
        self.errors.show_notice("جارٍ الاتصال بالخادم وجلب البيانات… قد يستغرق ذلك دقيقة.")
        self._run(lambda: self._enrol(code), self._enrolled)

    def _enrolled(self, has_staff: bool) -> None:
        self.has_staff = has_staff
        self.accept()


class FirstAdminDialog(ServiceDialog):
    def __init__(
        self,
        ctx: ServiceContext,
        runner: Runner,
        parent: QWidget | None = None,
        *,
        enrol: Enrol | None = None,
    ) -> None:
        super().__init__(runner, parent)
        self.ui = Ui_FirstAdminDialog()
        self.ui.setupUi(self)
        self._ctx = ctx
        self._enrol = enrol
        self.actor: Actor | None = None
        self.secret: str | None = None
        self.enrolled = False  # set when the PC joined a server instead (accepted, no actor)
        self.has_staff = False  # after enrolling: whether the server brought staff accounts
        name_buttons(self.ui.buttonBox, "إنشاء الحساب")
        if enrol is not None:
            self.enrol_button = self.ui.buttonBox.addButton(
                "تسجيل في خادم الجمعية…", QDialogButtonBox.ButtonRole.ActionRole
            )
            self.enrol_button.setToolTip(
                "لجهاز كاونتر جديد في جمعية لها خادم مشترك: يجلب الحسابات والبيانات من الخادم"
            )
            self.enrol_button.clicked.connect(self._open_enrol)
        self.errors = FieldErrors(
            self.ui.errorLabel,
            {
                "full_name": self.ui.fullNameEdit,
                "username": self.ui.usernameEdit,
                "password": self.ui.passwordEdit,
                "confirm": self.ui.confirmEdit,
            },
        )
        self.ui.buttonBox.accepted.connect(self._submit)
        self.ui.buttonBox.rejected.connect(self.reject)

    def _submit(self) -> None:
        full_name = self.ui.fullNameEdit.text()
        username = self.ui.usernameEdit.text()
        password = self.ui.passwordEdit.text()
        confirmation = self.ui.confirmEdit.text()
        self.secret = password
        self._run(
            lambda: staff_service().create_first_admin(
                self._ctx, username, full_name, password, confirmation
            ),
            self._created,
        )

    def _created(self, actor: Actor) -> None:
        self.actor = actor
        self.accept()

    def _open_enrol(self) -> None:
        assert self._enrol is not None
        dialog = EnrolDialog(self._runner, self._enrol, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.enrolled = True
            self.has_staff = dialog.has_staff
            self.accept()


class LockScreen(ServiceDialog):
    """The idle lock: it covers the whole window and every dialog open over it, so no name, ID
    or mobile shows while the counter is left alone; only the same staff member's password
    opens it. Sync goes on behind it (its own thread), and a dialog left half-filled under it is
    still there, as it was, once unlocked."""

    LOGOUT = 2
    fits_screen = False  # it covers the window and the dialogs over it instead

    def __init__(
        self,
        ctx: ServiceContext,
        runner: Runner,
        association_name: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, parent)
        self.ui = Ui_LockScreen()
        self.ui.setupUi(self)
        self.setObjectName("lockScreen")
        self.ui.lockPanel.setObjectName("lockPanel")
        self.setWindowFlags(Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint)
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self._ctx = ctx
        actor = ctx.actor
        name = actor.full_name if actor else ""
        self.ui.associationLabel.setText(association_name)
        self.ui.messageLabel.setText(
            f"قُفلت الشاشة لحماية بيانات المستفيدين. أدخل كلمة مرور {name} للمتابعة."
        )
        self.errors = FieldErrors(self.ui.errorLabel, {"password": self.ui.passwordEdit})
        self.ui.unlockButton.clicked.connect(self._submit)
        self.ui.logoutButton.clicked.connect(lambda: self.done(self.LOGOUT))
        self.ui.passwordEdit.setFocus()

    def cover(self, window: QWidget) -> None:
        """Cover `window`, every other window of the application and the screen they are on."""
        area = window.frameGeometry().united(available_area(window))
        for other in QApplication.topLevelWidgets():
            if other is not self and other.isVisible():
                area = area.united(other.frameGeometry())
        self.setGeometry(area)

    def show_sync(self, text: str) -> None:
        """What sync is doing behind the lock."""
        self.ui.syncLabel.setText(f"المزامنة: {text}")

    def reject(self) -> None:
        """Escape does not unlock the screen."""

    def _submit(self) -> None:
        password = self.ui.passwordEdit.text()
        self._run(lambda: staff_service().confirm_password(self._ctx, password), self._unlocked)

    def _unlocked(self, _actor: Actor) -> None:
        self.accept()

    def _after_failure(self) -> None:
        self.ui.passwordEdit.clear()
        self.ui.passwordEdit.setFocus()


class PasswordDialog(ServiceDialog):
    """Change one's own password, or (an administrator) set a new one for `reset_for`."""

    def __init__(
        self,
        ctx: ServiceContext,
        runner: Runner,
        reset_for: StaffRow | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, parent)
        self.ui = Ui_PasswordDialog()
        self.ui.setupUi(self)
        self._ctx = ctx
        self._reset_for = reset_for
        if reset_for is not None:
            self.setWindowTitle(f"كلمة مرور جديدة — {reset_for.full_name}")
            self.ui.currentLabel.hide()
            self.ui.currentEdit.hide()
        self.errors = FieldErrors(
            self.ui.errorLabel,
            {
                "current_password": self.ui.currentEdit,
                "new_password": self.ui.newEdit,
                "confirm": self.ui.confirmEdit,
            },
        )
        name_buttons(self.ui.buttonBox, "حفظ")
        self.ui.buttonBox.accepted.connect(self._submit)
        self.ui.buttonBox.rejected.connect(self.reject)

    def _submit(self) -> None:
        new = self.ui.newEdit.text()
        confirmation = self.ui.confirmEdit.text()
        target = self._reset_for
        if target is None:
            current = self.ui.currentEdit.text()
            self._run(
                lambda: staff_service().change_own_password(
                    self._ctx, current=current, new_password=new, confirmation=confirmation
                ),
                lambda _: self.accept(),
            )
        else:
            self._run(
                lambda: staff_service().reset_password(
                    self._ctx, target.id, new_password=new, confirmation=confirmation
                ),
                lambda _: self.accept(),
            )
