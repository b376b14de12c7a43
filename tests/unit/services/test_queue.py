"""The walk-in queue: ticket numbers per counter prefix and day, every status change with its
timestamp, calling the next visitor, today's queue and its figures."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from basmat_desk.demo import generator as demo_service
from basmat_desk.domain.enums import Gender, IdType, Role, TicketAction, TicketStatus
from basmat_desk.domain.errors import NotFound, PermissionDenied, ValidationError, WorkflowError
from basmat_desk.domain.numbering import SequenceKind
from basmat_desk.domain.permissions import Permission
from basmat_desk.domain.workflow import TICKET_TRANSITION_MAP, ticket_transition
from basmat_desk.services import queue
from basmat_desk.services.bootstrap import open_local
from basmat_desk.services.context import ServiceContext, unit_of_work
from basmat_desk.services.queue import (
    QueueSummary,
    TicketRow,
    attach_beneficiary,
    call_next,
    call_ticket,
    cancel,
    finish,
    issue_ticket,
    mark_no_show,
    queue_summary,
    requeue,
    resume_serving,
    served,
    start_serving,
    todays_queue,
    undo,
    waited,
)
from basmat_desk.services.staff import login_demo
from basmat_desk.store.models import (
    AuditEntry,
    Beneficiary,
    DeviceSetting,
    NumberSequence,
    Ticket,
)
from tests.conftest import dispose

pytestmark = pytest.mark.usefixtures("fast_password_hashing")

ARABIC = re.compile(r"[\u0600-\u06FF]")
#: 09:00 in Riyadh on Wednesday 25 November 2026.
T0 = datetime(2026, 11, 25, 6, 0, tzinfo=UTC)
DAY = date(2026, 11, 25)


class Clock:
    """The queue's clock, moved by hand."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def set(self, now: datetime) -> None:
        self.now = now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    fake = Clock(T0)
    monkeypatch.setattr(queue, "utcnow", fake)
    return fake


@pytest.fixture
def clerk(make_actor, clock: Clock) -> ServiceContext:
    """A receptionist at counter A, at 09:00 on DAY."""
    return make_actor(Role.RECEPTIONIST)


def stored(ctx: ServiceContext, ticket_id: str) -> Ticket:
    with ctx.sessions() as session:
        ticket = session.get(Ticket, ticket_id)
        assert ticket is not None
        return ticket


def set_prefix(ctx: ServiceContext, prefix: str) -> None:
    """Make this PC counter `prefix` (as the settings screen would)."""
    with ctx.sessions() as session, session.begin():
        row = session.get(DeviceSetting, "counter_prefix")
        if row is None:
            session.add(DeviceSetting(key="counter_prefix", value=prefix))
        else:
            row.value = prefix


def sequences(ctx: ServiceContext) -> dict[tuple[str, str, str], int]:
    with ctx.sessions() as session:
        return {
            (s.kind, s.prefix, s.scope): s.last_value
            for s in session.scalars(select(NumberSequence))
        }


def add_person(ctx: ServiceContext, id_number: str = "1000000008") -> str:
    with unit_of_work(ctx, "test.seed") as session:
        person = Beneficiary(
            first_name="سارة",
            father_name="محمد",
            family_name="القحطاني",
            name_search="ساره محمد القحطاني",
            id_type=IdType.NATIONAL_ID,
            id_number=id_number,
            gender=Gender.FEMALE,
        )
        session.add(person)
        session.flush()
        return person.id


def edit_ticket(ctx: ServiceContext, ticket_id: str, **values: object) -> None:
    """Set a ticket's columns directly (to put controlled times on it)."""
    with ctx.sessions() as session, session.begin():
        ticket = session.get(Ticket, ticket_id)
        assert ticket is not None
        for name, value in values.items():
            setattr(ticket, name, value)


# --- numbers ---------------------------------------------------------------------------------


