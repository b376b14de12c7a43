"""The contact log: every interaction with a beneficiary, on one of the policy's seven channels.

The policy asks staff to receive visitors politely, answer every inquiry and give them enough
time; each contact is recorded with its channel, direction, purpose, the inquiry and the answer,
who answered, and when it started and ended. Anonymous inquiries (no beneficiary) are allowed on
every channel, walk-in interviews and phone calls included.

Decisions:

- Times the user typed without a time zone are Riyadh time; all are stored in UTC. A missing
  end is "now" (the form is saved when the contact ends); a missing start is the end.
- A start up to `CLOCK_SKEW` in the future is accepted (two PCs' clocks differ a little).
- The purpose is a short line (its column holds 200 characters); the inquiry and the answer
  hold up to 2,000 characters each.
- A contact made from a queue ticket whose visitor is known takes the ticket's beneficiary
  when none is given.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from basmat_desk.domain.clock import RIYADH, day_bounds_utc, utcnow
from basmat_desk.domain.enums import Channel, Direction
from basmat_desk.domain.errors import ValidationError
from basmat_desk.domain.fields import CONTACT_FIELDS as FIELD_LABELS
from basmat_desk.domain.permissions import Permission
from basmat_desk.domain.text import optional_line, optional_text
from basmat_desk.services.context import ServiceContext, live_row, service
from basmat_desk.services.queue import PERSON_NOT_FOUND, TICKET_NOT_FOUND
from basmat_desk.store.models import Beneficiary, Contact, Staff, Ticket

#: Longest inquiry or answer, in characters.
TEXT_MAX = 2_000
#: Longest purpose (the column's size).
PURPOSE_MAX = 200
#: How far in the future a start time may be (clock differences between PCs).
CLOCK_SKEW = timedelta(minutes=5)
#: Most rows `contact_history` returns by default.
HISTORY_LIMIT = 200


@dataclass(frozen=True, slots=True)
class ContactInput:
    """What the contact form gives. `channel` and `direction` may be codes ("phone", "in")."""

    channel: Channel | str | None
    direction: Direction | str = Direction.INBOUND
    purpose: str | None = None
    inquiry: str | None = None
    answer: str | None = None
    beneficiary_id: str | None = None  # None: an anonymous inquiry
    ticket_id: str | None = None
    started_at: datetime | None = None  # default: the end
    ended_at: datetime | None = None  # default: now


@dataclass(frozen=True, slots=True)
class ContactRow:
    """A logged contact as the beneficiary's page and the log show it."""

    id: str
    channel: Channel
    channel_label: str
    direction: Direction
    purpose: str | None
    inquiry: str | None
    answer: str | None
    staff_name: str | None
    started_at: datetime
    ended_at: datetime | None
    beneficiary_id: str | None
    ticket_id: str | None
    duration_minutes: float | None
    staff_id: str | None = None

    @property
    def anonymous(self) -> bool:
        return self.beneficiary_id is None


# --- validation ------------------------------------------------------------------------------


def _channel(value: Channel | str | None) -> Channel:
    if value is None or (isinstance(value, str) and not value.strip()):
        raise ValidationError("channel", f"{FIELD_LABELS['channel']}: مطلوبة")
    try:
        return Channel(value.strip() if isinstance(value, str) else value)
    except ValueError:
        known = "، ".join(c.label for c in Channel)
        raise ValidationError(
            "channel", f"{FIELD_LABELS['channel']}: غير معروفة؛ القنوات: {known}"
        ) from None


def _direction(value: Direction | str | None) -> Direction:
    if value is None or (isinstance(value, str) and not value.strip()):
        return Direction.INBOUND
    try:
        return Direction(value.strip() if isinstance(value, str) else value)
    except ValueError:
        raise ValidationError(
            "direction", f"{FIELD_LABELS['direction']}: يجب أن يكون واردًا أو صادرًا"
        ) from None


def _text(field: str, value: str | None, maximum: int) -> str | None:
    if field == "purpose":
        return optional_line(field, FIELD_LABELS[field], value, maximum)
    return optional_text(field, FIELD_LABELS[field], value, maximum)


