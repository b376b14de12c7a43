"""Loading many generated rows at once (the demo generator; the spreadsheet import to come).

Hundreds of thousands of rows go in as Core INSERTs in batches: through the ORM, with an audit
entry each, they would take minutes. So the whole load is one transaction of its own use case:
the rows' bookkeeping columns (created, updated, by whom, on which PC) are filled here as the
audit hook fills them for one row, and the load is recorded as ONE audit entry that says what
came in.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import datetime
from itertools import islice
from typing import Any

from sqlalchemy import Table, insert

from basmat_desk.domain.clock import utcnow
from basmat_desk.services.audit import record_event
from basmat_desk.services.context import ServiceContext, unit_of_work
from basmat_desk.store.models import Base

#: Rows per INSERT batch: big enough to amortise statement overhead, small enough for memory.
BATCH_SIZE = 5_000
#: SQLite page cache while loading, in KiB: the indexes of 200,000 rows (names, IDs, mobiles
#: with random keys) would otherwise be evicted and read again all the time.
LOAD_CACHE_KIB = 256 * 1024

Rows = Iterable[dict[str, Any]]


def _batches(rows: Iterable[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    it = iter(rows)
    while batch := list(islice(it, BATCH_SIZE)):
        yield batch


def bulk_load(
    ctx: ServiceContext,
    action: str,
    loads: Iterable[tuple[type[Base], Rows]],
    *,
    details: Callable[[Mapping[str, int]], Mapping[str, Any]] | None = None,
    reason: str | None = None,
    at: datetime | None = None,
) -> dict[str, int]:
    """Insert every (model, rows) of `loads` in order, in one transaction audited as `action`;
    returns how many rows went into each table. `loads` is read lazily, so a later table's rows
    may be made from an earlier table's (the generator keeps the ids it handed out). `details`
    turns the counts into what the audit entry says; `at` (default now) stamps every row."""
    now = at or utcnow()
    counts: dict[str, int] = {}
    with unit_of_work(ctx, action, reason=reason) as session:
        if session.get_bind().dialect.name == "sqlite":
            session.connection().exec_driver_sql(f"PRAGMA cache_size=-{LOAD_CACHE_KIB}")
        stamp = {
            "server_version": 0,
            "created_at": now,
            "updated_at": now,
            "updated_by": ctx.actor.staff_id if ctx.actor else None,
            "origin_device": ctx.device_id,
        }
        for model, rows in loads:
            table = model.__table__
            assert isinstance(table, Table)
            for batch in _batches({**stamp, **row} for row in rows):
                session.execute(insert(table), batch)
                counts[table.name] = counts.get(table.name, 0) + len(batch)
        said = dict(details(counts)) if details is not None else dict(counts)
        record_event(session, action, "database", None, said, at=now)
    return counts
