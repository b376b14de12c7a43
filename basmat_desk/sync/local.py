"""The counter's side of sync, on the standard `sqlite3` module (no ORM, no audit hook: a pull
writes the server's rows as they are, and those rows carry their own audit entries).

Every write here is one `BEGIN IMMEDIATE` transaction, so the GUI's worker, writing through the
services at the same time, waits for it (busy timeout) and never interleaves with it.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

from basmat_desk.domain.settings import DeviceKey, SyncKey
from basmat_desk.domain.workflow import INITIAL_STATUS, status_path
from basmat_desk.store.models import SEARCH_INDEX
from basmat_desk.sync.codec import TABLE_ORDER, TABLES, TableCodec
from basmat_desk.sync.faults import checkpoint

log = logging.getLogger("basmat.sync")

NOW = "strftime('%Y-%m-%d %H:%M:%f', 'now')"
#: What a counter brings at enrolment rather than pushes: the server's to change afterwards.
ENROLMENT_TABLES = ("staff", "setting")


@dataclass(frozen=True, slots=True)
class OutboxEntry:
    seq: int
    mutation_id: str
    table: str
    row_id: str
    op: str  # "insert" | "update"
    old: dict[str, Any] | None
    new: dict[str, Any]
    base_version: int | None


@dataclass(frozen=True, slots=True)
class PulledRows:
    """Rows of one table from the server: each a tuple in the codec's column order, already in
    SQLite form, with its server_seq alongside."""

    table: str
    rows: list[tuple[Any, ...]]
    seqs: list[int]
    deleted: list[bool]


def connect(path: Path | str) -> sqlite3.Connection:
    con = sqlite3.connect(str(path), timeout=30, isolation_level=None, check_same_thread=False)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA foreign_keys=ON")
    con.execute("PRAGMA busy_timeout=30000")
    con.execute("PRAGMA synchronous=NORMAL")
    con.execute("PRAGMA cache_size=-131072")  # 128 MiB at most, for big pulls
    return con


class LocalStore:
    """One counter's database file, as sync sees it."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._con = connect(self.path)

    def close(self) -> None:
        self._con.close()

    def __enter__(self) -> LocalStore:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        con = self._con
        con.execute("BEGIN IMMEDIATE")
        try:
            yield con
            con.execute("COMMIT")  # a failed COMMIT leaves the transaction open: roll it back
        except BaseException:
            if con.in_transaction:
                con.execute("ROLLBACK")
            raise

    # --- state -----------------------------------------------------------------------------

    def state(self) -> dict[SyncKey, str | None]:
        """Every known key of `sync_state` that has a row (unknown keys are left out)."""
        known = {key.value: key for key in SyncKey}
        rows = self._con.execute("SELECT key, value FROM sync_state").fetchall()
        return {known[key]: value for key, value in rows if key in known}

    def set_state(
        self, values: Mapping[SyncKey, str | None], con: sqlite3.Connection | None = None
    ) -> None:
        def write(c: sqlite3.Connection) -> None:
            c.executemany(
                "INSERT INTO sync_state (key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [(SyncKey(key).value, value) for key, value in values.items()],
            )

        if con is not None:
            write(con)
            return
        with self.transaction() as c:
            write(c)

    def device_id(self) -> str:
        row = self._con.execute(
            "SELECT value FROM device_setting WHERE key = ?", (DeviceKey.DEVICE_ID,)
        ).fetchone()
        if row is None:
            raise RuntimeError("the database has no device id; open it with the application once")
        return str(row[0])

    # --- outbox ----------------------------------------------------------------------------

    def open_conflicts(self) -> int:
        row = self._con.execute(
            "SELECT count(*) FROM sync_conflict WHERE resolution IS NULL AND deleted_at IS NULL"
        ).fetchone()
        return int(row[0])

    def pending_count(self) -> int:
        return int(self._con.execute("SELECT count(*) FROM sync_outbox").fetchone()[0])

    def outbox_batch(self, limit: int) -> list[OutboxEntry]:
        rows = self._con.execute(
            "SELECT seq, mutation_id, table_name, row_id, op, old_json, new_json, base_version "
            "FROM sync_outbox ORDER BY seq LIMIT ?",
            (limit,),
        ).fetchall()
        return [
            OutboxEntry(
                seq=seq,
                mutation_id=mutation_id,
                table=table,
                row_id=row_id,
                op=op,
                old=None if old is None else json.loads(old),
                new=json.loads(new),
                base_version=base_version,
            )
            for seq, mutation_id, table, row_id, op, old, new, base_version in rows
        ]

    def clear_outbox(
        self, upto_seq: int, state: Mapping[SyncKey, str | None] | None = None
    ) -> None:
        """The server has every mutation up to `upto_seq` (a batch is the oldest entries, and
        new ones always come after): drop them, and record `state`, in one transaction."""
        with self.transaction() as con:
            con.execute("DELETE FROM sync_outbox WHERE seq <= ?", (upto_seq,))
            if state:
                self.set_state(state, con)

    def local_rows(self, name: str) -> list[dict[str, Any]]:
        """The rows of `name` the server does not have yet (made before enrolment), in wire
        form: the association's first counter brings its accounts and settings when it
        enrols (`ENROLMENT_TABLES`)."""
        table = TABLES[name]
        rows = self._con.execute(
            f"SELECT {_row_json(table)} FROM {name} WHERE server_seq IS NULL ORDER BY rowid"
        ).fetchall()
        return [table.canonical(json.loads(text)) for (text,) in rows]

    def start_capture(self, con: sqlite3.Connection) -> int:
        """Turn the outbox triggers on and queue every row the server does not have yet
        (written before this counter was enrolled). Returns how many were queued.

        Accounts and settings are not queued: the enrolment itself brings them (`local_rows`).
        A row of a workflow table that has moved on from its first status is queued as the
        server would have seen it made here: new in its first status, then one update per
        allowed move, so the server's rules see every step."""
        con.execute("UPDATE sync_control SET capture = 1, applying = 0 WHERE id = 1")
        queued = 0
        for name in TABLE_ORDER:
            if name in ENROLMENT_TABLES:
                continue
            table = TABLES[name]
            first = INITIAL_STATUS.get(name)
            moved_on = f"status <> '{first}'" if first else "0"
            cursor = con.execute(
                "INSERT INTO sync_outbox (mutation_id, table_name, row_id, op, old_json, "
                "new_json, base_version, created_at) "
                f"SELECT lower(hex(randomblob(16))), '{name}', id, 'insert', NULL, "
                f"{_row_json(table)}, NULL, {NOW} FROM {name} "
                f"WHERE server_seq IS NULL AND NOT ({moved_on}) ORDER BY rowid"
            )
            queued += max(cursor.rowcount, 0)
            if first:
                queued += _queue_through_workflow(con, table, first)
        return queued

    # --- pull --------------------------------------------------------------------------------

    def apply_pull_stream(
        self, batches: Iterable[PulledRows], cursor: int, state: Mapping[SyncKey, str]
    ) -> tuple[int, int, int]:
        """Write the server's rows and the new cursor in one transaction; rows with pending
        local edits keep the local edits (the push that follows makes the server send the
        merged row again). Returns (rows written, cursor stored, rows skipped as pending).

        A row that a local rule refuses (the same ID number as a local row not yet pushed)
        holds the cursor just before it, so it comes again after the next push.
        """
        written = skipped = 0
        newest = cursor
        held: list[int] = []
        with self.transaction() as con:
            con.execute("PRAGMA defer_foreign_keys = ON")
            con.execute("UPDATE sync_control SET applying = 1 WHERE id = 1")
            # A first pull brings every row: indexing the names once at the end is several
            # times faster than row by row (the index's triggers come back in this transaction).
            con.execute("SAVEPOINT pull_data")
            search_triggers = _drop_search_triggers(con) if cursor == 0 else []
            first = True
            for batch in batches:
                if first:
                    checkpoint("pull.fetched")
                    first = False
                table = TABLES[batch.table]
                refused, changed = _upsert(con, table, batch)
                held += refused
                written += len(batch.rows) - len(refused)
                if not table.insert_only:
                    skipped += max(0, len(batch.rows) - len(refused) - changed)
                newest = max(newest, *batch.seqs)
            if search_triggers:
                for sql in search_triggers:
                    con.execute(sql)
                con.execute(f"INSERT INTO {SEARCH_INDEX}({SEARCH_INDEX}) VALUES ('rebuild')")
            if held and con.execute("PRAGMA foreign_key_check").fetchone() is not None:
                # A held-back row has rows pointing at it in this pull: take none of it now.
                # The next sync pushes first, which settles the clash, then pulls it all.
                log.warning("pull: rows depend on a held-back row; pulling again after a push")
                con.execute("ROLLBACK TO pull_data")
                written = skipped = 0
                newest = cursor
                held = []
            con.execute("RELEASE pull_data")
            checkpoint("pull.applied")
            con.execute("UPDATE sync_control SET applying = 0 WHERE id = 1")
            if held:
                newest = max(cursor, min(held) - 1)
            self.set_state({**state, SyncKey.CURSOR: str(newest)}, con)
        checkpoint("pull.done")
        return written, newest, skipped

    def cursor(self) -> int:
        row = self._con.execute(
            "SELECT value FROM sync_state WHERE key = ?", (SyncKey.CURSOR,)
        ).fetchone()
        return int(row[0]) if row and row[0] is not None else 0

    # --- for tests and status -----------------------------------------------------------------

    def rows(self, table: str) -> dict[str, dict[str, Any]]:
        """Every row of a synced table in wire form, by id (for comparing databases)."""
        codec = TABLES[table]
        names = codec.column_names
        result = {}
        for row in self._con.execute(f"SELECT {', '.join(names)} FROM {table}"):
            values = {c.name: c.to_wire(v) for c, v in zip(codec.columns, row, strict=True)}
            result[values["id"]] = values
        return result


