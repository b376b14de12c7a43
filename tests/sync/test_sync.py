"""Sync between counters through a real PostgreSQL server: what reaches whom, merges,
conflicts, replays, pending edits, and what a counter's role may not do."""

from __future__ import annotations

import json
import re
from dataclasses import replace

import psycopg
import pytest

from basmat_desk.domain.refusals import Refusal, RefusalCode
from basmat_desk.services.beneficiaries import (
    get_beneficiary,
    register_beneficiary,
    update_beneficiary,
)
from basmat_desk.services.queue import issue_ticket
from basmat_desk.sync.client import SyncClient, SyncError, check_schema
from basmat_desk.sync.local import LocalStore
from basmat_desk.sync.protocol import push_batch
from basmat_desk.sync.server import EnrolmentCode
from tests.sync.conftest import assert_converged, person, sync_all

pytestmark = pytest.mark.slow


def data_of(counter, beneficiary_id):
    from basmat_desk.domain.beneficiary import parse_form
    from basmat_desk.services.beneficiaries import form_of

    return parse_form(form_of(get_beneficiary(counter.ctx, beneficiary_id)))


def test_a_registration_on_one_counter_reaches_the_others(sync_server, counters) -> None:
    a, b, c = counters(3)
    record = register_beneficiary(a.ctx, person("نورة", "الدوسري"))
    assert a.client.store.pending_count() > 0

    sync_all([a, b, c])

    assert a.client.store.pending_count() == 0
    for counter in (b, c):
        assert get_beneficiary(counter.ctx, record.id).full_name == record.full_name
    row = sync_server.rows("beneficiary")[record.id]
    assert row["server_seq"] is not None
    assert row["server_version"] == 1
    assert_converged(sync_server, [a, b, c])


def test_edits_of_different_fields_on_two_counters_merge(sync_server, counters) -> None:
    a, b = counters(2)
    record = register_beneficiary(a.ctx, person())
    sync_all([a, b])

    update_beneficiary(a.ctx, record.id, replace(data_of(a, record.id), address_city="الرياض"))
    update_beneficiary(b.ctx, record.id, replace(data_of(b, record.id), employment="معلمة"))
    sync_all([a, b])

    for counter in (a, b):
        merged = data_of(counter, record.id)
        assert (merged.address_city, merged.employment) == ("الرياض", "معلمة")
    assert sync_server.rows("sync_conflict") == {}
    assert_converged(sync_server, [a, b])


def test_the_same_field_on_two_counters_keeps_the_server_value_and_records_the_other(
    sync_server, counters
) -> None:
    a, b = counters(2)
    record = register_beneficiary(a.ctx, person())
    sync_all([a, b])

    update_beneficiary(a.ctx, record.id, replace(data_of(a, record.id), notes="من الكاونتر أ"))
    update_beneficiary(b.ctx, record.id, replace(data_of(b, record.id), notes="من الكاونتر ب"))
    a.sync()  # a reaches the server first: its value is the server's
    b.sync()
    sync_all([a, b])

    for counter in (a, b):
        assert data_of(counter, record.id).notes == "من الكاونتر أ"
    (conflict,) = sync_server.rows("sync_conflict").values()
    assert conflict["kind"] == "field"
    assert (conflict["table_name"], conflict["row_id"], conflict["field"]) == (
        "beneficiary",
        record.id,
        "notes",
    )
    assert json.loads(conflict["server_value"]) == "من الكاونتر أ"
    assert json.loads(conflict["counter_value"]) == "من الكاونتر ب"
    assert conflict["counter_name"] == "كاونتر B (B)"
    assert conflict["counter_staff"] == b.ctx.actor.staff_id
    assert conflict["resolution"] is None
    assert_converged(sync_server, [a, b])


def test_a_replayed_push_changes_nothing_and_is_acknowledged(sync_server, counters) -> None:
    a, b = counters(2)
    register_beneficiary(a.ctx, person())
    batch = a.client.store.outbox_batch(100)
    device = a.client.store.device_id()
    with a.client.connect() as conn:
        first, _ = push_batch(conn, device, batch)
        before = sync_server.scalar("SELECT count(*) FROM sync_mutation")
        again, _ = push_batch(conn, device, batch)
    assert (first.replayed, again.replayed) == (0, len(batch))
    assert sync_server.scalar("SELECT count(*) FROM sync_mutation") == before
    a.sync()  # the outbox still holds the batch: it goes again, as a replay
    assert a.client.store.pending_count() == 0
    sync_all([a, b])
    assert_converged(sync_server, [a, b])


