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

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from functools import partial
from typing import Any

from sqlalchemy import Enum as SAEnum
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from basmat_desk.domain.arabic import normalize
from basmat_desk.domain.beneficiary import (
    FIELDS,
    GENDER_LABELS,
    MARITAL_LABELS,
    NATIONALITIES,
    full_name,
)
from basmat_desk.domain.enums import (
    ConflictChoice,
    ConflictKind,
    Gender,
    MaritalStatus,
    RequestStatus,
    TicketStatus,
)
from basmat_desk.domain.errors import NotFound, ValidationError, WorkflowError
from basmat_desk.domain.numbering import ticket_number
from basmat_desk.domain.permissions import Permission
from basmat_desk.domain.workflow import (
    STATUS_LABELS,
    TICKET_STATUS_LABELS,
    TICKET_TRANSITIONS,
    TRANSITIONS,
)
from basmat_desk.services.audit import record_event
from basmat_desk.services.beneficiaries import refuse_taken_id_number
from basmat_desk.services.clock import local_date_time
from basmat_desk.services.contacts import FIELD_LABELS as CONTACT_FIELD_LABELS
from basmat_desk.services.context import ServiceContext, live_row, service, unit_of_work
from basmat_desk.store.models import (
    SYNCED_MODELS,
    Base,
    Beneficiary,
    Staff,
    SyncConflict,
    SyncState,
    Ticket,
    new_id,
    row_dict,
)
from basmat_desk.store.types import utcnow
from basmat_desk.sync.codec import TABLES, dumps

FIELD, DUPLICATE, REJECTED = ConflictKind
SERVER, COUNTER = ConflictChoice
RESOLVED_EVENT = "sync.conflict_resolved"

EMPTY = "فارغ"

TABLE_LABELS: dict[str, str] = {
    "staff": "موظف",
    "beneficiary": "مستفيد",
    "ticket": "تذكرة",
    "contact": "تواصل",
    "support_request": "طلب دعم",
    "checklist_item": "بند تحقق",
    "declaration": "إقرار",
    "referral": "إحالة",
    "letter": "خطاب",
    "survey_response": "استبيان رضا",
    "feedback": "ملاحظة أو شكوى",
    "attachment": "مرفق",
    "audit_entry": "سجل التدقيق",
    "setting": "إعداد",
    "number_sequence": "تسلسل الأرقام",
    "sync_conflict": "تعارض مزامنة",
}

_COMMON_FIELDS: dict[str, str] = {
    "status": "الحالة",
    "deleted_at": "الحذف",
    "beneficiary_id": "المستفيد",
    "request_id": "الطلب",
    "staff_id": "الموظف",
    "owner_id": "المسؤول",
    "ticket_id": "التذكرة",
    "channel": "القناة",
    "kind": "النوع",
    "purpose": "الغرض",
    "notes": "ملاحظات",
    "note": "ملاحظة",
    "file_number": "رقم الملف",
    "due_date": "تاريخ الاستحقاق",
}

