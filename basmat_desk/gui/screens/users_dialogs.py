"""The users screen's dialog: add a staff account, or edit one's name, role and status."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from basmat_desk.domain.enums import Role
from basmat_desk.gui.dialogs import staff_service
from basmat_desk.gui.forms.ui_user_dialog import Ui_UserDialog
from basmat_desk.gui.service_dialog import ServiceDialog
from basmat_desk.gui.widgets import FieldErrors, name_buttons
from basmat_desk.gui.workers import Runner
from basmat_desk.services.context import ServiceContext

if TYPE_CHECKING:
    from basmat_desk.services.staff import StaffRow


class UserDialog(ServiceDialog):
    """Add a staff account, or edit one's name, role and whether it is active."""

    def __init__(
        self,
        ctx: ServiceContext,
        runner: Runner,
        existing: StaffRow | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, parent)
        self.ui = Ui_UserDialog()
        self.ui.setupUi(self)
        self._ctx = ctx
        self._existing = existing
        self.saved: StaffRow | None = None
        for role in Role:
            self.ui.roleCombo.addItem(role.label, role.value)
        self.errors = FieldErrors(
            self.ui.errorLabel,
            {
                "full_name": self.ui.fullNameEdit,
                "username": self.ui.usernameEdit,
                "role": self.ui.roleCombo,
                "password": self.ui.passwordEdit,
                "confirm": self.ui.confirmEdit,
            },
        )
        if existing is None:
            self.setWindowTitle("إضافة مستخدم")
            self.ui.activeCheck.hide()
            self.ui.roleCombo.setCurrentIndex(self.ui.roleCombo.findData(Role.RECEPTIONIST.value))
        else:
            self.setWindowTitle(f"تعديل المستخدم — {existing.full_name}")
            self.ui.fullNameEdit.setText(existing.full_name)
            self.ui.usernameEdit.setText(existing.username)
            self.ui.usernameEdit.setReadOnly(True)
            self.ui.roleCombo.setCurrentIndex(self.ui.roleCombo.findData(existing.role.value))
            self.ui.activeCheck.setChecked(existing.active)
            for widget in (
                self.ui.passwordLabel,
                self.ui.passwordEdit,
                self.ui.confirmLabel,
                self.ui.confirmEdit,
            ):
                widget.hide()
        name_buttons(self.ui.buttonBox, "حفظ")
        self.ui.buttonBox.accepted.connect(self._submit)
        self.ui.buttonBox.rejected.connect(self.reject)

    def _submit(self) -> None:
        full_name = self.ui.fullNameEdit.text()
        role = Role(self.ui.roleCombo.currentData())
        existing = self._existing
        if existing is None:
            username = self.ui.usernameEdit.text()
            password = self.ui.passwordEdit.text()
            confirmation = self.ui.confirmEdit.text()
            self._run(
                lambda: staff_service().create_staff(
                    self._ctx,
                    username=username,
                    full_name=full_name,
                    role=role,
                    password=password,
                    confirmation=confirmation,
                ),
                self._saved,
            )
        else:
            active = self.ui.activeCheck.isChecked()
            self._run(
                lambda: staff_service().update_staff(
                    self._ctx, existing.id, full_name=full_name, role=role, active=active
                ),
                self._saved,
            )

    def _saved(self, row: StaffRow) -> None:
        self.saved = row
        self.accept()
