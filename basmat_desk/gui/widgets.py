"""Small shared pieces of the interface: field error display and Arabic message boxes."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from PySide6.QtCore import QLocale, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QValidator
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QScrollArea,
    QSpinBox,
    QStyle,
    QWidget,
)

from basmat_desk.domain.arabic import MINUTES
from basmat_desk.domain.calendar import format_date, format_hijri
from basmat_desk.domain.digits import fold_digits
from basmat_desk.domain.errors import BasmatError, FormInvalid, ValidationError
from basmat_desk.domain.numbering import isolate_ltr


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


def _focus(widget: QWidget) -> None:
    """Focus a field, scrolling the form to it when the form scrolls."""
    widget.setFocus()
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            parent.ensureWidgetVisible(widget)
            return
        parent = parent.parentWidget()


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
            _focus(widget)

    def show(self, error: ValidationError) -> None:
        self.clear()
        self.show_message(error.message)
        widget = self._fields.get(error.field)
        if widget is not None:
            _set_invalid(widget, True)
            _focus(widget)

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


def confirm(parent: QWidget | None, title: str, text: str, *, default_yes: bool = False) -> bool:
    """Ask a yes-or-no question; Enter takes the default answer, Escape is «لا»."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    yes = box.addButton("نعم", QMessageBox.ButtonRole.YesRole)
    no = box.addButton("لا", QMessageBox.ButtonRole.NoRole)
    box.setDefaultButton(yes if default_yes else no)
    box.setEscapeButton(no)
    box.exec()
    return box.clickedButton() is yes


def dual_date(day: date, *, short: bool = False) -> str:
    """A date in both calendars for a label, each date kept left to right inside the Arabic:
    "1405/06/23 هـ الموافق 1985/03/14 م", or `short` "1985/03/14 م (1405/06/23 هـ)"."""
    hijri = isolate_ltr(format_hijri(day).removesuffix(" هـ"))
    gregorian = isolate_ltr(format_date(day))
    if short:
        return f"{gregorian} م ({hijri} هـ)"
    return f"{hijri} هـ الموافق {gregorian} م"


class ElidedLabel(QLabel):
    """A one-line label that gives up width gracefully: what does not fit ends in «…» (the
    whole text stays in `text()`, and in the tooltip where the caller puts it)."""

    MINIMUM_WIDTH = 80

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(min(hint.width(), self.MINIMUM_WIDTH), hint.height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        rect = self.contentsRect()
        elide = Qt.TextElideMode.ElideRight  # the end of the text, whichever side it is on
        shown = self.fontMetrics().elidedText(self.text(), elide, rect.width())
        align = QStyle.visualAlignment(self.layoutDirection(), self.alignment())
        painter.drawText(rect, int(align | Qt.AlignmentFlag.AlignVCenter), shown)


class MinutesSpinBox(QSpinBox):
    """A number of minutes said as Arabic says it («دقيقة واحدة», «5 دقائق», «15 دقيقة»),
    ASCII digits, 0 shown as «بلا قفل»."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setLocale(QLocale.c())
        self.setSpecialValueText(NO_LOCK)

    def textFromValue(self, value: int) -> str:
        return MINUTES.of(value)

    def valueFromText(self, text: str) -> int:
        digits = "".join(char for char in fold_digits(text) if char.isdigit())
        if digits:
            return int(digits)
        return {MINUTES.one: 1, MINUTES.two: 2}.get(text.strip(), 0)

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        state = QValidator.State.Acceptable if text.strip() else QValidator.State.Intermediate
        return state, text, pos


NO_LOCK = "بلا قفل"


def right_to_left_text(*edits: QPlainTextEdit) -> None:
    """Lines of a multi-line field start at the right edge, as Arabic is read."""
    for edit in edits:
        option = edit.document().defaultTextOption()
        option.setTextDirection(Qt.LayoutDirection.RightToLeft)
        option.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute)
        edit.document().setDefaultTextOption(option)


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
