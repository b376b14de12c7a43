"""Sync conflicts for a supervisor: what two counters disagreed on, and which value stands.

The server writes a `sync_conflict` row when it cannot apply a counter's change as it was
(`store.models.SyncConflict`); counters pull those rows like any other. Here they are shown in
Arabic (the record by its name or number, the field by its label, both values as the
application shows them) and resolved: "server" keeps the value the row has, "counter" writes
the counter's value into the row. A duplicate row or a change the server refused can only be
acknowledged ("server"): the counter's data is kept whole in the conflict, for re-entry by
hand. Resolving is an ordinary audited change of this database, which sync then sends on.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from basmat_desk.domain import fields
from basmat_desk.domain.arabic import normalize
from basmat_desk.domain.calendar import format_date_time
from basmat_desk.domain.clock import utcnow
from basmat_desk.domain.enums import ConflictChoice, ConflictKind
from basmat_desk.domain.errors import NotFound, ValidationError, WorkflowError
from basmat_desk.domain.permissions import Permission
from basmat_desk.domain.refusals import Refusal, RefusalCode
from basmat_desk.domain.settings import SyncKey
from basmat_desk.domain.workflow import TICKET_TRANSITIONS, TRANSITIONS
from basmat_desk.services.audit import record_event
from basmat_desk.services.beneficiaries import refuse_taken_id_number
from basmat_desk.services.context import ServiceContext, live_row, service
from basmat_desk.services.naming import (
    EMPTY,
    MODELS,
    loads,
    python_value,
    record_label,
    row_summary,
    staff_name,
    value_text,
    wire,
)
from basmat_desk.store.models import Beneficiary, SyncConflict, SyncState, row_dict
from basmat_desk.sync.codec import TABLES

FIELD, DUPLICATE, REJECTED = ConflictKind
SERVER, COUNTER = ConflictChoice
RESOLVED_EVENT = "sync.conflict_resolved"

ACKNOWLEDGED = "رُوجع وأُبقي ما على الخادم"
OPEN = "مفتوح"

_NAME_PARTS = ("first_name", "father_name", "grandfather_name", "family_name")
#: Fields computed from others: never taken from a counter, recomputed instead.
_DERIVED = {("beneficiary", "name_search"): _NAME_PARTS}
#: What the status columns may change to (the server checks the same).
_ALLOWED_MOVES: dict[str, frozenset[tuple[str, str]]] = {
    "support_request": frozenset((t.source.value, t.target.value) for t in TRANSITIONS),
    "ticket": frozenset((t.source.value, t.target.value) for t in TICKET_TRANSITIONS),
}
#: Longest value kept in the audit event (a note may be long; the row's audit has it whole).
_EVENT_VALUE_MAX = 500


ALREADY_RESOLVED = "حُسم هذا التعارض من قبل"
CONFLICT_NOT_FOUND = "التعارض غير موجود على هذا الجهاز"
ONLY_ACKNOWLEDGE = (
    "لا تُعتمد قيمة الكاونتر لسجل مكرر أو لتغيير رفضه الخادم؛ اختر «إبقاء قيمة الخادم» "
    "لتسجيل أنك راجعته، ثم أدخل ما يلزم بالإجراء المعتاد"
)
DERIVED_FIELD = "هذه القيمة تُحسب من الاسم، فتُعاد حسابها عند حسم تعارض الاسم نفسه"


@dataclass(frozen=True, slots=True)
class ConflictView:
    """One conflict as the screen shows it: Arabic texts, ready to display."""

    id: str
    kind: str  # "field" | "duplicate" | "rejected"
    kind_label: str
    table_name: str
    table_label: str
    row_id: str
    record_label: str
    field: str | None
    field_label: str
    #: Both values in full, for the detail pane (several lines for a whole row).
    server_text: str
    counter_text: str
    #: Both values in one line, for the list.
    server_brief: str
    counter_brief: str
    counter_name: str
    detected_at: datetime
    explanation: str
    resolution: str | None  # None | "server" | "counter"
    resolution_label: str
    resolved_at: datetime | None
    resolved_by: str | None  # the staff member's name
    #: Why "counter" cannot be chosen (None when it can).
    counter_refusal: str | None

    @property
    def settled_text(self) -> str:
        """How it was settled, by whom and when (or that it is still open)."""
        if self.is_open:
            return self.resolution_label
        who = f" — {self.resolved_by}" if self.resolved_by else ""
        when = f"، {format_date_time(self.resolved_at)}" if self.resolved_at else ""
        return f"{self.resolution_label}{who}{when}"

    @property
    def is_open(self) -> bool:
        return self.resolution is None

    @property
    def can_take_counter(self) -> bool:
        return self.is_open and self.counter_refusal is None


def _conflict_field(table: str, field: str | None, kind: str) -> str:
    if field is None:
        return "السجل كاملاً"
    if kind == DUPLICATE:
        return fields.UNIQUE_RULES.get(field, ("قيمة يجب ألا تتكرر", ()))[0]
    return fields.field_label(table, field)


def _live_holder(
    session: Session, table: str, rule: str | None, whole: Mapping[str, Any], row_id: str
) -> str | None:
    """The live record that holds the duplicated value (as this counter has it)."""
    model = MODELS.get(table)
    columns = fields.UNIQUE_RULES.get(rule or "", ("", ()))[1]
    if model is None or not columns or any(whole.get(c) is None for c in columns):
        return None
    mapped = model.__table__.c
    query = select(model).where(
        *(mapped[c] == python_value(table, c, whole[c]) for c in columns),
        mapped["deleted_at"].is_(None),
        mapped["id"] != row_id,
    )
    holder = session.scalars(query.limit(1)).first()
    if holder is None:
        return None
    return row_summary(session, table, TABLES[table].canonical(row_dict(holder)))


def _refusal_text(session: Session, refusal: Refusal | None) -> str:
    """Why the server refused a change, in Arabic, from the refusal's code and fields."""
    if refusal is None:  # a refusal recorded before the server said why
        return RefusalCode.OTHER.label
    table = fields.table_label(refusal.table)
    column = refusal.column
    if refusal.code == RefusalCode.WORKFLOW and column is not None:
        source = value_text(session, refusal.table, column, refusal.source)
        target = value_text(session, refusal.table, column, refusal.target)
        what = fields.field_label(refusal.table, column)
        return f"لا يسمح سير العمل بتغيير {what} من «{source}» إلى «{target}»"
    if refusal.code == RefusalCode.INVALID and column is not None:
        return f"{refusal.code.label}: {fields.field_label(refusal.table, column)}"
    return f"{refusal.code.label} ({table})"


