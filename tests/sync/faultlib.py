"""Helpers of the sync fault tests: counters run as processes of their own (`counter_proc`),
faults and clocks given to them, and the checks of the pass criteria (every change on the
server exactly once, nothing lost, numbers unique, declarations byte-identical)."""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import itertools
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg

from basmat_desk.domain.settings import SyncKey
from basmat_desk.store.models import BOOKKEEPING_COLUMNS
from basmat_desk.sync.codec import LAST_PUSH_WINS, TABLES
from basmat_desk.sync.faults import ENV as FAULT_ENV
from basmat_desk.sync.local import LocalStore, OutboxEntry
from tests.conftest import PASSWORD
from tests.sync import counter_proc
from tests.sync.counter_proc import SKEW_ENV

ROOT = Path(__file__).resolve().parents[2]
PROC_TIMEOUT = 60.0
LIBFAKETIME_CANDIDATES = (
    "/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1",
    "/usr/lib/aarch64-linux-gnu/faketime/libfaketime.so.1",
    "/usr/lib/faketime/libfaketime.so.1",
    "/usr/local/lib/faketime/libfaketime.so.1",
)
#: Set to 1 to skew clocks from inside the counter process even where libfaketime exists.
NO_LIBFAKETIME_ENV = "BASMAT_TEST_NO_LIBFAKETIME"
#: Set to 1 to start every counter process afresh (`python -m …`) instead of forking it from
#: the zygote (see `counter_proc.zygote`).
EXEC_ENV = "BASMAT_TEST_COUNTER_EXEC"

_seeds = itertools.count(2001)


def next_seed() -> int:
    """A seed no other counter process of this test session used (unique ID numbers)."""
    return next(_seeds)


def libfaketime() -> str | None:
    if os.environ.get(NO_LIBFAKETIME_ENV) == "1":
        return None
    return next((p for p in LIBFAKETIME_CANDIDATES if Path(p).exists()), None)


# --- counter processes ------------------------------------------------------------------------


@dataclass
class Run:
    args: tuple[str, ...]
    returncode: int
    out: dict[str, Any] | None
    stderr: str

    @property
    def killed(self) -> bool:
        return self.returncode == -signal.SIGKILL

    def describe(self) -> str:
        return f"counter_proc {' '.join(self.args)} → {self.returncode}\n{self.stderr[-4000:]}"


def counter_env(fault: str | None = None, skew_hours: float | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in (FAULT_ENV, SKEW_ENV, "FAKETIME")}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    if fault is not None:
        env[FAULT_ENV] = fault
    if skew_hours:
        library = libfaketime()
        if library is None:
            env[SKEW_ENV] = str(skew_hours)
        else:
            env["LD_PRELOAD"] = " ".join(filter(None, [library, env.get("LD_PRELOAD")]))
            env["FAKETIME"] = f"{skew_hours:+g}h"
            # A monotonic clock 72 h back may fall below zero on a fresh machine; timers and
            # timeouts only need it steady.
            env["FAKETIME_DONT_FAKE_MONOTONIC"] = "1"
    return env


class Forked:
    """A counter process forked by the zygote: the little of `Popen` the tests use."""

    def __init__(self, zygote: Zygote, number: int, out: Path, err: Path) -> None:
        self.zygote = zygote
        self.number = number
        self.out = out
        self.err = err
        self.returncode: int | None = None

    @property
    def pid(self) -> int:
        return self.zygote.pid_of(self.number)

    def poll(self) -> int | None:
        if self.returncode is None:
            self.returncode = self.zygote.status_of(self.number, timeout=0)
        return self.returncode

    def wait(self, timeout: float) -> int:
        if self.returncode is None:
            self.returncode = self.zygote.status_of(self.number, timeout=timeout)
        if self.returncode is None:
            raise subprocess.TimeoutExpired(f"counter process {self.number}", timeout)
        return self.returncode

    def kill(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)


