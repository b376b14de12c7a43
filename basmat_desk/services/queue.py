"""The walk-in queue of one counter: tickets A-001, A-002 … per counter prefix and service date.

Decisions (DESIGN.md, "Numbers issued offline"):

- **One queue per counter prefix.** Ticket numbers are per (prefix, service date), so each
  counter PC — several may serve one branch — has its own queue: `call_next`, `todays_queue`
  and `queue_summary` look at this PC's prefix (the device setting `counter_prefix`) unless a
  prefix is given. Actions on a ticket named by its id (`call_ticket`, `start_serving` …) do
  not check its prefix: a supervisor may tidy up another counter's ticket.
- **Service dates are Riyadh days**, taken from the same clock as the timestamps (`utcnow`
  of this module, which tests replace), so a ticket issued at 00:30 Riyadh time belongs to
  that day.
- **Numbers** come from `NumberSequence(kind="ticket", prefix, scope=<service date ISO>)`,
  updated in the same transaction as the new ticket (the row is created on the day's first
  ticket). The next number is one more than the larger of the sequence and the highest ticket
  number already stored for that day, so a sequence that is behind (a restored file, rows
  written without it) can never make a duplicate; the UNIQUE (service_date, prefix, number)
  constraint stays the backstop. A counter issues at most 999 tickets a day (`A-999`).
- **Status changes** go through `domain.workflow.ticket_transition` (an impossible one raises
  WorkflowError with the Arabic message) and stamp the matching time: called_at, serving_at
  (and served_by = the signed-in staff member), done_at, no_show_at, cancelled_at.
  `requeue` puts a called ticket back in the queue in its place (by number) and clears
  called_at, so its wait keeps running until it is called again; the previous call time stays
  in the audit trail. Only today's tickets can be called: yesterday's leftovers can still be
  cancelled or marked no-show.
- **Wait** is issued → called (or → the end of a ticket that was never called: no-show or
  cancelled while waiting; → now while still waiting). **Serving time** is serving → done
  (→ now while serving). Both are float minutes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from basmat_desk.domain.calendar import format_date
from basmat_desk.domain.clock import local_day, utcnow
from basmat_desk.domain.enums import TicketAction, TicketStatus
from basmat_desk.domain.errors import ValidationError, WorkflowError
from basmat_desk.domain.numbering import (
    TICKET_SEQ_MAX,
    SequenceKind,
    ticket_number,
    validate_prefix,
)
from basmat_desk.domain.permissions import Permission
from basmat_desk.domain.text import optional_line
from basmat_desk.domain.workflow import TICKET_TRANSITIONS, TICKET_UNDO, ticket_transition
from basmat_desk.services.context import ServiceContext, live_row, service
from basmat_desk.services.settings import ensure_device
from basmat_desk.store.models import Beneficiary, NumberSequence, Staff, Ticket, stable_id

#: Longest purpose of a visit (the column's size).
PURPOSE_MAX = 200

#: Tickets that are at the counter now, then those still waiting, then the finished ones.
ACTIVE_STATUSES = (TicketStatus.SERVING, TicketStatus.CALLED)
FINISHED_STATUSES = (TicketStatus.DONE, TicketStatus.NO_SHOW, TicketStatus.CANCELLED)


def _minutes(start: datetime, end: datetime) -> float:
    return max(0.0, (end - start).total_seconds() / 60)


@dataclass(frozen=True, slots=True)
class TicketRow:
    """A queue ticket as the counter's screen shows it."""

    id: str
    number: int
    label: str  # "A-017"
    service_date: date
    purpose: str | None
    status: TicketStatus
    beneficiary_id: str | None
    beneficiary_name: str | None
    issued_at: datetime
    called_at: datetime | None
    serving_at: datetime | None
    done_at: datetime | None
    no_show_at: datetime | None
    cancelled_at: datetime | None
    served_by: str | None
    served_by_name: str | None = None

    @property
    def finished_at(self) -> datetime | None:
        """When the ticket left the queue for good (done, no-show or cancelled)."""
        return self.done_at or self.no_show_at or self.cancelled_at

    @property
    def wait_minutes(self) -> float:
        """Minutes from issue to call (to now while still waiting); see `waited`."""
        return waited(self, utcnow())

    @property
    def serve_minutes(self) -> float | None:
        """Minutes of service (to now while serving); None if service never started."""
        return served(self, utcnow())


def waited(row: TicketRow, now: datetime) -> float:
    """How long the visitor waited, in minutes, as of `now` (UTC-aware).

    Issued → called; a ticket never called waits until it ended (no-show, cancelled) or,
    while still waiting, until `now`.
    """
    if row.called_at is not None:
        return _minutes(row.issued_at, row.called_at)
    ended = row.no_show_at or row.cancelled_at or row.done_at
    return _minutes(row.issued_at, ended if ended is not None else now)


