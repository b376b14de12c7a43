"""The support-request and queue-ticket workflows, as data.

Every status change of a support request is one row of `REQUEST_TRANSITIONS`: services
check it before writing, the server checks it again when a counter syncs (so an outdated
client cannot record an impossible change), and the GUI offers exactly `allowed_actions`.
Keeping it as data means the rule, its Arabic label and who may do it are in one place.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from types import MappingProxyType

from basmat_desk.domain.enums import (
    BeneficiaryStatus,
    FeedbackStatus,
    ReferralStatus,
    RequestAction,
    RequestStatus,
    Role,
    TicketAction,
    TicketStatus,
)
from basmat_desk.domain.errors import ValidationError, WorkflowError

#: The policy: the research committee answers a submitted request within two weeks.
COMMITTEE_DAYS = 14

#: Statuses a request never leaves.
FINAL_STATUSES: frozenset[RequestStatus] = frozenset(
    {RequestStatus.SERVED, RequestStatus.REJECTED, RequestStatus.WITHDRAWN}
)


@dataclass(frozen=True, slots=True)
class Transition:
    """One allowed status change. `roles` None means any signed-in role may do it."""

    action: RequestAction
    source: RequestStatus
    target: RequestStatus
    label: str
    roles: frozenset[Role] | None = None
    needs_reason: bool = False

    def allows(self, role: Role) -> bool:
        """Whether `role` may perform this transition."""
        return self.roles is None or role in self.roles


_DECIDERS = frozenset({Role.RESEARCHER, Role.SUPERVISOR})
_HOLDABLE = (
    RequestStatus.DRAFT,
    RequestStatus.VERIFYING,
    RequestStatus.READY,
    RequestStatus.SUBMITTED,
)


def _t(
    action: RequestAction,
    source: RequestStatus,
    target: RequestStatus,
    roles: Iterable[Role] | None = None,
    *,
    needs_reason: bool = False,
) -> Transition:
    return Transition(
        action=action,
        source=source,
        target=target,
        label=action.label,
        roles=None if roles is None else frozenset(roles),
        needs_reason=needs_reason,
    )


_S, _A = RequestStatus, RequestAction

#: Every allowed support-request transition, in the order the GUI lists actions.
TRANSITIONS: tuple[Transition, ...] = (
    _t(_A.START_VERIFICATION, _S.DRAFT, _S.VERIFYING),
    _t(_A.MARK_READY, _S.VERIFYING, _S.READY),
    _t(_A.SUBMIT, _S.READY, _S.SUBMITTED),
    # The policy wants a complete file; a supervisor may still submit one with a written,
    # audited reason (e.g. a document the applicant cannot obtain).
    _t(_A.SUBMIT_WITH_OVERRIDE, _S.VERIFYING, _S.SUBMITTED, {Role.SUPERVISOR}, needs_reason=True),
    _t(_A.ACCEPT, _S.SUBMITTED, _S.ACCEPTED, _DECIDERS),
    _t(_A.REJECT, _S.SUBMITTED, _S.REJECTED, _DECIDERS),
    _t(_A.REGISTER, _S.ACCEPTED, _S.REGISTERED),
    _t(_A.SERVE, _S.REGISTERED, _S.SERVED),
    *(_t(_A.HOLD, source, _S.ON_HOLD) for source in _HOLDABLE),
    _t(_A.RESUME, _S.ON_HOLD, _S.VERIFYING),
    *(
        _t(_A.WITHDRAW, source, _S.WITHDRAWN)
        for source in RequestStatus
        if source not in FINAL_STATUSES
    ),
)

#: (source status, action) → transition. Read-only.
REQUEST_TRANSITIONS: Mapping[tuple[RequestStatus, RequestAction], Transition] = MappingProxyType(
    {(t.source, t.action): t for t in TRANSITIONS}
)


def _as_status(value: RequestStatus | str) -> RequestStatus:
    try:
        return RequestStatus(value)
    except ValueError:
        raise WorkflowError(f"حالة طلب غير معروفة: {value}") from None


def _as_action(value: RequestAction | str) -> RequestAction:
    try:
        return RequestAction(value)
    except ValueError:
        raise WorkflowError(f"إجراء غير معروف: {value}") from None


def _as_role(value: Role | str) -> Role:
    try:
        return Role(value)
    except ValueError:
        raise WorkflowError(f"دور غير معروف: {value}") from None


def transition(
    current: RequestStatus | str,
    action: RequestAction | str,
    role: Role | str,
    reason: str | None = None,
) -> RequestStatus:
    """The status after `action`, or WorkflowError if the workflow or the role forbids it.

    A transition marked `needs_reason` also needs a non-blank written reason
    (ValidationError on field "reason"); the caller stores it in the audit entry.
    """
    status, act, who = _as_status(current), _as_action(action), _as_role(role)
    found = REQUEST_TRANSITIONS.get((status, act))
    if found is None:
        raise WorkflowError(f"لا يمكن تنفيذ «{act.label}» على طلب حالته «{status.label}»")
    if not found.allows(who):
        allowed = "، ".join(sorted(r.label for r in found.roles or ()))
        raise WorkflowError(
            f"«{found.label}» غير مسموح لـ«{who.label}»؛ هذا الإجراء من صلاحية: {allowed}"
        )
    if found.needs_reason and (reason is None or not reason.strip()):
        raise ValidationError(
            "reason", f"سبب الاستثناء: مطلوب لتنفيذ «{found.label}»، اكتب السبب كتابةً"
        )
    return found.target


def allowed_actions(status: RequestStatus | str, role: Role | str) -> list[Transition]:
    """The transitions `role` may perform on a request in `status`, in table order."""
    current, who = _as_status(status), _as_role(role)
    return [t for t in TRANSITIONS if t.source is current and t.allows(who)]


def due_date(submitted: date) -> date:
    """The day the committee's answer is due: COMMITTEE_DAYS after submission."""
    if isinstance(submitted, datetime):
        submitted = submitted.date()
    if not isinstance(submitted, date):
        raise ValidationError("submitted_date", "تاريخ الرفع للجنة: مطلوب")
    try:
        return submitted + timedelta(days=COMMITTEE_DAYS)
    except OverflowError:
        raise ValidationError("submitted_date", "تاريخ الرفع للجنة: غير صحيح") from None


