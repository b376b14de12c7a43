"""One push and one pull, each in one server transaction (DESIGN.md rules 1–5).

Push: the counter sends its outbox in order. Mutation ids the server already has get their stored
outcome back (a replayed push changes nothing). New rows go in with one pipelined statement per
table; changes to existing rows merge field by field: a field the counter changed from the value
the server still has takes the counter's value; a field changed on both sides keeps the
server's value and the counter's goes into `sync_conflict`. Every merged row is written even
when no field was taken, so it gets a new `server_seq` and comes back to the counter in its
next pull (the pull skipped it while the counter's edit was pending).

What the server enforces whatever this code does (migration 0003 and `server init`): commit
order of `server_seq`, no deletes, insert-only tables, allowed status changes, one row per
mutation id (primary key), and the counter role's privileges.

Pull: every row with `server_seq` above the counter's cursor, table by table (parents first),
inside one REPEATABLE READ snapshot, into one SQLite transaction with the new cursor.
"""

from __future__ import annotations

import json
import logging
from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import psycopg
from psycopg import errors as pg_errors

from basmat_desk.domain.enums import ConflictKind
from basmat_desk.domain.refusals import SERVER_RULES, Refusal, RefusalCode
from basmat_desk.domain.settings import SyncKey
from basmat_desk.store.models import BOOKKEEPING_COLUMNS, new_id
from basmat_desk.sync.codec import (
    LAST_PUSH_WINS,
    TABLE_ORDER,
    TABLES,
    TableCodec,
    dumps,
)
from basmat_desk.sync.faults import checkpoint
from basmat_desk.sync.local import LocalStore, OutboxEntry, PulledRows

log = logging.getLogger("basmat.sync")

PULL_PAGE = 5000
#: What the server may answer a row with: a rule (unique, not null, check, the workflow) or a
#: value it cannot take (too long, the wrong type, a NUL character). Each becomes a refusal
#: recorded for a supervisor; none may stop the push of the rows after it.
REFUSALS = (
    psycopg.IntegrityError,
    psycopg.DataError,
    pg_errors.RaiseException,
    pg_errors.InsufficientPrivilege,
)
MISSING = object()


@dataclass
class PushReport:
    pushed: int = 0  # mutations the server now has (new ones and replays)
    replayed: int = 0  # of which the server already had
    conflicts: int = 0
    rejected: int = 0

    def add(self, other: PushReport) -> None:
        self.pushed += other.pushed
        self.replayed += other.replayed
        self.conflicts += other.conflicts
        self.rejected += other.rejected


@dataclass
class PullReport:
    rows: int = 0
    cursor: int = 0
    skipped_pending: int = 0


@dataclass
class _Conflict:
    kind: ConflictKind
    table: str
    row_id: str
    field: str | None
    server_value: str | None
    counter_value: str | None
    refusal: Refusal | None = None


@dataclass
class _Outcome:
    mutation_id: str
    table: str
    row_id: str
    outcome: str  # applied | merged | conflict | duplicate | rejected
    conflicts: list[_Conflict] = field(default_factory=list)
    staff: str | None = None  # who made the change on the counter


# --- push ----------------------------------------------------------------------------------------


def push_batch(
    conn: psycopg.Connection[Any],
    device_id: str,
    entries: list[OutboxEntry],
    counter_name: str | None = None,
) -> tuple[PushReport, list[str]]:
    """Apply `entries` on the server in one transaction. Returns the report and the mutation
    ids the server now has (all of them, on success). `counter_name` ("name (prefix)") is
    written on the conflicts, so supervisors see which counter, not a device id."""
    report = PushReport()
    with conn.transaction():
        conn.execute("SELECT set_config('basmat.device', %s, true)", (device_id,))
        # Two pushes of one counter's outbox at once (the GUI's sync thread and `sync run
        # --once`): the second waits here, then finds every mutation already applied.
        conn.execute("SELECT basmat_push_lock(%s)", (device_id,))
        ids = [e.mutation_id for e in entries]
        known = {
            m
            for (m,) in conn.execute(
                "SELECT mutation_id FROM sync_mutation WHERE mutation_id = ANY(%s)", (ids,)
            )
        }
        report.replayed = len(known)
        fresh = [e for e in entries if e.mutation_id not in known]
        outcomes = _apply(conn, device_id, fresh)
        _record(conn, device_id, outcomes, counter_name)
        for outcome in outcomes:
            report.conflicts += sum(1 for c in outcome.conflicts if c.kind is ConflictKind.FIELD)
            report.rejected += outcome.outcome in ("rejected", "duplicate")
        checkpoint("push.applied")
    checkpoint("push.server_committed")
    report.pushed = len(entries)
    return report, ids