def served(row: TicketRow, now: datetime) -> float | None:
    """How long the visitor was served, in minutes, as of `now`; None if never served."""
    if row.serving_at is None:
        return None
    if row.done_at is not None:
        return _minutes(row.serving_at, row.done_at)
    if row.status is TicketStatus.SERVING:
        return _minutes(row.serving_at, now)
    return None


@dataclass(frozen=True, slots=True)
class QueueSummary:
    """One counter's day in figures (minutes are floats; None when there is nothing to count)."""

    day: date
    prefix: str
    counts: dict[TicketStatus, int]  # every status, zeros included
    total: int
    average_wait_minutes: float | None  # of the tickets that were called
    max_wait_minutes: float | None
    average_serve_minutes: float | None  # of the tickets whose service finished
    longest_waiting_minutes: float | None  # of the tickets still waiting, at `now`

    @property
    def waiting(self) -> int:
        return self.counts[TicketStatus.WAITING]

    @property
    def finished(self) -> int:
        return sum(self.counts[s] for s in FINISHED_STATUSES)


# --- helpers ---------------------------------------------------------------------------------


def _full_name(person: Beneficiary | None) -> str | None:
    if person is None:
        return None
    return person.full_name


def _row(session: Session, ticket: Ticket) -> TicketRow:
    person = session.get(Beneficiary, ticket.beneficiary_id) if ticket.beneficiary_id else None
    staff = session.get(Staff, ticket.served_by) if ticket.served_by else None
    return _make_row(ticket, _full_name(person), staff.full_name if staff else None)


def _make_row(ticket: Ticket, person: str | None, staff: str | None) -> TicketRow:
    return TicketRow(
        id=ticket.id,
        number=ticket.number,
        label=ticket_number(ticket.prefix, ticket.number),
        service_date=ticket.service_date,
        purpose=ticket.purpose,
        status=ticket.status,
        beneficiary_id=ticket.beneficiary_id,
        beneficiary_name=person,
        issued_at=ticket.issued_at,
        called_at=ticket.called_at,
        serving_at=ticket.serving_at,
        done_at=ticket.done_at,
        no_show_at=ticket.no_show_at,
        cancelled_at=ticket.cancelled_at,
        served_by=ticket.served_by,
        served_by_name=staff,
    )


def _day_rows(session: Session, day: date, prefix: str) -> list[TicketRow]:
    """Every live ticket of `prefix` on `day`, with the names of the person and the server."""
    query = (
        select(Ticket, Beneficiary, Staff.full_name)
        .outerjoin(Beneficiary, Beneficiary.id == Ticket.beneficiary_id)
        .outerjoin(Staff, Staff.id == Ticket.served_by)
        .where(Ticket.service_date == day, Ticket.prefix == prefix, Ticket.deleted_at.is_(None))
        .order_by(Ticket.number)
    )
    return [
        _make_row(ticket, _full_name(person), staff)
        for ticket, person, staff in session.execute(query)
    ]


def _counter_prefix(session: Session, prefix: str | None = None) -> str:
    if prefix is not None:
        return validate_prefix(prefix)
    return validate_prefix(ensure_device(session).counter_prefix, "counter_prefix")


TICKET_NOT_FOUND = "التذكرة غير موجودة"
PERSON_NOT_FOUND = "المستفيد غير موجود"


def _ticket(session: Session, ticket_id: str) -> Ticket:
    return live_row(session, Ticket, ticket_id, TICKET_NOT_FOUND)


def _beneficiary(session: Session, beneficiary_id: str) -> Beneficiary:
    return live_row(session, Beneficiary, beneficiary_id, PERSON_NOT_FOUND)


def _purpose(purpose: str | None) -> str | None:
    return optional_line("purpose", "الغرض من الزيارة", purpose, PURPOSE_MAX)


def _next_number(session: Session, prefix: str, day: date) -> int:
    """Advance the day's ticket sequence of `prefix` (creating it) and return the new number."""
    scope = day.isoformat()
    sequence = session.scalars(
        select(NumberSequence).where(
            NumberSequence.kind == SequenceKind.TICKET,
            NumberSequence.prefix == prefix,
            NumberSequence.scope == scope,
        )
    ).first()
    highest = session.scalar(
        select(func.max(Ticket.number)).where(Ticket.service_date == day, Ticket.prefix == prefix)
    )
    last = max(sequence.last_value if sequence else 0, highest or 0)
    number = last + 1
    if number > TICKET_SEQ_MAX:
        raise ValidationError(
            "ticket",
            f"التذاكر: بلغ هذا الكاونتر الحد الأقصى لتذاكر اليوم ({TICKET_SEQ_MAX} تذكرة)",
        )
    if sequence is None:
        session.add(
            NumberSequence(
                id=stable_id("number_sequence", SequenceKind.TICKET, prefix, scope),
                kind=SequenceKind.TICKET,
                prefix=prefix,
                scope=scope,
                last_value=number,
            )
        )
    else:
        sequence.last_value = number
    return number