# --- Queue tickets -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TicketTransition:
    """One allowed queue-ticket status change."""

    action: TicketAction
    source: TicketStatus
    target: TicketStatus
    label: str


def _tt(action: TicketAction, source: TicketStatus, target: TicketStatus) -> TicketTransition:
    return TicketTransition(action, source, target, action.label)


_W, _C = TicketStatus.WAITING, TicketStatus.CALLED

#: Every allowed ticket transition. A called, no-show or cancelled ticket can go back to the
#: queue (the visitor came back, or the key was pressed by mistake), and a finished service can
#: be resumed: the counter's undo of its last action.
TICKET_TRANSITIONS: tuple[TicketTransition, ...] = (
    _tt(TicketAction.CALL, _W, _C),
    _tt(TicketAction.START, _C, TicketStatus.SERVING),
    _tt(TicketAction.FINISH, TicketStatus.SERVING, TicketStatus.DONE),
    _tt(TicketAction.NO_SHOW, _W, TicketStatus.NO_SHOW),
    _tt(TicketAction.NO_SHOW, _C, TicketStatus.NO_SHOW),
    _tt(TicketAction.CANCEL, _W, TicketStatus.CANCELLED),
    _tt(TicketAction.CANCEL, _C, TicketStatus.CANCELLED),
    _tt(TicketAction.REQUEUE, _C, _W),
    _tt(TicketAction.REQUEUE, TicketStatus.NO_SHOW, _W),
    _tt(TicketAction.REQUEUE, TicketStatus.CANCELLED, _W),
    _tt(TicketAction.RESUME, TicketStatus.DONE, TicketStatus.SERVING),
)