def test_a_pull_never_overwrites_a_pending_local_edit(sync_server, counters) -> None:
    a, b = counters(2)
    record = register_beneficiary(a.ctx, person())
    sync_all([a, b])
    update_beneficiary(a.ctx, record.id, replace(data_of(a, record.id), employment="طبيبة"))
    a.sync()
    update_beneficiary(b.ctx, record.id, replace(data_of(b, record.id), address_city="جدة"))

    b.client.pull_only()  # brings a's change, but b's own edit is still pending

    assert data_of(b, record.id).address_city == "جدة"
    b.sync()  # push, then the merged row comes back
    merged = data_of(b, record.id)
    assert (merged.employment, merged.address_city) == ("طبيبة", "جدة")
    sync_all([a, b])
    assert_converged(sync_server, [a, b])


def test_the_same_id_number_registered_on_two_offline_counters_keeps_both(
    sync_server, counters
) -> None:
    a, b = counters(2)
    same = person("خالد", "الشهري")
    first = register_beneficiary(a.ctx, same)
    second = register_beneficiary(b.ctx, replace(same, first_name="خالد", notes="ب"))
    sync_all([a, b])

    rows = sync_server.rows("beneficiary")
    assert rows[first.id]["deleted_at"] is None
    assert rows[second.id]["deleted_at"] is not None  # kept whole, as a tombstone
    (conflict,) = sync_server.rows("sync_conflict").values()
    assert (conflict["kind"], conflict["row_id"]) == ("duplicate", second.id)
    assert json.loads(conflict["counter_value"])["notes"] == "ب"
    assert_converged(sync_server, [a, b])


def test_ticket_numbers_never_collide_between_counters(sync_server, counters) -> None:
    a, b = counters(2)
    for counter in (a, b, a, b):
        issue_ticket(counter.ctx)
    sync_all([a, b])
    numbers = sorted((t["prefix"], t["number"]) for t in sync_server.rows("ticket").values())
    assert numbers == [("A", 1), ("A", 2), ("B", 1), ("B", 2)]
    assert_converged(sync_server, [a, b])


def test_a_status_change_the_workflow_forbids_is_refused_and_recorded(
    sync_server, counters
) -> None:
    a, b = counters(2)
    ticket = issue_ticket(a.ctx)
    a.sync()
    store = a.client.store
    with store.transaction() as con:  # a buggy client: waiting → done directly
        con.execute("UPDATE ticket SET status = 'done' WHERE id = ?", (ticket.id,))
    a.sync()
    assert sync_server.rows("ticket")[ticket.id]["status"] == "waiting"
    conflicts = list(sync_server.rows("sync_conflict").values())
    assert [(c["kind"], c["field"]) for c in conflicts] == [("rejected", "status")]
    # Why, as data: the rule, the table and column, the statuses (not the server's words).
    assert Refusal.from_json(conflicts[0]["refusal"]) == Refusal(
        RefusalCode.WORKFLOW,
        "ticket",
        column="status",
        constraint="basmat_workflow",
        source="waiting",
        target="done",
        detail="basmat: ticket status cannot change from waiting to done",
    )
    a.sync()
    assert a.rows("ticket")[ticket.id]["status"] == "waiting"  # the server's row came back
    sync_all([a, b])
    assert_converged(sync_server, [a, b])


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("address_city", "م" * 81),  # VARCHAR(80): SQLite keeps it, PostgreSQL does not
        ("employment", "معلمة\x00"),  # PostgreSQL text cannot hold NUL
    ],
    ids=["too-long", "nul"],
)
def test_a_value_the_server_cannot_take_is_refused_and_the_push_goes_on(
    sync_server, counters, column, value
) -> None:
    a, b = counters(2)
    record = register_beneficiary(a.ctx, person())
    a.sync()
    store = a.client.store
    with store.transaction() as con:  # a buggy client, or a value from before the checks
        con.execute(f"UPDATE beneficiary SET {column} = ? WHERE id = ?", (value, record.id))
    later = register_beneficiary(a.ctx, person("هند", "العتيبي"))  # queued after it

    a.sync()

    assert store.pending_count() == 0, "the refused change does not hold the outbox"
    assert later.id in sync_server.rows("beneficiary")
    assert sync_server.rows("beneficiary")[record.id][column] != value
    (conflict,) = sync_server.rows("sync_conflict").values()
    assert (conflict["kind"], conflict["field"]) == ("rejected", column)
    refusal = Refusal.from_json(conflict["refusal"])
    assert refusal is not None
    assert (refusal.code, refusal.table) == (RefusalCode.INVALID, "beneficiary")
    sync_all([a, b])
    assert a.rows("beneficiary")[record.id][column] != value  # the server's row came back
    assert_converged(sync_server, [a, b])


