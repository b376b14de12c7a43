"""Sync measurements for `run.py`: a counter's push and first pull, push throughput against a bare
psycopg COPY, and how long a change takes to reach another online counter.

Everything runs against a PostgreSQL server started here (a throwaway `TempCluster`, stopped by
`stop_server()`), or the one BASMAT_TEST_PG_URL names (a superuser URL, as for the tests). Each
benchmark gets its own server database, copied from one initialised template (`server init`)
and dropped at the end, with its counters' roles.

The functions here only measure: each returns its samples (milliseconds, or rows per second),
and `run.py` turns them into rows with their targets.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import random
import shutil
import sqlite3
import statistics
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql

ADMIN_USER = "admin"
ADMIN_PASSWORD = "correct horse 1"
SYNC_TIMEOUT = 120.0


# --- the server -------------------------------------------------------------------------------


class _Server:
    """The PostgreSQL server the sync benchmarks share: started on first use, stopped once."""

    def __init__(self) -> None:
        self.cluster: Any = None
        self._url: str | None = None
        self._template: str | None = None

    def url(self) -> str:
        """A superuser's SQLAlchemy URL of the server's `postgres` database."""
        if self._url is not None:
            return self._url
        from sqlalchemy.engine import make_url

        given = os.environ.get("BASMAT_TEST_PG_URL")
        if given:
            parsed = make_url(given)
            if parsed.drivername == "postgresql":
                parsed = parsed.set(drivername="postgresql+psycopg")
            self._url = parsed.render_as_string(hide_password=False)
            return self._url
        from tests.pg import TempCluster, find_pg_bin_dir

        bin_dir = find_pg_bin_dir()
        if bin_dir is None:
            raise RuntimeError(
                "sync benchmarks need PostgreSQL: install it (initdb, pg_ctl) or set "
                "BASMAT_TEST_PG_URL to a superuser's URL"
            )
        print("starting a throwaway PostgreSQL cluster …", flush=True)
        cluster = TempCluster(bin_dir)
        cluster.start()
        self.cluster = cluster
        self._url = cluster.url
        return self._url

    def admin(self) -> psycopg.Connection[Any]:
        from basmat_desk.sync.server import pg_conninfo

        return psycopg.connect(pg_conninfo(self.url()), autocommit=True)

    def template(self) -> str:
        """A database initialised once (`server init`); benchmark databases copy it."""
        if self._template is None:
            from basmat_desk.sync.server import init_server

            name = f"basmat_bench_tpl_{uuid.uuid4().hex[:8]}"
            with self.admin() as conn:
                conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            init_server(self.url_of(name))
            self._template = name
        return self._template

    def url_of(self, dbname: str) -> str:
        from sqlalchemy.engine import make_url

        url = make_url(self.url()).set(database=dbname)
        return url.render_as_string(hide_password=False)

    def create(self, source: str | None = None) -> str:
        """A new database copied from `source` (default: the template), initialised for its own
        counters; returns its name."""
        from basmat_desk.sync.server import init_server

        name = f"basmat_bench_{uuid.uuid4().hex[:10]}"
        with self.admin() as conn:
            conn.execute(
                sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                    sql.Identifier(name), sql.Identifier(source or self.template())
                )
            )
        init_server(self.url_of(name))
        return name

    def drop(self, dbname: str) -> None:
        """Drop a benchmark database and the roles made for it (best effort)."""
        from basmat_desk.sync.server import group_role

        with self.admin() as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(dbname))
            )
            group = group_role(dbname)
            members = conn.execute(
                "SELECT r.rolname FROM pg_roles r JOIN pg_auth_members m ON m.member = r.oid "
                "JOIN pg_roles g ON g.oid = m.roleid WHERE g.rolname = %s",
                (group,),
            ).fetchall()
            for role in [name for (name,) in members] + [group]:
                with contextlib.suppress(psycopg.Error):
                    conn.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(role)))

    def stop(self) -> None:
        with contextlib.suppress(Exception):
            if self._template is not None:
                self.drop(self._template)
        self._template = None
        if self.cluster is not None:
            self.cluster.stop()
            self.cluster = None
        self._url = None


SERVER = _Server()


def stop_server() -> None:
    """Drop the template and stop the cluster, if the sync benchmarks started one."""
    SERVER.stop()


@contextlib.contextmanager
def server_database(source: str | None = None) -> Iterator[str]:
    name = SERVER.create(source)
    try:
        yield name
    finally:
        SERVER.drop(name)


# --- counters ---------------------------------------------------------------------------------


@contextlib.contextmanager
def fast_password_hashing() -> Iterator[None]:
    """Few PBKDF2 iterations while counters are made (as `tests/conftest.py` does)."""
    from basmat_desk.services import passwords

    saved = passwords.ITERATIONS
    passwords.ITERATIONS = 1000
    try:
        yield
    finally:
        passwords.ITERATIONS = saved


def migrated_file(work: Path) -> Path:
    """An empty database file at the current schema, made once in `work` (copied per counter:
    migrating takes a while, copying does not)."""
    from basmat_desk.store.db import make_engine, sqlite_url, upgrade
    from basmat_desk.store.revision import SCHEMA_REVISION

    path = work / f"sync-migrated-{SCHEMA_REVISION}.sqlite"
    if not path.exists():
        partial = path.with_suffix(".partial")
        partial.unlink(missing_ok=True)
        engine = make_engine(sqlite_url(partial))
        try:
            upgrade(engine)
            with engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            engine.dispose()
        partial.rename(path)
    return path


@dataclass
class Counter:
    """One counter PC: its database file, the services signed in as the admin, its client."""

    name: str
    prefix: str
    path: Path
    ctx: Any
    client: Any

    def close(self) -> None:
        self.client.close()
        bind = self.ctx.sessions.kw.get("bind")
        if bind is not None:
            bind.dispose()


@dataclass
class Installation:
    """A server database and the counters enrolled in it."""

    dbname: str
    work: Path
    counters: list[Counter] = field(default_factory=list)
    _prefixes: Iterator[str] = field(
        default_factory=lambda: (
            a + b for a in "BCDEFGHJKLMNPQRSTUVWXYZ" for b in ("", *"ABCDEFGHJKLMNPQRSTUVWXYZ")
        )
    )

    @property
    def url(self) -> str:
        return SERVER.url_of(self.dbname)

    def code(self, name: str, prefix: str) -> str:
        from basmat_desk.sync.server import add_counter

        return add_counter(self.url, name, prefix, sslmode="disable").encode()

    def next_prefix(self) -> str:
        return next(self._prefixes)

    def fresh_file(self, prefix: str) -> Path:
        path = self.work / f"counter-{prefix}-{uuid.uuid4().hex[:6]}.sqlite"
        shutil.copy(migrated_file(self.work.parent), path)
        return path

    def counter(self) -> Counter:
        """Enrol a counter (a fresh file, opened by the application) and sign its admin in.
        The first counter creates the installation's administrator; later ones pull it."""
        from basmat_desk.services.bootstrap import open_local
        from basmat_desk.services.staff import create_first_admin, login
        from basmat_desk.sync.client import SyncClient

        prefix = self.next_prefix()
        name = f"كاونتر {prefix}"
        path = self.fresh_file(prefix)
        with fast_password_hashing():
            ctx = open_local(path)
            if not self.counters:
                create_first_admin(ctx, ADMIN_USER, "مدير النظام", ADMIN_PASSWORD)
            client = SyncClient(path, timeout=SYNC_TIMEOUT)
            client.enroll(self.code(name, prefix))
            ctx = ctx.acting_as(login(ctx, ADMIN_USER, ADMIN_PASSWORD))
        counter = Counter(name, prefix, path, ctx, client)
        self.counters.append(counter)
        counter.client.sync_once()  # the sign-in is a change too
        return counter

    def close(self) -> None:
        for counter in self.counters:
            counter.close()