# --- views ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Device:
    own_id: str
    own_name: str | None

    def label(self, device: str | None, name: str | None = None) -> str:
        if not device:
            return name or "غير معروف"
        if device == self.own_id:
            return f"هذا الجهاز ({self.own_name})" if self.own_name else "هذا الجهاز"
        if name:  # written by the counter's push: "name (prefix)"
            return name
        # A conflict made before counters wrote their names: the end of a device id (random
        # bits of a UUIDv7) tells them apart.
        return f"جهاز آخر ({device[-12:]})"


def _device(session: Session, ctx: ServiceContext) -> _Device:
    name = session.scalar(select(SyncState.value).where(SyncState.key == SyncKey.COUNTER_NAME))
    return _Device(ctx.device_id, name)


def _explanation(kind: str, table_label: str, rule: str | None, counter: str) -> str:
    if kind == FIELD:
        return (
            f"عُدّل هذا الحقل على الخادم وعلى {counter} قبل أن تلتقي المزامنة، "
            "فبقيت قيمة الخادم وحُفظت قيمة الكاونتر هنا حتى تختار إحداهما."
        )
    if kind == DUPLICATE:
        same = f"ب{rule} نفسه الذي يحمله" if rule else "بقيمة فريدة يحملها"
        return (
            f"سُجّل على {counter} سجل {table_label} {same} سجل آخر على الخادم، فحُفظ سجل الكاونتر "
            "كاملاً مؤرشفاً ولم يضع منه شيء. قارن السجلين، وانقل ما ينقص إلى السجل القائم "
            "بالإجراء المعتاد، ثم سجّل أنك راجعته."
        )
    return (
        f"أرسل {counter} تغييراً رفضه الخادم، فبقي ما على الخادم. إن كان التغيير صحيحاً "
        "فأعده بالإجراء المعتاد، ثم سجّل أنك راجعته."
    )


def _one_line(text: str) -> str:
    return " ".join(text.split())


@dataclass(frozen=True, slots=True)
class _Values:
    server_text: str
    counter_text: str
    server_brief: str
    counter_brief: str