FIELD_LABELS: dict[str, dict[str, str]] = {
    "beneficiary": {
        **FIELDS,
        "name_search": "صيغة الاسم للبحث",
        "status": "حالة المستفيد",
        "file_number": "رقم الملف",
    },
    "ticket": {
        "service_date": "تاريخ الخدمة",
        "prefix": "رمز الكاونتر",
        "number": "رقم التذكرة",
        "purpose": "الغرض",
        "status": "حالة التذكرة",
        "served_by": "الموظف",
        "issued_at": "وقت الإصدار",
        "called_at": "وقت النداء",
        "serving_at": "وقت بدء الخدمة",
        "done_at": "وقت انتهاء الخدمة",
        "no_show_at": "وقت تسجيل عدم الحضور",
        "cancelled_at": "وقت الإلغاء",
    },
    "contact": dict(CONTACT_FIELD_LABELS),
    "support_request": {
        "request_number": "رقم الطلب",
        "patient_id": "المريض",
        "patient_name": "اسم المريض",
        "patient_relation": "صلة المريض بالمستفيد",
        "service_type": "نوع الخدمة",
        "description": "الوصف",
        "status": "حالة الطلب",
        "submitted_at": "تاريخ الرفع للجنة",
        "due_date": "موعد رد اللجنة",
        "decided_at": "تاريخ القرار",
        "decided_by": "صاحب القرار",
        "decision_reason": "سبب القرار",
        "override_reason": "سبب الاستثناء",
        "served_at": "تاريخ تقديم الخدمة",
    },
    "staff": {
        "username": "اسم المستخدم",
        "full_name": "الاسم الكامل",
        "role": "الدور",
        "active": "الحساب مفعّل",
    },
    "checklist_item": {
        "item_code": "البند",
        "required": "مطلوب",
        "provided": "مقدَّم",
        "matches_data": "مطابق للبيانات",
        "valid_until": "صالح حتى",
        "verified_by": "تحقق منه",
        "verified_at": "وقت التحقق",
    },
    "referral": {
        "kind": "نوع الإحالة",
        "target": "الجهة المحال إليها",
        "reason": "سبب الإحالة",
        "response": "الرد",
        "responded_at": "وقت الرد",
        "responded_by": "صاحب الرد",
    },
    "feedback": {
        "body": "النص",
        "resolution": "المعالجة",
        "closed_at": "وقت الإغلاق",
        "closed_by": "أغلقه",
    },
    "letter": {"reprints": "مرات إعادة الطباعة", "last_reprinted_at": "آخر إعادة طباعة"},
    "setting": {"key": "الإعداد", "value_json": "القيمة"},
    "number_sequence": {"last_value": "آخر رقم صادر"},
}

ACKNOWLEDGED = "رُوجع وأُبقي ما على الخادم"
OPEN = "مفتوح"

#: Labels kept beside the rules that use them (domain.beneficiary, domain.workflow), looked up
#: by class: a StrEnum member equals its code, so one dict of every enum would mix up members
#: of two enums that share a code ("registered", "in_progress").
_LABELS_BY_ENUM: dict[type[StrEnum], Mapping[Any, str]] = {
    Gender: GENDER_LABELS,
    MaritalStatus: MARITAL_LABELS,
    RequestStatus: STATUS_LABELS,
    TicketStatus: TICKET_STATUS_LABELS,
}

#: Unique rules the server names when it keeps a duplicate row as a tombstone: what the rule
#: is about, and the columns that must not repeat.
_UNIQUE_RULES: dict[str, tuple[str, tuple[str, ...]]] = {
    "uq_beneficiary_live_id_number": ("رقم الهوية", ("id_number",)),
    "uq_beneficiary_file_number": ("رقم الملف", ("file_number",)),
    "uq_support_request_request_number": ("رقم الطلب", ("request_number",)),
    "uq_letter_reference_number": ("رقم الخطاب", ("reference_number",)),
    "uq_staff_username": ("اسم المستخدم", ("username",)),
    "uq_ticket_service_date_prefix_number": (
        "رقم التذكرة في اليوم",
        ("service_date", "prefix", "number"),
    ),
    "uq_setting_key": ("اسم الإعداد", ("key",)),
    "uq_checklist_item_request_id_item_code": ("بند التحقق في الطلب", ("request_id", "item_code")),
    "uq_number_sequence_kind_prefix_scope": ("تسلسل الأرقام", ("kind", "prefix", "scope")),
}

#: Mobile numbers are stored as +9665…; people read them as 05….
_MOBILE_FIELDS = frozenset({"mobile", "mobile_alt"})
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

MODELS: dict[str, type[Base]] = {model.__tablename__: model for model in SYNCED_MODELS}

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
        when = f"، {local_date_time(self.resolved_at)}" if self.resolved_at else ""
        return f"{self.resolution_label}{who}{when}"

    @property
    def is_open(self) -> bool:
        return self.resolution is None

    @property
    def can_take_counter(self) -> bool:
        return self.is_open and self.counter_refusal is None


# --- reading values -------------------------------------------------------------------------


def _loads(text: str | None) -> Any:
    if text is None:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return text


