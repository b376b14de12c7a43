"""Engines, sessions and the schema version of the local database."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from basmat_desk.domain.errors import UnusableDatabase, os_error_reason
from basmat_desk.domain.numbering import isolate_ltr
from basmat_desk.store.revision import SCHEMA_REVISION

log = logging.getLogger("basmat.store")


MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def sqlite_url(path: Path | str) -> str:
    return f"sqlite:///{Path(path)}"


def _create_private_file(path: Path) -> None:
    """Create the database file readable by its owner only (it holds people's data)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
    os.close(fd)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def make_engine(url: str, **kwargs: Any) -> Engine:
    """An engine for a local SQLite file (WAL, foreign keys, mode 0600) or a PostgreSQL URL."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:":
            _create_private_file(Path(database))
        engine = create_engine(url, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    if parsed.get_backend_name() == "postgresql" and parsed.drivername == "postgresql":
        url = parsed.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)
    return create_engine(url, **kwargs)


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def alembic_config(engine: Engine) -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False))
    cfg.attributes["engine"] = engine
    return cfg


def upgrade(engine: Engine, revision: str = "head") -> None:
    from alembic import command

    command.upgrade(alembic_config(engine), revision)


def downgrade(engine: Engine, revision: str = "base") -> None:
    from alembic import command

    command.downgrade(alembic_config(engine), revision)


def ensure_schema(engine: Engine) -> None:
    """Bring the database to the schema this code expects (cheap when it already is)."""
    revision = current_revision(engine)
    if revision == SCHEMA_REVISION:
        return
    log.info("migrating database from %s to %s", revision, SCHEMA_REVISION)
    upgrade(engine)


SQLITE_HEADER = b"SQLite format 3\x00"


def _empty_or_sqlite(path: Path) -> bool:
    try:
        with path.open("rb") as file:
            head = file.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        return True
    except OSError:
        return True  # let the open below say what is wrong
    return head in (b"", SQLITE_HEADER)


def open_database(path: Path | str) -> tuple[Engine, sessionmaker[Session]]:
    """Open (creating and migrating if needed) the local SQLite database at `path`.

    Raises UnusableDatabase, with an Arabic message naming the file, when it cannot be used.
    """
    path = Path(path)
    # The path stays one left-to-right run in the Arabic sentence (its "/" would move).
    named = isolate_ltr(str(path))
    if path.is_dir():
        raise UnusableDatabase(f"ملف قاعدة البيانات: «{named}» مجلد وليس ملفاً")
    if not _empty_or_sqlite(path):
        # SQLite would take a very short file of any kind and write a database over it.
        raise UnusableDatabase(f"ملف قاعدة البيانات: «{named}» ليس قاعدة بيانات بسمات أو أنه تالف")
    try:
        engine = make_engine(sqlite_url(path))
        ensure_schema(engine)
    except OSError as error:
        raise UnusableDatabase(
            f"ملف قاعدة البيانات: تعذّر فتح «{named}»: {os_error_reason(error)}"
        ) from error
    except DBAPIError as error:
        raise UnusableDatabase(
            f"ملف قاعدة البيانات: «{named}» ليس قاعدة بيانات بسمات أو أنه تالف"
        ) from error
    return engine, session_factory(engine)