#: Actions that put a ticket (back) in today's queue or at the counter: today's tickets only.
_TODAY_ONLY = frozenset({TicketAction.CALL, TicketAction.REQUEUE, TicketAction.RESUME})
#: What going back clears: the ticket waits again as if never called; a resumed service is not
#: finished. The audit trail keeps the times that were cleared.
_CLEARS: dict[TicketAction, tuple[str, ...]] = {
    TicketAction.REQUEUE: ("called_at", "no_show_at", "cancelled_at"),
    TicketAction.RESUME: ("done_at",),
}
_STAMPS: dict[TicketAction, str] = {
    TicketAction.CALL: "called_at",
    TicketAction.START: "serving_at",
    TicketAction.FINISH: "done_at",
    TicketAction.NO_SHOW: "no_show_at",
    TicketAction.CANCEL: "cancelled_at",
}


def _apply(session: Session, ctx: ServiceContext, ticket: Ticket, action: TicketAction) -> None:
    """Move `ticket` by `action` (WorkflowError if the queue forbids it) and stamp the time."""
    target = ticket_transition(ticket.status, action)
    now = utcnow()
    if action in _TODAY_ONLY and ticket.service_date != local_day(now):
        raise WorkflowError(
            f"لا يمكن «{action.label}» لتذكرة يوم آخر ({format_date(ticket.service_date)})؛ "
            "ألغها أو سجّلها «لم يحضر»"
        )
    ticket.status = target
    stamp = _STAMPS.get(action)
    if stamp is not None:
        setattr(ticket, stamp, now)
    if action is TicketAction.START:
        ticket.served_by = ctx.actor.staff_id if ctx.actor else None
    for cleared in _CLEARS.get(action, ()):
        setattr(ticket, cleared, None)


def _move(session: Session, ctx: ServiceContext, ticket_id: str, action: TicketAction) -> TicketRow:
    ticket = _ticket(session, ticket_id)
    _apply(session, ctx, ticket, action)
    session.flush()
    return _row(session, ticket)


# --- use cases -------------------------------------------------------------------------------


@service(Permission.MANAGE_QUEUE, "queue.issue")
def issue_ticket(
    session: Session,
    ctx: ServiceContext,
    *,
    purpose: str | None = None,
    beneficiary_id: str | None = None,
) -> TicketRow:
    """A new waiting ticket of this counter for today: the next number of its sequence."""
    cleaned = _purpose(purpose)
    if beneficiary_id is not None:
        _beneficiary(session, beneficiary_id)
    now = utcnow()
    day = local_day(now)
    prefix = _counter_prefix(session)
    ticket = Ticket(
        service_date=day,
        prefix=prefix,
        number=_next_number(session, prefix, day),
        purpose=cleaned,
        status=TicketStatus.WAITING,
        beneficiary_id=beneficiary_id,
        issued_at=now,
    )
    session.add(ticket)
    session.flush()
    return _row(session, ticket)


@service(Permission.MANAGE_QUEUE, "queue.call")
def call_next(session: Session, ctx: ServiceContext) -> TicketRow | None:
    """Call the lowest-numbered waiting ticket of this counter today; None if nobody waits."""
    prefix = _counter_prefix(session)
    ticket = session.scalars(
        select(Ticket)
        .where(
            Ticket.service_date == local_day(utcnow()),
            Ticket.prefix == prefix,
            Ticket.status == TicketStatus.WAITING,
            Ticket.deleted_at.is_(None),
        )
        .order_by(Ticket.number)
        .limit(1)
    ).first()
    if ticket is None:
        return None
    _apply(session, ctx, ticket, TicketAction.CALL)
    session.flush()
    return _row(session, ticket)


@service(Permission.MANAGE_QUEUE, "queue.call")
def call_ticket(session: Session, ctx: ServiceContext, ticket_id: str) -> TicketRow:
    """Call one waiting ticket out of turn."""
    return _move(session, ctx, ticket_id, TicketAction.CALL)


@service(Permission.MANAGE_QUEUE, "queue.start")
def start_serving(session: Session, ctx: ServiceContext, ticket_id: str) -> TicketRow:
    """The called visitor is at the counter: service starts, by the signed-in staff member."""
    return _move(session, ctx, ticket_id, TicketAction.START)


@service(Permission.MANAGE_QUEUE, "queue.finish")
def finish(session: Session, ctx: ServiceContext, ticket_id: str) -> TicketRow:
    return _move(session, ctx, ticket_id, TicketAction.FINISH)