class Zygote:
    """The fork server of `counter_proc` (one per test session, started on first use)."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="basmat-counters-"))
        with (self.folder / "zygote.err").open("w") as errors:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "tests.sync.counter_proc", "--zygote"],
                cwd=ROOT,
                env=counter_env(),
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=errors,
                text=True,
            )
        self._cond = threading.Condition()
        self._pids: dict[int, int] = {}
        self._status: dict[int, int] = {}
        self._numbers = itertools.count(1)
        self._reader = threading.Thread(target=self._read, name="zygote-reader", daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            message = json.loads(line)
            with self._cond:
                if "pid" in message:
                    self._pids[message["id"]] = message["pid"]
                else:
                    self._status[message["id"]] = message["status"]
                self._cond.notify_all()
        with self._cond:
            self._cond.notify_all()

    @property
    def alive(self) -> bool:
        return self.process.poll() is None

    def spawn(self, argv: list[str], env: dict[str, str]) -> Forked:
        number = next(self._numbers)
        out, err = self.folder / f"{number}.out", self.folder / f"{number}.err"
        request = {"id": number, "argv": argv, "env": env, "stdout": str(out), "stderr": str(err)}
        assert self.process.stdin is not None
        with self._cond:
            self.process.stdin.write(json.dumps(request) + "\n")
            self.process.stdin.flush()
        return Forked(self, number, out, err)

    def _wait(self, table: dict[int, int], number: int, timeout: float) -> int | None:
        with self._cond:
            self._cond.wait_for(lambda: number in table or not self.alive, timeout)
            if number not in table and not self.alive:
                raise AssertionError(f"the zygote died: {(self.folder / 'zygote.err').read_text()}")
            return table.get(number)

    def pid_of(self, number: int) -> int:
        pid = self._wait(self._pids, number, PROC_TIMEOUT)
        assert pid is not None, "the zygote did not fork"
        return pid

    def status_of(self, number: int, timeout: float) -> int | None:
        return self._wait(self._status, number, timeout)

    def close(self) -> None:
        assert self.process.stdin is not None
        with contextlib.suppress(OSError):
            self.process.stdin.close()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        shutil.rmtree(self.folder, ignore_errors=True)


_zygotes: list[Zygote] = []


def zygote() -> Zygote:
    if not _zygotes or not _zygotes[0].alive:
        if not _zygotes:
            atexit.register(lambda: [z.close() for z in _zygotes])
        _zygotes[:] = [Zygote()]
    return _zygotes[0]


Process = subprocess.Popen[str] | Forked


def start_counter(
    path: Path, *args: str, fault: str | None = None, skew_hours: float | None = None
) -> Process:
    """Start one counter command in a process of its own: forked from the zygote, or, when
    its clock is skewed with libfaketime (which must be loaded when the program starts),
    started afresh."""
    argv = ["--db", str(path), "--password", PASSWORD, *args]
    env = counter_env(fault, skew_hours)
    process: Process
    if "FAKETIME" in env or os.environ.get(EXEC_ENV) == "1":
        process = subprocess.Popen(
            [sys.executable, "-m", "tests.sync.counter_proc", *argv],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
    else:
        process = zygote().spawn(argv, env)
    process.args_shown = args  # type: ignore[union-attr]
    _started.append(process)
    return process


_started: list[Process] = []


def kill_leftovers() -> None:
    """Kill every counter process a test started and left running (a test that failed
    while one was paused), and forget them all."""
    for process in _started:
        with contextlib.suppress(subprocess.TimeoutExpired, AssertionError):
            if process.poll() is None:
                process.kill()
                process.wait(10)
    _started.clear()


def finish(process: Process, timeout: float = PROC_TIMEOUT) -> Run:
    if isinstance(process, Forked):
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            raise AssertionError(f"counter process did not end in {timeout} s") from None
        stdout, stderr = process.out.read_text(), process.err.read_text()
    else:
        try:
            stdout, stderr = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            stdout, stderr = process.communicate()
            raise AssertionError(f"counter process did not end in {timeout} s:\n{stderr}") from None
    lines = [line for line in stdout.splitlines() if line.strip()]
    out = json.loads(lines[-1]) if lines else None
    assert process.returncode is not None
    return Run(tuple(getattr(process, "args_shown", ())), process.returncode, out, stderr)


def run_counter(
    path: Path,
    *args: str,
    fault: str | None = None,
    skew_hours: float | None = None,
    expect: int | None = 0,
) -> Run:
    """Run one counter command to its end; check its exit status unless `expect` is None."""
    run = finish(start_counter(path, *args, fault=fault, skew_hours=skew_hours))
    if expect is not None:
        assert run.returncode == expect, run.describe()
    return run


def run_all(*commands: tuple[Path, tuple[str, ...], dict[str, Any]]) -> list[Run]:
    """Run several counter processes at once (each its own PC); all must succeed."""
    processes = [start_counter(path, *args, **options) for path, args, options in commands]
    runs = [finish(p) for p in processes]
    for run in runs:
        assert run.returncode == 0, run.describe()
    return runs


def work(*counters: Any, n: int = 3, requests: int = 1) -> list[dict[str, Any]]:
    """Local changes on each counter (in this process, through the services, as the counter's
    admin); returns what each made."""
    return [counter_proc.make_changes(c.ctx, n, next_seed(), requests) for c in counters]


def work_in_processes(
    *paths: Path, n: int = 3, requests: int = 1, skew_hours: Sequence[float | None] = ()
) -> list[dict[str, Any]]:
    """The same, each counter in a process of its own (its clock skewed by the matching
    `skew_hours`), all at once."""
    skews = list(skew_hours) or [None] * len(paths)
    runs = run_all(
        *(
            (
                path,
                ("changes", "--n", str(n), "--seed", str(next_seed()), "--requests", str(requests)),
                {"skew_hours": skew},
            )
            for path, skew in zip(paths, skews, strict=True)
        )
    )
    return [run.out for run in runs if run.out is not None]


def wait_for(predicate: Callable[[], Any], timeout: float = 15.0, what: str = "") -> Any:
    """Poll `predicate` every 20 ms until it is true; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what or predicate}")
        time.sleep(0.02)