def test_tickets_are_numbered_from_one_per_prefix_and_day(clerk: ServiceContext) -> None:
    rows = [issue_ticket(clerk) for _ in range(3)]

    assert [r.label for r in rows] == ["A-001", "A-002", "A-003"]
    assert [r.number for r in rows] == [1, 2, 3]
    assert {r.service_date for r in rows} == {DAY}
    assert {r.status for r in rows} == {TicketStatus.WAITING}
    assert all(r.issued_at == T0 for r in rows)
    assert sequences(clerk) == {("ticket", "A", "2026-11-25"): 3}


def test_a_new_day_starts_again_at_one(clerk: ServiceContext, clock: Clock) -> None:
    issue_ticket(clerk)
    issue_ticket(clerk)
    clock.advance(days=1)

    row = issue_ticket(clerk)

    assert (row.label, row.service_date) == ("A-001", date(2026, 11, 26))
    assert sequences(clerk) == {
        ("ticket", "A", "2026-11-25"): 2,
        ("ticket", "A", "2026-11-26"): 1,
    }


def test_the_service_date_is_the_day_in_riyadh(clerk: ServiceContext, clock: Clock) -> None:
    clock.set(datetime(2026, 11, 25, 21, 30, tzinfo=UTC))  # 00:30 on the 26th in Riyadh

    row = issue_ticket(clerk)

    assert row.service_date == date(2026, 11, 26)
    assert ("ticket", "A", "2026-11-26") in sequences(clerk)


def test_numbers_continue_after_the_days_sequence(clerk: ServiceContext) -> None:
    with clerk.sessions() as session, session.begin():
        session.add(NumberSequence(kind="ticket", prefix="A", scope="2026-11-25", last_value=16))

    assert issue_ticket(clerk).label == "A-017"
    assert sequences(clerk)[("ticket", "A", "2026-11-25")] == 17


def test_numbers_never_collide_with_tickets_the_sequence_does_not_know(
    clerk: ServiceContext,
) -> None:
    """A sequence behind the stored tickets (a restored file, rows written without it)."""
    with clerk.sessions() as session, session.begin():
        session.add(NumberSequence(kind="ticket", prefix="A", scope="2026-11-25", last_value=2))
        for number in (1, 2, 3, 4):
            session.add(Ticket(service_date=DAY, prefix="A", number=number, issued_at=T0))

    assert issue_ticket(clerk).label == "A-005"
    assert sequences(clerk)[("ticket", "A", "2026-11-25")] == 5


