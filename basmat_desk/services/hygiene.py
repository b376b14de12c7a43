"""The last check before a row is written: nothing unclean, too long or out of range.

Every form cleans and checks its own fields (`domain.text`, `domain.beneficiary` …) and names
the field in Arabic. This hook, run by every session before it flushes, holds each written
value of a synced table to its column, whoever built it: a text with a control or bidi
character, a text longer than its column, or a whole number the column cannot hold is a
ValidationError naming the field, and nothing is written. PostgreSQL would refuse the same
values at the next sync, where a refusal is a conflict for a supervisor; here it is a message
for the person typing.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import BigInteger, Integer, String, event, inspect
from sqlalchemy.orm import Session, sessionmaker

from basmat_desk.domain import fields
from basmat_desk.domain.errors import ValidationError
from basmat_desk.domain.text import unclean
from basmat_desk.store.models import SyncColumns

#: The whole numbers PostgreSQL's INTEGER and BIGINT hold.
_RANGES = {Integer: (-(2**31), 2**31 - 1), BigInteger: (-(2**63), 2**63 - 1)}


def _problem(column: Any, value: Any) -> str | None:
    kind = column.type
    if isinstance(value, str) and isinstance(kind, String):
        char = unclean(value)
        if char is not None:
            return f"يحتوي رمزًا غير مرئي لا يُحفظ (U+{ord(char):04X})؛ احذفه وأعد الكتابة"
        if kind.length is not None and len(value) > kind.length:
            return f"{kind.length} حرفًا على الأكثر، والمدخل {len(value)}"
    if isinstance(value, int) and not isinstance(value, bool):
        for integer, (low, high) in _RANGES.items():
            if type(kind) is integer and not low <= value <= high:
                return "رقم أكبر من أن يُحفظ؛ راجع القيمة"
    return None


def check_row(obj: SyncColumns, *, changed_only: bool) -> None:
    """Raise ValidationError for the first written value of `obj` its column cannot take."""
    state = inspect(obj)
    table = obj.__tablename__  # type: ignore[attr-defined]
    for attr in state.mapper.column_attrs:
        if changed_only and not state.attrs[attr.key].history.has_changes():
            continue
        value = getattr(obj, attr.key)
        if value is None:
            continue
        problem = _problem(attr.columns[0], value)
        if problem is not None:
            label = fields.field_label(table, attr.key)
            raise ValidationError(attr.key, f"{label}: {problem}")


def _before_flush(session: Session, _flush_context: Any, _instances: Any) -> None:
    for obj in session.new:
        if isinstance(obj, SyncColumns):
            check_row(obj, changed_only=False)
    for obj in session.dirty:
        if isinstance(obj, SyncColumns):
            check_row(obj, changed_only=True)


_INSTALLED = "_basmat_hygiene_installed"


def install_hygiene(sessions: sessionmaker[Session]) -> None:
    """Make every session of `sessions` check what it writes (idempotent)."""
    if sessions.class_.__dict__.get(_INSTALLED):
        return
    event.listen(sessions, "before_flush", _before_flush)
    setattr(sessions.class_, _INSTALLED, True)