def _aware(value: datetime | None) -> datetime | None:
    """UTC; a time without a zone is what the user typed, in Riyadh."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=RIYADH)
    return value.astimezone(UTC)


@dataclass(frozen=True, slots=True)
class _Clean:
    """A validated contact, with the types the table needs."""

    channel: Channel
    direction: Direction
    purpose: str | None
    inquiry: str | None
    answer: str | None
    beneficiary_id: str | None
    ticket_id: str | None
    started_at: datetime
    ended_at: datetime


def _validate(inp: ContactInput, now: datetime) -> _Clean:
    channel = _channel(inp.channel)
    direction = _direction(inp.direction)
    purpose = _text("purpose", inp.purpose, PURPOSE_MAX)
    inquiry = _text("inquiry", inp.inquiry, TEXT_MAX)
    answer = _text("answer", inp.answer, TEXT_MAX)
    if purpose is None and inquiry is None:
        raise ValidationError(
            "inquiry",
            f"{FIELD_LABELS['inquiry']}: اكتب الاستفسار أو الغرض من التواصل؛ لا يُسجَّل تواصل فارغ",
        )
    started, ended = _aware(inp.started_at), _aware(inp.ended_at)
    limit = now + CLOCK_SKEW
    if started is not None and started > limit:
        raise ValidationError("started_at", f"{FIELD_LABELS['started_at']}: لا يكون في المستقبل")
    if ended is not None and ended > limit:
        raise ValidationError("ended_at", f"{FIELD_LABELS['ended_at']}: لا يكون في المستقبل")
    if ended is None:
        ended = now if started is None else max(now, started)
    if started is None:
        started = ended
    if ended < started:
        raise ValidationError("ended_at", f"{FIELD_LABELS['ended_at']}: قبل وقت البدء")
    return _Clean(
        channel=channel,
        direction=direction,
        purpose=purpose,
        inquiry=inquiry,
        answer=answer,
        beneficiary_id=(inp.beneficiary_id or "").strip() or None,
        ticket_id=(inp.ticket_id or "").strip() or None,
        started_at=started,
        ended_at=ended,
    )


def validate_contact(inp: ContactInput, now: datetime | None = None) -> ContactInput:
    """The input cleaned and completed (codes → enums, times in UTC, blanks → None), or a
    ValidationError naming the first wrong field. `now` (UTC-aware) defaults to the clock.

    Rules: a channel (one of the seven); a purpose or an inquiry (a contact where nothing was
    said is not a record); start not more than CLOCK_SKEW in the future, end not before the
    start; purpose up to 200 characters, inquiry and answer up to 2,000. Any channel may be
    anonymous (no beneficiary).
    """
    clean = _validate(inp, now or utcnow())
    return ContactInput(
        channel=clean.channel,
        direction=clean.direction,
        purpose=clean.purpose,
        inquiry=clean.inquiry,
        answer=clean.answer,
        beneficiary_id=clean.beneficiary_id,
        ticket_id=clean.ticket_id,
        started_at=clean.started_at,
        ended_at=clean.ended_at,
    )


# --- use cases -------------------------------------------------------------------------------


def _row(contact: Contact, staff_name: str | None) -> ContactRow:
    ended = contact.ended_at
    return ContactRow(
        id=contact.id,
        channel=contact.channel,
        channel_label=contact.channel.label,
        direction=contact.direction,
        purpose=contact.purpose,
        inquiry=contact.inquiry,
        answer=contact.answer,
        staff_name=staff_name,
        started_at=contact.started_at,
        ended_at=ended,
        beneficiary_id=contact.beneficiary_id,
        ticket_id=contact.ticket_id,
        duration_minutes=(
            None if ended is None else max(0.0, (ended - contact.started_at).total_seconds() / 60)
        ),
        staff_id=contact.staff_id,
    )


@service(Permission.LOG_CONTACTS, "contact.log")
def log_contact(session: Session, ctx: ServiceContext, inp: ContactInput) -> ContactRow:
    """Record one contact, answered by the signed-in staff member."""
    clean = _validate(inp, utcnow())
    beneficiary_id = clean.beneficiary_id
    if beneficiary_id is not None:
        live_row(session, Beneficiary, beneficiary_id, PERSON_NOT_FOUND)
    if clean.ticket_id is not None:
        ticket = live_row(session, Ticket, clean.ticket_id, TICKET_NOT_FOUND)
        beneficiary_id = beneficiary_id or ticket.beneficiary_id
    actor = ctx.actor
    contact = Contact(
        beneficiary_id=beneficiary_id,
        channel=clean.channel,
        direction=clean.direction,
        purpose=clean.purpose,
        inquiry=clean.inquiry,
        answer=clean.answer,
        staff_id=actor.staff_id if actor else None,
        started_at=clean.started_at,
        ended_at=clean.ended_at,
        ticket_id=clean.ticket_id,
    )
    session.add(contact)
    session.flush()
    return _row(contact, actor.full_name if actor else None)


@service(Permission.VIEW_BENEFICIARIES, "contact.history")
def contact_history(
    session: Session, ctx: ServiceContext, beneficiary_id: str, *, limit: int = HISTORY_LIMIT
) -> list[ContactRow]:
    """A beneficiary's contacts, newest first, with the name of who answered each."""
    return history_rows(session, beneficiary_id, limit)


def history_rows(
    session: Session, beneficiary_id: str, limit: int = HISTORY_LIMIT
) -> list[ContactRow]:
    """`contact_history` inside the caller's transaction."""
    query = (
        select(Contact, Staff.full_name)
        .outerjoin(Staff, Staff.id == Contact.staff_id)
        .where(Contact.beneficiary_id == beneficiary_id, Contact.deleted_at.is_(None))
        .order_by(Contact.started_at.desc(), Contact.id.desc())
        .limit(max(0, limit))
    )
    return [_row(contact, name) for contact, name in session.execute(query)]


@service(Permission.VIEW_DASHBOARD, "contact.stats")
def contacts_by_channel(
    session: Session, ctx: ServiceContext, since: date, until: date
) -> dict[Channel, int]:
    """Contacts started from `since` to `until` (Riyadh days, both included) per channel:
    all seven channels, in the policy's order, zeros included."""
    if until < since:
        raise ValidationError("until", "إلى تاريخ: قبل «من تاريخ»")
    return count_by_channel(session, since, until)


def count_by_channel(session: Session, since: date, until: date) -> dict[Channel, int]:
    """The per-channel count behind `contacts_by_channel` and the dashboard (inside their
    transaction): every channel, zeros included."""
    start, _ = day_bounds_utc(since)
    _, end = day_bounds_utc(until)
    rows = session.execute(
        select(Contact.channel, func.count())
        .where(Contact.started_at >= start, Contact.started_at < end, Contact.deleted_at.is_(None))
        .group_by(Contact.channel)
    )
    found: dict[Channel, int] = dict(rows.all())
    return {channel: found.get(channel, 0) for channel in Channel}
