"""Sync under faults, with a real PostgreSQL server and counters in processes of their own
(each its own SQLite file): kill -9 at every step of push and pull, a proxy that refuses,
stalls, drops and cuts connections, replayed pushes, clocks skewed by ±72 hours, the same field
edited on several counters, and a server restart in the middle of a sync.

Pass criteria, after healing (every counter syncs again, twice round): every change a counter
committed is on the server exactly once (one `sync_mutation` row per outbox mutation id, from
that counter) with what the counter wrote, or its conflict recorded; counters and server hold
identical rows; no ticket, request or letter number twice; declarations byte-identical.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from basmat_desk.services.beneficiaries import register_beneficiary
from basmat_desk.services.bootstrap import open_local
from basmat_desk.sync.codec import TABLE_ORDER
from basmat_desk.sync.faults import STEPS
from basmat_desk.sync.local import LocalStore
from basmat_desk.sync.protocol import push_batch
from tests.conftest import dispose
from tests.sync.conftest import Counter, person, sync_all
from tests.sync.counter_proc import EXIT_OFFLINE, edit_field
from tests.sync.fault_proxy import FaultProxy
from tests.sync.faultlib import (
    Pause,
    assert_healed,
    cursor_of,
    device_of,
    finish,
    heal,
    kill_leftovers,
    pending,
    record_outbox,
    route_through,
    run_all,
    run_counter,
    start_counter,
    wait_for,
    work,
    work_in_processes,
)

pytestmark = pytest.mark.slow


@pytest.fixture(autouse=True)
def _no_counter_process_left() -> Iterator[None]:
    yield
    kill_leftovers()


def setup_pair(counters, proxy=None):
    """Two counters with changes of their own; b's are on the server (so a has rows to pull),
    a's are in its outbox, recorded; a goes through the proxy, if any."""
    a, b = counters(2)
    made = work(a, b)
    recorded = {a.name: record_outbox(a.path), b.name: record_outbox(b.path)}
    b.sync()
    if proxy is not None:
        route_through(a.path, proxy.port)
    return a, b, made, recorded


def on_server(server, entries) -> int:
    """How many of these mutations the server has committed."""
    ids = [e.mutation_id for e in entries]
    return server.scalar("SELECT count(*) FROM sync_mutation WHERE mutation_id = ANY(%s)", ids)


# --- kill -9 -------------------------------------------------------------------------------------


@pytest.mark.parametrize("step", STEPS)
def test_a_counter_killed_at_any_step_of_a_sync_loses_and_doubles_nothing(
    sync_server, counters, step
) -> None:
    a, b, made, recorded = setup_pair(counters)
    mine = recorded[a.name]
    cursor = cursor_of(a.path)

    killed = run_counter(a.path, "sync", fault=f"{step}=kill", expect=None)

    assert killed.killed, killed.describe()
    committed = step not in ("push.read_outbox", "push.applied")
    assert on_server(sync_server, mine) == (len(mine) if committed else 0)
    # The outbox only shrinks once the server's commit is acknowledged.
    acknowledged = committed and step != "push.server_committed"
    assert pending(a.path) == (0 if acknowledged else len(mine))
    # The cursor moves with the pulled rows, or not at all.
    assert (cursor_of(a.path) > cursor) == (step == "pull.done")
    heal([a, b])
    assert_healed(sync_server, [a, b], recorded, made)