def _existing_ids(conn: psycopg.Connection[Any], table: str, ids: list[str]) -> set[str]:
    rows = conn.execute(f"SELECT id FROM {table} WHERE id = ANY(%s)", (ids,))
    return {row_id for (row_id,) in rows}


def _apply(
    conn: psycopg.Connection[Any], device_id: str, entries: list[OutboxEntry]
) -> list[_Outcome]:
    # In the counter's order; but new rows between two changes of existing rows go in together,
    # table by table in foreign-key order, one pipelined statement per table.
    inserts: dict[str, list[OutboxEntry]] = defaultdict(list)
    for entry in entries:
        if entry.op == "insert":
            inserts[entry.table].append(entry)
    plain: set[str] = set()
    for table, batch in inserts.items():
        existing = _existing_ids(conn, table, [e.row_id for e in batch])
        plain |= {e.mutation_id for e in batch if e.row_id not in existing}

    outcomes: dict[str, _Outcome] = {}
    waiting: dict[str, list[OutboxEntry]] = defaultdict(list)

    def flush(tables: frozenset[str] | None = None) -> None:
        for table in TABLE_ORDER:
            if tables is not None and table not in tables:
                continue
            batch = waiting.pop(table, None)
            if batch:
                for outcome in _insert_rows(conn, TABLES[table], batch):
                    outcomes[outcome.mutation_id] = outcome

    for entry in entries:
        if entry.mutation_id in plain:
            waiting[entry.table].append(entry)
            continue
        # A change can depend on new rows of its own table (a unique value moved) or of the
        # tables it points at; those go in first, the others keep waiting.
        codec = TABLES[entry.table]
        flush(codec.parents | {entry.table})
        outcomes[entry.mutation_id] = _merge(conn, codec, entry)
    flush()
    for entry in entries:
        outcomes[entry.mutation_id].staff = entry.new.get("updated_by")
    return [outcomes[e.mutation_id] for e in entries]


def _insert_sql(table: TableCodec) -> str:
    names = table.column_names
    return (
        f"INSERT INTO {table.name} ({', '.join(names)}) VALUES ({', '.join('%s' for _ in names)})"
    )


#: From this many rows on, new rows go in with COPY rather than a pipelined INSERT.
COPY_FROM = 50