def _values(
    session: Session, conflict: SyncConflict, whole: Mapping[str, Any] | None, record: str
) -> _Values:
    """Both sides of a conflict: in full for the detail pane, in one line for the list."""
    table, field, kind = conflict.table_name, conflict.field, conflict.kind
    if kind == DUPLICATE and whole is not None:
        holder = _live_holder(session, table, field, whole, conflict.row_id)
        server = holder or "السجل القائم لم يصل إلى هذا الجهاز بعد"
        holder_name = holder.partition("\n")[0] if holder else "لم يصل بعد"
        return _Values(
            server, row_summary(session, table, whole), f"قائم: {holder_name}", f"مؤرشف: {record}"
        )
    if kind == REJECTED and field is None:
        reason = _refusal_text(session, Refusal.from_json(conflict.refusal))
        kept = row_summary(session, table, whole) if whole is not None else EMPTY
        return _Values(reason, kept, reason, record)
    server = value_text(session, table, field, loads(conflict.server_value))
    counter = value_text(session, table, field, loads(conflict.counter_value))
    return _Values(server, counter, _one_line(server), _one_line(counter))


def _view(session: Session, conflict: SyncConflict, device: _Device) -> ConflictView:
    table, field, kind = conflict.table_name, conflict.field, conflict.kind
    counter = loads(conflict.counter_value)
    # A duplicate, or a refused new row, carries the counter's whole row.
    carries_row = kind == DUPLICATE or (kind == REJECTED and field is None)
    whole = counter if carries_row and isinstance(counter, dict) else None
    table_label = fields.table_label(table)
    field_label = _conflict_field(table, field, kind)
    counter_name = device.label(conflict.counter_device, conflict.counter_name)
    record = record_label(session, table, conflict.row_id, whole)
    values = _values(session, conflict, whole, record)

    unique = fields.UNIQUE_RULES.get(field or "") if kind == DUPLICATE else None
    rule = unique[0] if unique else None
    explanation = _explanation(kind, table_label, rule, counter_name)
    if kind == REJECTED and field is not None:  # the refused field's values are shown beside
        explanation += f" السبب: {_refusal_text(session, Refusal.from_json(conflict.refusal))}."

    refusal = None
    if kind != FIELD:
        refusal = ONLY_ACKNOWLEDGE
    elif field is not None and (table, field) in _DERIVED:
        refusal = DERIVED_FIELD

    resolution = conflict.resolution
    if resolution is None:
        resolution_label = OPEN
    elif kind != FIELD:
        resolution_label = ACKNOWLEDGED
    else:
        resolution_label = ConflictChoice(resolution).label

    return ConflictView(
        id=conflict.id,
        kind=kind,
        kind_label=ConflictKind(kind).label,
        table_name=table,
        table_label=table_label,
        row_id=conflict.row_id,
        record_label=record,
        field=field,
        field_label=field_label,
        server_text=values.server_text,
        counter_text=values.counter_text,
        server_brief=values.server_brief,
        counter_brief=values.counter_brief,
        counter_name=counter_name,
        detected_at=conflict.detected_at,
        explanation=explanation,
        resolution=resolution,
        resolution_label=resolution_label,
        resolved_at=conflict.resolved_at,
        resolved_by=staff_name(session, conflict.resolved_by),
        counter_refusal=refusal,
    )


@service(Permission.RESOLVE_CONFLICTS, "sync.list_conflicts")
def list_conflicts(
    session: Session, ctx: ServiceContext, *, include_resolved: bool = False
) -> list[ConflictView]:
    """Conflicts on this database, newest first; open ones only unless `include_resolved`."""
    query = select(SyncConflict).where(SyncConflict.deleted_at.is_(None))
    if not include_resolved:
        query = query.where(SyncConflict.resolution.is_(None))
    query = query.order_by(SyncConflict.detected_at.desc(), SyncConflict.id.desc())
    device = _device(session, ctx)
    return [_view(session, conflict, device) for conflict in session.scalars(query)]


# --- resolving --------------------------------------------------------------------------------


def _clipped(value: Any) -> Any:
    if isinstance(value, str) and len(value) > _EVENT_VALUE_MAX:
        return value[:_EVENT_VALUE_MAX] + "…"
    return value


