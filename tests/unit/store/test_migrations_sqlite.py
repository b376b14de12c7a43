"""The migrations build, on SQLite, exactly the schema the models describe, and undo it."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import Column, Engine, Integer, MetaData, String, text
from sqlalchemy.exc import IntegrityError

from basmat_desk.store import db
from basmat_desk.store.models import INSERT_ONLY_TABLES, Base
from basmat_desk.store.types import UTCDateTime

MODEL_TABLES = set(Base.metadata.tables)


@pytest.fixture
def engine(db_path: Path) -> Iterator[Engine]:
    engine = db.make_engine(db.sqlite_url(db_path))
    yield engine
    engine.dispose()


@pytest.fixture
def migrated(engine: Engine) -> Engine:
    db.upgrade(engine)
    return engine


def sqlite_objects(engine: Engine, kind: str) -> set[str]:
    with engine.connect() as conn:
        rows = conn.execute(
            text("SELECT name FROM sqlite_master WHERE type = :kind AND name NOT LIKE 'sqlite_%'"),
            {"kind": kind},
        )
        return {name for (name,) in rows}


def test_schema_revision_is_the_head_of_the_migration_scripts(engine: Engine) -> None:
    scripts = ScriptDirectory.from_config(db.alembic_config(engine))
    assert scripts.get_heads() == [db.SCHEMA_REVISION]


def test_upgrade_creates_every_model_table(migrated: Engine, schema_checks) -> None:
    assert schema_checks.tables(migrated) == MODEL_TABLES | {"alembic_version"}
    assert db.current_revision(migrated) == db.SCHEMA_REVISION


def test_migrated_schema_matches_the_models(migrated: Engine, schema_checks) -> None:
    assert schema_checks.drift(migrated) == []


def test_drift_check_sees_a_missing_column_and_a_changed_type(
    migrated: Engine, schema_checks
) -> None:
    """Guards the no-drift test: the comparison really looks at columns and types."""
    changed = MetaData(naming_convention=Base.metadata.naming_convention)
    for table in Base.metadata.sorted_tables:
        table.to_metadata(changed)
    changed.tables["staff"].append_column(Column("nickname", String(20)))
    changed.tables["staff"].c.username.type = String(65)
    changed.tables["audit_entry"].c.at.type = Integer()

    diffs = schema_checks.drift(migrated, changed)

    assert ("add_column", None, "staff", changed.tables["staff"].c.nickname) in diffs
    type_changes = {
        (d[0][2], d[0][3]) for d in diffs if isinstance(d, list) and d[0][0] == "modify_type"
    }
    assert type_changes == {("staff", "username"), ("audit_entry", "at")}
    assert len(diffs) == 3, diffs


def test_utc_datetime_columns_compare_through_their_storage_type(
    migrated: Engine, schema_checks
) -> None:
    """SQLite reflects UTCDateTime columns as plain DATETIME; Alembic must compare the
    decorator's implementation type, so they show no drift (checked above) while a real type
    change on one of them is reported (checked in the guard test)."""
    columns = [
        (table.name, column.name)
        for table in Base.metadata.sorted_tables
        for column in table.columns
        if isinstance(column.type, UTCDateTime)
    ]
    assert len(columns) > 20
    drifted = {(d[0][2], d[0][3]) for d in schema_checks.drift(migrated) if isinstance(d, list)}
    assert drifted.isdisjoint(columns)


@pytest.mark.parametrize("table", INSERT_ONLY_TABLES)
def test_insert_only_tables_refuse_changes_and_deletes(
    migrated: Engine, schema_checks, table: str
) -> None:
    ids = schema_checks.seed_insert_only_rows(migrated)
    schema_checks.assert_insert_only(migrated, table, ids[table])


def test_other_tables_are_not_insert_only(migrated: Engine, schema_checks) -> None:
    schema_checks.seed_insert_only_rows(migrated)
    with migrated.begin() as conn:
        changed = conn.execute(text("UPDATE staff SET full_name = 'اسم جديد'")).rowcount
    assert changed == 2
    assert sqlite_objects(migrated, "trigger") == {
        f"{table}_{kind}" for table in INSERT_ONLY_TABLES for kind in ("no_delete", "no_update")
    }


def test_downgrade_to_base_removes_everything_and_upgrade_rebuilds_it(
    migrated: Engine, schema_checks
) -> None:
    db.downgrade(migrated, "base")

    assert schema_checks.tables(migrated) == {"alembic_version"}
    assert sqlite_objects(migrated, "index") == set()
    assert sqlite_objects(migrated, "trigger") == set()
    assert db.current_revision(migrated) is None

    db.upgrade(migrated)

    assert schema_checks.tables(migrated) == MODEL_TABLES | {"alembic_version"}
    assert schema_checks.drift(migrated) == []
    ids = schema_checks.seed_insert_only_rows(migrated)
    for table in INSERT_ONLY_TABLES:
        schema_checks.assert_insert_only(migrated, table, ids[table])


def test_ensure_schema_migrates_a_new_file_once(engine: Engine) -> None:
    db.ensure_schema(engine)
    assert db.current_revision(engine) == db.SCHEMA_REVISION
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO device_setting (key, value) VALUES ('k', 'v')"))
    db.ensure_schema(engine)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT value FROM device_setting")).scalar_one() == "v"


def test_database_file_is_private_to_its_owner(db_path: Path) -> None:
    old_umask = os.umask(0o022)
    try:
        engine = db.make_engine(db.sqlite_url(db_path))
    finally:
        os.umask(old_umask)
    try:
        assert stat.S_IMODE(db_path.stat().st_mode) == 0o600
        db.upgrade(engine)
        assert stat.S_IMODE(db_path.stat().st_mode) == 0o600
    finally:
        engine.dispose()


def test_database_file_is_created_with_its_folder(tmp_path: Path) -> None:
    path = tmp_path / "new" / "folder" / "basmat.sqlite"
    engine, _sessions = db.open_database(path)
    try:
        assert path.is_file()
        assert db.current_revision(engine) == db.SCHEMA_REVISION
    finally:
        engine.dispose()


def test_every_connection_uses_wal_and_enforces_foreign_keys(migrated: Engine) -> None:
    # Two connections open at once: the pragmas are set per connection, not once per file.
    with migrated.connect() as first, migrated.connect() as second:
        for conn in (first, second):
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
    with pytest.raises(IntegrityError, match="FOREIGN KEY"), migrated.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO ticket (id, server_version, created_at, updated_at, service_date,"
                " prefix, number, status, beneficiary_id, issued_at) VALUES ('t1', 0,"
                " '2026-01-01', '2026-01-01', '2026-01-01', 'A', 1, 'waiting', 'nobody',"
                " '2026-01-01')"
            )
        )