@contextlib.contextmanager
def installation(work: Path, source: str | None = None) -> Iterator[Installation]:
    folder = work / f"sync-{uuid.uuid4().hex[:8]}"
    folder.mkdir(parents=True)
    with server_database(source) as dbname:
        inst = Installation(dbname, folder)
        try:
            yield inst
        finally:
            inst.close()
            shutil.rmtree(folder, ignore_errors=True)


def timed_ms(run: Callable[[], object]) -> float:
    started = time.perf_counter()
    run()
    return (time.perf_counter() - started) * 1000


def interleaved(
    run: int, ours: Callable[[], object], bare: Callable[[], float]
) -> tuple[float, float]:
    """Milliseconds of `ours` and of the baseline `bare` (which times itself, leaving out its
    preparation), in turns first and second, so that a warm cache favours neither."""
    if run % 2:
        base = bare()
        return timed_ms(ours), base
    mine = timed_ms(ours)
    return mine, bare()


# --- realistic input: people and contacts of a demo database ----------------------------------

PEOPLE_DEMO = 20_000  # beneficiaries of the demo the people and contacts below come from
PEOPLE_DEMO_DAYS = 30


def people_demo(work: Path) -> Path:
    """A demo database the benchmarks take people and contacts from, made once in `work` (for
    each schema version: its rows are copied whole into counters)."""
    from basmat_desk.demo import generate_demo
    from basmat_desk.store.revision import SCHEMA_REVISION

    path = work / f"sync-people-{PEOPLE_DEMO}-{SCHEMA_REVISION}.sqlite"
    if not path.exists():
        print(f"generating a demo database of {PEOPLE_DEMO:,} people for sync …", flush=True)
        partial = path.with_suffix(".partial")
        partial.unlink(missing_ok=True)
        generate_demo(partial, beneficiaries=PEOPLE_DEMO, days=PEOPLE_DEMO_DAYS)
        partial.rename(path)
    return path


