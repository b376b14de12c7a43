"""What the server enforces by itself, whatever a client sends: numbers in commit order, no
deletes, allowed status changes only."""

from __future__ import annotations

import json
import threading
import time

import psycopg
import pytest

from basmat_desk.services.beneficiaries import register_beneficiary
from basmat_desk.services.queue import issue_ticket
from tests.sync.conftest import person


def waiting_for_the_order_lock(server) -> int:
    """Sessions waiting for a lock: the ordering row's (sync_seq_lock), held by a writer until
    it commits."""
    return server.scalar("SELECT count(DISTINCT pid) FROM pg_locks WHERE NOT granted")


def wait_until(predicate, timeout: float = 10.0) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.02)
    return False


def test_server_seq_follows_commit_order_not_start_order(sync_server, counters) -> None:
    a, b = counters(2)
    first = register_beneficiary(a.ctx, person())
    second = register_beneficiary(b.ctx, person())
    a.sync()
    b.sync()
    t1 = a.client.connect()
    t2 = b.client.connect()
    t2_done = threading.Event()
    try:
        t1.execute("BEGIN")
        t1.execute("UPDATE beneficiary SET notes = 'أولاً' WHERE id = %s", (first.id,))

        def later_writer() -> None:
            t2.execute("BEGIN")
            t2.execute("UPDATE beneficiary SET notes = 'ثانياً' WHERE id = %s", (second.id,))
            t2.execute("COMMIT")
            t2_done.set()

        writer = threading.Thread(target=later_writer)
        writer.start()
        # t2 started after t1 took its number: it waits for t1's lock, not a moment passing
        assert wait_until(lambda: waiting_for_the_order_lock(sync_server) == 1)
        assert not t2_done.is_set()
        t1.execute("COMMIT")
        writer.join(10)
        assert t2_done.is_set()
    finally:
        t1.close()
        t2.close()
    rows = sync_server.rows("beneficiary")
    assert rows[first.id]["server_seq"] < rows[second.id]["server_seq"]


def test_every_write_gets_a_new_number_and_version_from_the_server(sync_server, counters) -> None:
    (a,) = counters(1)
    record = register_beneficiary(a.ctx, person())
    a.sync()
    before = sync_server.rows("beneficiary")[record.id]
    with a.client.connect() as conn:
        conn.execute(
            "UPDATE beneficiary SET notes = 'x', server_seq = 1, server_version = 99 WHERE id = %s",
            (record.id,),
        )
    after = sync_server.rows("beneficiary")[record.id]
    assert after["server_seq"] > before["server_seq"]
    assert after["server_version"] == before["server_version"] + 1


def test_no_row_is_ever_deleted_even_by_the_owner(sync_server, counters) -> None:
    (a,) = counters(1)
    record = register_beneficiary(a.ctx, person())
    a.sync()
    with (
        psycopg.connect(sync_server.conninfo, autocommit=True) as owner,
        pytest.raises(psycopg.errors.InsufficientPrivilege, match="never deleted"),
    ):
        owner.execute("DELETE FROM beneficiary WHERE id = %s", (record.id,))


def test_a_status_change_outside_the_workflow_is_refused_on_the_server(
    sync_server, counters
) -> None:
    (a,) = counters(1)
    ticket = issue_ticket(a.ctx)
    a.sync()
    with a.client.connect() as conn:
        with pytest.raises(psycopg.errors.CheckViolation) as refused:
            conn.execute("UPDATE ticket SET status = 'done' WHERE id = %s", (ticket.id,))
        diag = refused.value.diag  # the refusal as fields, not text to parse
        assert (diag.constraint_name, diag.table_name, diag.column_name) == (
            "basmat_workflow",
            "ticket",
            "status",
        )
        assert json.loads(diag.message_detail or "") == {"source": "waiting", "target": "done"}
        conn.execute("UPDATE ticket SET status = 'called' WHERE id = %s", (ticket.id,))
    assert sync_server.rows("ticket")[ticket.id]["status"] == "called"
