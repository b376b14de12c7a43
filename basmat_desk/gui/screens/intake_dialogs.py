"""Dialogs of the walk-in intake: the registration form, the duplicate comparison, the contact.

The use cases are imported where they run (on the worker thread), not at module level, so the
first window never waits for the database layer to load.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields
from datetime import date, datetime
from typing import TYPE_CHECKING

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from basmat_desk.domain import beneficiary as rules
from basmat_desk.domain.clock import RIYADH
from basmat_desk.domain.enums import Channel, Direction, Gender, IdType, MaritalStatus
from basmat_desk.domain.errors import BasmatError, ValidationError
from basmat_desk.gui.forms.ui_beneficiary_dialog import Ui_BeneficiaryDialog
from basmat_desk.gui.forms.ui_contact_dialog import Ui_ContactDialog
from basmat_desk.gui.forms.ui_duplicate_dialog import Ui_DuplicateDialog
from basmat_desk.gui.models import Column, RowsModel
from basmat_desk.gui.screen_fit import fit_to_screen
from basmat_desk.gui.service_dialog import ServiceDialog
from basmat_desk.gui.widgets import (
    FieldErrors,
    confirm,
    dual_date,
    name_buttons,
    right_to_left_text,
)
from basmat_desk.gui.workers import Runner
from basmat_desk.services.context import ServiceContext

if TYPE_CHECKING:
    from basmat_desk.domain.beneficiary import BeneficiaryForm
    from basmat_desk.services.beneficiaries import BeneficiaryRecord
    from basmat_desk.services.contacts import ContactRow
    from basmat_desk.services.duplicates import DuplicateCandidate


def _camel(code: str) -> str:
    head, *rest = code.split("_")
    return head + "".join(part.title() for part in rest)


class BeneficiaryDialog(ServiceDialog):
    """Register a new beneficiary or edit one; every field is checked as it is typed.

    After `exec()`: `saved` holds the saved record, or `open_existing_id` the record the
    receptionist chose to open instead (same ID number, or the same person found by the
    duplicate check).
    """

    def __init__(
        self,
        ctx: ServiceContext,
        runner: Runner,
        existing: BeneficiaryRecord | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, parent)
        self.ui = Ui_BeneficiaryDialog()
        self.ui.setupUi(self)
        self._ctx = ctx
        self._existing = existing
        self.saved: BeneficiaryRecord | None = None
        self.open_existing_id: str | None = None
        self.widgets: dict[str, QWidget] = {}
        for code in rules.FIELDS:
            widget = self._widget_for(code)
            self.widgets[code] = widget
        self._fill_choices()
        self.errors = FieldErrors(self.ui.errorLabel, self.widgets)
        right_to_left_text(self.ui.notesEdit)
        self._connect_live_checks()
        name_buttons(self.ui.buttonBox, "حفظ")
        self.ui.buttonBox.accepted.connect(self.submit)
        self.ui.buttonBox.rejected.connect(self.reject)
        # The gender follows the first name until the receptionist picks one.
        self._gender_picked = existing is not None
        self.ui.genderCombo.activated.connect(self._gender_chosen)
        self.ui.firstNameEdit.textChanged.connect(lambda _text: self._suggest_gender())
        if existing is None:
            self.setWindowTitle("تسجيل مستفيد جديد")
        else:
            self.setWindowTitle(f"تعديل بيانات — {existing.full_name}")
            self.set_form(rules.form_of(existing))
        self.ui.firstNameEdit.setFocus()

    def fill_name(self, parts: Mapping[str, str]) -> None:
        """Start the form with a name typed elsewhere (the search box), part by part."""
        for code, text in parts.items():
            widget = self.widgets[code]
            assert isinstance(widget, QLineEdit)
            widget.setText(text)

    def _gender_chosen(self, _index: int) -> None:
        self._gender_picked = True

    def _suggest_gender(self) -> None:
        """The gender the first name suggests (still the receptionist's to change); a name
        that says nothing leaves it to be chosen."""
        if self._gender_picked:
            return
        from basmat_desk.domain.given_names import suggest_gender

        suggested = suggest_gender(self.ui.firstNameEdit.text())
        combo = self.ui.genderCombo
        combo.setCurrentIndex(combo.findData(suggested.value if suggested else ""))
        self.ui.genderHint.setText("(مقترح من الاسم)" if suggested else "")

    def focus_first_empty(self) -> None:
        """Put the cursor where typing goes on: the first empty text field."""
        for widget in self.widgets.values():
            if isinstance(widget, QLineEdit) and not widget.text():
                widget.setFocus()
                return

    def _widget_for(self, code: str) -> QWidget:
        for suffix in ("Edit", "Combo"):
            widget = getattr(self.ui, _camel(code) + suffix, None)
            if isinstance(widget, QWidget):
                return widget
        raise LookupError(f"the registration form has no widget for {code}")

    def _fill_choices(self) -> None:
        for id_type in IdType:
            self.ui.idTypeCombo.addItem(id_type.label, id_type.value)
        for code, name in rules.NATIONALITIES.items():
            self.ui.nationalityCombo.addItem(name, code)
        self.ui.genderCombo.addItem("—", "")
        for gender in Gender:
            self.ui.genderCombo.addItem(gender.label, gender.value)
        self.ui.maritalStatusCombo.addItem("—", "")
        for status in MaritalStatus:
            self.ui.maritalStatusCombo.addItem(status.label, status.value)

    def _connect_live_checks(self) -> None:
        for code, widget in self.widgets.items():
            if isinstance(widget, QLineEdit):
                widget.textEdited.connect(lambda _text, c=code: self.check_field(c))
                widget.editingFinished.connect(lambda c=code: self.check_field(c))
            elif isinstance(widget, QComboBox):
                widget.currentIndexChanged.connect(lambda _i, c=code: self.check_field(c))
            elif isinstance(widget, QPlainTextEdit):
                widget.textChanged.connect(lambda c=code: self.check_field(c))
        # The ID type decides the first digit of the number, and the nationality follows it.
        self.ui.idTypeCombo.currentIndexChanged.connect(lambda _i: self.check_field("id_number"))

    # --- the form as data ------------------------------------------------------------------

    def form(self) -> BeneficiaryForm:
        values: dict[str, str] = {}
        for code, widget in self.widgets.items():
            if isinstance(widget, QLineEdit):
                values[code] = widget.text()
            elif isinstance(widget, QComboBox):
                values[code] = str(widget.currentData() or "")
            elif isinstance(widget, QPlainTextEdit):
                values[code] = widget.toPlainText()
        return rules.BeneficiaryForm(**values)

    def set_form(self, form: BeneficiaryForm) -> None:
        for f in fields(form):
            widget = self.widgets.get(f.name)
            value = getattr(form, f.name)
            if isinstance(widget, QLineEdit):
                widget.setText(value)
            elif isinstance(widget, QComboBox):
                index = widget.findData(value)
                widget.setCurrentIndex(max(index, 0))
            elif isinstance(widget, QPlainTextEdit):
                widget.setPlainText(value)
        self.errors.clear()

    # --- checks ------------------------------------------------------------------------------

    def check_field(self, code: str) -> bool:
        """Check one field as it is typed: mark it and say what is wrong, or clear it."""
        form = self.form()
        try:
            value = rules.validate_field(code, getattr(form, code), form)
        except ValidationError as error:
            self.errors.mark(code, error)
            return False
        self.errors.unmark(code)
        if code == "birth_date":
            shown = f"تاريخ الميلاد: {dual_date(value)}" if isinstance(value, date) else ""
            self.ui.birthDateHint.setText(shown)
        if code == "gender" and self._gender_picked:
            self.ui.genderHint.clear()
        return True

    @property
    def is_new(self) -> bool:
        """A registration (not an edit)."""
        return self._existing is None

    def submit(self) -> None:
        """Save what was typed; the service checks every field and names the bad ones."""
        self.errors.clear()
        self._save(self.form(), ())

    def _save(self, form: BeneficiaryForm, confirmed: tuple[str, ...]) -> None:
        ctx, existing = self._ctx, self._existing

        def write() -> BeneficiaryRecord:
            from basmat_desk.services import beneficiaries

            if existing is None:
                record: BeneficiaryRecord = beneficiaries.register_beneficiary(
                    ctx, form, confirmed_distinct_from=confirmed
                )
            else:
                record = beneficiaries.update_beneficiary(ctx, existing.id, form)
            return record

        self._run(write, self._saved, lambda error: self._refused(error, form, confirmed))

    def _saved(self, record: BeneficiaryRecord) -> None:
        self.saved = record
        self.accept()

    def _refused(
        self, error: BasmatError, form: BeneficiaryForm, confirmed: tuple[str, ...]
    ) -> bool:
        """The two refusals that ask the receptionist something; others are just shown."""
        from basmat_desk.services.beneficiaries import DuplicateIdNumber, PossibleDuplicates

        if isinstance(error, DuplicateIdNumber):
            self.errors.show(error)
            self._offer_open(error.message, error.existing_id)
            return True
        if isinstance(error, PossibleDuplicates):
            dialog = DuplicateDialog(form, error.candidates, parent=self)
            dialog.exec()
            if dialog.choice == DuplicateDialog.OPEN_EXISTING and dialog.chosen is not None:
                self.open_existing_id = dialog.chosen.id
                self.accept()
            elif dialog.choice == DuplicateDialog.DIFFERENT_PERSON:
                self._save(form, confirmed + tuple(c.id for c in error.candidates))
            return True
        return False

    def _offer_open(self, message: str, existing_id: str) -> None:
        if confirm(self, "رقم الهوية مسجل", f"{message}\nهل تريد فتح سجله؟"):
            self.open_existing_id = existing_id
            self.accept()


COMPARISON_ROWS: list[tuple[str, str]] = [
    ("full_name", "الاسم"),
    ("id_number", "رقم الهوية"),
    ("birth_date", "تاريخ الميلاد"),
    ("mobile", "رقم الجوال"),
    ("file_number", "رقم الملف"),
]


class DuplicateDialog(QDialog):
    """The new entry and a similar existing record, side by side."""

    OPEN_EXISTING = "open"
    DIFFERENT_PERSON = "different"
    BACK = "back"

    def __init__(
        self,
        entered: BeneficiaryForm,
        candidates: list[DuplicateCandidate],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_DuplicateDialog()
        self.ui.setupUi(self)
        self._entered = entered
        self._candidates = candidates
        self.choice = self.BACK
        self.chosen: DuplicateCandidate | None = None
        self.model: RowsModel[tuple[str, str, str]] = RowsModel(
            [
                Column("البيان", lambda r: r[0]),
                Column("المدخل الآن", lambda r: r[1]),
                Column("السجل الموجود", lambda r: r[2]),
            ],
            self,
        )
        self.ui.comparisonTable.setModel(self.model)
        self.ui.comparisonTable.verticalHeader().hide()
        self.ui.comparisonTable.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.Stretch
        )
        for candidate in candidates:
            self.ui.candidateCombo.addItem(f"{candidate.full_name} ({candidate.score:.0f}%)")
        self.ui.candidateCombo.currentIndexChanged.connect(self._show_candidate)
        self.ui.openExistingButton.clicked.connect(lambda: self._choose(self.OPEN_EXISTING))
        self.ui.differentPersonButton.clicked.connect(lambda: self._choose(self.DIFFERENT_PERSON))
        self.ui.backButton.clicked.connect(lambda: self._choose(self.BACK))
        if len(candidates) > 1:
            self.ui.differentPersonButton.setText("ليس أياً منهم — تابع الحفظ")
        self._show_candidate(0)

    def _entered_values(self) -> dict[str, str]:
        e = self._entered
        return {
            "full_name": rules.full_name(
                e.first_name, e.father_name, e.grandfather_name, e.family_name
            ),
            "id_number": e.id_number.strip(),
            "birth_date": e.birth_date.strip(),
            "mobile": e.mobile.strip(),
            "file_number": "—",
        }

    def _show_candidate(self, index: int) -> None:
        if not 0 <= index < len(self._candidates):
            return
        c = self._candidates[index]
        self.chosen = c
        from basmat_desk.domain.phone import format_mobile_local

        existing = {
            "full_name": c.full_name,
            "id_number": c.id_number,
            "birth_date": c.birth_date.isoformat() if c.birth_date else "—",
            "mobile": format_mobile_local(c.mobile) if c.mobile else "—",
            "file_number": c.file_number or "—",
        }
        entered = self._entered_values()
        self.model.set_rows(
            [(label, entered[key] or "—", existing[key]) for key, label in COMPARISON_ROWS]
        )
        self.ui.reasonsLabel.setText("سبب التشابه: " + "، ".join(c.reasons))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        fit_to_screen(self)

    def _choose(self, choice: str) -> None:
        self.choice = choice
        if choice == self.BACK:
            self.reject()
        else:
            self.accept()


class ContactDialog(ServiceDialog):
    """Log one contact: channel, direction, purpose, the inquiry and the answer given."""

    def __init__(
        self,
        ctx: ServiceContext,
        runner: Runner,
        *,
        beneficiary_id: str | None,
        beneficiary_name: str | None,
        ticket_id: str | None = None,
        started_at: datetime | None = None,
        channel: Channel = Channel.INTERVIEW,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, parent)
        self.ui = Ui_ContactDialog()
        self.ui.setupUi(self)
        self._ctx = ctx
        self._beneficiary_id = beneficiary_id
        self._ticket_id = ticket_id
        self._started_at = started_at or datetime.now(RIYADH)
        self.saved: ContactRow | None = None
        for item in Channel:
            self.ui.channelCombo.addItem(item.label, item.value)
        self.ui.channelCombo.setCurrentIndex(self.ui.channelCombo.findData(channel.value))
        for direction in Direction:
            self.ui.directionCombo.addItem(direction.label, direction.value)
        self.ui.whoLabel.setText(
            f"المستفيد: {beneficiary_name}" if beneficiary_name else "استفسار دون تعريف بالمستفيد"
        )
        self.ui.timesValue.setText(
            f"منذ {self._started_at.astimezone(RIYADH):%H:%M} — يُسجَّل وقت الانتهاء عند الحفظ"
        )
        self.errors = FieldErrors(
            self.ui.errorLabel,
            {
                "channel": self.ui.channelCombo,
                "direction": self.ui.directionCombo,
                "purpose": self.ui.purposeEdit,
                "inquiry": self.ui.inquiryEdit,
                "answer": self.ui.answerEdit,
            },
        )
        right_to_left_text(self.ui.inquiryEdit, self.ui.answerEdit)
        name_buttons(self.ui.buttonBox, "حفظ")
        self.ui.buttonBox.accepted.connect(self.submit)
        self.ui.buttonBox.rejected.connect(self.reject)
        self.ui.purposeEdit.setFocus()

    def submit(self) -> None:
        """Save on the worker thread; the service checks the contact and names a bad field."""
        ctx = self._ctx
        values = {
            "channel": self.ui.channelCombo.currentData(),
            "direction": self.ui.directionCombo.currentData(),
            "purpose": self.ui.purposeEdit.text(),
            "inquiry": self.ui.inquiryEdit.toPlainText(),
            "answer": self.ui.answerEdit.toPlainText(),
            "beneficiary_id": self._beneficiary_id,
            "ticket_id": self._ticket_id,
            "started_at": self._started_at,
            "ended_at": datetime.now(RIYADH),
        }

        def write() -> ContactRow:
            from basmat_desk.services.contacts import ContactInput, log_contact

            row: ContactRow = log_contact(ctx, ContactInput(**values))
            return row

        self.errors.clear()
        self._run(write, self._saved)

    def _saved(self, row: ContactRow) -> None:
        self.saved = row
        self.accept()