def read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def demo_people(work: Path) -> list[Any]:
    """Every demo beneficiary as the registration form gives it (`BeneficiaryData`)."""
    from basmat_desk.domain.beneficiary import BeneficiaryData
    from basmat_desk.domain.enums import Gender, IdType, MaritalStatus
    from basmat_desk.services.beneficiaries import _DATA_COLUMNS

    columns = list(_DATA_COLUMNS)
    with contextlib.closing(read_only(people_demo(work))) as conn:
        rows = conn.execute(
            f"SELECT {', '.join(columns)} FROM beneficiary ORDER BY rowid"
        ).fetchall()
    people = []
    for row in rows:
        values = dict(zip(columns, row, strict=True))
        values["id_type"] = IdType(values["id_type"])
        values["gender"] = Gender(values["gender"])
        if values["marital_status"] is not None:
            values["marital_status"] = MaritalStatus(values["marital_status"])
        if values["birth_date"] is not None:
            values["birth_date"] = date.fromisoformat(values["birth_date"])
        people.append(BeneficiaryData(**values))
    return people


def demo_contacts(work: Path) -> list[tuple[str, str, str | None, str | None, str | None]]:
    """(channel, direction, purpose, inquiry, answer) of every demo contact."""
    with contextlib.closing(read_only(people_demo(work))) as conn:
        return conn.execute(
            "SELECT channel, direction, purpose, inquiry, answer FROM contact ORDER BY rowid"
        ).fetchall()


def register(counter: Counter, people: Iterator[Any]) -> Any:
    """Register the next person of `people` who is not taken for someone already on file (the
    duplicate check refuses those, writing nothing)."""
    from basmat_desk.services.beneficiaries import (
        DuplicateIdNumber,
        PossibleDuplicates,
        register_beneficiary,
    )

    for data in people:
        try:
            return register_beneficiary(counter.ctx, data)
        except (PossibleDuplicates, DuplicateIdNumber):
            continue
    raise RuntimeError("the demo ran out of people")


# --- 1. push of 1,000 queued changes ----------------------------------------------------------