#: How the counter undoes its last action on a ticket.
TICKET_UNDO: Mapping[TicketAction, TicketAction] = MappingProxyType(
    {
        TicketAction.CALL: TicketAction.REQUEUE,
        TicketAction.NO_SHOW: TicketAction.REQUEUE,
        TicketAction.CANCEL: TicketAction.REQUEUE,
        TicketAction.FINISH: TicketAction.RESUME,
    }
)

#: (source status, action) → ticket transition. Read-only.
TICKET_TRANSITION_MAP: Mapping[tuple[TicketStatus, TicketAction], TicketTransition] = (
    MappingProxyType({(t.source, t.action): t for t in TICKET_TRANSITIONS})
)


def _as_ticket_status(value: TicketStatus | str) -> TicketStatus:
    try:
        return TicketStatus(value)
    except ValueError:
        raise WorkflowError(f"حالة تذكرة غير معروفة: {value}") from None


def ticket_transition(status: TicketStatus | str, action: TicketAction | str) -> TicketStatus:
    """The ticket status after `action`, or WorkflowError if the queue does not allow it."""
    current = _as_ticket_status(status)
    try:
        act = TicketAction(action)
    except ValueError:
        raise WorkflowError(f"إجراء غير معروف: {action}") from None
    found = TICKET_TRANSITION_MAP.get((current, act))
    if found is None:
        raise WorkflowError(f"لا يمكن تنفيذ «{act.label}» على تذكرة حالتها «{current.label}»")
    return found.target


def allowed_ticket_actions(status: TicketStatus | str) -> list[TicketTransition]:
    """The actions the counter may take on a ticket in `status`, in table order."""
    current = _as_ticket_status(status)
    return [t for t in TICKET_TRANSITIONS if t.source is current]


# --- what every workflow table starts in, and how a beneficiary's status moves --------------

#: A beneficiary is an applicant until registered (a file number); a registered beneficiary may
#: become inactive and be registered again.
BENEFICIARY_TRANSITIONS: tuple[tuple[BeneficiaryStatus, BeneficiaryStatus], ...] = (
    (BeneficiaryStatus.APPLICANT, BeneficiaryStatus.REGISTERED),
    (BeneficiaryStatus.APPLICANT, BeneficiaryStatus.INACTIVE),
    (BeneficiaryStatus.REGISTERED, BeneficiaryStatus.INACTIVE),
    (BeneficiaryStatus.INACTIVE, BeneficiaryStatus.REGISTERED),
)

#: The status a new row of each workflow table is written with.
INITIAL_STATUS: Mapping[str, str] = MappingProxyType(
    {
        "beneficiary": BeneficiaryStatus.APPLICANT.value,
        "ticket": TicketStatus.WAITING.value,
        "support_request": RequestStatus.DRAFT.value,
        "referral": ReferralStatus.OPEN.value,
        "feedback": FeedbackStatus.OPEN.value,
    }
)

#: (table, from, to) of every status change the server lets a counter make.
STATUS_MOVES: frozenset[tuple[str, str, str]] = frozenset(
    {("support_request", t.source.value, t.target.value) for t in TRANSITIONS}
    | {("ticket", t.source.value, t.target.value) for t in TICKET_TRANSITIONS}
    | {("beneficiary", a.value, b.value) for a, b in BENEFICIARY_TRANSITIONS}
)


def status_path(table: str, status: str) -> list[str]:
    """The statuses a row of `table` passes through from its first status to `status`, by the
    fewest allowed moves (first status included; [] when `status` cannot be reached)."""
    start = INITIAL_STATUS[table]
    paths = {start: [start]}
    frontier = [start]
    while frontier and status not in paths:
        following = []
        for current in frontier:
            for name, source, target in sorted(STATUS_MOVES):
                if name == table and source == current and target not in paths:
                    paths[target] = [*paths[current], target]
                    following.append(target)
        frontier = following
    return paths.get(status, [])