@pytest.mark.parametrize("step", ["pull.fetched", "pull.applied"])
def test_an_enrolment_killed_in_its_first_pull_heals(sync_server, counters, tmp_path, step) -> None:
    """The first pull (cursor 0) indexes names once at the end: killed before it commits, the
    counter keeps its search index's triggers, and the next sync does the whole pull again."""
    (a,) = counters(1)
    made = work(a)
    a.sync()
    path = tmp_path / "late.sqlite"
    dispose(open_local(path))
    code = sync_server.add_counter("كاونتر متأخر", "L")

    killed = run_counter(path, "enroll", "--code", code, fault=f"{step}=kill", expect=None)

    assert killed.killed, killed.describe()
    assert cursor_of(path) == 0
    with LocalStore(path) as store:
        assert not set(made[0]["beneficiaries"]) & store.rows("beneficiary").keys()
    late = Counter("كاونتر متأخر", "L", path, open_local(path))
    try:
        heal([a, late])
        assert_healed(sync_server, [a, late], {}, made)
        with late.ctx.sessions() as session:
            person_id = made[0]["beneficiaries"][0]
            number = late.rows("beneficiary")[person_id]["id_number"]
            hits = (
                session.execute(
                    text(
                        "SELECT b.id FROM beneficiary_search s JOIN beneficiary b "
                        "ON b.rowid = s.rowid WHERE beneficiary_search MATCH :q"
                    ),
                    {"q": f'"{number}"'},
                )
                .scalars()
                .all()
            )
        assert hits == [person_id]
    finally:
        late.close()


# --- a network that misbehaves -----------------------------------------------------------------


@pytest.fixture
def proxy(pg_url: str) -> Iterator[FaultProxy]:
    """A fault proxy in front of the test server."""
    url = make_url(pg_url)
    with FaultProxy(url.host or "127.0.0.1", url.port or 5432) as running:
        yield running


def test_a_refused_connection_leaves_the_counter_offline_with_its_outbox(
    sync_server, counters, proxy
) -> None:
    a, b, made, recorded = setup_pair(counters, proxy)
    proxy.refuse()

    run = run_counter(a.path, "sync", expect=EXIT_OFFLINE)

    assert run.out["error"] == "offline"
    assert proxy.connections_refused >= 1
    assert pending(a.path) == len(recorded[a.name])
    assert a.client.status().last_error
    proxy.pass_through()
    heal([a, b])
    assert a.client.status().last_error is None
    assert_healed(sync_server, [a, b], recorded, made)


@pytest.mark.parametrize("where", ["connect", "push.read_outbox", "pull.fetched"])
def test_a_stalled_connection_is_dropped_by_the_deadline_and_nothing_is_lost(
    sync_server, counters, proxy, tmp_path, where
) -> None:
    a, b, made, recorded = setup_pair(counters, proxy)
    cursor = cursor_of(a.path)
    timeout = 3
    if where == "connect":
        proxy.stall()
        process = start_counter(a.path, "sync", "--timeout", str(timeout))
    else:
        pause = Pause(tmp_path / "pause", where)
        process = start_counter(a.path, "sync", "--timeout", str(timeout), fault=pause.fault)
        pause.wait(process)
        proxy.stall()
        pause.resume()

    run = finish(process)  # fails the test if the process is still stalled after PROC_TIMEOUT

    assert run.returncode == EXIT_OFFLINE, run.describe()
    assert run.out["error"] == "offline", run.describe()
    # What ended the stall is the counter's own deadline of `timeout` seconds (not the 120 s
    # default, not the proxy): libpq's connect_timeout while connecting, the watchdog after.
    if where == "connect":
        assert "لم يردّ الخادم في الوقت المحدد" in run.out["message"], run.describe()
    else:
        watchdog = f"no answer from the server in {timeout} s; dropping the connection"
        assert watchdog in run.stderr, run.describe()
    assert cursor_of(a.path) == cursor
    assert pending(a.path) == (0 if where.startswith("pull") else len(recorded[a.name]))
    proxy.pass_through()
    heal([a, b])
    assert_healed(sync_server, [a, b], recorded, made)


@pytest.mark.parametrize("step", ["push.applied", "pull.fetched"])
def test_a_connection_dropped_in_the_middle_of_a_sync_loses_and_doubles_nothing(
    sync_server, counters, proxy, tmp_path, step
) -> None:
    a, b, made, recorded = setup_pair(counters, proxy)
    cursor = cursor_of(a.path)
    pause = Pause(tmp_path / "pause", step)
    process = start_counter(a.path, "sync", fault=pause.fault)
    pause.wait(process)
    proxy.cut_all()
    pause.resume()

    run = finish(process)

    assert run.returncode == EXIT_OFFLINE, run.describe()
    assert cursor_of(a.path) == cursor
    if step == "push.applied":  # the COMMIT never reached the server
        assert on_server(sync_server, recorded[a.name]) == 0
        assert pending(a.path) == len(recorded[a.name])
    heal([a, b])
    assert_healed(sync_server, [a, b], recorded, made)


