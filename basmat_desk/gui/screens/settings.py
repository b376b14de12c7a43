"""الإعدادات: association name, letterhead, signatory, idle lock, this PC's counter prefix."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from basmat_desk.domain.errors import BasmatError
from basmat_desk.domain.numbering import isolate_ltr
from basmat_desk.domain.settings import AssociationSettings, DeviceSettings
from basmat_desk.gui.forms.ui_settings_page import Ui_SettingsPage
from basmat_desk.gui.screens.base import Screen, ScreenEnv
from basmat_desk.gui.widgets import FieldErrors, right_to_left_text


@dataclass(frozen=True)
class _Loaded:
    association: AssociationSettings
    device: DeviceSettings


class SettingsScreen(Screen):
    saved = Signal(object)  # AssociationSettings

    def __init__(self, env: ScreenEnv, title: str, parent: QWidget | None = None) -> None:
        super().__init__(env, title, parent)
        self.ui = Ui_SettingsPage()
        self.ui.setupUi(self)
        self.ui.titleLabel.setText(title)
        self.current: _Loaded | None = None
        self.ui.databaseValue.setText(isolate_ltr(env.database_path))
        right_to_left_text(self.ui.letterheadEdit)
        self.errors = FieldErrors(
            self.ui.errorLabel,
            {
                "association_name": self.ui.associationNameEdit,
                "letterhead_lines": self.ui.letterheadEdit,
                "signatory_name": self.ui.signatoryNameEdit,
                "signatory_title": self.ui.signatoryTitleEdit,
                "idle_lock_minutes": self.ui.idleLockSpin,
                "counter_prefix": self.ui.counterPrefixEdit,
            },
        )
        self.ui.saveButton.clicked.connect(self.save)
        self.ui.revertButton.clicked.connect(self.refresh)

    def refresh(self) -> None:
        self._runner.submit(self, self._load, self._show, self._failed)

    def _load(self) -> _Loaded:
        from basmat_desk.services.settings import current_settings

        return _Loaded(*current_settings(self._ctx))

    def _show(self, loaded: _Loaded) -> None:
        self.current = loaded
        a = loaded.association
        self.ui.associationNameEdit.setText(a.association_name)
        self.ui.letterheadEdit.setPlainText("\n".join(a.letterhead_lines))
        self.ui.signatoryNameEdit.setText(a.signatory_name)
        self.ui.signatoryTitleEdit.setText(a.signatory_title)
        self.ui.idleLockSpin.setValue(a.idle_lock_minutes)
        self.ui.counterPrefixEdit.setText(loaded.device.counter_prefix)
        self.ui.deviceIdValue.setText(loaded.device.device_id)
        self.errors.clear()
        self.loaded.emit()

    def form_values(self) -> tuple[AssociationSettings, str]:
        association = AssociationSettings(
            association_name=self.ui.associationNameEdit.text(),
            letterhead_lines=tuple(self.ui.letterheadEdit.toPlainText().splitlines()),
            signatory_name=self.ui.signatoryNameEdit.text(),
            signatory_title=self.ui.signatoryTitleEdit.text(),
            idle_lock_minutes=self.ui.idleLockSpin.value(),
        )
        return association, self.ui.counterPrefixEdit.text()

    def save(self) -> None:
        association, prefix = self.form_values()

        def write() -> _Loaded:
            from basmat_desk.services.settings import save_settings

            saved, device = save_settings(self._ctx, association, prefix)
            return _Loaded(saved, device)

        self.errors.clear()
        self.ui.saveButton.setEnabled(False)
        self._runner.submit(self, write, self._saved, self._failed)

    def _saved(self, loaded: _Loaded) -> None:
        self.ui.saveButton.setEnabled(True)
        self._show(loaded)
        self.errors.show_notice("حُفظت الإعدادات.")
        self.saved.emit(loaded.association)
        self.env.events.association_saved.emit(loaded.association)

    def _failed(self, error: BasmatError) -> None:
        self.ui.saveButton.setEnabled(True)
        self.errors.show_error(error)
