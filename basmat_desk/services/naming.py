"""Naming records and values as the application shows them, for any table.

A row is named by what people know it by (a beneficiary by name, a ticket by its number, a
contact by its channel and person …); a stored value is shown as the screens show it (a mobile
as 05…, a date as 2026/11/25, an enum by its label, a staff id by the person's name). The
values given here are in sync's wire form (`basmat_desk.sync.codec`: what SQLite stores, blobs
as hex), which is how conflicts and the outbox carry them; ORM rows are converted first.
Screens that show changes to records (sync conflicts, the audit trail, reviews) use this module.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from datetime import date, datetime
from enum import StrEnum
from functools import partial
from typing import Any

from sqlalchemy import Enum as SAEnum
from sqlalchemy.orm import Session

from basmat_desk.domain.beneficiary import NATIONALITIES, full_name
from basmat_desk.domain.calendar import format_date, format_date_time
from basmat_desk.domain.errors import ValidationError
from basmat_desk.domain.fields import SUMMARY_FIELDS, table_fields
from basmat_desk.domain.numbering import ticket_number
from basmat_desk.store.models import SYNCED_MODELS, Base, Staff, row_dict
from basmat_desk.sync.codec import TABLES

EMPTY = "فارغ"
#: Most lines of a row's summary, after its name.
SUMMARY_LINES = 8

MODELS: dict[str, type[Base]] = {model.__tablename__: model for model in SYNCED_MODELS}


def loads(text: str | None) -> Any:
    """A stored JSON value (None stays None; text that is not JSON is returned as it is)."""
    if text is None:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return text


def column_enum(table: str, field: str) -> type[StrEnum] | None:
    """The enum of an enum column, or None."""
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


def python_value(table: str, field: str, wire: Any) -> Any:
    """A wire value as the model's attribute takes it (an enum member for enum columns)."""
    value = TABLES[table].column(field).to_pg(wire)
    enum_class = column_enum(table, field)
    if enum_class is not None and value is not None:
        return enum_class(value)
    return value


def wire(table: str, field: str, value: Any) -> Any:
    """Any form of a value (wire, SQLite or Python) in its canonical wire form."""
    return TABLES[table].column(field).to_wire(value)


def enum_label(member: StrEnum) -> str:
    """A member's Arabic label (every vocabulary of domain.enums has one), else its code."""
    own: str | None = getattr(member, "label", None)
    return own if own is not None else str(member.value)


def staff_name(session: Session, staff_id: str | None) -> str | None:
    if not staff_id:
        return None
    staff = session.get(Staff, staff_id)
    return staff.full_name if staff is not None else None


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
    (StrEnum, enum_label),
    (bool, lambda value: "نعم" if value else "لا"),
    (datetime, format_date_time),
    (date, format_date),
    (bytes, lambda value: f"ملف ({len(value):,} بايت)"),
)


def value_text(session: Session, table: str, field: str | None, wire_value: Any) -> str:
    """A field's wire value as the application shows it; None is «فارغ»."""
    codec = TABLES.get(table)
    if field is None or codec is None or field not in codec.column_names:
        return EMPTY if wire_value is None else str(wire_value)
    value = None if wire_value is None else python_value(table, field, wire_value)
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


def _referenced_label(session: Session, table: str, field: str, row_id: str) -> str | None:
    """The name or number of the row a foreign key points at."""
    model = MODELS.get(table)
    if model is None or field not in model.__table__.c:
        return None
    for key in model.__table__.c[field].foreign_keys:
        return record_label(session, key.column.table.name, row_id)
    return None


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
    who = record_label(session, "beneficiary", person) if person else None
    kind_column = "channel" if table == "contact" else "kind"
    kind, enum_class = _text(row, kind_column), column_enum(table, kind_column)
    kind_label = enum_label(enum_class(kind)) if kind and enum_class else kind
    return " — ".join(p for p in (kind_label, who) if p) or None


def _declaration_label(session: Session, row: Mapping[str, Any]) -> str | None:
    request = _text(row, "request_id")
    return record_label(session, "support_request", request) if request else None


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


def label_of(session: Session, table: str, row: Mapping[str, Any]) -> str | None:
    """The human name of a row given its column values (ORM or wire form)."""
    column = _NAMING_COLUMN.get(table)
    if column is not None:
        return _text(row, column)
    namer = _NAMERS.get(table)
    return namer(session, row) if namer is not None else None


def record_label(
    session: Session, table: str, row_id: str, whole: Mapping[str, Any] | None = None
) -> str:
    """The name of the row `row_id` of `table` as this database has it, or from `whole` (its
    values) when the row is not here; «سجل <id>» when neither names it."""
    model = MODELS.get(table)
    row = session.get(model, row_id) if model is not None else None
    label = None
    if row is not None:
        label = label_of(session, table, row_dict(row))
    elif whole is not None:
        label = label_of(session, table, whole)
    return label or f"سجل {row_id}"


def row_summary(session: Session, table: str, whole: Mapping[str, Any]) -> str:
    """A whole row (wire form) in a few labelled lines, its name first."""
    labels = table_fields(table)
    fields = SUMMARY_FIELDS.get(table) or tuple(labels)
    lines = [label_of(session, table, whole) or f"سجل {_text(whole, 'id')}"]
    for field in fields:
        wire_value = whole.get(field)
        if wire_value is None or wire_value == "" or field not in labels:
            continue
        lines.append(f"{labels[field]}: {value_text(session, table, field, wire_value)}")
    return "\n".join(lines[: SUMMARY_LINES + 1])