def _drop_search_triggers(con: sqlite3.Connection) -> list[str]:
    """Drop the triggers that keep the name search index (migration 0002); returns their SQL."""
    rows = con.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'beneficiary' "
        "AND name LIKE ?",
        (f"{SEARCH_INDEX}_%",),
    ).fetchall()
    for name, _sql in rows:
        con.execute(f'DROP TRIGGER "{name}"')
    return [sql for _name, sql in rows]


def _queue_through_workflow(con: sqlite3.Connection, table: TableCodec, first: str) -> int:
    """Queue the rows of `table` past `first` status as made new in it, then moved on step by
    step (`domain.workflow.status_path`); a status with no path goes in as it is, and the
    server records its refusal."""
    rows = con.execute(
        f"SELECT {_row_json(table)} FROM {table.name} "
        f"WHERE server_seq IS NULL AND status <> ? ORDER BY rowid",
        (first,),
    ).fetchall()
    entries: list[tuple[str, str, str | None, str]] = []
    for (text,) in rows:
        row = json.loads(text)
        path = status_path(table.name, row["status"]) or [row["status"]]
        states = [dict(row, status=status) for status in path]
        entries.append(("insert", row["id"], None, json.dumps(states[0])))
        for before, after in pairwise(states):
            entries.append(("update", row["id"], json.dumps(before), json.dumps(after)))
    con.executemany(
        "INSERT INTO sync_outbox (mutation_id, table_name, row_id, op, old_json, new_json, "
        f"base_version, created_at) VALUES (lower(hex(randomblob(16))), '{table.name}', ?, ?, "
        f"?, ?, NULL, {NOW})",
        [(row_id, op, old, new) for op, row_id, old, new in entries],
    )
    return len(entries)


