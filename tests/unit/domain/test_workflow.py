"""The support-request and ticket workflows, checked against DESIGN.md's description."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime

import pytest

from basmat_desk.domain.enums import REQUEST_ACTION_LABELS as ACTION_LABELS
from basmat_desk.domain.enums import REQUEST_STATUS_LABELS as STATUS_LABELS
from basmat_desk.domain.enums import (
    TICKET_ACTION_LABELS,
    TICKET_STATUS_LABELS,
    RequestAction,
    RequestStatus,
    Role,
    TicketAction,
    TicketStatus,
)
from basmat_desk.domain.errors import ValidationError, WorkflowError
from basmat_desk.domain.workflow import (
    COMMITTEE_DAYS,
    FINAL_STATUSES,
    REQUEST_TRANSITIONS,
    TICKET_TRANSITIONS,
    TRANSITIONS,
    allowed_actions,
    allowed_ticket_actions,
    due_date,
    ticket_transition,
    transition,
)

S, A, T = RequestStatus, RequestAction, TicketStatus
ANY = frozenset(Role)
DECIDERS = frozenset({Role.RESEARCHER, Role.SUPERVISOR})

# The specification, written out by hand from DESIGN.md "Support request workflow":
# (source, action) → (target, roles allowed, needs a written reason).
EXPECTED: dict[tuple[RequestStatus, RequestAction], tuple[RequestStatus, frozenset[Role], bool]] = {
    (S.DRAFT, A.START_VERIFICATION): (S.VERIFYING, ANY, False),
    (S.VERIFYING, A.MARK_READY): (S.READY, ANY, False),
    (S.READY, A.SUBMIT): (S.SUBMITTED, ANY, False),
    (S.VERIFYING, A.SUBMIT_WITH_OVERRIDE): (S.SUBMITTED, frozenset({Role.SUPERVISOR}), True),
    (S.SUBMITTED, A.ACCEPT): (S.ACCEPTED, DECIDERS, False),
    (S.SUBMITTED, A.REJECT): (S.REJECTED, DECIDERS, False),
    (S.ACCEPTED, A.REGISTER): (S.REGISTERED, ANY, False),
    (S.REGISTERED, A.SERVE): (S.SERVED, ANY, False),
    (S.DRAFT, A.HOLD): (S.ON_HOLD, ANY, False),
    (S.VERIFYING, A.HOLD): (S.ON_HOLD, ANY, False),
    (S.READY, A.HOLD): (S.ON_HOLD, ANY, False),
    (S.SUBMITTED, A.HOLD): (S.ON_HOLD, ANY, False),
    (S.ON_HOLD, A.RESUME): (S.VERIFYING, ANY, False),
    **{
        (source, A.WITHDRAW): (S.WITHDRAWN, ANY, False)
        for source in (
            S.DRAFT,
            S.VERIFYING,
            S.READY,
            S.SUBMITTED,
            S.ACCEPTED,
            S.REGISTERED,
            S.ON_HOLD,
        )
    },
}


def test_table_is_exactly_the_specification() -> None:
    actual = {
        key: (t.target, ANY if t.roles is None else t.roles, t.needs_reason)
        for key, t in REQUEST_TRANSITIONS.items()
    }
    assert actual == EXPECTED
    assert len(TRANSITIONS) == len(REQUEST_TRANSITIONS), "duplicate (source, action) rows"


def test_rows_are_frozen_and_labelled() -> None:
    row = TRANSITIONS[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        row.target = S.SERVED  # type: ignore[misc]
    for t in TRANSITIONS:
        assert t.label == ACTION_LABELS[t.action]


@pytest.mark.parametrize("status", list(S))
@pytest.mark.parametrize("action", list(A))
def test_every_status_action_role(status: RequestStatus, action: RequestAction) -> None:
    expected = EXPECTED.get((status, action))
    for role in Role:
        if expected is not None and role in expected[1]:
            reason = "الهوية مفقودة ولدى المستفيد بلاغ" if expected[2] else None
            assert transition(status, action, role, reason) is expected[0]
        else:
            with pytest.raises(WorkflowError):
                transition(status, action, role, "سبب")


@pytest.mark.parametrize("reason", [None, "", "   \n"])
def test_override_needs_a_written_reason(reason: str | None) -> None:
    with pytest.raises(ValidationError) as info:
        transition(S.VERIFYING, A.SUBMIT_WITH_OVERRIDE, Role.SUPERVISOR, reason)
    assert info.value.field == "reason"
    assert "سبب الاستثناء" in info.value.message


def test_override_refused_to_other_roles_even_with_reason() -> None:
    for role in (Role.RECEPTIONIST, Role.RESEARCHER, Role.ADMIN):
        with pytest.raises(WorkflowError) as info:
            transition(S.VERIFYING, A.SUBMIT_WITH_OVERRIDE, role, "سبب مكتوب")
        assert Role.SUPERVISOR.label in info.value.message


def test_receptionist_cannot_record_decisions() -> None:
    with pytest.raises(WorkflowError) as info:
        transition(S.SUBMITTED, A.ACCEPT, Role.RECEPTIONIST)
    assert Role.RECEPTIONIST.label in info.value.message
    assert Role.RESEARCHER.label in info.value.message


def test_illegal_action_message_names_action_and_status() -> None:
    with pytest.raises(WorkflowError) as info:
        transition(S.DRAFT, A.SUBMIT, Role.SUPERVISOR)
    assert ACTION_LABELS[A.SUBMIT] in info.value.message
    assert STATUS_LABELS[S.DRAFT] in info.value.message


def test_codes_as_plain_strings() -> None:
    assert transition("draft", "start_verification", "receptionist") is S.VERIFYING
    for bad in [
        ("draft", "fly", "receptionist"),
        ("nope", "submit", "supervisor"),
        ("ready", "submit", "cook"),
    ]:
        with pytest.raises(WorkflowError):
            transition(*bad)


def test_allowed_actions() -> None:
    assert [t.action for t in allowed_actions(S.DRAFT, Role.RECEPTIONIST)] == [
        A.START_VERIFICATION,
        A.HOLD,
        A.WITHDRAW,
    ]
    assert A.SUBMIT_WITH_OVERRIDE in {
        t.action for t in allowed_actions(S.VERIFYING, Role.SUPERVISOR)
    }
    assert A.SUBMIT_WITH_OVERRIDE not in {
        t.action for t in allowed_actions(S.VERIFYING, Role.RECEPTIONIST)
    }
    assert {t.action for t in allowed_actions(S.SUBMITTED, Role.RECEPTIONIST)} == {
        A.HOLD,
        A.WITHDRAW,
    }
    assert {t.action for t in allowed_actions(S.SUBMITTED, Role.RESEARCHER)} == {
        A.ACCEPT,
        A.REJECT,
        A.HOLD,
        A.WITHDRAW,
    }


@pytest.mark.parametrize("status", list(S))
@pytest.mark.parametrize("role", list(Role))
def test_allowed_actions_agree_with_transition(status: RequestStatus, role: Role) -> None:
    offered = {t.action for t in allowed_actions(status, role)}
    expected = {a for (s, a), (_, roles, _) in EXPECTED.items() if s is status and role in roles}
    assert offered == expected


def test_final_statuses_have_no_way_out_and_the_rest_are_reachable() -> None:
    assert {S.SERVED, S.REJECTED, S.WITHDRAWN} == FINAL_STATUSES
    for status in FINAL_STATUSES:
        assert all(allowed_actions(status, role) == [] for role in Role)
    reached, frontier = {S.DRAFT}, [S.DRAFT]
    while frontier:
        current = frontier.pop()
        for t in TRANSITIONS:
            if t.source is current and t.target not in reached:
                reached.add(t.target)
                frontier.append(t.target)
    assert reached == set(S)


def test_status_labels() -> None:
    assert STATUS_LABELS == {
        S.DRAFT: "مسودة",
        S.VERIFYING: "قيد التحقق",
        S.READY: "جاهز للرفع",
        S.SUBMITTED: "مرفوع للجنة",
        S.ACCEPTED: "مقبول",
        S.REJECTED: "مرفوض",
        S.REGISTERED: "مسجل",
        S.SERVED: "تمت الخدمة",
        S.ON_HOLD: "معلق",
        S.WITHDRAWN: "منسحب",
    }
    assert set(ACTION_LABELS) == set(A)
    assert all(ACTION_LABELS.values())


def test_due_date() -> None:
    assert COMMITTEE_DAYS == 14
    assert due_date(date(2026, 11, 25)) == date(2026, 12, 9)
    assert due_date(date(2026, 12, 25)) == date(2027, 1, 8)
    assert due_date(datetime(2026, 11, 25, 22, 30)) == date(2026, 12, 9)
    with pytest.raises(ValidationError):
        due_date(None)  # type: ignore[arg-type]
    with pytest.raises(ValidationError):
        due_date(date.max)


# --- Tickets -------------------------------------------------------------------------------

EXPECTED_TICKETS: dict[tuple[TicketStatus, TicketAction], TicketStatus] = {
    (T.WAITING, TicketAction.CALL): T.CALLED,
    (T.CALLED, TicketAction.START): T.SERVING,
    (T.SERVING, TicketAction.FINISH): T.DONE,
    (T.WAITING, TicketAction.NO_SHOW): T.NO_SHOW,
    (T.CALLED, TicketAction.NO_SHOW): T.NO_SHOW,
    (T.WAITING, TicketAction.CANCEL): T.CANCELLED,
    (T.CALLED, TicketAction.CANCEL): T.CANCELLED,
    (T.CALLED, TicketAction.REQUEUE): T.WAITING,
    # The counter's undo (issue: a no-show or a cancellation by mistake, a finish too soon).
    (T.NO_SHOW, TicketAction.REQUEUE): T.WAITING,
    (T.CANCELLED, TicketAction.REQUEUE): T.WAITING,
    (T.DONE, TicketAction.RESUME): T.SERVING,
}


def test_ticket_table_is_exactly_the_specification() -> None:
    assert {(t.source, t.action): t.target for t in TICKET_TRANSITIONS} == EXPECTED_TICKETS
    assert len(TICKET_TRANSITIONS) == len(EXPECTED_TICKETS)
    for t in TICKET_TRANSITIONS:
        assert t.label == TICKET_ACTION_LABELS[t.action]


@pytest.mark.parametrize("status", list(T))
@pytest.mark.parametrize("action", list(TicketAction))
def test_every_ticket_status_action(status: TicketStatus, action: TicketAction) -> None:
    expected = EXPECTED_TICKETS.get((status, action))
    if expected is None:
        with pytest.raises(WorkflowError) as info:
            ticket_transition(status, action)
        assert TICKET_STATUS_LABELS[status] in info.value.message
    else:
        assert ticket_transition(status, action) is expected
        assert ticket_transition(status.value, action.value) is expected


def test_allowed_ticket_actions() -> None:
    assert [t.action for t in allowed_ticket_actions(T.CALLED)] == [
        TicketAction.START,
        TicketAction.NO_SHOW,
        TicketAction.CANCEL,
        TicketAction.REQUEUE,
    ]
    # A ticket that left the queue only comes back by the counter's undo.
    for ended, back in ((T.DONE, TicketAction.RESUME), (T.NO_SHOW, TicketAction.REQUEUE)):
        assert [t.action for t in allowed_ticket_actions(ended)] == [back]
    assert [t.action for t in allowed_ticket_actions(T.CANCELLED)] == [TicketAction.REQUEUE]
    with pytest.raises(WorkflowError):
        allowed_ticket_actions("lost")
    with pytest.raises(WorkflowError):
        ticket_transition(T.WAITING, "teleport")


def test_ticket_labels_cover_everything() -> None:
    assert set(TICKET_STATUS_LABELS) == set(T)
    assert set(TICKET_ACTION_LABELS) == set(TicketAction)
