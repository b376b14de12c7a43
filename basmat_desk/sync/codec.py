"""Values between PostgreSQL, SQLite and the outbox's JSON ("wire" form).

The wire form is exactly what SQLite stores (the outbox triggers write `json_object` of the
stored row), except blobs, which are hex: dates "YYYY-MM-DD", timestamps
"YYYY-MM-DD HH:MM:SS.ffffff" in UTC, booleans 0/1, enums their code. Every comparison sync
makes (did the server's value change since the counter read it?) is made on canonical wire
values, so a timestamp written with a "T" or without microseconds compares equal.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Boolean, Date, Integer, LargeBinary
from sqlalchemy import Table as SATable

from basmat_desk.store.models import INSERT_ONLY_TABLES, SYNCED_MODELS
from basmat_desk.store.types import UTCDateTime

#: How SQLAlchemy stores a timestamp in SQLite, and so the wire form of one.
SQLITE_DATETIME = "%Y-%m-%d %H:%M:%S.%f"


#: Fields each counter keeps for itself in passing (a sign-in time, a failed-login count): the
#: last push wins, and no supervisor is asked about them.
LAST_PUSH_WINS = frozenset(
    {
        ("staff", "last_login_at"),
        ("staff", "failed_logins"),
        ("staff", "locked_at"),
    }
)


def _identity(value: Any) -> Any:
    return value


def _dt_to_wire(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    # the same text as strftime(SQLITE_DATETIME), several times faster
    return value.isoformat(sep=" ", timespec="microseconds")


def _dt_to_pg(value: Any) -> Any:
    if value is None:
        return None
    parsed = datetime.fromisoformat(value) if isinstance(value, str) else value
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed


def _date_to_wire(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, str):
        return date.fromisoformat(value[:10]).isoformat()
    return value.isoformat()


def _date_to_pg(value: Any) -> Any:
    return None if value is None else date.fromisoformat(value[:10])


def _bool_to_wire(value: Any) -> Any:
    return None if value is None else int(bool(value))


def _bool_to_pg(value: Any) -> Any:
    return None if value is None else bool(value)


def _int_to_wire(value: Any) -> Any:
    return None if value is None else int(value)


def _blob_to_wire(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, str):
        return value.upper()
    return bytes(value).hex().upper()


def _blob_to_pg(value: Any) -> Any:
    return None if value is None else bytes.fromhex(value)


def _str_to_wire(value: Any) -> Any:
    if value is None:
        return None
    return getattr(value, "value", value) if not isinstance(value, str) else value


@dataclass(frozen=True, slots=True)
class ColumnCodec:
    name: str
    to_wire: Callable[[Any], Any]  # PostgreSQL value, SQLite value or wire value → wire value
    to_pg: Callable[[Any], Any]  # wire value → what psycopg binds
    is_blob: bool = False
    # The column as the pull selects it: PostgreSQL itself writes what SQLite stores, so the
    # 100,000 rows of a first pull need no conversion in Python.
    select_sql: str = ""


def _codec_for(name: str, column_type: Any) -> ColumnCodec:
    if isinstance(column_type, UTCDateTime):
        sql = f"to_char({name} AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')"
        return ColumnCodec(name, _dt_to_wire, _dt_to_pg, select_sql=sql)
    if isinstance(column_type, Date):
        sql = f"to_char({name}, 'YYYY-MM-DD')"
        return ColumnCodec(name, _date_to_wire, _date_to_pg, select_sql=sql)
    if isinstance(column_type, Boolean):
        sql = f"{name}::integer"
        return ColumnCodec(name, _bool_to_wire, _bool_to_pg, select_sql=sql)
    if isinstance(column_type, LargeBinary):
        return ColumnCodec(name, _blob_to_wire, _blob_to_pg, is_blob=True, select_sql=name)
    if isinstance(column_type, Integer):
        return ColumnCodec(name, _int_to_wire, _identity, select_sql=name)
    return ColumnCodec(name, _str_to_wire, _identity, select_sql=name)


@dataclass(frozen=True)
class TableCodec:
    name: str
    columns: tuple[ColumnCodec, ...]
    insert_only: bool
    parents: frozenset[str] = frozenset()  # tables it references, directly or not
    by_name: dict[str, ColumnCodec] = field(init=False, repr=False, compare=False)
    column_names: tuple[str, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_name", {c.name: c for c in self.columns})
        object.__setattr__(self, "column_names", tuple(c.name for c in self.columns))

    def column(self, name: str) -> ColumnCodec:
        return self.by_name[name]

    def select_list(self) -> str:
        """The pull's SELECT list: every column in SQLite's stored form."""
        return ", ".join(c.select_sql for c in self.columns)

    def canonical(self, wire_row: dict[str, Any]) -> dict[str, Any]:
        """A wire row (from the outbox) with every value in its canonical form."""
        by_name = self.by_name
        return {k: by_name[k].to_wire(v) for k, v in wire_row.items() if k in by_name}

    def wire_of_pg(self, row: tuple[Any, ...]) -> dict[str, Any]:
        return {c.name: c.to_wire(v) for c, v in zip(self.columns, row, strict=True)}

    def pg_values(self, wire_row: dict[str, Any]) -> tuple[Any, ...]:
        return tuple(c.to_pg(wire_row.get(c.name)) for c in self.columns)


def _parents(table: SATable) -> frozenset[str]:
    found: set[str] = set()
    todo = [table]
    while todo:
        for fk in todo.pop().foreign_keys:
            parent = fk.column.table
            if parent.name not in found and parent is not table:
                found.add(parent.name)
                todo.append(parent)
    return frozenset(found)


def _table_codec(table: SATable) -> TableCodec:
    return TableCodec(
        name=table.name,
        columns=tuple(_codec_for(c.name, c.type) for c in table.columns),
        insert_only=table.name in INSERT_ONLY_TABLES,
        parents=_parents(table),
    )


def _synced_tables() -> list[SATable]:
    """Synced tables, parents before children (foreign keys)."""
    names = {model.__tablename__ for model in SYNCED_MODELS}
    metadata = SYNCED_MODELS[0].metadata
    return [t for t in metadata.sorted_tables if t.name in names]


TABLES: dict[str, TableCodec] = {t.name: _table_codec(t) for t in _synced_tables()}
#: Table names in foreign-key order (parents first).
TABLE_ORDER: tuple[str, ...] = tuple(TABLES)


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
