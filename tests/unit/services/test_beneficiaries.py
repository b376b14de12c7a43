"""Registering and editing beneficiaries: one audited transaction, duplicates held back."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import fields, replace
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from basmat_desk.domain.arabic import normalize
from basmat_desk.domain.beneficiary import FIELDS, BeneficiaryData, BeneficiaryForm, parse_form
from basmat_desk.domain.enums import BeneficiaryStatus, Gender, IdType, MaritalStatus, Role
from basmat_desk.domain.errors import NotFound, PermissionDenied, ValidationError
from basmat_desk.domain.identity import make_national_id
from basmat_desk.services.beneficiaries import (
    BENEFICIARY_NOT_FOUND,
    BeneficiaryRecord,
    DuplicateIdNumber,
    PossibleDuplicates,
    form_of,
    get_beneficiary,
    register_beneficiary,
    update_beneficiary,
)
from basmat_desk.services.context import ServiceContext, unit_of_work
from basmat_desk.store.models import Beneficiary

pytestmark = pytest.mark.usefixtures("fast_password_hashing")

SARA = BeneficiaryData(
    first_name="سارة",
    father_name="عبد الله",
    grandfather_name="ناصر",
    family_name="القحطاني",
    id_type=IdType.NATIONAL_ID,
    id_number="1000000008",
    gender=Gender.FEMALE,
    mobile="+966501234567",
    nationality="SA",
    birth_date=date(1988, 6, 1),
    marital_status=MaritalStatus.MARRIED,
    mobile_alt="+966551234567",
    address_building_no="2929",
    address_street="طريق الملك فهد",
    address_district="العليا",
    address_city="الرياض",
    address_postal_code="12211",
    address_additional_no="7788",
    address_short="RRRD2929",
    family_size=5,
    monthly_income=3500,
    income_source="الضمان الاجتماعي",
    employment="ربة منزل",
    notes="تحتاج علاج عصب",
)
# The same person typed again months later: other spellings, no grandfather, another ID.
SARA_AGAIN = replace(
    SARA,
    first_name="ساره",
    father_name="عبدالله",
    grandfather_name=None,
    family_name="القحطانى",
    id_number=make_national_id("123456789"),
    mobile="+966509999999",
    mobile_alt=None,
)


@pytest.fixture
def clerk(make_actor) -> ServiceContext:
    return make_actor(Role.RECEPTIONIST)


def stored(ctx: ServiceContext, beneficiary_id: str) -> Beneficiary:
    with ctx.sessions() as session:
        person = session.get(Beneficiary, beneficiary_id)
        assert person is not None
        return person


# --- registering --------------------------------------------------------------------------------


def test_register_saves_every_field_with_its_audit_entry(
    clerk: ServiceContext, audit_entries, row_counts
) -> None:
    before = row_counts()

    record = register_beneficiary(clerk, SARA)

    assert isinstance(record, BeneficiaryRecord)
    assert {f: getattr(record, f) for f in FIELDS} == {f: getattr(SARA, f) for f in FIELDS}
    assert record.full_name == "سارة عبد الله ناصر القحطاني"
    assert record.status is BeneficiaryStatus.APPLICANT
    assert record.file_number is None
    assert record.created_at == record.updated_at
    assert record.created_at.tzinfo is not None

    person = stored(clerk, record.id)
    assert (
        person.name_search
        == normalize("سارة عبد الله ناصر القحطاني")
        == ("ساره عبدالله ناصر القحطاني")
    )
    assert person.updated_by == clerk.actor.staff_id
    [entry] = audit_entries(action="beneficiary.register")
    assert (entry.entity, entry.entity_id, entry.actor_id) == (
        "beneficiary",
        record.id,
        clerk.actor.staff_id,
    )
    assert json.loads(entry.after_json)["id_number"] == SARA.id_number
    after = row_counts()
    assert after["beneficiary"] == before["beneficiary"] + 1
    assert after["audit_entry"] == before["audit_entry"] + 1


def test_the_same_id_number_is_refused_and_names_the_record_on_file(
    clerk: ServiceContext, row_counts
) -> None:
    first = register_beneficiary(clerk, SARA)
    counts = row_counts()
    someone_else = replace(
        SARA, first_name="خالد", family_name="الغامدي", gender=Gender.MALE, birth_date=None
    )

    with pytest.raises(DuplicateIdNumber) as refused:
        register_beneficiary(clerk, someone_else)

    error = refused.value
    assert isinstance(error, ValidationError)
    assert error.field == "id_number"
    assert error.existing_id == first.id
    assert error.message == "رقم الهوية: مسجل من قبل باسم «سارة عبد الله ناصر القحطاني»"
    assert row_counts() == counts


def test_the_id_number_of_a_deleted_record_may_be_used_again(clerk: ServiceContext) -> None:
    first = register_beneficiary(clerk, SARA)
    with unit_of_work(clerk, "test.delete") as session:
        person = session.get(Beneficiary, first.id)
        assert person is not None
        person.deleted_at = datetime(2026, 1, 1, tzinfo=UTC)

    again = register_beneficiary(clerk, SARA)

    assert again.id != first.id
    assert again.id_number == SARA.id_number


def test_similar_name_and_same_birth_year_is_held_back(clerk: ServiceContext, row_counts) -> None:
    first = register_beneficiary(clerk, SARA)
    counts = row_counts()

    with pytest.raises(PossibleDuplicates) as held:
        register_beneficiary(clerk, replace(SARA_AGAIN, birth_date=date(1988, 12, 30)))

    [candidate] = held.value.candidates
    assert candidate.id == first.id
    assert candidate.full_name == first.full_name
    assert candidate.id_number == SARA.id_number
    assert candidate.reasons == ("الاسم متشابه (100%)", "نفس سنة الميلاد")
    assert "باسم مشابه" in held.value.message
    assert row_counts() == counts


def test_similar_name_and_same_mobile_is_held_back(clerk: ServiceContext, row_counts) -> None:
    first = register_beneficiary(clerk, SARA)
    counts = row_counts()
    again = replace(SARA_AGAIN, birth_date=None, mobile=SARA.mobile)

    with pytest.raises(PossibleDuplicates) as held:
        register_beneficiary(clerk, again)

    assert [c.id for c in held.value.candidates] == [first.id]
    assert "نفس رقم الجوال" in held.value.candidates[0].reasons
    assert row_counts() == counts


def test_similar_name_with_another_year_and_mobile_is_saved(clerk: ServiceContext) -> None:
    register_beneficiary(clerk, SARA)
    namesake = replace(SARA_AGAIN, birth_date=date(1995, 2, 2))

    record = register_beneficiary(clerk, namesake)

    assert record.first_name == "ساره"


def test_a_confirmed_different_person_is_saved_and_the_confirmation_audited(
    clerk: ServiceContext, audit_entries
) -> None:
    first = register_beneficiary(clerk, SARA)

    record = register_beneficiary(clerk, SARA_AGAIN, confirmed_distinct_from=[first.id])

    [event] = audit_entries(action="beneficiary.confirmed_distinct")
    assert (event.entity, event.entity_id, event.actor_id) == (
        "beneficiary",
        record.id,
        clerk.actor.staff_id,
    )
    assert json.loads(event.after_json) == {"distinct_from": [first.id]}
    registered = [e.entity_id for e in audit_entries(action="beneficiary.register")]
    assert registered == [first.id, record.id]


def test_confirming_one_person_still_holds_back_for_another(clerk: ServiceContext) -> None:
    first = register_beneficiary(clerk, SARA)
    second = register_beneficiary(clerk, SARA_AGAIN, confirmed_distinct_from=[first.id])
    third = replace(SARA_AGAIN, id_number=make_national_id("198765432"), mobile="+966508888888")

    with pytest.raises(PossibleDuplicates) as held:
        register_beneficiary(clerk, third, confirmed_distinct_from=[first.id])

    assert [c.id for c in held.value.candidates] == [second.id]
    assert register_beneficiary(clerk, third, confirmed_distinct_from=[second.id, first.id])


def test_no_confirmation_event_without_confirmations(clerk: ServiceContext, audit_entries) -> None:
    register_beneficiary(clerk, SARA)
    assert audit_entries(action="beneficiary.confirmed_distinct") == []


def test_nobody_signed_in_may_not_register(ctx: ServiceContext, make_actor, row_counts) -> None:
    make_actor(Role.ADMIN)
    counts = row_counts()
    with pytest.raises(PermissionDenied):
        register_beneficiary(ctx, SARA)
    assert row_counts() == counts


# --- editing and reading ------------------------------------------------------------------------


def test_edit_saves_the_changes_with_before_and_after(clerk: ServiceContext, audit_entries) -> None:
    record = register_beneficiary(clerk, SARA)
    edited = replace(SARA, family_name="العتيبي", mobile="+966561234567", family_size=6)

    updated = update_beneficiary(clerk, record.id, edited)

    assert (updated.family_name, updated.mobile, updated.family_size) == (
        "العتيبي",
        "+966561234567",
        6,
    )
    assert updated.full_name == "سارة عبد الله ناصر العتيبي"
    assert updated.created_at == record.created_at
    assert stored(clerk, record.id).name_search == "ساره عبدالله ناصر العتيبي"
    [entry] = audit_entries(action="beneficiary.update")
    assert entry.entity_id == record.id
    assert json.loads(entry.before_json) == {
        "family_name": "القحطاني",
        "mobile": "+966501234567",
        "family_size": 5,
        "name_search": "ساره عبدالله ناصر القحطاني",
    }
    assert json.loads(entry.after_json)["family_name"] == "العتيبي"


def test_edit_refuses_the_id_number_of_another_person(clerk: ServiceContext, row_counts) -> None:
    sara = register_beneficiary(clerk, SARA)
    other = register_beneficiary(
        clerk,
        replace(
            SARA,
            first_name="خالد",
            family_name="الغامدي",
            gender=Gender.MALE,
            id_number=make_national_id("112345678"),
            mobile="+966507777777",
            mobile_alt=None,
        ),
    )
    counts = row_counts()

    with pytest.raises(DuplicateIdNumber) as refused:
        update_beneficiary(clerk, other.id, replace(SARA, id_number=sara.id_number))

    assert refused.value.existing_id == sara.id
    assert row_counts() == counts
    # Its own number is not a clash.
    assert update_beneficiary(clerk, sara.id, replace(SARA, notes=None)).notes is None


def test_edit_does_not_compare_names_again(clerk: ServiceContext) -> None:
    register_beneficiary(clerk, SARA)
    namesake = register_beneficiary(clerk, replace(SARA_AGAIN, birth_date=date(1995, 2, 2)))

    updated = update_beneficiary(
        clerk, namesake.id, replace(SARA_AGAIN, birth_date=SARA.birth_date)
    )

    assert updated.birth_date == SARA.birth_date


def test_get_returns_the_record(clerk: ServiceContext) -> None:
    record = register_beneficiary(clerk, SARA)
    assert get_beneficiary(clerk, record.id) == record


@pytest.mark.parametrize(
    "use_case",
    [
        get_beneficiary,
        lambda ctx, beneficiary_id: update_beneficiary(ctx, beneficiary_id, SARA),
    ],
    ids=["get", "update"],
)
def test_unknown_or_deleted_records_are_not_found(
    clerk: ServiceContext, use_case: Callable[[ServiceContext, str], object]
) -> None:
    record = register_beneficiary(clerk, SARA)
    with unit_of_work(clerk, "test.delete") as session:
        person = session.get(Beneficiary, record.id)
        assert person is not None
        person.deleted_at = datetime(2026, 1, 1, tzinfo=UTC)

    for missing in (record.id, "no-such-id"):
        with pytest.raises(NotFound) as info:
            use_case(clerk, missing)
        assert info.value.message == BENEFICIARY_NOT_FOUND


def test_form_of_fills_the_edit_form_as_typed(clerk: ServiceContext) -> None:
    record = register_beneficiary(clerk, SARA)

    form = form_of(record)

    assert isinstance(form, BeneficiaryForm)
    assert form.mobile == "0501234567"
    assert form.mobile_alt == "0551234567"
    assert form.id_type == "national_id"
    assert form.gender == "female"
    assert form.marital_status == "married"
    assert form.birth_date == "1988/06/01"
    assert form.monthly_income == "3500"
    assert parse_form(form, today=date(2026, 11, 25)) == SARA


def test_form_of_a_record_with_empty_optional_fields() -> None:
    at = datetime(2026, 1, 1, tzinfo=UTC)
    record = BeneficiaryRecord(
        id="x",
        full_name="نورة العتيبي",
        status=BeneficiaryStatus.APPLICANT,
        file_number=None,
        created_at=at,
        updated_at=at,
        **{f.name: None for f in fields(BeneficiaryData)}
        | {
            "first_name": "نورة",
            "family_name": "العتيبي",
            "id_type": IdType.IQAMA,
            "id_number": make_national_id("212345678"),
            "nationality": "YE",
            "gender": Gender.FEMALE,
        },
    )

    form = form_of(record)

    assert (form.first_name, form.id_type, form.nationality, form.gender) == (
        "نورة",
        "iqama",
        "YE",
        "female",
    )
    assert form.mobile == form.father_name == form.birth_date == form.family_size == ""


def test_every_role_at_the_front_desk_may_register_and_read(make_actor) -> None:
    researcher = make_actor(Role.RESEARCHER)
    record = register_beneficiary(researcher, SARA)
    with researcher.sessions() as session:
        assert session.scalars(select(Beneficiary.id)).all() == [record.id]
    assert get_beneficiary(make_actor(Role.SUPERVISOR), record.id).id == record.id


def test_the_held_back_message_counts_the_candidates(clerk: ServiceContext) -> None:
    first = register_beneficiary(clerk, SARA)
    second = register_beneficiary(clerk, SARA_AGAIN, confirmed_distinct_from=[first.id])
    third = replace(SARA_AGAIN, id_number=make_national_id("198765432"), mobile="+966508888888")

    with pytest.raises(PossibleDuplicates) as held:
        register_beneficiary(clerk, third)

    assert {c.id for c in held.value.candidates} == {first.id, second.id}
    assert held.value.message.startswith("يوجد 2 من المستفيدين المسجلين باسم مشابه")