def test_a_new_row_the_server_cannot_take_is_kept_whole_in_a_rejection(
    sync_server, counters
) -> None:
    (a,) = counters(1)
    store = a.client.store
    record = register_beneficiary(a.ctx, person())
    with store.transaction() as con:  # a queued new row with a value the server cannot take
        con.execute(
            "UPDATE sync_outbox SET new_json = json_set(new_json, '$.address_city', ?) "
            "WHERE row_id = ? AND op = 'insert'",
            ("م" * 81, record.id),
        )
    later = register_beneficiary(a.ctx, person("هند", "العتيبي"))

    a.sync()

    assert record.id not in sync_server.rows("beneficiary")
    assert later.id in sync_server.rows("beneficiary")
    (conflict,) = sync_server.rows("sync_conflict").values()
    assert (conflict["kind"], conflict["field"]) == ("rejected", None)
    assert json.loads(conflict["counter_value"])["address_city"] == "م" * 81
    refusal = Refusal.from_json(conflict["refusal"])
    assert refusal is not None
    assert refusal.code == RefusalCode.INVALID


# --- enrolment, roles, versions ---------------------------------------------------------------


def test_an_enrolment_code_works_once(sync_server, counters, tmp_path) -> None:
    from basmat_desk.services.bootstrap import open_local

    code = sync_server.add_counter("كاونتر ج", "C")
    for name in ("one", "two"):
        open_local(tmp_path / f"{name}.sqlite")
    with SyncClient(tmp_path / "one.sqlite", timeout=10) as first:
        first.enroll(code)
        assert first.status().prefix == "C"
    with SyncClient(tmp_path / "two.sqlite", timeout=10) as second:
        with pytest.raises(SyncError, match="مستخدم من قبل"):
            second.enroll(code)
        assert not second.status().enrolled


def test_a_garbled_enrolment_code_names_the_field() -> None:
    from basmat_desk.domain.errors import ValidationError

    with pytest.raises(ValidationError, match="رمز التسجيل") as error:
        EnrolmentCode.decode("BASMAT1-not-base64!!")
    assert error.value.field == "code"


def counter_connection(counter) -> psycopg.Connection:
    return counter.client.connect()


def test_a_counter_role_cannot_delete_or_rewrite_what_it_must_not(sync_server, counters) -> None:
    (a,) = counters(1)
    record = register_beneficiary(a.ctx, person())
    a.sync()
    declaration_id = "0193d1f0-0000-7000-8000-000000000001"
    with counter_connection(a) as conn:
        conn.execute(
            "INSERT INTO support_request (id, request_number, beneficiary_id, service_type, "
            "status, created_at, updated_at) VALUES ('req-1', 'R-1448-A-00001', %s, 'cleaning', "
            "'draft', now(), now())",
            (record.id,),
        )
        conn.execute(
            "INSERT INTO declaration (id, request_id, template_version, snapshot_json, "
            "signature_kind, signed_at, content_sha256, created_at, updated_at) VALUES "
            "(%s, 'req-1', 'v1', '{}', 'wet_ink', now(), 'x', now(), now())",
            (declaration_id,),
        )
        # The no-delete and insert-only triggers raise the same SQLSTATE (42501) as a missing
        # privilege: only PostgreSQL's own message says the privilege is what refused
        # (each expected message is a regular expression the whole message must match).
        refused = [
            (
                "DELETE FROM beneficiary WHERE id = %s",
                (record.id,),
                "permission denied for table beneficiary",
            ),
            (
                "UPDATE declaration SET snapshot_json = '{\"x\":1}' WHERE id = %s",
                (declaration_id,),
                "permission denied for table declaration",
            ),
            (
                "DELETE FROM declaration WHERE id = %s",
                (declaration_id,),
                "permission denied for table declaration",
            ),
            ("SELECT * FROM sync_counter", (), "permission denied for table sync_counter"),
            ("DELETE FROM sync_mutation", (), "permission denied for table sync_mutation"),
            (
                "ALTER ROLE postgres PASSWORD 'x'",
                (),
                # PostgreSQL 15's words, then 16's
                "must be superuser to alter superuser roles or change superuser attribute"
                "|permission denied to alter role",
            ),
            ("SELECT rolpassword FROM pg_authid", (), "permission denied for table pg_authid"),
            ("CREATE ROLE intruder", (), "permission denied to create role"),
        ]
        for statement, params, message in refused:
            with pytest.raises(psycopg.errors.InsufficientPrivilege) as error:
                conn.execute(statement, params)
            primary = str(error.value.diag.message_primary)
            assert re.fullmatch(message, primary), (statement, primary)
    assert record.id in sync_server.rows("beneficiary")
    assert declaration_id in sync_server.rows("declaration")