def test_a_pull_cut_in_the_middle_of_the_servers_answer_stores_nothing(
    sync_server, counters, proxy, tmp_path
) -> None:
    a, b, made, recorded = setup_pair(counters, proxy)
    cursor = cursor_of(a.path)
    theirs = set(made[1]["beneficiaries"])
    assert not theirs & a.rows("beneficiary").keys()
    pause = Pause(tmp_path / "pause", "push.done")  # pushed; the pull comes next
    process = start_counter(a.path, "sync", fault=pause.fault)
    pause.wait(process)
    proxy.cut_after(4096)  # a few rows into the pull's answer
    pause.resume()

    run = finish(process)

    assert run.returncode == EXIT_OFFLINE, run.describe()
    assert proxy.connections_cut == 1
    assert cursor_of(a.path) == cursor
    assert not theirs & a.rows("beneficiary").keys()  # all of the pull, or none of it
    assert pending(a.path) == 0
    heal([a, b])
    assert_healed(sync_server, [a, b], recorded, made)


def test_a_commit_whose_answer_is_lost_is_replayed_and_counted_once(
    sync_server, counters, proxy
) -> None:
    a, b, made, recorded = setup_pair(counters, proxy)
    proxy.cut_on_client_bytes(b"COMMIT")

    run_counter(a.path, "sync", expect=EXIT_OFFLINE)

    assert proxy.connections_cut == 1
    # The server got the COMMIT and committed; the counter never heard, so keeps its outbox.
    mine = recorded[a.name]
    wait_for(lambda: on_server(sync_server, mine) == len(mine), what="the server's commit")
    assert pending(a.path) == len(mine)
    replay = run_counter(a.path, "push")
    assert replay.out["push"]["replayed"] == replay.out["push"]["pushed"] == len(mine)
    assert pending(a.path) == 0
    heal([a, b])
    assert_healed(sync_server, [a, b], recorded, made)


# --- replayed pushes -----------------------------------------------------------------------------


def server_snapshot(server) -> dict[str, dict]:
    return {table: server.rows(table) for table in TABLE_ORDER}


def test_a_replayed_push_rewrites_no_row_and_records_no_mutation_twice(
    sync_server, counters
) -> None:
    a, b, made, recorded = setup_pair(counters)
    killed = run_counter(a.path, "sync", fault="push.server_committed=kill", expect=None)
    assert killed.killed, killed.describe()
    mine = recorded[a.name]
    before = server_snapshot(sync_server)
    mutations = sync_server.scalar("SELECT count(*) FROM sync_mutation")

    replay = run_counter(a.path, "push")

    assert replay.out["push"] == {
        "pushed": len(mine),
        "replayed": len(mine),
        "conflicts": 0,
        "rejected": 0,
    }
    assert server_snapshot(sync_server) == before  # not even a new server_seq
    assert sync_server.scalar("SELECT count(*) FROM sync_mutation") == mutations
    heal([a, b])
    assert_healed(sync_server, [a, b], recorded, made)


def test_a_late_replay_does_not_bring_back_a_value_another_counter_changed_since(
    sync_server, counters
) -> None:
    a, b = counters(2)
    record = register_beneficiary(a.ctx, person())
    sync_all([a, b])
    edit_field(a.ctx, record.id, "notes", "من أ")
    recorded = {a.name: record_outbox(a.path), b.name: []}
    killed = run_counter(a.path, "sync", fault="push.server_committed=kill", expect=None)
    assert killed.killed, killed.describe()
    b.sync()  # b sees a's value, and changes it
    assert b.rows("beneficiary")[record.id]["notes"] == "من أ"
    edit_field(b.ctx, record.id, "notes", "من ب")
    recorded[b.name] = record_outbox(b.path)
    b.sync()

    heal([a, b])  # a's outbox still holds "من أ": it goes again, as a replay

    assert sync_server.rows("beneficiary")[record.id]["notes"] == "من ب"
    assert sync_server.rows("sync_conflict") == {}
    assert_healed(sync_server, [a, b], recorded)