PUSH_CHANGES = 1_000  # each visit below queues 8: a registration (the person and its audit
# entry), a ticket (ticket, number sequence, two audit entries), a contact (and its audit entry)


@dataclass
class PushSamples:
    ours: list[float]  # ms: push_only() until the outbox is empty
    base: list[float]  # ms: the same rows upserted with bare psycopg executemany
    changes: list[int]  # outbox entries pushed in each run
    tables: dict[str, int]  # entries per table, in the first run


def _visit(counter: Counter, people: Iterator[Any], contacts: Iterator[Any]) -> None:
    from basmat_desk.services.contacts import ContactInput, log_contact
    from basmat_desk.services.queue import issue_ticket

    record = register(counter, people)
    channel, direction, purpose, inquiry, answer = next(contacts)
    ticket = issue_ticket(counter.ctx, purpose=purpose, beneficiary_id=record.id)
    log_contact(
        counter.ctx,
        ContactInput(
            channel=channel,
            direction=direction,
            purpose=purpose,
            inquiry=inquiry,
            answer=answer,
            beneficiary_id=record.id,
            ticket_id=ticket.id,
        ),
    )


def _upsert_sql(table: Any) -> str:
    names = table.column_names
    updates = ", ".join(f"{n} = EXCLUDED.{n}" for n in names if n != "id")
    return (
        f"INSERT INTO {table.name} ({', '.join(names)}) "
        f"VALUES ({', '.join('%s' for _ in names)}) ON CONFLICT (id) DO UPDATE SET {updates}"
    )


def bare_upsert(url: str, entries: list[Any]) -> float:
    """Milliseconds to connect and write the outbox entries' rows (their new values) with one
    bare `executemany` upsert per table, parents first, in one transaction."""
    from basmat_desk.sync.codec import TABLE_ORDER, TABLES
    from basmat_desk.sync.server import pg_conninfo

    by_table: dict[str, list[tuple[Any, ...]]] = {}
    for entry in entries:
        table = TABLES[entry.table]
        by_table.setdefault(entry.table, []).append(table.pg_values(table.canonical(entry.new)))
    started = time.perf_counter()
    with psycopg.connect(pg_conninfo(url)) as conn, conn.transaction(), conn.cursor() as cursor:
        for name in TABLE_ORDER:
            if name in by_table:
                cursor.executemany(_upsert_sql(TABLES[name]), by_table[name])
    return (time.perf_counter() - started) * 1000


def measure_push(work: Path, runs: int) -> PushSamples:
    people = iter(demo_people(work))
    contacts = itertools.cycle(demo_contacts(work))
    samples = PushSamples([], [], [], {})
    with installation(work) as inst:
        counter = inst.counter()
        store = counter.client.store
        # The baseline writes into a copy of the server as it is now (the admin, the
        # counter's sign-in), so the same rows meet the same foreign keys and triggers.
        with server_database(inst.dbname) as scratch:
            scratch_url = SERVER.url_of(scratch)
            for run in range(runs):
                while store.pending_count() < PUSH_CHANGES:
                    _visit(counter, people, contacts)
                entries = store.outbox_batch(10 * PUSH_CHANGES)
                if run == 0:
                    for entry in entries:
                        key = f"{entry.table} {entry.op}"
                        samples.tables[key] = samples.tables.get(key, 0) + 1
                samples.changes.append(len(entries))
                ours, base = interleaved(
                    run, counter.client.push_only, partial(bare_upsert, scratch_url, entries)
                )
                samples.ours.append(ours)
                samples.base.append(base)
                if store.pending_count():
                    raise RuntimeError(f"push left {store.pending_count()} changes queued")
    return samples


# --- 2. first pull of 100,000 rows ------------------------------------------------------------


@dataclass
class PullSamples:
    ours: list[float]  # ms: enroll() of a fresh counter (its first sync: the pull of everything)
    base: list[float]  # ms: bare SELECT + sqlite3 executemany into an empty file, search index
    # triggers dropped and the index rebuilt at the end (as the first pull does)
    rows: int  # rows on the server, which every run pulled
    tables: dict[str, int]