def test_the_server_accepts_the_current_and_previous_client_version() -> None:
    check_schema("0003", "0003")
    check_schema("0003", "0002")
    with pytest.raises(SyncError, match="أقدم من أن يزامن"):
        check_schema("0004", "0002")
    with pytest.raises(SyncError, match="إصدار الخادم أقدم"):
        check_schema("0002", "0003")
    with pytest.raises(SyncError, match="غير مهيأ"):
        check_schema(None, "0003")


def test_rows_written_before_enrolment_are_queued_at_enrolment(
    sync_server, tmp_path, fast_password_hashing
) -> None:
    from basmat_desk.services.bootstrap import open_local
    from basmat_desk.services.staff import create_first_admin, login

    ctx = open_local(tmp_path / "old.sqlite")
    create_first_admin(ctx, "admin", "مدير", "correct horse 1")
    admin = ctx.acting_as(login(ctx, "admin", "correct horse 1"))
    record = register_beneficiary(admin, person())
    with LocalStore(tmp_path / "old.sqlite") as store:
        assert store.pending_count() == 0  # not enrolled: nothing is captured
    with SyncClient(tmp_path / "old.sqlite", timeout=10) as client:
        client.enroll(sync_server.add_counter("كاونتر قديم", "Q"))
        assert client.status().pending == 0
    assert record.id in sync_server.rows("beneficiary")


def test_changes_reach_the_server_in_the_order_they_were_made(sync_server, counters) -> None:
    """An ID number corrected on one record and then given to a new record, offline: the
    server must apply the correction before the new record, or the new one would clash."""
    a, b = counters(2)
    first = register_beneficiary(a.ctx, person("هند", "العتيبي"))
    a.sync()
    number = data_of(a, first.id).id_number
    corrected = person("هند", "العتيبي").id_number
    update_beneficiary(a.ctx, first.id, replace(data_of(a, first.id), id_number=corrected))
    second = register_beneficiary(a.ctx, person("منى", "الحربي", id_number=number))

    sync_all([a, b])

    rows = sync_server.rows("beneficiary")
    assert rows[first.id]["id_number"] == corrected
    assert rows[second.id]["id_number"] == number
    assert rows[second.id]["deleted_at"] is None
    assert sync_server.rows("sync_conflict") == {}
    assert_converged(sync_server, [a, b])


def test_a_new_counter_can_search_everyone_it_pulled_at_enrolment(sync_server, counters) -> None:
    from basmat_desk.services.search import search_beneficiaries

    (a,) = counters(1)
    record = register_beneficiary(a.ctx, person("جواهر", "المطيري"))
    a.sync()
    (b,) = counters(1)  # its first pull indexes the names once, at the end

    (hit,) = search_beneficiaries(b.ctx, "جواهر المطيري")
    assert hit.id == record.id
    with b.client.store.transaction() as con:
        con.execute("INSERT INTO beneficiary_search(beneficiary_search) VALUES ('integrity-check')")
        triggers = {
            name
            for (name,) in con.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' "
                "AND name LIKE 'beneficiary_search_%'"
            )
        }
    assert triggers == {f"beneficiary_search_{e}" for e in ("insert", "update", "delete")}
    update_beneficiary(b.ctx, record.id, replace(data_of(b, record.id), first_name="ريم"))
    assert [h.id for h in search_beneficiaries(b.ctx, "ريم المطيري")] == [record.id]