class Pause:
    """A `STEP=pause:DIR` fault: the process stops at STEP until `resume()`."""

    def __init__(self, folder: Path, step: str) -> None:
        self.folder = folder
        self.folder.mkdir(parents=True, exist_ok=True)
        self.step = step

    @property
    def fault(self) -> str:
        return f"{self.step}=pause:{self.folder}"

    def wait(self, process: Process, timeout: float = 20.0) -> None:
        def paused() -> bool:
            if process.poll() is not None:
                run = finish(process)
                raise AssertionError(f"ended before pausing at {self.step}: {run.describe()}")
            return (self.folder / "paused").exists()

        wait_for(paused, timeout, f"the counter to pause at {self.step}")

    def resume(self) -> None:
        (self.folder / "paused").unlink()
        (self.folder / "resume").touch()


# --- reading a counter's file ---------------------------------------------------------------------


def record_outbox(path: Path) -> list[OutboxEntry]:
    """Every change the counter has committed and not yet seen the server take."""
    with LocalStore(path) as store:
        return store.outbox_batch(1_000_000)


def pending(path: Path) -> int:
    with LocalStore(path) as store:
        return store.pending_count()


def cursor_of(path: Path) -> int:
    with LocalStore(path) as store:
        return store.cursor()


def device_of(path: Path) -> str:
    with LocalStore(path) as store:
        return store.device_id()


def route_through(path: Path, port: int) -> None:
    """Send the counter's sync to 127.0.0.1:`port` (a fault proxy) from now on."""
    with LocalStore(path) as store:
        store.set_state({SyncKey.HOST: "127.0.0.1", SyncKey.PORT: str(port)})


SEARCH_TRIGGERS = [
    ("beneficiary_search_delete",),
    ("beneficiary_search_insert",),
    ("beneficiary_search_update",),
]


