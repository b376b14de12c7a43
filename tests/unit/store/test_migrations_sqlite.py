"""The migrations build, on SQLite, exactly the schema the models describe (plus the search
index, which only SQLite has), and undo it."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import Column, Engine, Integer, MetaData, String, inspect, text
from sqlalchemy.exc import DatabaseError, IntegrityError

from basmat_desk.store import db
from basmat_desk.store.models import INSERT_ONLY_TABLES, SYNCED_MODELS, Base
from basmat_desk.store.types import UTCDateTime
from tests.conftest import SchemaChecks

MODEL_TABLES = set(Base.metadata.tables)
#: The full-text search index of migration 0002: an FTS5 table and the shadow tables SQLite
#: keeps for it, a view it reads its content from, and the triggers that keep it in step.
SEARCH_INDEX_TABLES = {
    f"beneficiary_search{suffix}" for suffix in ("", "_data", "_idx", "_docsize", "_config")
}
SEARCH_INDEX_VIEW = "beneficiary_search_source"
SEARCH_INDEX_TRIGGERS = {f"beneficiary_search_{event}" for event in ("insert", "update", "delete")}
INSERT_ONLY_TRIGGERS = {
    f"{table}_{kind}" for table in INSERT_ONLY_TABLES for kind in ("no_delete", "no_update")
}
OUTBOX_TRIGGERS = {
    f"sync_outbox_{model.__tablename__}_{kind}"
    for model in SYNCED_MODELS
    for kind in ("insert", "update")
}
#: The tables migrations 0003 (sync) and 0006 (server authority) add.
SYNC_TABLES = {
    "sync_conflict",
    "sync_outbox",
    "sync_state",
    "sync_control",
    "sync_mutation",
    "sync_counter",
    "sync_transition",
    "sync_staff_role",
    "sync_seq_lock",
}


def is_search_index(diff: object) -> bool:
    return (
        isinstance(diff, tuple)
        and diff[0] == "remove_table"
        and diff[1].name in SEARCH_INDEX_TABLES
    )


class SqliteSchemaChecks(SchemaChecks):
    """The shared checks, with the drift check blind to the search index (no model has it;
    `test_the_search_index_is_the_only_schema_no_model_describes` checks that exactly it is
    left out)."""

    @staticmethod
    def drift(engine: Engine, metadata: MetaData | None = None) -> list[object]:
        return [d for d in SchemaChecks.drift(engine, metadata) if not is_search_index(d)]


@pytest.fixture
def schema_checks() -> SqliteSchemaChecks:
    return SqliteSchemaChecks()


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
    assert (
        schema_checks.tables(migrated) == MODEL_TABLES | {"alembic_version"} | SEARCH_INDEX_TABLES
    )
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
    assert (
        sqlite_objects(migrated, "trigger")
        == INSERT_ONLY_TRIGGERS | SEARCH_INDEX_TRIGGERS | OUTBOX_TRIGGERS
    )


def test_downgrade_to_base_removes_everything_and_upgrade_rebuilds_it(
    migrated: Engine, schema_checks
) -> None:
    db.downgrade(migrated, "base")

    assert schema_checks.tables(migrated) == {"alembic_version"}
    assert sqlite_objects(migrated, "index") == set()
    assert sqlite_objects(migrated, "trigger") == set()
    assert db.current_revision(migrated) is None

    db.upgrade(migrated)

    assert (
        schema_checks.tables(migrated) == MODEL_TABLES | {"alembic_version"} | SEARCH_INDEX_TABLES
    )
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


# --- the search index (revision 0002) ------------------------------------------------------------


def test_the_search_index_is_the_only_schema_no_model_describes(migrated: Engine) -> None:
    diffs = SchemaChecks.drift(migrated)
    assert all(is_search_index(d) for d in diffs), diffs
    assert {d[1].name for d in diffs} == SEARCH_INDEX_TABLES
    assert sqlite_objects(migrated, "view") == {SEARCH_INDEX_VIEW}


def test_autogenerate_leaves_the_search_index_alone(migrated: Engine) -> None:
    """`alembic check` (autogenerate through env.py) has nothing to add or drop."""
    command.check(db.alembic_config(migrated))


def test_the_birth_year_query_reads_only_the_birth_date_index(migrated: Engine) -> None:
    with migrated.connect() as conn:
        plan = conn.execute(
            text(
                "EXPLAIN QUERY PLAN SELECT id, family_name FROM beneficiary "
                "WHERE birth_date >= '1990-01-01' AND birth_date < '1991-01-01'"
            )
        ).all()
    assert "USING COVERING INDEX ix_beneficiary_birth_date" in plan[-1][-1]


def add_person(
    engine: Engine,
    id_number: str,
    name_search: str,
    mobile: str | None = None,
    mobile_alt: str | None = None,
    *,
    deleted: bool = False,
) -> str:
    """A beneficiary written with plain SQL, as sync or an older version would write it."""
    person_id = f"person-{id_number}"
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO beneficiary (id, server_version, created_at, updated_at, deleted_at,"
                " first_name, family_name, name_search, id_type, id_number, nationality, gender,"
                " mobile, mobile_alt, status) VALUES (:id, 0, '2026-01-01', '2026-01-01',"
                " :deleted_at, 'x', 'y', :name_search, 'national_id', :id_number, 'SA', 'male',"
                " :mobile, :mobile_alt, 'applicant')"
            ),
            {
                "id": person_id,
                "deleted_at": "2026-01-02" if deleted else None,
                "name_search": name_search,
                "id_number": id_number,
                "mobile": mobile,
                "mobile_alt": mobile_alt,
            },
        )
    return person_id


def found(engine: Engine, match: str) -> set[str]:
    """The id numbers of the people whose index entry matches an FTS5 query."""
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT b.id_number FROM beneficiary_search AS s JOIN beneficiary AS b"
                " ON b.rowid = s.rowid WHERE beneficiary_search MATCH :match"
            ),
            {"match": match},
        )
        return {id_number for (id_number,) in rows}


def assert_index_in_step(engine: Engine) -> None:
    """FTS5 compares the index with its content (the live rows) and fails on any difference."""
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO beneficiary_search (beneficiary_search, rank)"
                " VALUES ('integrity-check', 1)"
            )
        )


def test_upgrade_indexes_the_people_already_on_file(engine: Engine) -> None:
    db.upgrade(engine, "0001")
    add_person(engine, "1000000008", "ساره محمد القحطاني", "+966551234567", "+966501112222")
    add_person(engine, "2000000006", "فاطمه علي الشهري", None)
    add_person(engine, "1000000016", "ساره سعد الغامدي", "+966559876543", deleted=True)

    db.upgrade(engine)

    assert found(engine, 'name : "ساره"*') == {"1000000008"}
    assert found(engine, 'name : ("فاط"* AND "الش"*)') == {"2000000006"}
    assert found(engine, '{id_number phones} : "2000000006"') == {"2000000006"}
    for typed in ("0551234567", "551234567", "966551234567", "05011", "50111", "9665011"):
        assert found(engine, f'{{id_number phones}} : "{typed}"*') == {"1000000008"}, typed
    assert found(engine, '{id_number phones} : "0559876543"') == set()
    assert_index_in_step(engine)


def test_triggers_keep_the_index_in_step_with_every_change(migrated: Engine) -> None:
    person = add_person(migrated, "1000000008", "ساره محمد القحطاني", "+966551234567")
    assert found(migrated, 'name : "القحطاني"') == {"1000000008"}

    steps = [  # (the change, a query that finds it now, one that found it before)
        ("name_search = 'ساره محمد الدوسري'", 'name : "الدوسري"', 'name : "القحطاني"'),
        ("mobile = '+966557654321'", 'phones : "0557654321"', 'phones : "0551234567"'),
        ("mobile_alt = '+966501112222'", 'phones : "501112222"', 'name : "nobody"'),
        ("id_number = '1000000016'", 'id_number : "1000000016"', 'id_number : "1000000008"'),
    ]
    for assignment, now, before in steps:
        with migrated.begin() as conn:
            conn.execute(
                text(f"UPDATE beneficiary SET {assignment} WHERE id = :id"), {"id": person}
            )
        assert len(found(migrated, now)) == 1, assignment
        assert found(migrated, before) == set(), assignment
        assert_index_in_step(migrated)

    with migrated.begin() as conn:  # a column the index does not hold
        conn.execute(text("UPDATE beneficiary SET notes = 'ملاحظة' WHERE id = :id"), {"id": person})
    assert found(migrated, 'name : "الدوسري"') == {"1000000016"}

    with migrated.begin() as conn:  # soft delete: gone from search
        conn.execute(
            text("UPDATE beneficiary SET deleted_at = '2026-03-01' WHERE id = :id"), {"id": person}
        )
    assert found(migrated, 'name : "الدوسري"') == set()
    assert_index_in_step(migrated)

    with migrated.begin() as conn:  # restored: back in search
        conn.execute(
            text("UPDATE beneficiary SET deleted_at = NULL WHERE id = :id"), {"id": person}
        )
    assert found(migrated, 'name : "الدوسري"') == {"1000000016"}
    assert_index_in_step(migrated)

    with migrated.begin() as conn:  # never done by the application, but kept in step too
        conn.execute(text("DELETE FROM beneficiary WHERE id = :id"), {"id": person})
    assert found(migrated, 'name : "الدوسري"') == set()
    assert_index_in_step(migrated)


def test_a_refused_change_leaves_the_index_as_it_was(migrated: Engine) -> None:
    add_person(migrated, "1000000008", "ساره محمد القحطاني")
    other = add_person(migrated, "2000000006", "فاطمه علي الشهري")
    with pytest.raises(IntegrityError), migrated.begin() as conn:
        conn.execute(
            text(
                "UPDATE beneficiary SET name_search = 'اسم جديد', id_number = '1000000008'"
                " WHERE id = :id"
            ),
            {"id": other},
        )
    assert found(migrated, 'name : "فاطمه"') == {"2000000006"}
    assert found(migrated, 'name : "جديد"') == set()
    assert_index_in_step(migrated)


def test_the_integrity_check_sees_an_index_out_of_step(migrated: Engine) -> None:
    """Guards the checks above: a change the triggers did not see is reported."""
    person = add_person(migrated, "1000000008", "ساره محمد القحطاني")
    with migrated.begin() as conn:
        conn.execute(text("DROP TRIGGER beneficiary_search_update"))
        conn.execute(
            text("UPDATE beneficiary SET name_search = 'اسم اخر' WHERE id = :id"), {"id": person}
        )
    with pytest.raises(DatabaseError):
        assert_index_in_step(migrated)


def test_downgrade_to_0001_removes_the_search_index_and_keeps_the_people(
    migrated: Engine, schema_checks
) -> None:
    add_person(migrated, "1000000008", "ساره محمد القحطاني", "+966551234567")

    db.downgrade(migrated, "0001")

    assert schema_checks.tables(migrated) == (MODEL_TABLES - SYNC_TABLES) | {"alembic_version"}
    assert sqlite_objects(migrated, "view") == set()
    assert sqlite_objects(migrated, "trigger") == INSERT_ONLY_TRIGGERS
    indexes = {ix["name"] for ix in inspect(migrated).get_indexes("beneficiary")}
    assert "ix_beneficiary_birth_date" not in indexes
    with migrated.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM beneficiary")).scalar_one() == 1

    db.upgrade(migrated)

    assert found(migrated, 'phones : "0551234567"') == {"1000000008"}
    assert_index_in_step(migrated)


def test_vacuum_keeps_the_index_pointing_at_the_right_people(migrated: Engine) -> None:
    """Index entries are keyed by the table's rowids; VACUUM keeps the rowids of a table that
    has indexes, even around gaps (SQLite does not promise it, so this checks it)."""
    people = [add_person(migrated, f"10000000{n:02d}", f"اسم{n} العائلة") for n in range(12)]
    with migrated.begin() as conn:  # gaps in the rowids, which a renumbering would close
        conn.execute(text("DROP TRIGGER beneficiary_search_delete"))
        conn.execute(
            text("DELETE FROM beneficiary WHERE id IN (:a, :b)"), {"a": people[0], "b": people[5]}
        )
        conn.execute(text("INSERT INTO beneficiary_search (beneficiary_search) VALUES ('rebuild')"))
    with migrated.connect() as conn:
        conn.execute(text("VACUUM"))
    assert found(migrated, 'name : "اسم7"') == {"1000000007"}
    assert found(migrated, 'name : "العائلة"') == {f"10000000{n:02d}" for n in range(12)} - {
        "1000000000",
        "1000000005",
    }
    assert_index_in_step(migrated)