def _column_enum(table: str, field: str) -> type[StrEnum] | None:
    model = MODELS.get(table)
    if model is None or field not in model.__table__.c:
        return None
    column_type = model.__table__.c[field].type
    if not isinstance(column_type, SAEnum):
        return None
    enum_class = column_type.enum_class
    if enum_class is not None and issubclass(enum_class, StrEnum):
        return enum_class
    return None


def _python_value(table: str, field: str, wire: Any) -> Any:
    """A wire value as the model's attribute takes it (an enum member for enum columns)."""
    value = TABLES[table].column(field).to_pg(wire)
    enum_class = _column_enum(table, field)
    if enum_class is not None and value is not None:
        return enum_class(value)
    return value


def _wire(table: str, field: str, value: Any) -> Any:
    """Any form of a value (wire, SQLite or Python) in its canonical wire form."""
    return TABLES[table].column(field).to_wire(value)


def _enum_label(member: StrEnum) -> str:
    labels = _LABELS_BY_ENUM.get(type(member))
    if labels is not None:
        return labels[member]
    own: str | None = getattr(member, "label", None)
    return own if own is not None else str(member.value)


def _staff_name(session: Session, staff_id: str | None) -> str | None:
    if not staff_id:
        return None
    staff = session.get(Staff, staff_id)
    return staff.full_name if staff is not None else None


def _referenced_label(session: Session, table: str, field: str, row_id: str) -> str | None:
    """The name or number of the row a foreign key points at."""
    model = MODELS.get(table)
    if model is None or field not in model.__table__.c:
        return None
    for key in model.__table__.c[field].foreign_keys:
        target = key.column.table.name
        return _record_label(session, target, row_id, None)
    return None


def _mobile_text(value: str) -> str:
    from basmat_desk.domain.phone import format_mobile_local  # phonenumbers loads slowly

    try:
        return format_mobile_local(value)
    except ValidationError:
        return value


#: Fields shown otherwise than their type says.
_FIELD_TEXT: dict[str, Callable[[str], str]] = {
    "mobile": _mobile_text,
    "mobile_alt": _mobile_text,
    "nationality": lambda code: NATIONALITIES.get(code, code),
}

_TYPED_TEXT: tuple[tuple[type, Callable[[Any], str]], ...] = (
    (StrEnum, _enum_label),
    (bool, lambda value: "نعم" if value else "لا"),
    (datetime, local_date_time),
    (date, lambda value: value.strftime("%Y/%m/%d")),
    (bytes, lambda value: f"ملف ({len(value):,} بايت)"),
)


def value_text(session: Session, table: str, field: str | None, wire: Any) -> str:
    """A field's wire value as the application shows it; None is «فارغ»."""
    codec = TABLES.get(table)
    if field is None or codec is None or field not in codec.column_names:
        return EMPTY if wire is None else str(wire)
    value = None if wire is None else _python_value(table, field, wire)
    if value is None or value == "":
        return EMPTY
    special = _FIELD_TEXT.get(field)
    if special is not None and isinstance(value, str):
        return special(value)
    if isinstance(value, str) and field.endswith(("_id", "_by")):
        return _referenced_label(session, table, field, value) or value
    for kind, shown in _TYPED_TEXT:
        if isinstance(value, kind):
            return shown(value)
    return str(value)


# --- naming records ---------------------------------------------------------------------------


def _text(row: Mapping[str, Any], key: str) -> str | None:
    value = row.get(key)
    return None if value is None or value == "" else str(getattr(value, "value", value))


def _beneficiary_label(session: Session, row: Mapping[str, Any]) -> str | None:
    return full_name(
        _text(row, "first_name") or "",
        _text(row, "father_name"),
        _text(row, "grandfather_name"),
        _text(row, "family_name") or "",
    )


def _ticket_label(session: Session, row: Mapping[str, Any]) -> str | None:
    prefix, number = _text(row, "prefix"), _text(row, "number")
    if prefix is None or number is None:
        return None
    try:
        return ticket_number(prefix, int(number))
    except (ValidationError, ValueError):
        return f"{prefix}-{number}"


