"""The migrations build, on PostgreSQL (the shared server), exactly the schema the models
describe, with insert-only declarations and audit entries, and undo it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, inspect, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool

from basmat_desk.store import db
from basmat_desk.store.models import INSERT_ONLY_TABLES, SYNCED_MODELS, Base

MODEL_TABLES = set(Base.metadata.tables)
REFUSE_FUNCTION = "basmat_refuse_insert_only_change"


@pytest.fixture
def engine(pg_database: str) -> Iterator[Engine]:
    engine = db.make_engine(pg_database, poolclass=NullPool)
    yield engine
    engine.dispose()


@pytest.fixture
def migrated(engine: Engine) -> Engine:
    db.upgrade(engine)
    return engine


def triggers(engine: Engine) -> set[tuple[str, str]]:
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT event_object_table, trigger_name FROM information_schema.triggers "
                "WHERE trigger_schema = current_schema()"
            )
        )
        return {(table, name) for table, name in rows}


def functions(engine: Engine) -> set[str]:
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
                "WHERE n.nspname = current_schema()"
            )
        )
        return {name for (name,) in rows}


def test_upgrade_creates_every_model_table(migrated: Engine, schema_checks) -> None:
    assert schema_checks.tables(migrated) == MODEL_TABLES | {"alembic_version"}
    assert db.current_revision(migrated) == db.SCHEMA_REVISION
    synced = {model.__tablename__ for model in SYNCED_MODELS}
    assert triggers(migrated) == (
        {(t, f"{t}_insert_only") for t in INSERT_ONLY_TABLES}
        | {(t, "basmat_stamp") for t in synced}
        | {(t, "basmat_notify") for t in synced}
        | {(t, "basmat_no_delete") for t in synced - set(INSERT_ONLY_TABLES)}
        | {(t, "basmat_check_transition") for t in ("support_request", "ticket", "beneficiary")}
        | {(t, "basmat_row_rules") for t in synced}
        | {("sync_mutation", "basmat_mutation_rules"), ("staff", "basmat_sync_staff_role")}
    )


def test_migrated_schema_matches_the_models(migrated: Engine, schema_checks) -> None:
    assert schema_checks.drift(migrated) == []


@pytest.mark.parametrize("table", INSERT_ONLY_TABLES)
def test_insert_only_tables_refuse_changes_and_deletes(
    migrated: Engine, schema_checks, table: str
) -> None:
    ids = schema_checks.seed_insert_only_rows(migrated)
    schema_checks.assert_insert_only(migrated, table, ids[table])


def test_insert_only_refusal_is_a_privilege_error(migrated: Engine, schema_checks) -> None:
    """A client sees SQLSTATE 42501, so sync can tell a refused change from a broken link."""
    ids = schema_checks.seed_insert_only_rows(migrated)
    with migrated.connect() as conn:
        with pytest.raises(DBAPIError, match="insert-only") as refused:
            conn.execute(
                text("DELETE FROM declaration WHERE id = :id"), {"id": ids["declaration"][0]}
            )
        conn.rollback()
    assert refused.value.orig.sqlstate == "42501"


def test_downgrade_to_base_removes_everything_and_upgrade_rebuilds_it(
    migrated: Engine, schema_checks
) -> None:
    db.downgrade(migrated, "base")

    assert schema_checks.tables(migrated) == {"alembic_version"}
    assert triggers(migrated) == set()
    assert REFUSE_FUNCTION not in functions(migrated)
    assert db.current_revision(migrated) is None

    db.upgrade(migrated)

    assert schema_checks.tables(migrated) == MODEL_TABLES | {"alembic_version"}
    assert REFUSE_FUNCTION in functions(migrated)
    assert schema_checks.drift(migrated) == []
    ids = schema_checks.seed_insert_only_rows(migrated)
    for table in INSERT_ONLY_TABLES:
        schema_checks.assert_insert_only(migrated, table, ids[table])


def birth_date_index(engine: Engine) -> list[str | None] | None:
    indexes = {ix["name"]: ix["column_names"] for ix in inspect(engine).get_indexes("beneficiary")}
    return indexes.get("ix_beneficiary_birth_date")


def test_the_server_gets_the_birth_date_index_but_no_search_index(migrated: Engine) -> None:
    """Duplicate detection reads birth years on the server too; full-text search is a counter's
    own SQLite concern."""
    assert birth_date_index(migrated) == ["birth_date", "family_name", "id"]
    assert inspect(migrated).get_view_names() == []


def test_downgrade_to_0001_drops_the_birth_date_index(migrated: Engine, schema_checks) -> None:
    db.downgrade(migrated, "0001")
    assert birth_date_index(migrated) is None
    assert db.current_revision(migrated) == "0001"

    db.upgrade(migrated)
    assert birth_date_index(migrated) == ["birth_date", "family_name", "id"]
    assert schema_checks.drift(migrated) == []


def test_the_server_enforces_exactly_the_workflow_of_the_domain(migrated: Engine) -> None:
    """Each migration holds its own copy of the workflow; together they must be today's."""
    from basmat_desk.domain.workflow import STATUS_MOVES

    expected = set(STATUS_MOVES)
    with migrated.connect() as conn:
        rows = conn.execute(text("SELECT table_name, source, target FROM sync_transition"))
        assert {tuple(row) for row in rows} == expected


def _refusal_of_a_delete(engine: Engine) -> tuple[str | None, str | None]:
    """(constraint, table) of the server's refusal to delete an audit entry."""
    import psycopg

    url = engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(url) as conn:
        try:
            conn.execute(
                "INSERT INTO audit_entry (id, server_version, created_at, updated_at, at, "
                "action, entity) VALUES ('x', 0, now(), now(), now(), 'a', 'e')"
            )
            conn.execute("DELETE FROM audit_entry")
        except psycopg.errors.InsufficientPrivilege as error:
            return error.diag.constraint_name, error.diag.table_name
        finally:
            conn.rollback()
    raise AssertionError("the delete went through")


def test_downgrade_to_0004_takes_the_refusals_fields_back(migrated: Engine, schema_checks) -> None:
    assert _refusal_of_a_delete(migrated) == ("basmat_insert_only", "audit_entry")

    db.downgrade(migrated, "0004")
    assert _refusal_of_a_delete(migrated) == (None, None)  # as 0001 raised it
    assert "refusal" not in {c["name"] for c in inspect(migrated).get_columns("sync_conflict")}

    db.upgrade(migrated)
    assert _refusal_of_a_delete(migrated) == ("basmat_insert_only", "audit_entry")
    assert schema_checks.drift(migrated) == []