def assert_sqlite_sound(path: Path) -> None:
    """The counter's file is sound, its outbox empty, its name search index complete and kept
    up to date (a first pull drops the index's triggers for a while)."""
    con = sqlite3.connect(path)
    try:
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)], path
        assert con.execute("PRAGMA foreign_key_check").fetchall() == [], path
        assert con.execute("SELECT count(*) FROM sync_outbox").fetchone() == (0,), path
        assert con.execute("SELECT applying FROM sync_control").fetchone() == (0,), path
        triggers = con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' "
            "AND name LIKE 'beneficiary_search_%' ORDER BY name"
        ).fetchall()
        assert triggers == SEARCH_TRIGGERS, path
        # Compares the index with the live rows (rank 1: external content too).
        con.execute(
            "INSERT INTO beneficiary_search(beneficiary_search, rank) VALUES ('integrity-check', 1)"
        )
    finally:
        con.close()


# --- the pass criteria ----------------------------------------------------------------------------


def _pg(server: Any) -> psycopg.Connection[Any]:
    return psycopg.connect(server.conninfo)


def assert_exactly_once(
    server: Any, entries: list[OutboxEntry], device_id: str, *, final_values: bool = True
) -> dict[str, tuple[str, int]]:
    """Every recorded mutation is on the server once, from this device; each conflict it had is
    recorded; every row it made exists there (or is recorded whole as refused); and, with
    `final_values`, every row this counter alone changed holds the counter's last values.
    Returns {mutation id: (outcome, conflicts)}."""
    ids = [e.mutation_id for e in entries]
    assert ids, "nothing was recorded: the test made no change"
    assert len(set(ids)) == len(ids)
    with _pg(server) as conn:
        counted = conn.execute(
            "SELECT mutation_id, count(*), min(device_id), max(device_id), min(outcome), "
            "min(conflicts) FROM sync_mutation WHERE mutation_id = ANY(%s) GROUP BY mutation_id",
            (ids,),
        ).fetchall()
        conflicts = dict(
            conn.execute(
                "SELECT mutation_id, count(*) FROM sync_conflict WHERE mutation_id = ANY(%s) "
                "GROUP BY mutation_id",
                (ids,),
            ).fetchall()
        )
        shared = set(
            conn.execute(
                "SELECT DISTINCT table_name, row_id FROM sync_mutation "
                "WHERE device_id <> %s AND row_id = ANY(%s)",
                (device_id, list({e.row_id for e in entries})),
            ).fetchall()
        )
    found = {row[0]: row for row in counted}
    missing = [e for e in entries if e.mutation_id not in found]
    assert not missing, f"{len(missing)} changes never reached the server: {missing[:3]}"
    outcomes = {}
    for mutation_id, count, first_device, last_device, outcome, n_conflicts in counted:
        assert count == 1, f"mutation {mutation_id} is on the server {count} times"
        assert first_device == last_device == device_id, mutation_id
        assert conflicts.get(mutation_id, 0) == n_conflicts, f"conflicts of {mutation_id} lost"
        outcomes[mutation_id] = (outcome, n_conflicts)

    last: dict[tuple[str, str], OutboxEntry] = {}
    clean: dict[tuple[str, str], bool] = {}
    for entry in entries:
        key = (entry.table, entry.row_id)
        last[key] = entry
        outcome, n_conflicts = outcomes[entry.mutation_id]
        clean[key] = clean.get(key, True) and outcome in ("applied", "merged") and not n_conflicts
    by_table: dict[str, dict[str, dict[str, Any]]] = {}
    for (table, row_id), entry in last.items():
        rows = by_table.setdefault(table, server.rows(table))
        if not clean[(table, row_id)]:
            continue  # the conflict rows checked above hold what the server did not take
        assert row_id in rows, f"{table} {row_id} is not on the server"
        if not final_values or (table, row_id) in shared:
            continue  # another counter changed it too: whose value stands is another test's
        codec = TABLES[table]
        mine = codec.canonical(entry.new)
        theirs = rows[row_id]
        for name, value in mine.items():
            if name in BOOKKEEPING_COLUMNS or (table, name) in LAST_PUSH_WINS:
                continue
            assert theirs[name] == value, f"{table} {row_id}.{name}: {theirs[name]!r} ≠ {value!r}"
    return outcomes


