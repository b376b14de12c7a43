"""What reaches a table is clean and fits its column, whoever built it: forms clean their text,
services check data again, and the session refuses anything else with the field's name."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from basmat_desk.domain.enums import Channel, Direction, Role
from basmat_desk.domain.errors import ValidationError
from basmat_desk.services.beneficiaries import register_beneficiary
from basmat_desk.services.contacts import ContactInput, log_contact
from basmat_desk.services.context import ServiceContext, unit_of_work
from basmat_desk.services.settings import get_association_settings, save_settings
from basmat_desk.services.staff import create_staff
from basmat_desk.store.models import Beneficiary, Contact, Staff
from tests.conftest import MakeActor
from tests.unit.services.test_beneficiaries import SARA

pytestmark = pytest.mark.usefixtures("fast_password_hashing")

RLO, PDF = "\u202e", "\u202c"


def test_a_registration_keeps_notes_without_nul_or_bidi_overrides(make_actor: MakeActor) -> None:
    desk = make_actor(Role.RECEPTIONIST)
    person = register_beneficiary(
        desk, replace(SARA, notes=f"تحتاج\x00 علاج {RLO}عصب{PDF}\r\nبسرعة", employment="معلمة\x07")
    )
    assert (person.notes, person.employment) == ("تحتاج علاج عصب\nبسرعة", "معلمة")


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"first_name": "س" * 10_000}, "first_name"),
        ({"mobile": "not a phone"}, "mobile"),
        ({"monthly_income": 10**12}, "monthly_income"),
        ({"notes": "م" * 2001}, "notes"),
    ],
    ids=["huge-name", "not-a-phone", "huge-income", "long-notes"],
)
def test_data_built_in_code_is_checked_again(
    make_actor: MakeActor, row_counts, change: dict[str, object], field: str
) -> None:
    desk = make_actor(Role.RECEPTIONIST)
    before = row_counts()
    with pytest.raises(ValidationError) as refused:
        register_beneficiary(desk, replace(SARA, **change))  # type: ignore[arg-type]
    assert refused.value.field == field
    assert row_counts() == before


def test_a_5000_digit_income_is_an_arabic_message_not_a_value_error() -> None:
    from basmat_desk.domain.beneficiary import validate_field

    with pytest.raises(ValidationError) as refused:
        validate_field("monthly_income", "9" * 5000)
    assert refused.value.message.startswith("الدخل الشهري: ")


def test_staff_contacts_and_settings_lose_controls_and_overrides(make_actor: MakeActor) -> None:
    admin = make_actor(Role.ADMIN)
    staff = create_staff(
        admin,
        username="clerk",
        full_name=f"{RLO}منى\x00 السالم{PDF}",
        role=Role.RECEPTIONIST,
        password="a-long-password-1",
    )
    assert staff.full_name == "منى السالم"
    contact = log_contact(
        admin,
        ContactInput(
            channel=Channel.PHONE,
            direction=Direction.INBOUND,
            purpose=f"استفسار{RLO}\x00",
            inquiry="متى\x00 الموعد؟\r\n\r\n\r\n\r\nشكرًا",
            answer=None,
            started_at=datetime(2026, 1, 1, 9, tzinfo=UTC),
        ),
    )
    assert (contact.purpose, contact.inquiry) == ("استفسار", "متى الموعد؟\n\nشكرًا")
    current = get_association_settings(admin)
    saved, _device = save_settings(
        admin,
        replace(
            current,
            association_name=f"جمعية{RLO} بسمات\x00",
            letterhead_lines=(f"سطر\x1b أول{PDF}",),
        ),
    )
    assert saved.association_name == "جمعية بسمات"
    assert saved.letterhead_lines == ("سطر أول",)


@pytest.mark.parametrize(
    ("model", "field", "value", "message"),
    [
        (Beneficiary, "notes", "ملاحظة\x00", "ملاحظات: يحتوي رمزًا غير مرئي لا يُحفظ (U+0000)"),
        (Beneficiary, "address_city", "م" * 81, "المدينة: 80 حرفًا على الأكثر، والمدخل 81"),
        (Beneficiary, "family_size", 2**31, "عدد أفراد الأسرة: رقم أكبر من أن يُحفظ"),
        (Staff, "full_name", f"مدير{RLO}", "الاسم الكامل: يحتوي رمزًا غير مرئي لا يُحفظ (U+202E)"),
    ],
    ids=["nul", "too-long", "int-range", "override"],
)
def test_the_session_refuses_what_its_column_cannot_take(
    make_actor: MakeActor,
    ctx: ServiceContext,
    row_counts,
    model: type,
    field: str,
    value: object,
    message: str,
) -> None:
    admin = make_actor(Role.ADMIN)
    register_beneficiary(admin, SARA)
    before = row_counts()

    def write() -> None:
        with unit_of_work(admin, "test.raw") as session:
            row = session.scalars(select(model).limit(1)).one()
            setattr(row, field, value)
            session.add(
                Contact(
                    channel=Channel.PHONE,
                    direction=Direction.INBOUND,
                    started_at=datetime(2026, 1, 1, tzinfo=UTC),
                )
            )

    with pytest.raises(ValidationError) as refused:
        write()
    assert refused.value.field == field
    assert refused.value.message.startswith(message)
    assert row_counts() == before  # the contact added beside it is not written either