def _about_person(session: Session, row: Mapping[str, Any], table: str) -> str | None:
    """A contact, referral, feedback or survey: its kind and whom it is about."""
    person = _text(row, "beneficiary_id")
    who = _record_label(session, "beneficiary", person, None) if person else None
    kind_column = "channel" if table == "contact" else "kind"
    kind, enum_class = _text(row, kind_column), _column_enum(table, kind_column)
    kind_label = _enum_label(enum_class(kind)) if kind and enum_class else kind
    return " — ".join(p for p in (kind_label, who) if p) or None


def _declaration_label(session: Session, row: Mapping[str, Any]) -> str | None:
    request = _text(row, "request_id")
    return _record_label(session, "support_request", request, None) if request else None


def _sequence_label(session: Session, row: Mapping[str, Any]) -> str | None:
    return " ".join(p for p in (_text(row, k) for k in ("kind", "prefix", "scope")) if p) or None


#: The column that names a row, for tables that have one.
_NAMING_COLUMN: dict[str, str] = {
    "support_request": "request_number",
    "letter": "reference_number",
    "staff": "full_name",
    "setting": "key",
    "attachment": "filename",
    "audit_entry": "action",
    "checklist_item": "item_code",
}
_NAMERS: dict[str, Callable[[Session, Mapping[str, Any]], str | None]] = {
    "beneficiary": _beneficiary_label,
    "ticket": _ticket_label,
    "declaration": _declaration_label,
    "number_sequence": _sequence_label,
    **{
        table: partial(_about_person, table=table)
        for table in ("contact", "referral", "feedback", "survey_response")
    },
}


def _label_of(session: Session, table: str, row: Mapping[str, Any]) -> str | None:
    """The human name of a row given its column values (ORM or wire form)."""
    column = _NAMING_COLUMN.get(table)
    if column is not None:
        return _text(row, column)
    namer = _NAMERS.get(table)
    return namer(session, row) if namer is not None else None


def _record_label(
    session: Session, table: str, row_id: str, whole: Mapping[str, Any] | None
) -> str:
    model = MODELS.get(table)
    row = session.get(model, row_id) if model is not None else None
    label = None
    if row is not None:
        label = _label_of(session, table, row_dict(row))
    elif whole is not None:
        label = _label_of(session, table, whole)
    return label or f"سجل {row_id}"


def _field_label(table: str, field: str | None, kind: str) -> str:
    if field is None:
        return "السجل كاملاً"
    if kind == DUPLICATE:
        return _UNIQUE_RULES.get(field, ("قيمة يجب ألا تتكرر", ()))[0]
    return FIELD_LABELS.get(table, {}).get(field) or _COMMON_FIELDS.get(field) or field


#: What a whole row is summed up by, when the server kept it aside (a duplicate): the fields a
#: supervisor compares with the record that stayed.
SUMMARY_FIELDS: dict[str, tuple[str, ...]] = {
    "beneficiary": (
        "id_number",
        "birth_date",
        "mobile",
        "address_city",
        "address_district",
        "file_number",
        "notes",
    ),
}
SUMMARY_LINES = 8


def _row_summary(session: Session, table: str, whole: Mapping[str, Any]) -> str:
    """A whole row in a few labelled lines, its name first."""
    labels = FIELD_LABELS.get(table, {})
    fields = SUMMARY_FIELDS.get(table) or tuple(labels)
    lines = [_label_of(session, table, whole) or f"سجل {_text(whole, 'id')}"]
    for field in fields:
        wire = whole.get(field)
        if wire is None or wire == "" or field not in labels:
            continue
        lines.append(f"{labels[field]}: {value_text(session, table, field, wire)}")
    return "\n".join(lines[: SUMMARY_LINES + 1])


def _live_holder(
    session: Session, table: str, rule: str | None, whole: Mapping[str, Any], row_id: str
) -> str | None:
    """The live record that holds the duplicated value (as this counter has it)."""
    model = MODELS.get(table)
    columns = _UNIQUE_RULES.get(rule or "", ("", ()))[1]
    if model is None or not columns or any(whole.get(c) is None for c in columns):
        return None
    mapped = model.__table__.c
    query = select(model).where(
        *(mapped[c] == _python_value(table, c, whole[c]) for c in columns),
        mapped["deleted_at"].is_(None),
        mapped["id"] != row_id,
    )
    holder = session.scalars(query.limit(1)).first()
    if holder is None:
        return None
    return _row_summary(session, table, TABLES[table].canonical(row_dict(holder)))


