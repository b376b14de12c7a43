"""Alembic environment: runs on the engine handed over by `store.db`, or on the URL."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Engine, create_engine

from basmat_desk.store.models import Base

config = context.config
target_metadata = Base.metadata

#: The full-text search index that migration 0002 makes on SQLite: an FTS5 table and the shadow
#: tables SQLite keeps for it. No model describes them, so autogenerate must leave them alone.
SEARCH_INDEX_TABLES = frozenset(
    f"beneficiary_search{suffix}" for suffix in ("", "_data", "_idx", "_docsize", "_config")
)


def include_name(name: str | None, type_: str, _parents: object) -> bool:
    return not (type_ == "table" and name in SEARCH_INDEX_TABLES)


def run_migrations_online() -> None:
    engine = config.attributes.get("engine")
    if not isinstance(engine, Engine):
        engine = create_engine(config.get_main_option("sqlalchemy.url") or "")
    with engine.begin() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=connection.dialect.name == "sqlite",
            compare_type=True,
            include_name=include_name,
        )
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    raise SystemExit("offline migrations are not supported")
run_migrations_online()
