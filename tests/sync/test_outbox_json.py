"""The two places that write a row into the outbox write the same JSON: the SQLite triggers of
migration 0003 (every change once enrolled) and `LocalStore.start_capture` (the rows that were
there before enrolment). The push compares these values field by field, so any difference in
how a blob, a boolean, a date or a NULL is written would show up as a change nobody made."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.orm import Session

from basmat_desk.domain.refusals import Refusal, RefusalCode
from basmat_desk.store import db
from basmat_desk.store.models import BOOKKEEPING_COLUMNS, SyncConflict, new_id
from basmat_desk.sync.codec import TABLES
from basmat_desk.sync.local import ENROLMENT_TABLES, LocalStore
from tests.conftest import SchemaChecks


def test_the_triggers_and_the_enrolment_queue_write_the_same_json(db_path: Path) -> None:
    engine = db.make_engine(db.sqlite_url(db_path))
    try:
        db.upgrade(engine)
        with engine.begin() as conn:
            conn.execute(text("UPDATE sync_control SET capture = 1, applying = 0"))
        SchemaChecks.seed_insert_only_rows(engine)  # staff, a person, requests, blobs, NULLs
        with Session(engine) as session, session.begin():  # every column, refusal included
            session.add(
                SyncConflict(
                    kind="rejected",
                    table_name="ticket",
                    row_id=new_id(),
                    field="status",
                    server_value='"waiting"',
                    counter_value='"done"',
                    refusal=Refusal(RefusalCode.WORKFLOW, "ticket", column="status").to_json(),
                    counter_device="device-1",
                    counter_name="كاونتر ب (B)",
                    counter_staff=new_id(),
                    mutation_id=new_id(),
                    resolution="acknowledged",
                    resolved_at=datetime(2026, 3, 3, tzinfo=UTC),
                    resolved_by=new_id(),
                )
            )
    finally:
        engine.dispose()

    with LocalStore(db_path) as store:
        by_trigger = {(e.table, e.row_id): e.new for e in store.outbox_batch(10_000)}
        with store.transaction() as con:
            con.execute("DELETE FROM sync_outbox")
            con.execute("UPDATE sync_control SET capture = 0")
            store.start_capture(con)
        by_enrolment = {(e.table, e.row_id): e.new for e in store.outbox_batch(10_000)}
        # Accounts and settings go up with the enrolment itself, not through the outbox.
        brought = {
            (name, row["id"]): row for name in ENROLMENT_TABLES for row in store.local_rows(name)
        }
    assert not {table for table, _row in by_enrolment} & set(ENROLMENT_TABLES)
    assert {table for table, _row in brought} == {"staff"}  # the seed has no settings
    for (table, row_id), row in brought.items():
        assert row == TABLES[table].canonical(by_trigger[(table, row_id)]), row_id

    # start_capture queues the rows the server lacks (server_seq NULL): the seed's A rows.
    assert by_enrolment
    tables = {table for table, _row in by_enrolment}
    assert {
        "beneficiary",
        "support_request",
        "declaration",
        "audit_entry",
        "sync_conflict",
    } <= tables
    (conflict,) = [row for (table, _id), row in by_enrolment.items() if table == "sync_conflict"]
    own = set(SyncConflict.__table__.columns.keys()) - BOOKKEEPING_COLUMNS - {"id", "deleted_at"}
    assert {key for key in own if conflict[key] is None} == set(), "each column is compared"
    blobs = [row for (table, _id), row in by_enrolment.items() if table == "declaration"]
    assert any(row["signature_png"] for row in blobs), "a blob is compared too"
    for key, queued in by_enrolment.items():
        assert queued == by_trigger[key], key