def fill_server(url: str, demo: Path, folder: Path) -> dict[str, int]:
    """Copy every synced row of the demo database to the server (COPY, one transaction): the
    rows a counter holding that demo would have pushed, stamped by the server's own triggers.

    The values go as SQLite holds them, which PostgreSQL reads as the push's values would be:
    timestamps are UTC (the session's time zone here), booleans 0/1, dates ISO."""
    from basmat_desk.store.db import open_database
    from basmat_desk.sync.codec import TABLE_ORDER, TABLES
    from basmat_desk.sync.server import pg_conninfo

    copy = folder / "source.sqlite"
    shutil.copy(demo, copy)
    engine, _sessions = open_database(copy)  # migrated to the current schema, if it is older
    engine.dispose()
    counts: dict[str, int] = {}
    with (
        contextlib.closing(read_only(copy)) as source,
        psycopg.connect(pg_conninfo(url)) as conn,
        conn.transaction(),
        conn.cursor() as cursor,
    ):
        cursor.execute("SET LOCAL TimeZone = 'UTC'")
        for name in TABLE_ORDER:
            names = ", ".join(TABLES[name].column_names)
            rows = source.execute(f"SELECT {names} FROM {name} ORDER BY rowid")
            count = 0
            with cursor.copy(f"COPY {name} ({names}) FROM STDIN") as pipe:
                for row in rows:
                    pipe.write_row(row)
                    count += 1
            if count:
                counts[name] = count
    copy.unlink()
    return counts


def bare_pull(url: str, path: Path) -> float:
    """Milliseconds to connect, SELECT every synced row with psycopg and write it with one
    sqlite3 executemany per table into the (empty) file at `path`, in one transaction: the
    same rows and the same value conversion as a pull (done by PostgreSQL in the SELECT), and
    the same handling of the name search index as a first pull (`LocalStore.apply_pull_stream`:
    its triggers dropped, the same function doing it, then put back and the index rebuilt once
    at the end), without the pull's paging or bookkeeping."""
    from basmat_desk.store.models import SEARCH_INDEX
    from basmat_desk.sync.codec import TABLE_ORDER, TABLES
    from basmat_desk.sync.local import _drop_search_triggers, connect
    from basmat_desk.sync.server import pg_conninfo

    started = time.perf_counter()
    target = connect(path)
    try:
        with psycopg.connect(pg_conninfo(url)) as conn:
            target.execute("BEGIN IMMEDIATE")
            search_triggers = _drop_search_triggers(target)
            if not search_triggers:
                raise RuntimeError("no search index triggers to drop: the baseline is stale")
            for name in TABLE_ORDER:
                table = TABLES[name]
                names = ", ".join(table.column_names)
                rows = conn.execute(f"SELECT {table.select_list()} FROM {name}").fetchall()
                values = ", ".join("?" for _ in table.column_names)
                target.executemany(f"INSERT INTO {name} ({names}) VALUES ({values})", rows)
            for statement in search_triggers:
                target.execute(statement)
            target.execute(f"INSERT INTO {SEARCH_INDEX}({SEARCH_INDEX}) VALUES ('rebuild')")
            target.execute("COMMIT")
    finally:
        target.close()
    return (time.perf_counter() - started) * 1000


