"""Storing settings (their shapes and rules are in domain.settings).

Association settings live in the synced `setting` table so every counter prints the same
letterhead; device settings live in `device_setting` and never leave the PC.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from basmat_desk.domain.errors import ValidationError
from basmat_desk.domain.numbering import validate_prefix
from basmat_desk.domain.permissions import Permission
from basmat_desk.domain.settings import (
    DEFAULT_COUNTER_PREFIX,
    DEMO_FLAG,
    AssociationSettings,
    DeviceKey,
    DeviceSettings,
    association_from_stored,
    association_to_stored,
    validate_association,
)
from basmat_desk.services import authority
from basmat_desk.services.audit import record_event
from basmat_desk.services.context import ServiceContext, service, unit_of_work
from basmat_desk.store.models import DeviceSetting, Setting, new_id, stable_id


def load_association(session: Session) -> AssociationSettings:
    rows = session.scalars(select(Setting).where(Setting.deleted_at.is_(None)))
    return association_from_stored({row.key: row.value_json for row in rows})


def get_association_settings(ctx: ServiceContext) -> AssociationSettings:
    with ctx.sessions() as session:
        return load_association(session)


def _write_association(session: Session, ctx: ServiceContext, new: AssociationSettings) -> None:
    existing = {row.key: row for row in session.scalars(select(Setting))}
    if authority.is_enrolled(session):  # the server's to change, as the administrator
        rows = [
            {"id": stable_id("setting", key), "key": key, "value_json": encoded}
            for key, encoded in association_to_stored(new).items()
            if key not in existing or existing[key].value_json != encoded
        ]
        if rows:
            authority.call(session, ctx, "basmat_settings_save", rows)
        return
    for key, encoded in association_to_stored(new).items():
        row = existing.get(key)
        if row is None:
            session.add(Setting(id=stable_id("setting", key), key=key, value_json=encoded))
        elif row.value_json != encoded:
            row.value_json = encoded


def _device_values(session: Session) -> dict[str, str]:
    return {row.key: row.value for row in session.scalars(select(DeviceSetting))}


def ensure_device(session: Session) -> DeviceSettings:
    """This PC's settings, giving it a device id the first time the database is opened."""
    values = _device_values(session)
    if DeviceKey.DEVICE_ID not in values:
        values[DeviceKey.DEVICE_ID] = new_id()
        session.add(DeviceSetting(key=DeviceKey.DEVICE_ID, value=values[DeviceKey.DEVICE_ID]))
    return DeviceSettings(
        device_id=values[DeviceKey.DEVICE_ID],
        counter_prefix=values.get(DeviceKey.COUNTER_PREFIX, DEFAULT_COUNTER_PREFIX),
    )


def is_demo(session: Session) -> bool:
    """Whether this database was made by the demo generator (a device setting marks it)."""
    row = session.get(DeviceSetting, DeviceKey.DEMO.value)
    return row is not None and row.value == DEMO_FLAG


def _set_device(session: Session, key: DeviceKey, value: str) -> None:
    row = session.get(DeviceSetting, key.value)
    if row is None:
        session.add(DeviceSetting(key=key, value=value))
    else:
        row.value = value


def mark_as_demo(ctx: ServiceContext, counter_prefix: str) -> DeviceSettings:
    """Make a new database the demo's: its counter prefix, and the mark `--demo` signs in on."""
    with unit_of_work(ctx, "demo.device") as session:
        prefix = validate_prefix(counter_prefix, "counter_prefix")
        _set_device(session, DeviceKey.COUNTER_PREFIX, prefix)
        _set_device(session, DeviceKey.DEMO, DEMO_FLAG)
        session.flush()
        return ensure_device(session)


def open_device(sessions: sessionmaker[Session]) -> DeviceSettings:
    """Read this PC's settings at start-up (creating its device id on first use)."""
    with sessions() as session, session.begin():
        return ensure_device(session)


def _write_counter_prefix(session: Session, prefix: str) -> None:
    row = session.get(DeviceSetting, DeviceKey.COUNTER_PREFIX.value)
    before = row.value if row else DEFAULT_COUNTER_PREFIX
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
    _set_device(session, DeviceKey.COUNTER_PREFIX, prefix)


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
    if (
        prefix is not None
        and prefix != ensure_device(session).counter_prefix
        and authority.is_enrolled(session)
    ):
        raise ValidationError(
            "counter_prefix",
            "رمز الكاونتر: لا يتغير بعد التسجيل في خادم الجمعية؛ كل أرقام هذا الكاونتر تحمله",
        )
    _write_association(session, ctx, association)
    if prefix is not None:
        _write_counter_prefix(session, prefix)
    return association, ensure_device(session)


def current_settings(ctx: ServiceContext) -> tuple[AssociationSettings, DeviceSettings]:
    """Both kinds of settings, as the settings screen shows them."""
    with ctx.sessions() as session, session.begin():
        return load_association(session), ensure_device(session)