_REFUSAL_PREFIX = "basmat: "


def _refusal_text(reason: Any) -> str:
    """The server's reason for refusing a change, in Arabic where it is one of ours."""
    text = str(reason or "")
    if text.startswith(_REFUSAL_PREFIX) and " status cannot change from " in text:
        table, _, moves = text.removeprefix(_REFUSAL_PREFIX).partition(" status cannot change ")
        source, _, target = moves.removeprefix("from ").partition(" to ")
        statuses = {"support_request": RequestStatus, "ticket": TicketStatus}.get(table)
        labels = {m.value: v for m, v in _LABELS_BY_ENUM[statuses].items()} if statuses else {}
        return (
            f"لا يسمح سير العمل بتغيير حالة {TABLE_LABELS.get(table, table)} "
            f"من «{labels.get(source, source)}» إلى «{labels.get(target, target)}»"
        )
    return f"رفض الخادم التغيير: {text}" if text else "رفض الخادم التغيير"


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
    name = session.scalar(select(SyncState.value).where(SyncState.key == "counter_name"))
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
            server, _row_summary(session, table, whole), f"قائم: {holder_name}", f"مؤرشف: {record}"
        )
    if kind == REJECTED and field is None:
        reason = _refusal_text(_loads(conflict.server_value))
        kept = _row_summary(session, table, whole) if whole is not None else EMPTY
        return _Values(reason, kept, reason, record)
    server = value_text(session, table, field, _loads(conflict.server_value))
    counter = value_text(session, table, field, _loads(conflict.counter_value))
    return _Values(server, counter, _one_line(server), _one_line(counter))


def _view(session: Session, conflict: SyncConflict, device: _Device) -> ConflictView:
    table, field, kind = conflict.table_name, conflict.field, conflict.kind
    counter = _loads(conflict.counter_value)
    # A duplicate, or a refused new row, carries the counter's whole row.
    carries_row = kind == DUPLICATE or (kind == REJECTED and field is None)
    whole = counter if carries_row and isinstance(counter, dict) else None
    table_label = TABLE_LABELS.get(table, table)
    field_label = _field_label(table, field, kind)
    counter_name = device.label(conflict.counter_device, conflict.counter_name)
    record = _record_label(session, table, conflict.row_id, whole)
    values = _values(session, conflict, whole, record)

    rule = _UNIQUE_RULES[field][0] if kind == DUPLICATE and field in _UNIQUE_RULES else None
    explanation = _explanation(kind, table_label, rule, counter_name)
    if kind == REJECTED and field == "status":
        explanation += (
            f" لا يسمح سير العمل بتغيير {field_label} "
            f"من «{values.server_text}» إلى «{values.counter_text}»."
        )

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
        resolved_by=_staff_name(session, conflict.resolved_by),
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
    label = _field_label(table, field, FIELD)
    if getattr(row, "deleted_at", None) is not None:
        raise WorkflowError(f"حُذف هذا السجل بعد التعارض؛ لا تُكتب فيه قيمة «{label}»")
    current = _wire(table, field, getattr(row, field))
    if current != _wire(table, field, _loads(conflict.server_value)):
        shown = value_text(session, table, field, current)
        raise WorkflowError(
            f"تغيّرت قيمة «{label}» بعد التعارض (هي الآن: {shown})؛ لا تُكتب قيمة الكاونتر فوق "
            "تعديل أحدث. عدّل السجل بنفسك إن لزم، أو أبقِ القيمة الحالية."
        )
    wanted = _python_value(table, field, _loads(conflict.counter_value))
    move = (str(current), str(_wire(table, field, wanted)))
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
        details["server_value"] = _clipped(_loads(conflict.server_value))
        details["counter_value"] = _clipped(_loads(conflict.counter_value))
    record_event(session, RESOLVED_EVENT, "sync_conflict", conflict.id, details)
    session.flush()
    return _view(session, conflict, _device(session, ctx))


