"""Audit entries and row stamps, written by the session itself in the same transaction.

A `before_flush` hook sees every inserted, changed or soft-deleted row of a synced table, so no
use case can forget to audit a mutation: the entry is part of the flush that writes the change.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from enum import Enum
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session, sessionmaker

from basmat_desk.domain.clock import utcnow
from basmat_desk.store.models import BOOKKEEPING_COLUMNS, AuditEntry, SyncColumns

# Columns never copied into the audit trail: secrets and blobs.
REDACTED_COLUMNS = frozenset({"password_hash", "signature_png", "content"})


def _json_value(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes):
        return f"<{len(value)} bytes>"
    return value


def _dump(values: dict[str, Any]) -> str | None:
    if not values:
        return None
    return json.dumps(values, ensure_ascii=False, sort_keys=True, default=str)


def _audited(column_name: str, value: Any) -> Any:
    return "<redacted>" if column_name in REDACTED_COLUMNS else _json_value(value)


def _changes(obj: SyncColumns) -> tuple[dict[str, Any], dict[str, Any]]:
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    state = inspect(obj)
    for attr in state.mapper.column_attrs:
        name = attr.key
        if name in BOOKKEEPING_COLUMNS:
            continue
        history = state.attrs[name].history
        if not history.has_changes():
            continue
        old = history.deleted[0] if history.deleted else None
        new = history.added[0] if history.added else None
        if old == new:
            continue
        before[name] = _audited(name, old)
        after[name] = _audited(name, new)
    return before, after


def _snapshot(obj: SyncColumns) -> dict[str, Any]:
    state = inspect(obj)
    return {
        attr.key: _audited(attr.key, getattr(obj, attr.key))
        for attr in state.mapper.column_attrs
        if attr.key not in BOOKKEEPING_COLUMNS and getattr(obj, attr.key) is not None
    }


def _before_flush(session: Session, _flush_context: Any, _instances: Any) -> None:
    actor_id = session.info.get("actor_id")
    device_id = session.info.get("device_id")
    action = session.info.get("action") or "change"
    reason = session.info.get("reason")
    now = utcnow()
    entries: list[AuditEntry] = []

    for obj in list(session.new):
        if not isinstance(obj, SyncColumns) or isinstance(obj, AuditEntry):
            continue
        obj.created_at = obj.created_at or now
        obj.updated_at = now
        obj.updated_by = actor_id
        obj.origin_device = obj.origin_device or device_id
        if obj.id is None:
            from basmat_desk.store.models import new_id

            obj.id = new_id()
        entries.append(
            AuditEntry(
                action=action,
                entity=obj.__tablename__,  # type: ignore[attr-defined]
                entity_id=obj.id,
                before_json=None,
                after_json=_dump(_snapshot(obj)),
            )
        )

    for obj in list(session.dirty):
        if not isinstance(obj, SyncColumns) or isinstance(obj, AuditEntry):
            continue
        if not session.is_modified(obj, include_collections=False):
            continue
        before, after = _changes(obj)
        if not after:
            continue
        obj.updated_at = now
        obj.updated_by = actor_id
        entries.append(
            AuditEntry(
                action=action,
                entity=obj.__tablename__,  # type: ignore[attr-defined]
                entity_id=obj.id,
                before_json=_dump(before),
                after_json=_dump(after),
            )
        )

    for obj in list(session.deleted):
        if isinstance(obj, SyncColumns):
            raise RuntimeError(
                f"rows of {obj.__tablename__} are never deleted; set deleted_at instead"  # type: ignore[attr-defined]
            )

    for entry in entries:
        entry.actor_id = actor_id
        entry.at = now
        entry.reason = reason
        entry.created_at = now
        entry.updated_at = now
        entry.updated_by = actor_id
        entry.origin_device = device_id
        session.add(entry)


def record_event(
    session: Session,
    action: str,
    entity: str,
    entity_id: str | None,
    details: dict[str, Any],
    *,
    at: datetime | None = None,
) -> None:
    """Audit an event that changes no row (a refused login, a printed copy …); `at` (default
    now) is when it happened, for a load that stamps its rows with one given time."""
    now = at or utcnow()
    session.add(
        AuditEntry(
            actor_id=session.info.get("actor_id"),
            at=now,
            action=action,
            entity=entity,
            entity_id=entity_id,
            after_json=_dump({k: _json_value(v) for k, v in details.items()}),
            reason=session.info.get("reason"),
            created_at=now,
            updated_at=now,
            updated_by=session.info.get("actor_id"),
            origin_device=session.info.get("device_id"),
        )
    )


_AUDIT_INSTALLED = "_basmat_audit_installed"


def install_audit(sessions: sessionmaker[Session]) -> None:
    """Make every session of `sessions` audit its own mutations (idempotent)."""
    # Marked on the factory's own Session subclass, not asked of event.contains(): that keys
    # on id(sessions), which a new factory reuses once an old one is freed, and then reports
    # a hook the new factory does not have.
    if sessions.class_.__dict__.get(_AUDIT_INSTALLED):
        return
    event.listen(sessions, "before_flush", _before_flush)
    setattr(sessions.class_, _AUDIT_INSTALLED, True)