def _row_json(table: TableCodec) -> str:
    parts = []
    for column in table.columns:
        value = column.name
        if column.is_blob:
            value = f"CASE WHEN {value} IS NULL THEN NULL ELSE hex({value}) END"
        parts.append(f"'{column.name}', {value}")
    return f"json_object({', '.join(parts)})"


def _upsert_sql(table: TableCodec) -> str:
    names = table.column_names
    placeholders = ", ".join("?" for _ in names)
    head = f"INSERT INTO {table.name} ({', '.join(names)}) VALUES ({placeholders}) ON CONFLICT(id) "
    if table.insert_only:
        return head + (
            "DO UPDATE SET server_seq = excluded.server_seq, "
            "server_version = excluded.server_version"
        )
    sets = ", ".join(f"{n} = excluded.{n}" for n in names if n != "id")
    return head + (
        f"DO UPDATE SET {sets} WHERE NOT EXISTS (SELECT 1 FROM sync_outbox o "
        f"WHERE o.table_name = '{table.name}' AND o.row_id = excluded.id)"
    )


def _upsert(con: sqlite3.Connection, table: TableCodec, batch: PulledRows) -> tuple[list[int], int]:
    """Upsert a table's rows, tombstones first (so a live row never meets the row it replaced
    in a unique index). Returns the server_seq of every row a local rule refused, and how many
    rows were written."""
    sql = _upsert_sql(table)
    order = sorted(range(len(batch.rows)), key=lambda i: (not batch.deleted[i], batch.seqs[i]))
    rows = [batch.rows[i] for i in order]
    con.execute("SAVEPOINT pull_table")
    try:
        changed = con.executemany(sql, rows).rowcount
        con.execute("RELEASE pull_table")
        return [], changed
    except sqlite3.IntegrityError:
        con.execute("ROLLBACK TO pull_table")
        con.execute("RELEASE pull_table")
    held = []
    changed = 0
    for i in order:
        con.execute("SAVEPOINT pull_row")
        try:
            changed += con.execute(sql, batch.rows[i]).rowcount
            con.execute("RELEASE pull_row")
        except sqlite3.IntegrityError as error:
            con.execute("ROLLBACK TO pull_row")
            con.execute("RELEASE pull_row")
            log.warning(
                "pull: %s %s held back until the next push: %s",
                table.name,
                batch.rows[i][table.column_names.index("id")],
                error,
            )
            held.append(batch.seqs[i])
    return held, changed
