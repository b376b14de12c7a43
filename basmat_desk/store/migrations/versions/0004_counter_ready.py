"""Counter-ready: search by the last digits of a mobile (SQLite), and the queue's undo (server).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-06 09:00:00.000000

Counter side (SQLite)
- The search index (migration 0002) gets, in its `phones` column, one more term per mobile:
  "t" and the mobile's last four digits ("t4567"). People read a mobile's last digits from a
  caller's display or a paper; the search looks that term up (four digits or more typed: the
  last four), then keeps the people whose mobile really ends with everything typed. The view,
  the index and its triggers are made again from the SQL below (0002's, with the new term),
  and the index is rebuilt from the table.

Server side (PostgreSQL)
- The queue's workflow gains the counter's undo: a called, no-show or cancelled ticket goes
  back to the queue, and a finished service is resumed.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SEARCH_TABLE = "beneficiary_search"
SOURCE_VIEW = "beneficiary_search_source"
TRIGGERS = ("beneficiary_search_insert", "beneficiary_search_update", "beneficiary_search_delete")
INDEXED_COLUMNS = "name_search, id_number, mobile, mobile_alt, deleted_at"

#: The queue's new transitions (table, from, to).
TRANSITIONS_0004 = (
    ("ticket", "no_show", "waiting"),
    ("ticket", "cancelled", "waiting"),
    ("ticket", "done", "serving"),
)


def _mobile_terms(column: str, *, tail: bool) -> str:
    """SQL for the terms of an E.164 Saudi mobile (+9665XXXXXXXX): 05…, 5…, 9665… and, with
    `tail`, "t" and its last four digits; NULL if there is none."""
    local = f"'0' || substr({column}, 5)"
    without_zero = f"substr({column}, 5)"
    international = f"substr({column}, 2)"
    terms = f"{local} || ' ' || {without_zero} || ' ' || {international}"
    if tail:
        terms += f" || ' t' || substr({column}, -4)"
    return terms


def _values(row: str, *, tail: bool) -> tuple[str, str, str]:
    phones = (
        f"trim(coalesce({_mobile_terms(row + 'mobile', tail=tail)}, '') || ' ' || "
        f"coalesce({_mobile_terms(row + 'mobile_alt', tail=tail)}, ''))"
    )
    return f"{row}name_search", f"{row}id_number", phones


def _index_sql(*, tail: bool) -> list[str]:
    name, id_number, phones = _values("", tail=tail)
    new = ", ".join(_values("NEW.", tail=tail))
    old = ", ".join(_values("OLD.", tail=tail))
    index_new = (
        f"INSERT INTO {SEARCH_TABLE} (rowid, name, id_number, phones) "
        f"SELECT NEW.rowid, {new} WHERE NEW.deleted_at IS NULL;"
    )
    unindex_old = (
        f"INSERT INTO {SEARCH_TABLE} ({SEARCH_TABLE}, rowid, name, id_number, phones) "
        f"SELECT 'delete', OLD.rowid, {old} WHERE OLD.deleted_at IS NULL;"
    )
    return [
        f"CREATE VIEW {SOURCE_VIEW} AS SELECT rowid AS beneficiary_rowid, {name} AS name, "
        f"{id_number} AS id_number, {phones} AS phones FROM beneficiary WHERE deleted_at IS NULL",
        f"CREATE VIRTUAL TABLE {SEARCH_TABLE} USING fts5(name, id_number, phones, "
        f"content='{SOURCE_VIEW}', content_rowid='beneficiary_rowid', prefix='1 2 3 4 5', "
        "tokenize='unicode61 remove_diacritics 0')",
        f"CREATE TRIGGER beneficiary_search_insert AFTER INSERT ON beneficiary "
        f"BEGIN {index_new} END",
        f"CREATE TRIGGER beneficiary_search_update AFTER UPDATE OF {INDEXED_COLUMNS} "
        f"ON beneficiary BEGIN {unindex_old} {index_new} END",
        f"CREATE TRIGGER beneficiary_search_delete AFTER DELETE ON beneficiary "
        f"BEGIN {unindex_old} END",
        f"INSERT INTO {SEARCH_TABLE} ({SEARCH_TABLE}) VALUES ('rebuild')",
        f"INSERT INTO {SEARCH_TABLE} ({SEARCH_TABLE}) VALUES ('optimize')",
    ]


def _drop_index() -> None:
    for trigger in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    op.execute(f"DROP TABLE IF EXISTS {SEARCH_TABLE}")
    op.execute(f"DROP VIEW IF EXISTS {SOURCE_VIEW}")


def _transitions() -> sa.TableClause:
    return sa.table(
        "sync_transition", sa.column("table_name"), sa.column("source"), sa.column("target")
    )


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _drop_index()
        for statement in _index_sql(tail=True):
            op.execute(statement)
        return
    op.bulk_insert(
        _transitions(),
        [{"table_name": t, "source": s, "target": g} for t, s, g in TRANSITIONS_0004],
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _drop_index()
        for statement in _index_sql(tail=False):
            op.execute(statement)
        return
    table = _transitions()
    for name, source, target in TRANSITIONS_0004:
        op.execute(
            table.delete().where(
                table.c.table_name == name, table.c.source == source, table.c.target == target
            )
        )
