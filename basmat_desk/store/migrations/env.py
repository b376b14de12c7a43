"""Alembic environment: runs on the engine handed over by `store.db`, or on the URL."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Engine, create_engine

from basmat_desk.store.models import SEARCH_INDEX_TABLES, Base

config = context.config
target_metadata = Base.metadata


def include_name(name: str | None, type_: str, _parents: object) -> bool:
    """Autogenerate leaves the search index alone: no model describes it."""
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
