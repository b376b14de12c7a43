"""Small shared pieces of the interface: field error display and Arabic message boxes."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QMessageBox, QWidget

from basmat_desk.domain.errors import BasmatError, FormInvalid, ValidationError


def _set_flag(widget: QWidget, name: str, value: bool) -> None:
    if bool(widget.property(name)) == value:
        return
    widget.setProperty(name, value)
    # Re-polish so the stylesheet's [name="true"] rule applies at once.
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def _set_invalid(widget: QWidget, invalid: bool) -> None:
    _set_flag(widget, "invalid", invalid)


def _set_notice(label: QLabel, notice: bool) -> None:
    _set_flag(label, "notice", notice)


class FieldErrors:
    """Shows a ValidationError next to the form: message in the error label, field marked and
    focused. `fields` maps the error's field code to its widget."""

    def __init__(self, label: QLabel, fields: Mapping[str, QWidget]) -> None:
        self._label = label
        self._fields = dict(fields)
        self._label.setObjectName("errorLabel")
        self.clear()

    def clear(self) -> None:
        _set_notice(self._label, False)
        self._label.clear()
        self._label.hide()
        for widget in self._fields.values():
            _set_invalid(widget, False)

    def show_message(self, message: str) -> None:
        _set_notice(self._label, False)
        self._label.setText(message)
        self._label.show()

    def show_notice(self, message: str) -> None:
        """A confirmation (saved …), shown in the same place but not as an error."""
        self.clear()
        _set_notice(self._label, True)
        self._label.setText(message)
        self._label.show()

    def mark(self, field: str, error: ValidationError) -> None:
        """Mark one field as it is typed, and say what is wrong with it."""
        widget = self._fields.get(field)
        if widget is not None:
            _set_invalid(widget, True)
        self.show_message(error.message)

    def unmark(self, field: str) -> None:
        """The field is right now: clear its mark, and the message if no field is marked."""
        widget = self._fields.get(field)
        if widget is not None:
            _set_invalid(widget, False)
        if not any(w.property("invalid") for w in self._fields.values()):
            self._label.clear()
            self._label.hide()

    def show_all(self, errors: list[ValidationError]) -> None:
        """Mark every bad field; say and focus the first."""
        self.clear()
        for error in errors:
            widget = self._fields.get(error.field)
            if widget is not None:
                _set_invalid(widget, True)
        first = errors[0]
        more = f" (الحقول الأخرى المعلَّمة بالأحمر: {len(errors) - 1})" if len(errors) > 1 else ""
        self.show_message(first.message + more)
        widget = self._fields.get(first.field)
        if widget is not None:
            widget.setFocus()

    def show(self, error: ValidationError) -> None:
        self.clear()
        self.show_message(error.message)
        widget = self._fields.get(error.field)
        if widget is not None:
            _set_invalid(widget, True)
            widget.setFocus()

    def show_error(self, error: BasmatError) -> None:
        """A refused use case: bad fields are marked and the first focused; any other refusal
        is said."""
        if isinstance(error, FormInvalid):
            self.show_all(error.errors)
        elif isinstance(error, ValidationError):
            self.show(error)
        else:
            self.show_message(error.message)


def inform(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.information(parent, title, text)


def warn(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.warning(parent, title, text)


def confirm(parent: QWidget | None, title: str, text: str) -> bool:
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    yes = box.addButton("نعم", QMessageBox.ButtonRole.YesRole)
    box.addButton("لا", QMessageBox.ButtonRole.NoRole)
    box.exec()
    return box.clickedButton() is yes


def use_ascii_digits(*widgets: QWidget) -> None:
    """Numbers in the interface are written with ASCII digits, like IDs and phone numbers;
    the Arabic default locale would show Arabic-Indic digits in spin boxes."""
    for widget in widgets:
        widget.setLocale(QLocale.c())


def name_buttons(box: QDialogButtonBox, ok_text: str) -> None:
    """Our own words on a dialog's buttons: what OK does, and «إلغاء» (Qt's Arabic is «ألغِ»)."""
    for standard in (QDialogButtonBox.StandardButton.Ok, QDialogButtonBox.StandardButton.Save):
        button = box.button(standard)
        if button is not None:
            button.setText(ok_text)
    cancel = box.button(QDialogButtonBox.StandardButton.Cancel)
    if cancel is not None:
        cancel.setText("إلغاء")
