"""Settings, typed and declared once.

Association settings (name, letterhead, signatory, idle lock) live in the synced `setting` table
so every counter prints the same letterhead; device settings (this PC's id and counter prefix)
live in `device_setting` and never leave the PC.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields, replace
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from basmat_desk.domain.errors import ValidationError
from basmat_desk.domain.numbering import validate_prefix
from basmat_desk.domain.permissions import Permission
from basmat_desk.services.audit import record_event
from basmat_desk.services.context import ServiceContext, service
from basmat_desk.store.models import DeviceSetting, Setting, new_id

MAX_LETTERHEAD_LINES = 4
MAX_IDLE_MINUTES = 240


@dataclass(frozen=True, slots=True)
class AssociationSettings:
    association_name: str = "جمعية بسمات للعناية بالأسنان"
    letterhead_lines: tuple[str, ...] = (
        "جمعية بسمات للعناية بالأسنان",
        "مسجلة لدى المركز الوطني لتنمية القطاع غير الربحي",
    )
    signatory_name: str = ""
    signatory_title: str = "المدير التنفيذي"
    idle_lock_minutes: int = 5  # 0 turns the lock off


@dataclass(frozen=True, slots=True)
class DeviceSettings:
    device_id: str
    counter_prefix: str = "A"


def validate_association(s: AssociationSettings) -> AssociationSettings:
    name = " ".join(s.association_name.split())
    if not name:
        raise ValidationError("association_name", "اسم الجمعية: مطلوب")
    lines = tuple(" ".join(line.split()) for line in s.letterhead_lines)
    lines = tuple(line for line in lines if line)
    if len(lines) > MAX_LETTERHEAD_LINES:
        raise ValidationError(
            "letterhead_lines", f"سطور الترويسة: {MAX_LETTERHEAD_LINES} سطور على الأكثر"
        )
    if any(len(line) > 120 for line in lines):
        raise ValidationError("letterhead_lines", "سطور الترويسة: السطر أطول من 120 حرفاً")
    if not 0 <= s.idle_lock_minutes <= MAX_IDLE_MINUTES:
        raise ValidationError(
            "idle_lock_minutes",
            f"مدة القفل عند الخمول: من 0 (بلا قفل) إلى {MAX_IDLE_MINUTES} دقيقة",
        )
    return replace(
        s,
        association_name=name,
        letterhead_lines=lines,
        signatory_name=" ".join(s.signatory_name.split()),
        signatory_title=" ".join(s.signatory_title.split()),
    )


def _decode(raw: dict[str, str]) -> AssociationSettings:
    defaults = AssociationSettings()
    values: dict[str, Any] = {}
    for f in fields(AssociationSettings):
        if f.name not in raw:
            continue
        value = json.loads(raw[f.name])
        if isinstance(getattr(defaults, f.name), tuple):
            value = tuple(value)
        values[f.name] = value
    return replace(defaults, **values)


def load_association(session: Session) -> AssociationSettings:
    rows = session.scalars(select(Setting).where(Setting.deleted_at.is_(None)))
    return _decode({row.key: row.value_json for row in rows})


def get_association_settings(ctx: ServiceContext) -> AssociationSettings:
    with ctx.sessions() as session:
        return load_association(session)


def _write_association(session: Session, new: AssociationSettings) -> None:
    existing = {row.key: row for row in session.scalars(select(Setting))}
    for key, value in asdict(new).items():
        encoded = json.dumps(list(value) if isinstance(value, tuple) else value, ensure_ascii=False)
        row = existing.get(key)
        if row is None:
            session.add(Setting(key=key, value_json=encoded))
        elif row.value_json != encoded:
            row.value_json = encoded


def _device_values(session: Session) -> dict[str, str]:
    return {row.key: row.value for row in session.scalars(select(DeviceSetting))}


def ensure_device(session: Session) -> DeviceSettings:
    """This PC's settings, giving it a device id the first time the database is opened."""
    values = _device_values(session)
    if "device_id" not in values:
        values["device_id"] = new_id()
        session.add(DeviceSetting(key="device_id", value=values["device_id"]))
    return DeviceSettings(
        device_id=values["device_id"], counter_prefix=values.get("counter_prefix", "A")
    )


def open_device(sessions: sessionmaker[Session]) -> DeviceSettings:
    """Read this PC's settings at start-up (creating its device id on first use)."""
    with sessions() as session, session.begin():
        return ensure_device(session)


def _write_counter_prefix(session: Session, prefix: str) -> None:
    row = session.get(DeviceSetting, "counter_prefix")
    before = row.value if row else "A"
    if before == prefix:
        return
    # device_setting is local and not a synced table, so the audit hook does not see it.
    record_event(
        session,
        "settings.counter_prefix",
        "device_setting",
        None,
        {"before": before, "after": prefix},
    )
    if row is None:
        session.add(DeviceSetting(key="counter_prefix", value=prefix))
    else:
        row.value = prefix


@service(Permission.EDIT_SETTINGS, "settings.update")
def save_settings(
    session: Session,
    ctx: ServiceContext,
    association: AssociationSettings,
    counter_prefix: str | None = None,
) -> tuple[AssociationSettings, DeviceSettings]:
    """Validate everything first, then write it all in one transaction."""
    association = validate_association(association)
    prefix = None if counter_prefix is None else validate_prefix(counter_prefix, "counter_prefix")
    _write_association(session, association)
    if prefix is not None:
        _write_counter_prefix(session, prefix)
    return association, ensure_device(session)