@service(Permission.MANAGE_QUEUE, "queue.no_show")
def mark_no_show(session: Session, ctx: ServiceContext, ticket_id: str) -> TicketRow:
    return _move(session, ctx, ticket_id, TicketAction.NO_SHOW)


@service(Permission.MANAGE_QUEUE, "queue.cancel")
def cancel(session: Session, ctx: ServiceContext, ticket_id: str) -> TicketRow:
    return _move(session, ctx, ticket_id, TicketAction.CANCEL)


@service(Permission.MANAGE_QUEUE, "queue.requeue")
def requeue(session: Session, ctx: ServiceContext, ticket_id: str) -> TicketRow:
    """Put a called ticket back in the queue, in its place by number (called_at cleared)."""
    return _move(session, ctx, ticket_id, TicketAction.REQUEUE)


@service(Permission.MANAGE_QUEUE, "queue.resume")
def resume_serving(session: Session, ctx: ServiceContext, ticket_id: str) -> TicketRow:
    """A service finished by mistake goes on (done_at cleared)."""
    return _move(session, ctx, ticket_id, TicketAction.RESUME)


@service(Permission.MANAGE_QUEUE, "queue.undo")
def undo(session: Session, ctx: ServiceContext, ticket_id: str, action: TicketAction) -> TicketRow:
    """Undo the counter's last `action` on a ticket (a call, a no-show, a cancellation: back to
    the queue; a finish: service resumed), if nothing has moved the ticket since."""
    reverse = TICKET_UNDO.get(TicketAction(action))
    if reverse is None:
        raise WorkflowError(f"لا يُتراجع عن «{TicketAction(action).label}»")
    ticket = _ticket(session, ticket_id)
    after = {t.target for t in TICKET_TRANSITIONS if t.action is action}
    if ticket.status not in after:
        raise WorkflowError(
            f"تغيّرت حالة التذكرة {ticket_number(ticket.prefix, ticket.number)} بعد ذلك الإجراء "
            f"(هي الآن «{ticket.status.label}»)؛ لا تراجع عنه"
        )
    _apply(session, ctx, ticket, reverse)
    session.flush()
    return _row(session, ticket)


@service(Permission.MANAGE_QUEUE, "queue.attach_beneficiary")
def attach_beneficiary(
    session: Session, ctx: ServiceContext, ticket_id: str, beneficiary_id: str
) -> TicketRow:
    """The intake found (or registered) the visitor: link the ticket to their record."""
    ticket = _ticket(session, ticket_id)
    _beneficiary(session, beneficiary_id)
    ticket.beneficiary_id = beneficiary_id
    session.flush()
    return _row(session, ticket)


def _queue_order(row: TicketRow) -> tuple[Any, ...]:
    if row.status in ACTIVE_STATUSES:
        return (0, ACTIVE_STATUSES.index(row.status), row.number)
    if row.status is TicketStatus.WAITING:
        return (1, row.number)
    finished = row.finished_at
    return (2, -(finished.timestamp() if finished else 0.0), -row.number)


@service(Permission.MANAGE_QUEUE, "queue.read")
def todays_queue(
    session: Session, ctx: ServiceContext, day: date | None = None, *, prefix: str | None = None
) -> list[TicketRow]:
    """The counter's queue of `day` (default today): serving then called, then waiting by
    number, then done / no-show / cancelled, the most recently finished first.

    `prefix` shows another counter's queue; default this PC's counter.
    """
    rows = _day_rows(session, day or local_day(utcnow()), _counter_prefix(session, prefix))
    return sorted(rows, key=_queue_order)


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


@service(Permission.MANAGE_QUEUE, "queue.summary")
def queue_summary(
    session: Session,
    ctx: ServiceContext,
    day: date | None = None,
    *,
    prefix: str | None = None,
    now: datetime | None = None,
) -> QueueSummary:
    """Counts per status and wait / serving times of a counter's day (default: this counter,
    today). `now` (UTC-aware, default the current time) measures the tickets still waiting."""
    now = now or utcnow()
    pfx = _counter_prefix(session, prefix)
    the_day = day or local_day(now)
    rows = _day_rows(session, the_day, pfx)
    counts = dict.fromkeys(TicketStatus, 0)
    for row in rows:
        counts[row.status] += 1
    waits = [waited(r, now) for r in rows if r.called_at is not None]
    serves = [m for r in rows if r.done_at is not None and (m := served(r, now)) is not None]
    still = [waited(r, now) for r in rows if r.status is TicketStatus.WAITING]
    return QueueSummary(
        day=the_day,
        prefix=pfx,
        counts=counts,
        total=len(rows),
        average_wait_minutes=_mean(waits),
        max_wait_minutes=max(waits, default=None),
        average_serve_minutes=_mean(serves),
        longest_waiting_minutes=max(still, default=None),
    )