def measure_first_pull(work: Path, demo: Path, runs: int) -> PullSamples:
    """A server holding the demo's rows; each run a fresh counter (a new file, opened by the
    application) enrols, and `enroll()` is timed: it claims the code, queues nothing (the file
    is empty) and runs the first sync, whose pull brings every row."""
    from basmat_desk.services.bootstrap import open_local
    from basmat_desk.sync.client import SyncClient

    with installation(work) as inst:
        print(f"filling the server with the rows of {demo.name} …", flush=True)
        started = time.perf_counter()
        tables = fill_server(inst.url, demo, inst.work)
        total = sum(tables.values())
        print(f"  {total:,} rows in {time.perf_counter() - started:.1f} s", flush=True)
        samples = PullSamples([], [], total, tables)
        for run in range(runs):
            prefix = inst.next_prefix()
            path = inst.fresh_file(prefix)
            bind = open_local(path).sessions.kw.get("bind")
            if bind is not None:
                bind.dispose()
            code = inst.code(f"كاونتر {prefix}", prefix)
            base_path = inst.fresh_file(f"bare{run}")

            def first_pull(path: Path = path, code: str = code) -> None:
                with SyncClient(path, timeout=SYNC_TIMEOUT) as client:
                    report = client.enroll(code)
                if report.pull.rows != total:
                    raise RuntimeError(f"the first pull brought {report.pull.rows} of {total}")

            ours, base = interleaved(run, first_pull, partial(bare_pull, inst.url, base_path))
            samples.ours.append(ours)
            samples.base.append(base)
            path.unlink()
            base_path.unlink()
    return samples


# --- 3. push throughput against a bare psycopg COPY --------------------------------------------

THROUGHPUT_ROWS = 5_000


@dataclass
class ThroughputSamples:
    ours: list[float]  # rows/s: push_only() of the counter's outbox of new beneficiaries
    base: list[float]  # rows/s: one bare COPY of the same rows into the same table
    ours_ms: list[float]
    base_ms: list[float]
    rows: int


def bare_copy(url: str, table_name: str, rows: list[tuple[Any, ...]]) -> float:
    """Milliseconds to connect and write `rows` with one bare `COPY … FROM STDIN`, in one
    transaction: how the push writes new rows from `protocol.COPY_FROM` rows a table on."""
    from basmat_desk.sync.codec import TABLES
    from basmat_desk.sync.server import pg_conninfo

    names = ", ".join(TABLES[table_name].column_names)
    started = time.perf_counter()
    with (
        psycopg.connect(pg_conninfo(url)) as conn,
        conn.transaction(),
        conn.cursor() as cursor,
        cursor.copy(f"COPY {table_name} ({names}) FROM STDIN") as copy,
    ):
        for row in rows:
            copy.write_row(row)
    return (time.perf_counter() - started) * 1000


def measure_throughput(work: Path, runs: int) -> ThroughputSamples:
    """Each run: THROUGHPUT_ROWS new demo beneficiaries written into an enrolled counter's file
    (its triggers queue them), then pushed; the baseline COPYs the same rows, with the values
    the push sends, into the same table of a second database initialised the same way
    (triggers and all), which receives the same rows run after run. The push writes them with
    COPY too (`protocol._write_rows`, from `COPY_FROM` rows on), so the ratio is the cost of
    everything else the push does: reading the outbox, checking known mutations and existing
    ids, recording each mutation, clearing the outbox."""
    from basmat_desk.sync.codec import TABLES
    from basmat_desk.sync.protocol import COPY_FROM

    if THROUGHPUT_ROWS < COPY_FROM:
        raise RuntimeError(f"the push COPYs from {COPY_FROM} rows on; this run has fewer")

    table = TABLES["beneficiary"]
    names = table.column_names
    with contextlib.closing(read_only(people_demo(work))) as source:
        demo_rows = source.execute(
            f"SELECT {', '.join(names)} FROM beneficiary ORDER BY rowid"
        ).fetchall()
    if len(demo_rows) < runs * THROUGHPUT_ROWS:
        raise RuntimeError(f"the people demo has {len(demo_rows)} rows, fewer than needed")
    samples = ThroughputSamples([], [], [], [], THROUGHPUT_ROWS)
    with installation(work) as inst, server_database() as scratch:
        counter = inst.counter()
        store = counter.client.store
        insert = (
            f"INSERT INTO beneficiary ({', '.join(names)}) VALUES ({', '.join('?' for _ in names)})"
        )
        for run in range(runs):
            chunk = demo_rows[run * THROUGHPUT_ROWS : (run + 1) * THROUGHPUT_ROWS]
            with store.transaction() as con:
                con.executemany(insert, chunk)
            entries = store.outbox_batch(2 * THROUGHPUT_ROWS)
            if len(entries) != THROUGHPUT_ROWS:
                raise RuntimeError(f"{len(entries)} changes queued, not {THROUGHPUT_ROWS}")
            rows = [table.pg_values(table.canonical(e.new)) for e in entries]
            ours_ms, base_ms = interleaved(
                run,
                counter.client.push_only,
                partial(bare_copy, SERVER.url_of(scratch), "beneficiary", rows),
            )
            if store.pending_count():
                raise RuntimeError(f"push left {store.pending_count()} changes queued")
            samples.ours_ms.append(ours_ms)
            samples.base_ms.append(base_ms)
            samples.ours.append(THROUGHPUT_ROWS / ours_ms * 1000)
            samples.base.append(THROUGHPUT_ROWS / base_ms * 1000)
    return samples