def _write_rows(
    conn: psycopg.Connection[Any], table: str, names: tuple[str, ...], rows: list[tuple[Any, ...]]
) -> None:
    with conn.cursor() as cursor:
        if len(rows) >= COPY_FROM:
            with cursor.copy(f"COPY {table} ({', '.join(names)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            placeholders = ", ".join("%s" for _ in names)
            cursor.executemany(
                f"INSERT INTO {table} ({', '.join(names)}) VALUES ({placeholders})", rows
            )


def _insert_rows(
    conn: psycopg.Connection[Any], table: TableCodec, batch: list[OutboxEntry]
) -> list[_Outcome]:
    rows = [table.pg_values(e.new) for e in batch]  # to_pg reads any form the outbox holds
    try:
        with conn.transaction():
            _write_rows(conn, table.name, table.column_names, rows)
    except REFUSALS:
        # One of them is refused: take them one by one to find which.
        return [_insert_one(conn, table, entry) for entry in batch]
    return [_Outcome(e.mutation_id, table.name, e.row_id, "applied") for e in batch]


def _insert_one(conn: psycopg.Connection[Any], table: TableCodec, entry: OutboxEntry) -> _Outcome:
    sql = _insert_sql(table)
    row = table.canonical(entry.new)
    try:
        with conn.transaction():
            conn.execute(sql, table.pg_values(row))
        return _Outcome(entry.mutation_id, table.name, entry.row_id, "applied")
    except pg_errors.UniqueViolation as error:
        taken = refusal_of(error, table.name)
    except REFUSALS as error:
        return _reject(entry, table, refusal_of(error, table.name))
    # The same unique value (an ID number) is live on the server already: keep the counter's
    # row, whole, as a tombstone, and tell a supervisor.
    if row.get("deleted_at") is None:
        tombstone = dict(row, deleted_at=row.get("updated_at"))
        try:
            with conn.transaction():
                conn.execute(sql, table.pg_values(tombstone))
        except REFUSALS:
            return _reject(entry, table, taken)
        conflict = _Conflict(
            ConflictKind.DUPLICATE, table.name, entry.row_id, taken.constraint, None, dumps(row)
        )
        return _Outcome(entry.mutation_id, table.name, entry.row_id, "duplicate", [conflict])
    return _reject(entry, table, taken)


def refusal_of(error: psycopg.Error, table: str) -> Refusal:
    """Why the server refused, from the error's fields (SQLSTATE, CONSTRAINT, COLUMN, DETAIL),
    never from its text; the text goes along as `detail` for the log only."""
    diag = error.diag
    constraint = diag.constraint_name
    values: dict[str, Any] = {}
    if constraint in SERVER_RULES:
        code = SERVER_RULES[constraint]
        try:
            values = json.loads(diag.message_detail or "{}")
        except ValueError:
            values = {}
    elif isinstance(error, pg_errors.UniqueViolation):
        code = RefusalCode.TAKEN
    elif isinstance(error, pg_errors.InsufficientPrivilege):
        code = RefusalCode.FORBIDDEN
    elif isinstance(error, psycopg.IntegrityError | psycopg.DataError):
        code = RefusalCode.INVALID
    else:
        code = RefusalCode.OTHER
    return Refusal(
        code=code,
        table=diag.table_name or table,
        column=diag.column_name,
        constraint=constraint,
        source=values.get("source"),
        target=values.get("target"),
        detail=diag.message_primary or str(error),
    )


def _reject(entry: OutboxEntry, table: TableCodec, refusal: Refusal) -> _Outcome:
    log.warning(
        "push: %s %s refused by the server (%s): %s",
        table.name,
        entry.row_id,
        refusal.code,
        refusal.detail,
    )
    conflict = _Conflict(
        ConflictKind.REJECTED,
        table.name,
        entry.row_id,
        None,
        None,
        dumps(table.canonical(entry.new)),
        refusal,
    )
    return _Outcome(entry.mutation_id, table.name, entry.row_id, "rejected", [conflict])


def _merge(conn: psycopg.Connection[Any], table: TableCodec, entry: OutboxEntry) -> _Outcome:
    names = table.column_names
    current = conn.execute(
        f"SELECT {', '.join(names)} FROM {table.name} WHERE id = %s FOR UPDATE", (entry.row_id,)
    ).fetchone()
    if current is None:
        return _reject(entry, table, Refusal(RefusalCode.MISSING, table.name))
    server = table.wire_of_pg(current)
    new = table.canonical(entry.new)
    old = table.canonical(entry.old) if entry.old is not None else None
    taken: dict[str, Any] = {}
    conflicts: list[_Conflict] = []
    for name in names:
        if name in BOOKKEEPING_COLUMNS or name not in new:
            continue
        mine = new[name]
        base = old.get(name, MISSING) if old is not None else MISSING
        if base == mine or server[name] == mine:
            continue  # not changed here, or already the same
        if (base is not MISSING and server[name] == base) or (table.name, name) in LAST_PUSH_WINS:
            taken[name] = mine
        else:
            conflicts.append(
                _Conflict(
                    ConflictKind.FIELD,
                    table.name,
                    entry.row_id,
                    name,
                    dumps(server[name]),
                    dumps(mine),
                )
            )
    if table.insert_only:
        if conflicts:
            return _reject(entry, table, Refusal(RefusalCode.INSERT_ONLY, table.name))
        return _Outcome(entry.mutation_id, table.name, entry.row_id, "applied")
    if taken:
        taken["updated_at"] = new.get("updated_at")
        taken["updated_by"] = new.get("updated_by")
    try:
        with conn.transaction():
            _write(conn, table, entry.row_id, taken)
    except REFUSALS as error:
        refusal = refusal_of(error, table.name)
        log.warning(
            "push: %s %s change refused (%s): %s",
            table.name,
            entry.row_id,
            refusal.code,
            refusal.detail,
        )
        _write(conn, table, entry.row_id, {})
        refused = [
            _Conflict(
                ConflictKind.REJECTED,
                table.name,
                entry.row_id,
                name,
                dumps(server[name]),
                dumps(v),
                refusal,
            )
            for name, v in taken.items()
            if name not in BOOKKEEPING_COLUMNS
        ]
        return _Outcome(
            entry.mutation_id, table.name, entry.row_id, "rejected", refused + conflicts
        )
    outcome = "conflict" if conflicts else ("merged" if old is None else "applied")
    return _Outcome(entry.mutation_id, table.name, entry.row_id, outcome, conflicts)


def _write(
    conn: psycopg.Connection[Any], table: TableCodec, row_id: str, values: dict[str, Any]
) -> None:
    """Update the row with `values` (wire form); with none, still write it, so the row gets a
    new server_seq and every counter pulls it again."""
    if not values:
        conn.execute(
            f"UPDATE {table.name} SET server_version = server_version WHERE id = %s", (row_id,)
        )
        return
    names = list(values)
    sets = ", ".join(f"{n} = %s" for n in names)
    params = [table.column(n).to_pg(values[n]) for n in names]
    conn.execute(f"UPDATE {table.name} SET {sets} WHERE id = %s", [*params, row_id])


def _record(
    conn: psycopg.Connection[Any],
    device_id: str,
    outcomes: list[_Outcome],
    counter_name: str | None,
) -> None:
    now = conn.execute("SELECT now()").fetchone()[0]  # type: ignore[index]  # the server's clock
    conflicts = [(o, c) for o in outcomes for c in o.conflicts]
    if conflicts:
        conflict_table = TABLES["sync_conflict"]
        rows = []
        for outcome, c in conflicts:
            rows.append(
                conflict_table.pg_values(
                    {
                        "id": new_id(),
                        "server_version": 0,
                        "created_at": conflict_table.column("created_at").to_wire(now),
                        "updated_at": conflict_table.column("updated_at").to_wire(now),
                        "origin_device": device_id,
                        "kind": c.kind,
                        "table_name": c.table,
                        "row_id": c.row_id,
                        "field": c.field,
                        "server_value": c.server_value,
                        "counter_value": c.counter_value,
                        "refusal": c.refusal.to_json() if c.refusal else None,
                        "counter_device": device_id,
                        "counter_name": counter_name,
                        "counter_staff": outcome.staff,
                        "mutation_id": outcome.mutation_id,
                        "detected_at": conflict_table.column("detected_at").to_wire(now),
                    }
                )
            )
        _write_rows(conn, "sync_conflict", conflict_table.column_names, rows)
    if outcomes:
        _write_rows(
            conn,
            "sync_mutation",
            (
                "mutation_id",
                "device_id",
                "table_name",
                "row_id",
                "outcome",
                "conflicts",
                "applied_at",
            ),
            [
                (o.mutation_id, device_id, o.table, o.row_id, o.outcome, len(o.conflicts), now)
                for o in outcomes
            ],
        )


# --- pull ----------------------------------------------------------------------------------------


def fetch_changes(conn: psycopg.Connection[Any], cursor: int) -> Iterator[PulledRows]:
    """Every row changed after `cursor`, page by page, table by table (parents first). The
    caller holds one REPEATABLE READ transaction open around the whole iteration."""
    for name in TABLE_ORDER:
        table = TABLES[name]
        names = table.column_names
        seq_at = names.index("server_seq")
        deleted_at = names.index("deleted_at")
        after = cursor
        while True:
            rows = conn.execute(
                f"SELECT {table.select_list()} FROM {name} WHERE server_seq > %s "
                f"ORDER BY server_seq LIMIT {PULL_PAGE}",
                (after,),
            ).fetchall()
            if not rows:
                break
            yield PulledRows(
                table=name,
                rows=rows,
                seqs=[row[seq_at] for row in rows],
                deleted=[row[deleted_at] is not None for row in rows],
            )
            if len(rows) < PULL_PAGE:
                break
            after = rows[-1][seq_at]


def pull(
    conn: psycopg.Connection[Any], store: LocalStore, state: Mapping[SyncKey, str]
) -> PullReport:
    report = PullReport()
    cursor = store.cursor()
    with conn.transaction():
        conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        stored = store.apply_pull_stream(fetch_changes(conn, cursor), cursor, state)
    report.rows, report.cursor, report.skipped_pending = stored
    return report