def _take_counter_value(session: Session, conflict: SyncConflict) -> None:
    """Write the counter's value into the row, if the row still has the server's value."""
    table, field = conflict.table_name, conflict.field
    model = MODELS.get(table)
    if field is None or model is None or field not in TABLES[table].column_names:
        raise WorkflowError("لا يمكن اعتماد قيمة الكاونتر: الحقل غير معروف في هذا الإصدار")
    row = session.get(model, conflict.row_id)
    if row is None:
        raise NotFound("السجل غير موجود على هذا الجهاز بعد؛ زامن ثم أعد المحاولة")
    label = _conflict_field(table, field, FIELD)
    if getattr(row, "deleted_at", None) is not None:
        raise WorkflowError(f"حُذف هذا السجل بعد التعارض؛ لا تُكتب فيه قيمة «{label}»")
    current = wire(table, field, getattr(row, field))
    if current != wire(table, field, loads(conflict.server_value)):
        shown = value_text(session, table, field, current)
        raise WorkflowError(
            f"تغيّرت قيمة «{label}» بعد التعارض (هي الآن: {shown})؛ لا تُكتب قيمة الكاونتر فوق "
            "تعديل أحدث. عدّل السجل بنفسك إن لزم، أو أبقِ القيمة الحالية."
        )
    wanted = python_value(table, field, loads(conflict.counter_value))
    move = (str(current), str(wire(table, field, wanted)))
    moves = _ALLOWED_MOVES.get(table)
    if field == "status" and moves is not None and move[0] != move[1] and move not in moves:
        before, after = (value_text(session, table, field, v) for v in move)
        raise WorkflowError(
            f"لا يسمح سير العمل بتغيير {label} من «{before}» إلى «{after}»؛ أبقِ قيمة الخادم"
        )
    if table == "beneficiary" and field == "id_number" and wanted:
        refuse_taken_id_number(session, wanted, other_than=conflict.row_id)
    setattr(row, field, wanted)
    if isinstance(row, Beneficiary) and field in _NAME_PARTS:
        row.name_search = normalize(row.full_name)
    try:
        session.flush()
    except IntegrityError as error:
        raise ValidationError(
            field or "choice", f"{label}: قيمة الكاونتر تتعارض مع سجل آخر على هذا الجهاز"
        ) from error


def _recompute_derived(session: Session, conflict: SyncConflict) -> None:
    """A computed field in conflict takes the value its sources give now (the name's search
    form may be stale when the name parts merged but the form clashed)."""
    if (conflict.table_name, conflict.field) not in _DERIVED:
        return
    person = session.get(Beneficiary, conflict.row_id)
    if person is not None and person.deleted_at is None:
        searched = normalize(person.full_name)
        if person.name_search != searched:
            person.name_search = searched


def _close_derived(session: Session, conflict: SyncConflict, ctx: ServiceContext) -> None:
    """Resolving a name part also settles the row's search-form conflicts (recomputed)."""
    for (table, derived), parts in _DERIVED.items():
        if conflict.table_name != table or conflict.field not in parts:
            continue
        others = session.scalars(
            select(SyncConflict).where(
                SyncConflict.table_name == table,
                SyncConflict.row_id == conflict.row_id,
                SyncConflict.field == derived,
                SyncConflict.kind == FIELD,
                SyncConflict.resolution.is_(None),
                SyncConflict.deleted_at.is_(None),
            )
        )
        for other in others:
            _mark(other, SERVER, ctx)


def _mark(conflict: SyncConflict, choice: str, ctx: ServiceContext) -> None:
    conflict.resolution = choice
    conflict.resolved_at = utcnow()
    conflict.resolved_by = ctx.actor.staff_id if ctx.actor else None


@service(Permission.RESOLVE_CONFLICTS, "sync.resolve_conflict")
def resolve_conflict(
    session: Session, ctx: ServiceContext, conflict_id: str, choice: str
) -> ConflictView:
    """Settle one open conflict: "server" keeps the row as it is, "counter" writes the
    counter's value into it (field conflicts only). Audited as RESOLVED_EVENT."""
    if choice not in tuple(ConflictChoice):
        raise ValidationError("choice", "الاختيار: إما إبقاء قيمة الخادم أو اعتماد قيمة الكاونتر")
    conflict = live_row(session, SyncConflict, conflict_id, CONFLICT_NOT_FOUND)
    if conflict.resolution is not None:
        done = _view(session, conflict, _device(session, ctx))
        raise WorkflowError(f"{ALREADY_RESOLVED} ({done.settled_text})")
    if choice == COUNTER:
        if conflict.kind != FIELD:
            raise ValidationError("choice", ONLY_ACKNOWLEDGE)
        if (conflict.table_name, conflict.field) in _DERIVED:
            raise ValidationError("choice", DERIVED_FIELD)
        _take_counter_value(session, conflict)
    if conflict.kind == FIELD:
        _recompute_derived(session, conflict)
        _close_derived(session, conflict, ctx)
    _mark(conflict, choice, ctx)
    details: dict[str, Any] = {
        "choice": choice,
        "kind": conflict.kind,
        "table": conflict.table_name,
        "row_id": conflict.row_id,
        "field": conflict.field,
    }
    if conflict.kind == FIELD:
        details["server_value"] = _clipped(loads(conflict.server_value))
        details["counter_value"] = _clipped(loads(conflict.counter_value))
    record_event(session, RESOLVED_EVENT, "sync_conflict", conflict.id, details)
    session.flush()
    return _view(session, conflict, _device(session, ctx))