def test_push_batch_given_the_same_mutations_again_applies_only_the_new_ones(
    sync_server, counters
) -> None:
    a, b = counters(2)
    made = work(a)
    entries = record_outbox(a.path)
    half = len(entries) // 2
    device = device_of(a.path)
    with a.client.connect() as conn:
        first, _ = push_batch(conn, device, entries[:half])
        again, ids_again = push_batch(conn, device, entries)
        third, _ = push_batch(conn, device, entries)
    assert (first.replayed, again.replayed, third.replayed) == (0, half, len(entries))
    assert ids_again == [e.mutation_id for e in entries]
    a.client.store.clear_outbox(entries[-1].seq)  # as the client does once acknowledged
    heal([a, b])
    assert_healed(sync_server, [a, b], {a.name: entries}, made)


def test_two_pushes_of_the_same_outbox_at_once_store_each_change_once(
    sync_server, counters, tmp_path
) -> None:
    """The GUI's sync thread and `basmat-desk sync run --once` on the same PC: both send the
    same outbox; the second waits for the first's locks, and must then see a replay."""
    a, b, made, recorded = setup_pair(counters)
    pause = Pause(tmp_path / "pause", "push.applied")
    first = start_counter(a.path, "sync", fault=pause.fault)
    pause.wait(first)
    second = start_counter(a.path, "sync")
    wait_for(
        lambda: sync_server.scalar(
            "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
            "AND datname = current_database()"
        ),
        what="the second push to wait for the first one's locks",
    )
    pause.resume()

    done = [finish(first), finish(second)]

    assert done[0].returncode == 0, done[0].describe()
    assert done[1].returncode == 0, done[1].describe()
    assert done[1].out["push"]["replayed"] == len(recorded[a.name])
    heal([a, b])
    assert_healed(sync_server, [a, b], recorded, made)


# --- clocks --------------------------------------------------------------------------------------


def test_counters_72_hours_apart_converge_and_the_server_orders_by_arrival(
    sync_server, counters
) -> None:
    ahead, behind = counters(2)
    skew = {ahead.name: +72.0, behind.name: -72.0}
    pair = [ahead, behind]
    made = work_in_processes(ahead.path, behind.path, skew_hours=[+72.0, -72.0])
    real_now = datetime.now(UTC)
    for counter, one in zip(pair, made, strict=True):
        seen = datetime.fromisoformat(one["now"])
        assert abs(seen - real_now - timedelta(hours=skew[counter.name])) < timedelta(hours=1)
    assert made[0]["tickets"][0]["service_date"] > made[1]["tickets"][0]["service_date"]
    recorded = {c.name: record_outbox(c.path) for c in pair}

    def sync(counter) -> None:
        run_counter(counter.path, "sync", skew_hours=skew[counter.name])

    run_all(*((c.path, ("sync",), {"skew_hours": skew[c.name]}) for c in pair))
    heal(pair, rounds=1)  # each has what the other made
    record = made[0]["beneficiaries"][1]
    # Both counters edit the same field; one reaches the server first: for notes the one 72 h
    # behind, for employment the one 72 h ahead. The server keeps what arrived first,
    # whatever the clocks say, and records the other value.
    for field, first, second in (("notes", behind, ahead), ("employment", ahead, behind)):
        run_all(
            *(
                (
                    c.path,
                    ("edit", "--id", record, "--field", field, "--value", f"{field} من {c.name}"),
                    {"skew_hours": skew[c.name]},
                )
                for c in pair
            )
        )
        for counter in pair:
            recorded[counter.name] += record_outbox(counter.path)
        sync(first)
        sync(second)

    heal(pair)

    row = sync_server.rows("beneficiary")[record]
    assert (row["notes"], row["employment"]) == (
        f"notes من {behind.name}",
        f"employment من {ahead.name}",
    )
    conflicts = sorted(
        (c["field"], json.loads(c["server_value"]), json.loads(c["counter_value"]))
        for c in sync_server.rows("sync_conflict").values()
    )
    assert conflicts == [
        ("employment", f"employment من {ahead.name}", f"employment من {behind.name}"),
        ("notes", f"notes من {behind.name}", f"notes من {ahead.name}"),
    ]
    assert_healed(sync_server, pair, recorded, made)