# --- demo -------------------------------------------------------------------------------------


#: The other counter the demo conflicts come from.
OTHER_COUNTER_NAME = "كاونتر الاستقبال 2 (B)"


def add_demo_conflicts(ctx: ServiceContext) -> int:
    """On a demo database: a few conflicts as a server would have sent them (a note and a
    city changed on two counters, the same ID number registered twice, a refused status
    change), for the screenshots and for trying the screen. Returns how many were added."""
    from basmat_desk.services.demo import is_demo_database

    now = utcnow()
    other_counter = new_id()  # another counter of the demo association
    with unit_of_work(ctx, "demo.conflicts") as session:
        if not is_demo_database(session):
            raise WorkflowError("تُضاف التعارضات التجريبية إلى قاعدة بيانات تجريبية فقط")
        people = list(
            session.scalars(
                select(Beneficiary)
                .where(Beneficiary.deleted_at.is_(None), Beneficiary.address_city.is_not(None))
                .order_by(Beneficiary.id)
                .limit(2)
            )
        )
        if len(people) < 2:
            raise WorkflowError("لا يوجد في القاعدة التجريبية مستفيدون يكفون للتعارضات")
        person, holder = people
        person.notes = "راجع قسم الأسنان في 2026/11/20، وينتظر نتيجة الأشعة."
        session.flush()
        city = person.address_city
        other_city = "الخرج" if city != "الخرج" else "المجمعة"

        def field_conflict(
            field: str, server: Any, counter: Any, device: str, minutes_ago: int
        ) -> SyncConflict:
            return SyncConflict(
                kind=FIELD,
                table_name="beneficiary",
                row_id=person.id,
                field=field,
                server_value=dumps(server),
                counter_value=dumps(counter),
                counter_device=device,
                counter_name=None if device == ctx.device_id else OTHER_COUNTER_NAME,
                mutation_id=new_id(),
                detected_at=now - timedelta(minutes=minutes_ago),
            )

        conflicts = [
            field_conflict(
                "notes",
                person.notes,
                "اتصلت ابنته: يفضّل موعداً صباحياً، ومعه تقرير طبي جديد.",
                other_counter,
                95,
            ),
            field_conflict("address_city", city, other_city, ctx.device_id, 40),
        ]

        # The same person registered on another counter with the same ID number: the server
        # kept that row whole as a tombstone.
        twin = Beneficiary(
            **{
                column: getattr(holder, column)
                for column in (*FIELDS, "status")
                if column not in ("notes", "mobile_alt")
            },
            notes="سُجّل على كاونتر النساء",
            name_search=holder.name_search,
            deleted_at=now - timedelta(minutes=12),
        )
        session.add(twin)
        session.flush()
        conflicts.append(
            SyncConflict(
                kind=DUPLICATE,
                table_name="beneficiary",
                row_id=twin.id,
                field="uq_beneficiary_live_id_number",
                server_value=None,
                counter_value=dumps(TABLES["beneficiary"].canonical(row_dict(twin))),
                counter_device=other_counter,
                counter_name=OTHER_COUNTER_NAME,
                mutation_id=new_id(),
                detected_at=now - timedelta(minutes=12),
            )
        )

        # A counter that missed a finished service put the ticket back in the queue.
        ticket = session.scalars(
            select(Ticket)
            .where(Ticket.status == TicketStatus.DONE)
            .order_by(Ticket.service_date.desc(), Ticket.number.desc())
            .limit(1)
        ).first()
        if ticket is not None:
            conflicts.append(
                SyncConflict(
                    kind=REJECTED,
                    table_name="ticket",
                    row_id=ticket.id,
                    field="status",
                    server_value=dumps(ticket.status.value),
                    counter_value=dumps("waiting"),
                    counter_device=ctx.device_id,
                    mutation_id=new_id(),
                    detected_at=now - timedelta(minutes=5),
                )
            )
        session.add_all(conflicts)
        return len(conflicts)
