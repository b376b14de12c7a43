"""Registering and editing beneficiaries, with the duplicate checks that come before saving.

A new person is refused if a live record has the same ID number (the receptionist is offered
that record instead), and held back if a similar name shares their birth year or mobile
(`services.duplicates`) until the receptionist confirms, person by person, that the applicant
is someone else; that confirmation is audited with the new record. Each use case is one
transaction: when it raises, nothing is written.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from basmat_desk.domain.arabic import normalize
from basmat_desk.domain.beneficiary import (
    FIELDS,
    BeneficiaryData,
    BeneficiaryForm,
    form_of,
    parse_form,
)
from basmat_desk.domain.enums import BeneficiaryStatus, Gender, IdType, MaritalStatus
from basmat_desk.domain.errors import BasmatError, ValidationError
from basmat_desk.domain.permissions import Permission
from basmat_desk.services.audit import record_event
from basmat_desk.services.context import ServiceContext, live_row, service
from basmat_desk.services.duplicates import DEFAULT_LIMIT, DuplicateCandidate, find_similar
from basmat_desk.store.models import Beneficiary

BENEFICIARY_NOT_FOUND = "المستفيد غير موجود أو حُذف ملفه"
CONFIRMED_DISTINCT = "beneficiary.confirmed_distinct"

#: The columns that `BeneficiaryData` fills, which are the fields of the form.
_DATA_COLUMNS: tuple[str, ...] = tuple(FIELDS)


class DuplicateIdNumber(ValidationError):
    """A live record already has this ID number; `existing_id` is that record."""

    def __init__(self, existing_id: str, existing_name: str) -> None:
        super().__init__("id_number", f"{FIELDS['id_number']}: مسجل من قبل باسم «{existing_name}»")
        self.existing_id = existing_id
        self.existing_name = existing_name


class PossibleDuplicates(BasmatError):
    """People on file who may be the applicant: compare, then open one or confirm."""

    def __init__(self, candidates: Sequence[DuplicateCandidate]) -> None:
        count = len(candidates)
        who = "مستفيد مسجل" if count == 1 else f"{count} من المستفيدين المسجلين"
        super().__init__(
            f"يوجد {who} باسم مشابه وبنفس سنة الميلاد أو رقم الجوال؛ قارن البيانات ثم افتح"
            " الملف الموجود، أو أكّد أن المتقدم شخص مختلف"
        )
        self.candidates: list[DuplicateCandidate] = list(candidates)


@dataclass(frozen=True, slots=True)
class BeneficiaryRecord:
    """A beneficiary as screens show it: every field typed, plus identity and status."""

    id: str
    full_name: str
    status: BeneficiaryStatus
    file_number: str | None
    created_at: datetime
    updated_at: datetime
    first_name: str
    father_name: str | None
    grandfather_name: str | None
    family_name: str
    id_type: IdType
    id_number: str
    nationality: str
    gender: Gender
    birth_date: date | None
    marital_status: MaritalStatus | None
    #: Required on the form; older or imported records may lack it.
    mobile: str | None
    mobile_alt: str | None
    address_building_no: str | None
    address_street: str | None
    address_district: str | None
    address_city: str | None
    address_postal_code: str | None
    address_additional_no: str | None
    address_short: str | None
    family_size: int | None
    monthly_income: int | None
    income_source: str | None
    employment: str | None
    notes: str | None


def _record(person: Beneficiary) -> BeneficiaryRecord:
    return BeneficiaryRecord(
        id=person.id,
        full_name=person.full_name,
        status=person.status,
        file_number=person.file_number,
        created_at=person.created_at,
        updated_at=person.updated_at,
        **{column: getattr(person, column) for column in _DATA_COLUMNS},
    )


def clean_data(given: BeneficiaryForm | BeneficiaryData) -> BeneficiaryData:
    """What the form gave, checked field by field whoever built it: the raw form from a dialog,
    or clean data from code (an import, a test) that is checked again as if typed, so nothing
    unchecked reaches the table. Raises FormInvalid listing every bad field."""
    form = given if isinstance(given, BeneficiaryForm) else form_of(given)
    return parse_form(form)


def _fill(person: Beneficiary, data: BeneficiaryData) -> None:
    for column in _DATA_COLUMNS:
        setattr(person, column, getattr(data, column))
    person.name_search = normalize(data.full_name)


def refuse_taken_id_number(
    session: Session, id_number: str, *, other_than: str | None = None
) -> None:
    """Raise DuplicateIdNumber when a live record other than `other_than` has `id_number`."""
    query = select(Beneficiary).where(
        Beneficiary.id_number == id_number, Beneficiary.deleted_at.is_(None)
    )
    if other_than is not None:
        query = query.where(Beneficiary.id != other_than)
    holder = session.scalars(query.limit(1)).first()
    if holder is not None:
        raise DuplicateIdNumber(holder.id, holder.full_name)


def _live(session: Session, beneficiary_id: str) -> Beneficiary:
    return live_row(session, Beneficiary, beneficiary_id, BENEFICIARY_NOT_FOUND)


@service(Permission.REGISTER_BENEFICIARIES, "beneficiary.register")
def register_beneficiary(
    session: Session,
    ctx: ServiceContext,
    given: BeneficiaryForm | BeneficiaryData,
    *,
    confirmed_distinct_from: Sequence[str] = (),
) -> BeneficiaryRecord:
    """Register a new applicant, unless they may already be on file.

    Raises FormInvalid when fields are wrong, DuplicateIdNumber when a live record has the same
    ID number, and PossibleDuplicates when similar people remain after leaving out
    `confirmed_distinct_from` (the ids the receptionist confirmed to be other people). Nothing
    is written when it raises.
    """
    data = clean_data(given)
    refuse_taken_id_number(session, data.id_number)
    confirmed = list(dict.fromkeys(confirmed_distinct_from))
    found = find_similar(session, data, limit=DEFAULT_LIMIT + len(confirmed))
    remaining = [candidate for candidate in found if candidate.id not in confirmed]
    if remaining:
        raise PossibleDuplicates(remaining[:DEFAULT_LIMIT])

    person = Beneficiary(status=BeneficiaryStatus.APPLICANT)
    _fill(person, data)
    session.add(person)
    session.flush()
    if confirmed:
        record_event(
            session, CONFIRMED_DISTINCT, "beneficiary", person.id, {"distinct_from": confirmed}
        )
    return _record(person)


@service(Permission.REGISTER_BENEFICIARIES, "beneficiary.update")
def update_beneficiary(
    session: Session,
    ctx: ServiceContext,
    beneficiary_id: str,
    given: BeneficiaryForm | BeneficiaryData,
) -> BeneficiaryRecord:
    """Save an edited record. The ID number must not belong to another live record; names are
    not compared again (the person is already on file)."""
    data = clean_data(given)
    person = _live(session, beneficiary_id)
    refuse_taken_id_number(session, data.id_number, other_than=person.id)
    _fill(person, data)
    session.flush()
    return _record(person)


@service(Permission.VIEW_BENEFICIARIES, "beneficiary.view")
def get_beneficiary(
    session: Session, ctx: ServiceContext, beneficiary_id: str
) -> BeneficiaryRecord:
    return load_record(session, beneficiary_id)


def load_record(session: Session, beneficiary_id: str) -> BeneficiaryRecord:
    """`get_beneficiary` inside the caller's transaction (NotFound for a deleted record)."""
    return _record(_live(session, beneficiary_id))
