"""The contact log: every interaction on one of the seven channels, validated with Arabic
messages naming the field, anonymous inquiries allowed, the history and the per-channel counts."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from basmat_desk.domain.enums import CHANNEL_LABELS, Channel, Direction, Gender, IdType, Role
from basmat_desk.domain.errors import NotFound, PermissionDenied, ValidationError
from basmat_desk.services import contacts
from basmat_desk.services.contacts import (
    CLOCK_SKEW,
    ContactInput,
    ContactRow,
    contact_history,
    contacts_by_channel,
    log_contact,
    validate_contact,
)
from basmat_desk.services.context import ServiceContext, unit_of_work
from basmat_desk.store.models import Beneficiary, Contact, Ticket

pytestmark = pytest.mark.usefixtures("fast_password_hashing")

ARABIC = re.compile(r"[\u0600-\u06FF]")
#: 10:00 in Riyadh on Wednesday 25 November 2026.
NOW = datetime(2026, 11, 25, 7, 0, tzinfo=UTC)
DAY = date(2026, 11, 25)


@pytest.fixture(autouse=True)
def frozen_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(contacts, "utcnow", lambda: NOW)


@pytest.fixture
def clerk(make_actor) -> ServiceContext:
    return make_actor(Role.RECEPTIONIST)


def add_person(ctx: ServiceContext, id_number: str = "1000000008") -> str:
    with unit_of_work(ctx, "test.seed") as session:
        person = Beneficiary(
            first_name="نورة",
            family_name="الشهري",
            name_search="نوره الشهري",
            id_type=IdType.NATIONAL_ID,
            id_number=id_number,
            gender=Gender.FEMALE,
        )
        session.add(person)
        session.flush()
        return person.id


def at(minutes: float) -> datetime:
    return NOW + timedelta(minutes=minutes)


def phone(**values: Any) -> ContactInput:
    fields: dict[str, Any] = {"channel": Channel.PHONE, "inquiry": "متى يصدر قرار اللجنة؟"}
    fields.update(values)
    return ContactInput(**fields)


# --- validation ------------------------------------------------------------------------------

REFUSALS = [
    pytest.param(phone(channel=None), "channel", "قناة التواصل: مطلوبة", id="no-channel"),
    pytest.param(phone(channel="  "), "channel", "قناة التواصل: مطلوبة", id="blank-channel"),
    pytest.param(phone(channel="fax"), "channel", "قناة التواصل: غير معروفة", id="bad-channel"),
    pytest.param(phone(direction="up"), "direction", "اتجاه التواصل: يجب", id="bad-direction"),
    pytest.param(
        phone(inquiry=None, purpose=None),
        "inquiry",
        "الاستفسار: اكتب الاستفسار أو الغرض",
        id="mute",
    ),
    pytest.param(
        phone(inquiry="  ", purpose="\n", answer="تم الرد"),
        "inquiry",
        "لا يُسجَّل تواصل فارغ",
        id="blank-inquiry-and-purpose",
    ),
    pytest.param(
        phone(purpose="غ" * 201),
        "purpose",
        "الغرض من التواصل: 200 حرفًا على الأكثر، والمدخل 201",
        id="purpose",
    ),
    pytest.param(
        phone(inquiry="س" * 2001),
        "inquiry",
        "الاستفسار: 2000 حرفًا على الأكثر، والمدخل 2001",
        id="inquiry",
    ),
    pytest.param(
        phone(answer="ج" * 2001),
        "answer",
        "الإجابة: 2000 حرفًا على الأكثر، والمدخل 2001",
        id="answer",
    ),
    pytest.param(
        phone(started_at=at(6), ended_at=at(7)),
        "started_at",
        "وقت البدء: لا يكون في المستقبل",
        id="future-start",
    ),
    pytest.param(
        phone(started_at=at(-5), ended_at=at(30)),
        "ended_at",
        "وقت الانتهاء: لا يكون في المستقبل",
        id="future-end",
    ),
    pytest.param(
        phone(started_at=at(-5), ended_at=at(-10)),
        "ended_at",
        "وقت الانتهاء: قبل وقت البدء",
        id="end-before-start",
    ),
]


@pytest.mark.parametrize(("inp", "field", "message"), REFUSALS)
def test_each_rule_has_an_arabic_message_naming_the_field(
    inp: ContactInput, field: str, message: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        validate_contact(inp, NOW)

    assert refused.value.field == field
    assert message in refused.value.message
    assert ARABIC.search(refused.value.message)


@pytest.mark.parametrize(("inp", "field", "message"), REFUSALS)
def test_log_contact_refuses_the_same_and_writes_nothing(
    clerk: ServiceContext, row_counts, inp: ContactInput, field: str, message: str
) -> None:
    counts = row_counts()

    with pytest.raises(ValidationError) as refused:
        log_contact(clerk, inp)

    assert refused.value.field == field
    assert row_counts() == counts


def test_an_unknown_channel_message_lists_the_seven() -> None:
    with pytest.raises(ValidationError) as refused:
        validate_contact(phone(channel="fax"), NOW)
    assert all(label in refused.value.message for label in CHANNEL_LABELS.values())


def test_the_limits_themselves_are_accepted() -> None:
    clean = validate_contact(
        phone(
            purpose="غ" * 200,
            inquiry="س" * 2000,
            answer="ج" * 2000,
            started_at=NOW + CLOCK_SKEW,
            ended_at=NOW + CLOCK_SKEW,
        ),
        NOW,
    )
    assert clean.started_at == clean.ended_at == NOW + CLOCK_SKEW
    assert clean.inquiry is not None
    assert len(clean.inquiry) == 2000


def test_a_purpose_alone_or_an_inquiry_alone_is_enough() -> None:
    assert validate_contact(phone(inquiry=None, purpose="متابعة طلب"), NOW).purpose == "متابعة طلب"
    assert validate_contact(phone(purpose=None), NOW).inquiry == "متى يصدر قرار اللجنة؟"


def test_validation_cleans_and_completes_the_input() -> None:
    clean = validate_contact(
        ContactInput(
            channel="website",
            direction="out",
            purpose="  ",
            inquiry="  سؤال عن المواعيد \n",
            answer="",
            beneficiary_id=" ",
            ticket_id="",
        ),
        NOW,
    )

    assert clean.channel is Channel.WEBSITE
    assert clean.direction is Direction.OUTBOUND
    assert (clean.purpose, clean.inquiry, clean.answer) == (None, "سؤال عن المواعيد", None)
    assert (clean.beneficiary_id, clean.ticket_id) == (None, None)
    # Saved when the contact ends: no times given means it started and ended now.
    assert clean.started_at == clean.ended_at == NOW


def test_a_missing_end_is_now_and_a_missing_start_is_the_end() -> None:
    assert validate_contact(phone(started_at=at(-12)), NOW).ended_at == NOW
    assert validate_contact(phone(ended_at=at(-3)), NOW).started_at == at(-3)
    # A start a little ahead (clock skew) with no end does not end before it starts.
    skewed = validate_contact(phone(started_at=at(2)), NOW)
    assert skewed.started_at == skewed.ended_at == at(2)


def test_times_without_a_zone_are_riyadh_time() -> None:
    clean = validate_contact(
        phone(started_at=datetime(2026, 11, 25, 9, 40), ended_at=datetime(2026, 11, 25, 9, 55)),
        NOW,
    )
    assert clean.started_at == datetime(2026, 11, 25, 6, 40, tzinfo=UTC)
    assert clean.ended_at == datetime(2026, 11, 25, 6, 55, tzinfo=UTC)
    assert clean.started_at is not None
    assert clean.started_at.tzinfo is UTC


# --- logging ---------------------------------------------------------------------------------


def test_a_contact_is_logged_by_the_signed_in_staff_member(
    clerk: ServiceContext, audit_entries
) -> None:
    person = add_person(clerk)

    row = log_contact(
        clerk,
        ContactInput(
            channel=Channel.PHONE,
            direction=Direction.INBOUND,
            purpose="متابعة طلب",
            inquiry="متى يصدر قرار اللجنة؟",
            answer="خلال أسبوعين من رفع الطلب",
            beneficiary_id=person,
            started_at=at(-9),
            ended_at=at(-3),
        ),
    )

    assert isinstance(row, ContactRow)
    assert (row.channel, row.channel_label) == (Channel.PHONE, "الاتصالات الهاتفية")
    assert (row.staff_id, row.staff_name) == (clerk.actor.staff_id, clerk.actor.full_name)
    assert (row.started_at, row.ended_at, row.duration_minutes) == (at(-9), at(-3), 6)
    assert row.beneficiary_id == person
    assert not row.anonymous
    with clerk.sessions() as session:
        stored = session.get(Contact, row.id)
        assert stored is not None
        assert stored.staff_id == clerk.actor.staff_id
        assert (stored.started_at, stored.ended_at) == (at(-9), at(-3))
        assert stored.answer == "خلال أسبوعين من رفع الطلب"
    (entry,) = audit_entries(action="contact.log")
    assert (entry.entity, entry.entity_id, entry.actor_id) == (
        "contact",
        row.id,
        clerk.actor.staff_id,
    )
    assert '"channel": "phone"' in (entry.after_json or "")


@pytest.mark.parametrize("channel", list(Channel), ids=str)
def test_an_inquiry_may_be_anonymous_on_every_channel(
    clerk: ServiceContext, channel: Channel
) -> None:
    row = log_contact(clerk, ContactInput(channel=channel, inquiry="هل تعالجون الأطفال؟"))

    assert row.anonymous
    assert row.beneficiary_id is None
    assert (row.started_at, row.ended_at, row.duration_minutes) == (NOW, NOW, 0)


def test_an_unknown_person_or_ticket_is_not_found(clerk: ServiceContext, row_counts) -> None:
    counts = row_counts()

    with pytest.raises(NotFound, match="المستفيد غير موجود"):
        log_contact(clerk, phone(beneficiary_id="no-such-person"))
    with pytest.raises(NotFound, match="التذكرة غير موجودة"):
        log_contact(clerk, phone(ticket_id="no-such-ticket"))
    assert row_counts() == counts


def _ticket(ctx: ServiceContext, beneficiary_id: str | None) -> str:
    with unit_of_work(ctx, "test.seed") as session:
        ticket = Ticket(
            service_date=DAY, prefix="A", number=1, beneficiary_id=beneficiary_id, issued_at=NOW
        )
        session.add(ticket)
        session.flush()
        return ticket.id


def test_an_interview_from_a_ticket_takes_the_tickets_visitor(clerk: ServiceContext) -> None:
    person = add_person(clerk)
    ticket = _ticket(clerk, person)

    row = log_contact(
        clerk, ContactInput(channel=Channel.INTERVIEW, inquiry="تقديم طلب", ticket_id=ticket)
    )

    assert (row.ticket_id, row.beneficiary_id) == (ticket, person)


def test_an_interview_from_an_anonymous_ticket_stays_anonymous(clerk: ServiceContext) -> None:
    ticket = _ticket(clerk, None)

    row = log_contact(
        clerk, ContactInput(channel=Channel.INTERVIEW, inquiry="استفسار", ticket_id=ticket)
    )

    assert (row.ticket_id, row.beneficiary_id) == (ticket, None)


# --- history ---------------------------------------------------------------------------------


def test_history_is_newest_first_with_who_answered(make_actor, clerk: ServiceContext) -> None:
    researcher = make_actor(Role.RESEARCHER)
    person = add_person(clerk)
    other = add_person(clerk, "1000000016")
    first = log_contact(clerk, phone(beneficiary_id=person, started_at=at(-300), ended_at=at(-290)))
    third = log_contact(
        researcher,
        ContactInput(
            channel=Channel.HELP_REQUESTS,
            direction=Direction.OUTBOUND,
            purpose="إبلاغ بنقص مستند",
            beneficiary_id=person,
            started_at=at(-20),
            ended_at=at(-15),
        ),
    )
    second = log_contact(clerk, phone(beneficiary_id=person, started_at=at(-100)))
    log_contact(clerk, phone(beneficiary_id=other))
    log_contact(clerk, phone())  # anonymous

    rows = contact_history(researcher, person)

    assert [r.id for r in rows] == [third.id, second.id, first.id]
    assert [r.staff_name for r in rows] == [
        researcher.actor.full_name,
        clerk.actor.full_name,
        clerk.actor.full_name,
    ]
    assert rows[0].direction is Direction.OUTBOUND
    assert rows[0].channel_label == "خدمات طلب المساعدة"
    assert rows[0].duration_minutes == 5
    assert [r.id for r in contact_history(clerk, person, limit=2)] == [third.id, second.id]
    assert contact_history(clerk, "no-such-person") == []


def test_history_leaves_out_deleted_contacts(clerk: ServiceContext) -> None:
    person = add_person(clerk)
    kept = log_contact(clerk, phone(beneficiary_id=person))
    gone = log_contact(clerk, phone(beneficiary_id=person, started_at=at(-1)))
    with unit_of_work(clerk, "test.delete") as session:
        row = session.get(Contact, gone.id)
        assert row is not None
        row.deleted_at = NOW

    assert [r.id for r in contact_history(clerk, person)] == [kept.id]


# --- per-channel counts ----------------------------------------------------------------------


def _log_at(ctx: ServiceContext, channel: Channel, started: datetime) -> None:
    log_contact(ctx, ContactInput(channel=channel, inquiry="استفسار", started_at=started))


def test_counts_per_channel_list_all_seven_with_zeros(clerk: ServiceContext) -> None:
    riyadh_midnight = datetime(2026, 11, 24, 21, 0, tzinfo=UTC)  # 25 Nov 00:00 in Riyadh
    _log_at(clerk, Channel.PHONE, riyadh_midnight)  # first minute of the 25th
    _log_at(clerk, Channel.PHONE, at(-60))
    _log_at(clerk, Channel.INTERVIEW, at(-30))
    _log_at(clerk, Channel.WEBSITE, datetime(2026, 11, 23, 20, 59, tzinfo=UTC))  # 23:59, 23rd
    _log_at(clerk, Channel.LETTERS, riyadh_midnight - timedelta(minutes=1))  # 23:59 on the 24th

    today = contacts_by_channel(clerk, DAY, DAY)
    two_days = contacts_by_channel(clerk, date(2026, 11, 24), DAY)

    assert list(today) == list(Channel)
    assert today == {
        Channel.INTERVIEW: 1,
        Channel.PHONE: 2,
        Channel.SOCIAL_MEDIA: 0,
        Channel.LETTERS: 0,
        Channel.HELP_REQUESTS: 0,
        Channel.VOLUNTEERING: 0,
        Channel.WEBSITE: 0,
    }
    assert list(two_days) == list(Channel)
    assert two_days[Channel.LETTERS] == 1
    assert two_days[Channel.WEBSITE] == 0
    assert sum(two_days.values()) == 4
    assert contacts_by_channel(clerk, date(2026, 1, 1), date(2026, 1, 31)) == dict.fromkeys(
        Channel, 0
    )


def test_counts_refuse_a_period_that_ends_before_it_starts(clerk: ServiceContext) -> None:
    with pytest.raises(ValidationError) as refused:
        contacts_by_channel(clerk, DAY, DAY - timedelta(days=1))
    assert refused.value.field == "until"
    assert ARABIC.search(refused.value.message)


# --- permissions -----------------------------------------------------------------------------


@pytest.mark.parametrize("role", list(Role), ids=str)
def test_every_role_logs_contacts_and_reads_the_history(make_actor, role: Role) -> None:
    actor = make_actor(role)
    person = add_person(actor)
    row = log_contact(actor, phone(beneficiary_id=person))
    assert [r.id for r in contact_history(actor, person)] == [row.id]
    assert sum(contacts_by_channel(actor, DAY, DAY).values()) == 1


def test_nobody_signed_in_can_neither_log_nor_read(ctx: ServiceContext, row_counts) -> None:
    counts = row_counts()
    for attempt in (
        lambda: log_contact(ctx, phone()),
        lambda: contact_history(ctx, "someone"),
        lambda: contacts_by_channel(ctx, DAY, DAY),
    ):
        with pytest.raises(PermissionDenied, match="يجب تسجيل الدخول أولاً"):
            attempt()
    assert row_counts() == counts
    with ctx.sessions() as session:
        assert session.scalars(select(Contact)).first() is None