def assert_numbers_unique(server: Any) -> None:
    """No ticket, request or letter number is on the server twice."""
    with _pg(server) as conn:
        for query in (
            "SELECT service_date, prefix, number, count(*) FROM ticket "
            "GROUP BY 1, 2, 3 HAVING count(*) > 1",
            "SELECT request_number, count(*) FROM support_request GROUP BY 1 HAVING count(*) > 1",
            "SELECT reference_number, count(*) FROM letter GROUP BY 1 HAVING count(*) > 1",
        ):
            assert conn.execute(query).fetchall() == [], query


def assert_made_on_server(server: Any, made: dict[str, Any]) -> None:
    """What one `changes` run made is on the server, numbers and declarations as made."""
    beneficiaries = server.rows("beneficiary")
    assert set(made["beneficiaries"]) <= beneficiaries.keys()
    assert set(made["contacts"]) <= server.rows("contact").keys()
    tickets = server.rows("ticket")
    for ticket in made["tickets"]:
        row = tickets[ticket["id"]]
        assert (row["service_date"], f"{row['prefix']}-{row['number']:03d}") == (
            ticket["service_date"],
            ticket["label"],
        )
    requests = server.rows("support_request")
    for request in made["requests"]:
        assert requests[request["id"]]["request_number"] == request["number"]
    letters = server.rows("letter")
    for letter in made["letters"]:
        assert letters[letter["id"]]["reference_number"] == letter["number"]
    with _pg(server) as conn:
        for declaration in made["declarations"]:
            snapshot, signature, sha = conn.execute(
                "SELECT snapshot_json, signature_png, content_sha256 FROM declaration "
                "WHERE id = %s",
                (declaration["id"],),
            ).fetchone()
            assert hashlib.sha256(snapshot.encode()).hexdigest() == declaration["snapshot_sha256"]
            assert sha == declaration["snapshot_sha256"]
            assert hashlib.sha256(signature).hexdigest() == declaration["signature_sha256"]


def assert_declarations_identical(server: Any, paths: Iterable[Path]) -> None:
    """Every declaration's bytes are the same on the server and on every counter."""
    columns = "id, snapshot_json, signature_png, signature_kind, content_sha256, template_version"
    with _pg(server) as conn:
        expected = {
            row[0]: (row[1].encode(), bytes(row[2] or b""), *row[3:])
            for row in conn.execute(f"SELECT {columns} FROM declaration")
        }
    assert expected, "no declaration to compare"
    for row_id, (snapshot, _sig, _kind, sha, _v) in expected.items():
        assert hashlib.sha256(snapshot).hexdigest() == sha, row_id
    for path in paths:
        con = sqlite3.connect(path)
        try:
            got = {
                row[0]: (row[1].encode(), bytes(row[2] or b""), *row[3:])
                for row in con.execute(f"SELECT {columns} FROM declaration")
            }
        finally:
            con.close()
        assert got == expected, f"declarations differ on {path.name}"


def assert_healed(
    server: Any,
    counters: list[Any],
    recorded: dict[str, list[OutboxEntry]],
    made: Iterable[dict[str, Any]] = (),
    *,
    final_values: bool = True,
) -> None:
    """The pass criteria, after healing: exactly once, converged, numbers unique,
    declarations byte-identical, counters' files sound."""
    from tests.sync.conftest import assert_converged

    for counter in counters:
        entries = recorded.get(counter.name)
        if entries:
            assert_exactly_once(server, entries, device_of(counter.path), final_values=final_values)
    for one in made:
        assert_made_on_server(server, one)
    assert_converged(server, counters)
    assert_numbers_unique(server)
    if any(one["declarations"] for one in made):
        assert_declarations_identical(server, [c.path for c in counters])
    for counter in counters:
        assert_sqlite_sound(counter.path)


def heal(counters: list[Any], rounds: int = 2) -> None:
    """Every counter syncs again, without faults, twice round."""
    from tests.sync.conftest import sync_all

    sync_all(counters, rounds)
