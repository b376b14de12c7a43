"""المستخدمون: staff accounts, for administrators."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QWidget

from basmat_desk.domain.errors import BasmatError
from basmat_desk.gui.dialogs import PasswordDialog, staff_service
from basmat_desk.gui.forms.ui_users_page import Ui_UsersPage
from basmat_desk.gui.models import RowRole, sorted_table, staff_model
from basmat_desk.gui.screens.base import Screen, ScreenEnv
from basmat_desk.gui.screens.users_dialogs import UserDialog

if TYPE_CHECKING:
    from basmat_desk.services.staff import StaffRow


class UsersScreen(Screen):
    def __init__(self, env: ScreenEnv, title: str, parent: QWidget | None = None) -> None:
        super().__init__(env, title, parent)
        self.ui = Ui_UsersPage()
        self.ui.setupUi(self)
        self.ui.titleLabel.setText(title)
        self.model = staff_model(self)
        self.proxy = sorted_table(self.ui.table, self.model, (0,))  # the name takes the room
        self.ui.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.ui.table.doubleClicked.connect(self.edit_selected)
        self.ui.addButton.clicked.connect(self.add_user)
        self.ui.editButton.clicked.connect(self.edit_selected)
        self.ui.resetPasswordButton.clicked.connect(self.reset_selected_password)
        self.ui.unlockButton.clicked.connect(self.unlock_selected)
        self._update_buttons()

    def refresh(self) -> None:
        self._runner.submit(
            self, lambda: staff_service().list_staff(self._ctx), self._show, self._failed
        )

    def _show(self, rows: list[StaffRow]) -> None:
        selected = self.selected()
        self.model.set_rows(rows)
        self.ui.statusLabel.setText(f"عدد الحسابات: {len(rows)}")
        if selected is not None:
            self.select(selected.id)
        self._update_buttons()
        self.loaded.emit()

    def _failed(self, error: BasmatError) -> None:
        self.ui.statusLabel.setText(error.message)

    def selected(self) -> StaffRow | None:
        indexes = self.ui.table.selectionModel().selectedRows()
        if not indexes:
            return None
        row: StaffRow = self.proxy.data(indexes[0], RowRole)
        return row

    def select(self, staff_id: str) -> None:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if self.proxy.data(index, RowRole).id == staff_id:
                self.ui.table.setCurrentIndex(index)  # selectRow() selects nothing right-to-left
                return

    def _update_buttons(self) -> None:
        row = self.selected()
        self.ui.editButton.setEnabled(row is not None)
        self.ui.resetPasswordButton.setEnabled(row is not None)
        self.ui.unlockButton.setEnabled(row is not None and row.locked)

    def add_user(self) -> None:
        dialog = UserDialog(self._ctx, self._runner, parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.saved:
            self._reload_selecting(dialog.saved.id, f"أُضيف المستخدم {dialog.saved.full_name}.")

    def edit_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        dialog = UserDialog(self._ctx, self._runner, existing=row, parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.saved:
            self._reload_selecting(dialog.saved.id, f"حُفظ المستخدم {dialog.saved.full_name}.")

    def reset_selected_password(self) -> None:
        row = self.selected()
        if row is None:
            return
        dialog = PasswordDialog(self._ctx, self._runner, reset_for=row, parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._reload_selecting(row.id, f"عُيّنت كلمة مرور جديدة لـ{row.full_name} وفُتح حسابه.")

    def unlock_selected(self) -> None:
        row = self.selected()
        if row is None or not row.locked:
            return

        def unlocked(saved: StaffRow) -> None:
            self._reload_selecting(saved.id, f"فُتح حساب {saved.full_name}.")

        self._runner.submit(
            self, lambda: staff_service().unlock_staff(self._ctx, row.id), unlocked, self._failed
        )

    def _reload_selecting(self, staff_id: str, message: str) -> None:
        """Reload the list after a change, keep the changed account selected and say what was
        done (instead of the account count)."""

        def shown(rows: list[StaffRow]) -> None:
            self._show(rows)
            self.select(staff_id)
            self.ui.statusLabel.setText(message)

        self._runner.submit(
            self, lambda: staff_service().list_staff(self._ctx), shown, self._failed
        )