# --- 4. propagation between two online counters ------------------------------------------------

PROPAGATIONS = 30
VISIBLE_POLL = 0.005  # seconds between two looks at the other counter's file
VISIBLE_TIMEOUT = 30.0


@dataclass
class PropagationSamples:
    ours: list[float]  # ms: commit on A → the row in B's file, both agents running
    base: list[float]  # ms: commit on A → the row in B's file, by A's push_only + B's pull_only


def wait_visible(conn: sqlite3.Connection, beneficiary_id: str, started: float) -> float:
    """Milliseconds from `started` until the row is in the file `conn` reads."""
    while True:
        found = conn.execute("SELECT 1 FROM beneficiary WHERE id = ?", (beneficiary_id,))
        if found.fetchone() is not None:
            return (time.perf_counter() - started) * 1000
        if time.perf_counter() - started > VISIBLE_TIMEOUT:
            raise RuntimeError(f"beneficiary {beneficiary_id} did not reach the other counter")
        time.sleep(VISIBLE_POLL)


def measure_propagation(work: Path, changes: int = PROPAGATIONS) -> PropagationSamples:
    """Counters A and B enrolled. Baseline first: A registers someone, then syncs by hand
    (push_only on A, pull_only on B). Then both run their background agent (`SyncThread`, the
    default settings of `sync run`) and A registers `changes` more people, one at a time at
    random moments; each time, B's file is read every 5 ms until the person is there."""
    from basmat_desk.sync.agent import SyncAgent, SyncThread

    people = iter(demo_people(work))
    rng = random.Random(1447)
    samples = PropagationSamples([], [])
    with installation(work) as inst:
        a = inst.counter()
        b = inst.counter()
        a.client.sync_once()  # B's sign-in reaches A, so neither has anything left to send
        with contextlib.closing(read_only(b.path)) as seen_by_b:
            for _ in range(max(10, changes // 3)):
                record = register(a, people)
                started = time.perf_counter()
                a.client.push_only()
                b.client.pull_only()
                samples.base.append(wait_visible(seen_by_b, record.id, started))
            threads = [SyncThread(SyncAgent(c.path, timeout=SYNC_TIMEOUT)) for c in (a, b)]
            for thread in threads:
                thread.start()
            try:
                deadline = time.monotonic() + 30
                while any(t.agent.syncs == 0 for t in threads):  # both online
                    if time.monotonic() > deadline:
                        raise RuntimeError("the sync agents did not come online")
                    time.sleep(0.05)
                for _ in range(changes):
                    time.sleep(rng.uniform(0.1, 0.4))  # at random moments of the agents' loops
                    record = register(a, people)
                    started = time.perf_counter()
                    samples.ours.append(wait_visible(seen_by_b, record.id, started))
            finally:
                for thread in threads:
                    thread.stop()
    return samples


def summary(label: str, samples: list[float]) -> str:
    runs = ", ".join(f"{v:,.0f}" for v in samples)
    return f"{label}: median {statistics.median(samples):,.0f} ms (each: {runs})"
