"""What the first window needs, read with the standard `sqlite3` module only.

Start-up shows the login dialog or the main window from this, read-only, while SQLAlchemy and
the models load in the background; every write still goes through the services.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from basmat_desk.domain.demo import DEMO_SUPERVISOR
from basmat_desk.domain.enums import Role
from basmat_desk.domain.settings import (
    DEFAULT_COUNTER_PREFIX,
    DEMO_FLAG,
    ENROLLED_YES,
    AssociationSettings,
    DeviceKey,
    DeviceSettings,
    SyncKey,
    association_from_stored,
)
from basmat_desk.store.revision import SCHEMA_REVISION


@dataclass(frozen=True, slots=True)
class StaffIdentity:
    staff_id: str
    username: str
    full_name: str
    role: Role


@dataclass(frozen=True, slots=True)
class StartupPeek:
    device: DeviceSettings
    association: AssociationSettings
    has_staff: bool
    demo_supervisor: StaffIdentity | None  # set on a demo database only


def read_only(path: Path) -> closing[sqlite3.Connection]:
    """A read-only connection to an existing database file (closed on leaving `with`)."""
    return closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True))


def peek_startup(path: Path) -> StartupPeek | None:
    """None when the file is missing, not yet migrated to this version, or has no device id:
    then the caller opens it the full way (creating or migrating it)."""
    if not path.is_file():
        return None
    try:
        with read_only(path) as con:
            return _read(con)
    except sqlite3.Error:
        return None


def _read(con: sqlite3.Connection) -> StartupPeek | None:
    revision = con.execute("SELECT version_num FROM alembic_version").fetchone()
    if revision is None or revision[0] != SCHEMA_REVISION:
        return None
    device = dict(con.execute("SELECT key, value FROM device_setting").fetchall())
    if DeviceKey.DEVICE_ID not in device:
        return None
    stored = dict(
        con.execute("SELECT key, value_json FROM setting WHERE deleted_at IS NULL").fetchall()
    )
    has_staff = con.execute("SELECT 1 FROM staff WHERE deleted_at IS NULL LIMIT 1").fetchone()
    supervisor = None
    if device.get(DeviceKey.DEMO) == DEMO_FLAG:
        row = con.execute(
            "SELECT id, username, full_name, role FROM staff "
            "WHERE username = ? AND active AND deleted_at IS NULL AND locked_at IS NULL",
            (DEMO_SUPERVISOR,),
        ).fetchone()
        if row is not None:
            supervisor = StaffIdentity(row[0], row[1], row[2], Role(row[3]))
    return StartupPeek(
        device=DeviceSettings(
            device[DeviceKey.DEVICE_ID],
            device.get(DeviceKey.COUNTER_PREFIX, DEFAULT_COUNTER_PREFIX),
        ),
        association=association_from_stored(stored),
        has_staff=has_staff is not None,
        demo_supervisor=supervisor,
    )


@dataclass(frozen=True, slots=True)
class SyncPeek:
    enrolled: bool = False
    has_conflicts: bool = False
    open_conflicts: int = 0


def peek_sync(path: Path | str) -> SyncPeek:
    """Whether this PC syncs with a server, and its conflicts: read-only, while the main window
    is built."""
    file = Path(path)
    if not file.is_file():
        return SyncPeek()
    try:
        with read_only(file) as con:
            enrolled = con.execute(
                "SELECT value FROM sync_state WHERE key = ?", (SyncKey.ENROLLED,)
            ).fetchone()
            total, still_open = con.execute(
                "SELECT count(*), coalesce(sum(resolution IS NULL), 0) "
                "FROM sync_conflict WHERE deleted_at IS NULL"
            ).fetchone()
    except sqlite3.Error:
        return SyncPeek()
    return SyncPeek(
        enrolled=enrolled is not None and enrolled[0] == ENROLLED_YES,
        has_conflicts=bool(total),
        open_conflicts=int(still_open or 0),
    )


@dataclass(frozen=True, slots=True)
class DatabaseContents:
    """What an existing file holds, as a tool that writes a whole database must know first."""

    foreign: bool  # tables of another application
    filled: tuple[str, ...]  # synced tables that have rows
    demo: bool  # made by the demo generator


def peek_contents(path: Path) -> DatabaseContents:
    """Read-only: the tables of an existing SQLite file. sqlite3.DatabaseError when the file is
    not a database."""
    from basmat_desk.store.models import SEARCH_INDEX_TABLES, SYNCED_MODELS, Base

    ours = set(Base.metadata.tables) | {"alembic_version"} | SEARCH_INDEX_TABLES
    synced = {m.__tablename__ for m in SYNCED_MODELS}
    with read_only(path) as con:
        tables = {
            row[0]
            for row in con.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        }
        filled = tuple(
            table
            for table in sorted(tables & synced)
            if con.execute(f'SELECT 1 FROM "{table}" LIMIT 1').fetchone() is not None
        )
        demo = "device_setting" in tables and (
            con.execute(
                "SELECT 1 FROM device_setting WHERE key = ? AND value = ?",
                (DeviceKey.DEMO, DEMO_FLAG),
            ).fetchone()
            is not None
        )
    return DatabaseContents(foreign=bool(tables - ours), filled=filled, demo=demo)
