"""Open a local database ready for use cases: schema migrated, device known, audit installed."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from basmat_desk.services.context import Database, ServiceContext

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker


def open_local(path: Path | str) -> ServiceContext:
    """Open now: create or migrate the file, make sure the PC has its device id."""
    from basmat_desk.services.settings import open_device
    from basmat_desk.store.db import open_database

    _engine, sessions = open_database(path)
    device = open_device(sessions)
    return ServiceContext(Database.ready(sessions), device.device_id)


def close_local(ctx: ServiceContext, *, checkpoint: bool = False) -> None:
    """Close every connection of the context's database; with `checkpoint`, first fold the
    write-ahead log into the file, so the file alone holds everything (it is about to be
    moved or copied)."""
    sessions = ctx.database.open()
    engine = sessions.kw.get("bind")
    if engine is None:
        return
    if checkpoint:
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()


def open_local_later(path: Path, device_id: str) -> ServiceContext:
    """A context whose database opens on first use, for a file already at this schema version
    whose device id is known (read by `store.peek`)."""

    def open_sessions() -> sessionmaker[Session]:
        from basmat_desk.store.db import open_database

        return open_database(path)[1]

    return ServiceContext(Database(open_sessions), device_id)