def test_numbers_continue_after_the_demo_tickets_of_the_day(
    tmp_path: Path, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    now = datetime(2026, 11, 25, 10, 30, tzinfo=UTC)  # 13:30 in Riyadh, a working day
    path = tmp_path / "demo.sqlite"
    demo_service.generate_demo(path, beneficiaries=60, days=2, seed=5, now=now)
    ctx = open_local(path)
    try:
        supervisor = ctx.acting_as(login_demo(ctx))
        with ctx.sessions() as session:
            last = session.scalar(
                select(NumberSequence.last_value).where(
                    NumberSequence.kind == "ticket",
                    NumberSequence.prefix == "A",
                    NumberSequence.scope == "2026-11-25",
                )
            )
            highest = session.scalar(
                select(func.max(Ticket.number)).where(Ticket.service_date == DAY)
            )
        assert last is not None
        assert last == highest
        clock.set(now)

        row = issue_ticket(supervisor)

        assert row.number == last + 1
        assert row.label == f"A-{last + 1:03d}"
        queue_rows = todays_queue(supervisor)
        assert len(queue_rows) == last + 1
        assert queue_rows[0].id == row.id  # the only one still waiting
    finally:
        dispose(ctx)


def test_two_counters_number_their_own_tickets(clerk: ServiceContext) -> None:
    a1 = issue_ticket(clerk)
    set_prefix(clerk, "B")
    b1 = issue_ticket(clerk)
    b2 = issue_ticket(clerk)
    set_prefix(clerk, "A")
    a2 = issue_ticket(clerk)

    assert [a1.label, b1.label, b2.label, a2.label] == ["A-001", "B-001", "B-002", "A-002"]
    assert sequences(clerk) == {
        ("ticket", "A", "2026-11-25"): 2,
        ("ticket", "B", "2026-11-25"): 2,
    }
    assert [r.label for r in todays_queue(clerk)] == ["A-001", "A-002"]
    assert [r.label for r in todays_queue(clerk, prefix="b")] == ["B-001", "B-002"]


def test_a_counter_issues_at_most_999_tickets_a_day(clerk: ServiceContext, row_counts) -> None:
    with clerk.sessions() as session, session.begin():
        session.add(NumberSequence(kind="ticket", prefix="A", scope="2026-11-25", last_value=998))
    assert issue_ticket(clerk).label == "A-999"
    counts = row_counts()

    with pytest.raises(ValidationError) as refused:
        issue_ticket(clerk)

    assert refused.value.field == "ticket"
    assert "999" in refused.value.message
    assert ARABIC.search(refused.value.message)
    assert row_counts() == counts


def test_the_sequence_the_demo_writes_is_the_one_the_queue_counts_on(tmp_path: Path) -> None:
    """A demo made today: the queue's next ticket follows the demo's own last number for today,
    read from the sequence row the demo wrote (not from the tickets themselves)."""
    path = tmp_path / "demo.sqlite"
    demo_service.generate_demo(path, beneficiaries=60, days=1)
    ctx = open_local(path)
    try:
        with ctx.sessions() as session:
            (sequence,) = session.scalars(select(NumberSequence)).all()
            assert sequence.kind == SequenceKind.TICKET
            highest = session.scalar(select(func.max(Ticket.number)))
            assert sequence.last_value == highest
            # Tickets rows alone would say the same: make the sequence the only witness.
            sequence.last_value = highest + 5
            session.commit()
        clerk = ctx.acting_as(login_demo(ctx))
        row = issue_ticket(clerk)
        assert row.number == highest + 6
    finally:
        dispose(ctx)


def test_a_ticket_may_carry_a_purpose_and_a_beneficiary(clerk: ServiceContext) -> None:
    person = add_person(clerk)

    row = issue_ticket(clerk, purpose="  استفسار   عن  طلب ", beneficiary_id=person)

    assert row.purpose == "استفسار عن طلب"
    assert (row.beneficiary_id, row.beneficiary_name) == (person, "سارة محمد القحطاني")
    assert issue_ticket(clerk, purpose="   ").purpose is None


def test_a_too_long_purpose_or_an_unknown_person_is_refused(
    clerk: ServiceContext, row_counts
) -> None:
    counts = row_counts()

    with pytest.raises(ValidationError) as long_purpose:
        issue_ticket(clerk, purpose="س" * 201)
    with pytest.raises(NotFound) as nobody:
        issue_ticket(clerk, beneficiary_id="no-such-person")

    assert long_purpose.value.field == "purpose"
    assert long_purpose.value.message.startswith("الغرض من الزيارة:")
    assert nobody.value.message == "المستفيد غير موجود"
    assert row_counts() == counts


# --- status changes --------------------------------------------------------------------------

ACTIONS: dict[TicketAction, Callable[[ServiceContext, str], TicketRow]] = {
    TicketAction.CALL: call_ticket,
    TicketAction.START: start_serving,
    TicketAction.FINISH: finish,
    TicketAction.NO_SHOW: mark_no_show,
    TicketAction.CANCEL: cancel,
    TicketAction.REQUEUE: requeue,
    TicketAction.RESUME: resume_serving,
}

# How to bring a new ticket to each status.
PATHS: dict[TicketStatus, tuple[TicketAction, ...]] = {
    TicketStatus.WAITING: (),
    TicketStatus.CALLED: (TicketAction.CALL,),
    TicketStatus.SERVING: (TicketAction.CALL, TicketAction.START),
    TicketStatus.DONE: (TicketAction.CALL, TicketAction.START, TicketAction.FINISH),
    TicketStatus.NO_SHOW: (TicketAction.NO_SHOW,),
    TicketStatus.CANCELLED: (TicketAction.CANCEL,),
}


def ticket_in(ctx: ServiceContext, status: TicketStatus) -> TicketRow:
    row = issue_ticket(ctx)
    for action in PATHS[status]:
        row = ACTIONS[action](ctx, row.id)
    assert row.status is status
    return row


def test_every_action_has_a_use_case_and_every_status_a_path() -> None:
    assert set(ACTIONS) == set(TicketAction)
    assert set(PATHS) == set(TicketStatus)


ALLOWED = sorted(TICKET_TRANSITION_MAP, key=str)
REFUSED = [
    (status, action)
    for status in TicketStatus
    for action in TicketAction
    if (status, action) not in TICKET_TRANSITION_MAP
]


@pytest.mark.parametrize(("status", "action"), ALLOWED, ids=str)
def test_every_allowed_transition_changes_the_status_and_is_audited(
    clerk: ServiceContext, audit_entries, status: TicketStatus, action: TicketAction
) -> None:
    row = ticket_in(clerk, status)

    after = ACTIONS[action](clerk, row.id)

    assert after.status is TICKET_TRANSITION_MAP[(status, action)].target
    assert stored(clerk, row.id).status is after.status
    (entry,) = audit_entries(action=f"queue.{action.value}", entity_id=row.id)
    assert entry.entity == "ticket"
    assert entry.actor_id == clerk.actor.staff_id
    assert f'"status": "{after.status.value}"' in (entry.after_json or "")


@pytest.mark.parametrize(("status", "action"), REFUSED, ids=str)
def test_every_other_transition_is_refused_in_arabic_and_changes_nothing(
    clerk: ServiceContext, row_counts, status: TicketStatus, action: TicketAction
) -> None:
    row = ticket_in(clerk, status)
    with pytest.raises(WorkflowError) as expected:
        ticket_transition(status, action)
    counts = row_counts()

    with pytest.raises(WorkflowError) as refused:
        ACTIONS[action](clerk, row.id)

    assert refused.value.message == expected.value.message
    assert ARABIC.search(refused.value.message)
    assert stored(clerk, row.id).status is status
    assert row_counts() == counts


def test_each_step_is_stamped_and_the_server_recorded(clerk: ServiceContext, clock: Clock) -> None:
    issued = issue_ticket(clerk)
    assert (issued.called_at, issued.serving_at, issued.done_at) == (None, None, None)

    called = call_ticket(clerk, issued.id)
    assert called.called_at == clock.advance(minutes=0)
    started_at = clock.advance(minutes=2)
    serving = start_serving(clerk, issued.id)
    done_at = clock.advance(minutes=18)
    done = finish(clerk, issued.id)

    assert called.called_at == T0
    assert serving.serving_at == started_at
    assert serving.served_by == clerk.actor.staff_id
    assert serving.served_by_name == clerk.actor.full_name
    assert done.done_at == done_at
    assert (done.issued_at, done.called_at, done.serving_at) == (T0, T0, started_at)
    assert (done.no_show_at, done.cancelled_at) == (None, None)
    ticket = stored(clerk, issued.id)
    assert (ticket.called_at, ticket.serving_at, ticket.done_at) == (T0, started_at, done_at)
    assert ticket.served_by == clerk.actor.staff_id


def test_no_show_cancel_and_requeue_are_stamped(clerk: ServiceContext, clock: Clock) -> None:
    first, second, third = (issue_ticket(clerk) for _ in range(3))
    call_ticket(clerk, first.id)
    no_show_at = clock.advance(minutes=5)
    absent = mark_no_show(clerk, first.id)
    cancelled_at = clock.advance(minutes=1)
    dropped = cancel(clerk, second.id)
    call_ticket(clerk, third.id)
    clock.advance(minutes=1)
    back = requeue(clerk, third.id)

    assert (absent.status, absent.no_show_at, absent.called_at) == (
        TicketStatus.NO_SHOW,
        no_show_at,
        T0,
    )
    assert (dropped.status, dropped.cancelled_at, dropped.called_at) == (
        TicketStatus.CANCELLED,
        cancelled_at,
        None,
    )
    # Back in the queue: waiting again, its wait running until it is called again.
    assert (back.status, back.called_at) == (TicketStatus.WAITING, None)
    assert stored(clerk, third.id).called_at is None


def test_an_unknown_ticket_is_not_found(clerk: ServiceContext) -> None:
    with pytest.raises(NotFound) as missing:
        call_ticket(clerk, "no-such-ticket")
    assert missing.value.message == "التذكرة غير موجودة"


def test_a_ticket_of_another_day_cannot_be_called_but_can_be_closed(
    clerk: ServiceContext, clock: Clock
) -> None:
    old = issue_ticket(clerk)
    older = issue_ticket(clerk)
    clock.advance(days=1)

    with pytest.raises(WorkflowError) as refused:
        call_ticket(clerk, old.id)

    assert "2026/11/25" in refused.value.message
    assert stored(clerk, old.id).status is TicketStatus.WAITING
    assert call_next(clerk) is None  # yesterday's waiting tickets are not today's queue
    assert cancel(clerk, old.id).status is TicketStatus.CANCELLED
    assert mark_no_show(clerk, older.id).status is TicketStatus.NO_SHOW


# --- undoing the counter's last action --------------------------------------------------------


@pytest.mark.parametrize(
    ("action", "undone_status"),
    [
        (TicketAction.CALL, TicketStatus.WAITING),
        (TicketAction.NO_SHOW, TicketStatus.WAITING),
        (TicketAction.CANCEL, TicketStatus.WAITING),
        (TicketAction.FINISH, TicketStatus.SERVING),
    ],
)
def test_the_last_action_can_be_undone(
    clerk: ServiceContext, audit_entries, action: TicketAction, undone_status: TicketStatus
) -> None:
    row = ticket_in(
        clerk,
        TicketStatus.SERVING
        if action is TicketAction.FINISH
        else (TicketStatus.WAITING if action is TicketAction.CALL else TicketStatus.CALLED),
    )
    ACTIONS[action](clerk, row.id)

    back = undo(clerk, row.id, action)

    assert back.status is undone_status
    ticket = stored(clerk, row.id)
    assert ticket.status is undone_status
    if undone_status is TicketStatus.WAITING:
        # Waiting again as if never called: its wait runs on, and it is called in its turn.
        assert ticket.called_at is None
        assert ticket.no_show_at is None
        assert ticket.cancelled_at is None
        assert call_next(clerk).id == row.id
    else:
        assert ticket.done_at is None
    (entry,) = audit_entries(action="queue.undo", entity_id=row.id)
    assert entry.before_json is not None  # the cleared times stay in the audit trail


def test_undo_is_refused_once_the_ticket_moved_on(clerk: ServiceContext, row_counts) -> None:
    row = ticket_in(clerk, TicketStatus.CALLED)
    start_serving(clerk, row.id)  # the call was followed by more: undoing it now is wrong
    counts = row_counts()

    with pytest.raises(WorkflowError) as refused:
        undo(clerk, row.id, TicketAction.CALL)

    assert "قيد الخدمة" in refused.value.message
    assert stored(clerk, row.id).status is TicketStatus.SERVING
    assert row_counts() == counts


def test_issuing_and_starting_are_not_undone(clerk: ServiceContext) -> None:
    row = ticket_in(clerk, TicketStatus.SERVING)
    with pytest.raises(WorkflowError) as refused:
        undo(clerk, row.id, TicketAction.START)
    assert "بدء الخدمة" in refused.value.message


def test_yesterdays_ticket_does_not_come_back_to_the_queue(
    clerk: ServiceContext, clock: Clock
) -> None:
    row = issue_ticket(clerk)
    mark_no_show(clerk, row.id)
    clock.advance(days=1)

    with pytest.raises(WorkflowError) as refused:
        undo(clerk, row.id, TicketAction.NO_SHOW)

    assert "2026/11/25" in refused.value.message
    assert stored(clerk, row.id).status is TicketStatus.NO_SHOW


# --- calling the next visitor ----------------------------------------------------------------


def test_call_next_takes_the_lowest_waiting_number(clerk: ServiceContext, clock: Clock) -> None:
    first, second, third, fourth = (issue_ticket(clerk) for _ in range(4))
    cancel(clerk, first.id)
    call_ticket(clerk, third.id)
    clock.advance(minutes=3)

    called = call_next(clerk)

    assert called is not None
    assert (called.id, called.label, called.status) == (second.id, "A-002", TicketStatus.CALLED)
    assert called.called_at == clock.now
    nxt = call_next(clerk)
    assert nxt is not None
    assert nxt.id == fourth.id


def test_a_requeued_ticket_keeps_its_place(clerk: ServiceContext) -> None:
    first, second = issue_ticket(clerk), issue_ticket(clerk)
    call_ticket(clerk, first.id)
    requeue(clerk, first.id)

    called = call_next(clerk)

    assert called is not None
    assert called.id == first.id
    assert stored(clerk, second.id).status is TicketStatus.WAITING


def test_call_next_returns_none_when_nobody_waits_and_writes_nothing(
    clerk: ServiceContext, row_counts
) -> None:
    counts = row_counts()
    assert call_next(clerk) is None
    assert row_counts() == counts

    only = issue_ticket(clerk)
    assert call_next(clerk) is not None
    counts = row_counts()
    assert call_next(clerk) is None
    assert stored(clerk, only.id).status is TicketStatus.CALLED
    assert row_counts() == counts


def test_call_next_calls_only_this_counters_tickets(clerk: ServiceContext) -> None:
    set_prefix(clerk, "B")
    other = issue_ticket(clerk)
    set_prefix(clerk, "A")

    assert call_next(clerk) is None
    assert stored(clerk, other.id).status is TicketStatus.WAITING


# --- linking the visitor ---------------------------------------------------------------------


def test_the_intake_links_the_ticket_to_the_person(clerk: ServiceContext, audit_entries) -> None:
    row = call_ticket(clerk, issue_ticket(clerk).id)
    person = add_person(clerk)

    linked = attach_beneficiary(clerk, row.id, person)

    assert (linked.beneficiary_id, linked.beneficiary_name) == (person, "سارة محمد القحطاني")
    assert linked.status is TicketStatus.CALLED
    assert stored(clerk, row.id).beneficiary_id == person
    (entry,) = audit_entries(action="queue.attach_beneficiary")
    assert (entry.entity, entry.entity_id) == ("ticket", row.id)
    assert person in (entry.after_json or "")


def test_linking_needs_a_known_ticket_and_person(clerk: ServiceContext) -> None:
    row = issue_ticket(clerk)
    person = add_person(clerk)

    with pytest.raises(NotFound, match="المستفيد غير موجود"):
        attach_beneficiary(clerk, row.id, "no-such-person")
    with pytest.raises(NotFound, match="التذكرة غير موجودة"):
        attach_beneficiary(clerk, "no-such-ticket", person)
    assert stored(clerk, row.id).beneficiary_id is None


# --- today's queue ---------------------------------------------------------------------------


def test_todays_queue_shows_the_counter_then_the_waiting_then_the_finished(
    clerk: ServiceContext, clock: Clock
) -> None:
    t = [issue_ticket(clerk) for _ in range(7)]  # A-001 … A-007
    # A-001 done first, then A-005 cancelled, then A-007 no-show: most recent first.
    call_ticket(clerk, t[0].id)
    start_serving(clerk, t[0].id)
    clock.advance(minutes=10)
    finish(clerk, t[0].id)
    call_ticket(clerk, t[1].id)
    start_serving(clerk, t[1].id)  # A-002 serving
    call_ticket(clerk, t[2].id)  # A-003 called
    clock.advance(minutes=1)
    cancel(clerk, t[4].id)
    clock.advance(minutes=1)
    mark_no_show(clerk, t[6].id)
    # Not in this counter's queue today: another counter's ticket, yesterday's ticket.
    set_prefix(clerk, "B")
    issue_ticket(clerk)
    set_prefix(clerk, "A")
    clock.advance(days=-1)
    issue_ticket(clerk)
    clock.advance(days=1)

    rows = todays_queue(clerk)

    assert [r.label for r in rows] == [
        "A-002",  # serving
        "A-003",  # called
        "A-004",  # waiting, by number
        "A-006",
        "A-007",  # no-show, the latest to finish
        "A-005",  # cancelled
        "A-001",  # done, the earliest to finish
    ]
    assert [r.status for r in rows[:2]] == [TicketStatus.SERVING, TicketStatus.CALLED]
    assert [r.label for r in todays_queue(clerk, DAY - timedelta(days=1))] == ["A-001"]


def test_todays_queue_names_the_person_and_who_served(clerk: ServiceContext) -> None:
    person = add_person(clerk)
    row = issue_ticket(clerk, beneficiary_id=person)
    call_ticket(clerk, row.id)
    start_serving(clerk, row.id)

    (shown,) = todays_queue(clerk)

    assert shown.beneficiary_name == "سارة محمد القحطاني"
    assert shown.served_by_name == clerk.actor.full_name


# --- waits and the day's figures -------------------------------------------------------------


def _row(**times: datetime | None) -> TicketRow:
    status = times.pop("status", None)
    defaults: dict[str, datetime | None] = {
        "called_at": None,
        "serving_at": None,
        "done_at": None,
        "no_show_at": None,
        "cancelled_at": None,
    }
    defaults.update(times)
    return TicketRow(
        id="t",
        number=1,
        label="A-001",
        service_date=DAY,
        purpose=None,
        status=status or TicketStatus.WAITING,
        beneficiary_id=None,
        beneficiary_name=None,
        issued_at=T0,
        served_by=None,
        **defaults,
    )


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


def test_wait_and_service_times() -> None:
    waiting = _row()
    called = _row(status=TicketStatus.CALLED, called_at=at(12))
    serving = _row(status=TicketStatus.SERVING, called_at=at(12), serving_at=at(14))
    done = _row(status=TicketStatus.DONE, called_at=at(12), serving_at=at(14), done_at=at(29.5))
    gone = _row(status=TicketStatus.CANCELLED, cancelled_at=at(7))

    assert waited(waiting, at(40)) == 40
    assert waited(called, at(40)) == 12
    assert waited(gone, at(40)) == 7
    assert served(waiting, at(40)) is None
    assert served(serving, at(40)) == 26
    assert served(done, at(40)) == 15.5
    assert done.finished_at == at(29.5)


def test_the_properties_measure_up_to_the_clock(clock: Clock) -> None:
    clock.set(at(25))
    assert _row().wait_minutes == 25
    assert _row(status=TicketStatus.SERVING, called_at=at(5), serving_at=at(10)).serve_minutes == 15


def test_queue_summary_counts_and_times(clerk: ServiceContext, clock: Clock) -> None:
    t = [issue_ticket(clerk) for _ in range(6)]
    call_ticket(clerk, t[0].id)
    start_serving(clerk, t[0].id)
    finish(clerk, t[0].id)
    call_ticket(clerk, t[1].id)
    start_serving(clerk, t[1].id)
    finish(clerk, t[1].id)
    call_ticket(clerk, t[2].id)
    start_serving(clerk, t[2].id)  # still serving
    call_ticket(clerk, t[3].id)
    mark_no_show(clerk, t[3].id)
    cancel(clerk, t[4].id)  # never called
    # t[5] still waiting. Controlled times, in minutes after T0:
    edit_ticket(clerk, t[0].id, called_at=at(10), serving_at=at(12), done_at=at(22))
    edit_ticket(
        clerk, t[1].id, issued_at=at(5), called_at=at(25), serving_at=at(26), done_at=at(32)
    )
    edit_ticket(clerk, t[2].id, issued_at=at(20), called_at=at(50), serving_at=at(51))
    edit_ticket(clerk, t[3].id, issued_at=at(30), called_at=at(34), no_show_at=at(37))
    edit_ticket(clerk, t[4].id, issued_at=at(31), cancelled_at=at(33))
    edit_ticket(clerk, t[5].id, issued_at=at(40))

    summary = queue_summary(clerk, now=at(60))

    assert isinstance(summary, QueueSummary)
    assert (summary.day, summary.prefix, summary.total) == (DAY, "A", 6)
    assert summary.counts == {
        TicketStatus.WAITING: 1,
        TicketStatus.CALLED: 0,
        TicketStatus.SERVING: 1,
        TicketStatus.DONE: 2,
        TicketStatus.NO_SHOW: 1,
        TicketStatus.CANCELLED: 1,
    }
    assert (summary.waiting, summary.finished) == (1, 4)
    # Called tickets waited 10, 20, 30 and 4 minutes.
    assert summary.average_wait_minutes == pytest.approx(16)
    assert summary.max_wait_minutes == pytest.approx(30)
    # Finished services took 10 and 6 minutes (the one still serving is not counted).
    assert summary.average_serve_minutes == pytest.approx(8)
    assert summary.longest_waiting_minutes == pytest.approx(20)


def test_queue_summary_of_an_empty_day(clerk: ServiceContext) -> None:
    summary = queue_summary(clerk, date(2026, 1, 1))

    assert summary.total == 0
    assert set(summary.counts) == set(TicketStatus)
    assert not any(summary.counts.values())
    assert summary.average_wait_minutes is None
    assert summary.max_wait_minutes is None
    assert summary.average_serve_minutes is None
    assert summary.longest_waiting_minutes is None


# --- audit and permissions -------------------------------------------------------------------


def test_issuing_audits_the_ticket_and_its_number(clerk: ServiceContext, audit_entries) -> None:
    row = issue_ticket(clerk, purpose="موعد")

    entries = audit_entries(action="queue.issue")

    assert {e.entity for e in entries} == {"ticket", "number_sequence"}
    (ticket_entry,) = (e for e in entries if e.entity == "ticket")
    assert ticket_entry.entity_id == row.id
    assert ticket_entry.actor_id == clerk.actor.staff_id
    assert '"number": 1' in (ticket_entry.after_json or "")


def test_every_mutation_leaves_an_audit_entry(clerk: ServiceContext, audit_entries) -> None:
    first = issue_ticket(clerk)
    second = issue_ticket(clerk)
    call_next(clerk)
    start_serving(clerk, first.id)
    finish(clerk, first.id)
    call_ticket(clerk, second.id)
    requeue(clerk, second.id)
    mark_no_show(clerk, second.id)
    cancel(clerk, issue_ticket(clerk).id)
    attach_beneficiary(clerk, first.id, add_person(clerk))

    with clerk.sessions() as session:
        actions = set(
            session.scalars(select(AuditEntry.action).where(AuditEntry.entity == "ticket"))
        )
    assert actions == {
        "queue.issue",
        "queue.call",
        "queue.start",
        "queue.finish",
        "queue.requeue",
        "queue.no_show",
        "queue.cancel",
        "queue.attach_beneficiary",
    }


def test_a_researcher_does_not_run_the_queue(make_actor, clerk: ServiceContext, row_counts) -> None:
    researcher = make_actor(Role.RESEARCHER)
    row = issue_ticket(clerk)
    counts = row_counts()

    for attempt in (
        lambda: issue_ticket(researcher),
        lambda: call_next(researcher),
        lambda: call_ticket(researcher, row.id),
        lambda: todays_queue(researcher),
        lambda: queue_summary(researcher),
    ):
        with pytest.raises(PermissionDenied) as refused:
            attempt()
        assert Role.RESEARCHER.label in refused.value.message
        assert Permission.MANAGE_QUEUE.label in refused.value.message
    assert row_counts() == counts


def test_nobody_signed_in_cannot_issue_a_ticket(ctx: ServiceContext, clock: Clock) -> None:
    with pytest.raises(PermissionDenied, match="يجب تسجيل الدخول أولاً"):
        issue_ticket(ctx)


@pytest.mark.parametrize("role", [Role.RECEPTIONIST, Role.SUPERVISOR, Role.ADMIN], ids=str)
def test_the_counter_roles_run_the_queue(make_actor, clock: Clock, role: Role) -> None:
    actor = make_actor(role)
    row = issue_ticket(actor)
    assert call_next(actor) is not None
    assert todays_queue(actor)[0].id == row.id