# --- the same field on several counters ---------------------------------------------------------


def test_the_same_field_edited_on_three_counters_at_once_loses_no_value(
    sync_server, counters
) -> None:
    trio = counters(3)
    record = register_beneficiary(trio[0].ctx, person())
    sync_all(trio)
    values = {c.name: f"ملاحظة من {c.name}" for c in trio}
    run_all(
        *(
            (c.path, ("edit", "--id", record.id, "--field", "notes", "--value", values[c.name]), {})
            for c in trio
        )
    )
    recorded = {c.name: record_outbox(c.path) for c in trio}

    run_all(*((c.path, ("sync",), {}) for c in trio))  # all three at once
    heal(trio)

    kept = sync_server.rows("beneficiary")[record.id]["notes"]
    conflicts = list(sync_server.rows("sync_conflict").values())
    assert len(conflicts) == 2
    for conflict in conflicts:
        assert (conflict["kind"], conflict["table_name"], conflict["row_id"]) == (
            "field",
            "beneficiary",
            record.id,
        )
        assert conflict["field"] == "notes"
        assert json.loads(conflict["server_value"]) == kept
        assert conflict["resolution"] is None
    lost = {json.loads(c["counter_value"]) for c in conflicts}
    assert {kept} | lost == set(values.values())  # one kept, the others recorded
    assert_healed(sync_server, trio, recorded, final_values=False)
    for counter in trio:
        assert counter.rows("beneficiary")[record.id]["notes"] == kept


# --- the server restarts -------------------------------------------------------------------------


@pytest.mark.parametrize("step", ["push.applied", "pull.fetched"])
def test_a_server_restart_in_the_middle_of_a_sync_loses_and_doubles_nothing(
    sync_server, counters, pg_cluster, tmp_path, step
) -> None:
    a, b, made, recorded = setup_pair(counters)
    cursor = cursor_of(a.path)
    pause = Pause(tmp_path / "pause", step)
    process = start_counter(a.path, "sync", fault=pause.fault)
    pause.wait(process)

    pg_cluster.restart()
    pause.resume()
    run = finish(process)

    assert run.returncode == EXIT_OFFLINE, run.describe()
    assert cursor_of(a.path) == cursor
    if step == "push.applied":
        assert on_server(sync_server, recorded[a.name]) == 0
        assert pending(a.path) == len(recorded[a.name])
    else:
        assert pending(a.path) == 0
    heal([a, b])
    assert_healed(sync_server, [a, b], recorded, made)


def test_the_server_stamps_conflicts_and_mutations_with_its_own_clock(
    sync_server, counters
) -> None:
    """DESIGN.md rule 1: client clocks never decide anything. Supervisors see conflicts
    newest first (by `detected_at`): a counter 72 h behind must not file its conflicts, nor
    its mutations' `applied_at`, three days in the past."""
    a, b = counters(2)
    record = register_beneficiary(a.ctx, person())
    sync_all([a, b])
    edit_field(b.ctx, record.id, "notes", "من ب")
    b.sync()
    edit_field(a.ctx, record.id, "notes", "من أ")
    ids = [e.mutation_id for e in record_outbox(a.path)]

    run_counter(a.path, "sync", skew_hours=-72.0)

    (conflict,) = sync_server.rows("sync_conflict").values()
    assert conflict["field"] == "notes"
    server_now = sync_server.scalar("SELECT now()")
    detected = datetime.fromisoformat(conflict["detected_at"]).replace(tzinfo=UTC)
    applied = sync_server.scalar(
        "SELECT min(applied_at) FROM sync_mutation WHERE mutation_id = ANY(%s)", ids
    )
    assert abs(server_now - detected) < timedelta(minutes=10), f"detected_at {detected}"
    assert abs(server_now - applied) < timedelta(minutes=10), f"applied_at {applied}"
