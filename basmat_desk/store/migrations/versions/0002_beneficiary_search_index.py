"""Full-text search over beneficiaries (SQLite only) and an index on their birth date.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 14:30:00.000000

On SQLite (each counter's own copy) this adds an FTS5 index, `beneficiary_search`, over the
search form of the name (`name_search`, already normalized by `domain.arabic.normalize` when a
row is written), the ID number, and the mobile and alternate mobile in the three forms people
type: local "05XXXXXXXX", without the zero "5XXXXXXXX" and international "9665XXXXXXXX".
Only live rows are indexed: a soft-deleted row (deleted_at set) leaves the index.

- External content: the index keeps no copy of the text. Its content is the view
  `beneficiary_search_source` (live rows, the mobile forms computed from the E.164 value), so
  FTS5's 'rebuild' fills it from the table and 'integrity-check' compares it with the table.
  Index rows are keyed by the rowid of `beneficiary` (its primary key is a text UUID, the rowid
  is the hidden integer every ordinary SQLite table has; rows are never hard-deleted, and
  VACUUM keeps the rowids of a table that has indexes).
- Triggers keep it in step, AFTER each change, from OLD/NEW (an update that was not applied
  never touches the index); an update only re-indexes when a searched column or deleted_at
  is in its SET list. Write beneficiaries with INSERT or an upsert, never INSERT OR REPLACE:
  the row REPLACE deletes fires no delete trigger.
- Prefix indexes of 1 to 5 characters: search runs as the receptionist types, from the first
  letter or digit. Every ID and mobile is a term of its own, so without them a short number
  is merged from thousands of terms: "96655" (the start of 25,000 mobiles among 200,000
  people) takes 13 ms with prefixes up to 4 and 0.1 ms with 5, for 15 % more index.
- Tokenizer unicode61 without its own diacritics folding: the text is already in its search
  form, and Arabic folding is ours (normalize), not the tokenizer's.

A later migration that rebuilds `beneficiary` on SQLite (Alembic batch mode with recreate)
must drop the view and the triggers first (SQLite refuses the rename while the view names a
missing table, and dropping the table drops its triggers), then create them again from this
file's SQL and run 'rebuild'.

Both databases get `ix_beneficiary_birth_date` on (birth_date, family_name, id): duplicate
detection reads the family names of a birth year, and this index answers it without reading the
table (3 ms instead of 14 ms for the 2,700 people of one year among 200,000). The shared
PostgreSQL server gets nothing else; counters search their own copy.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SEARCH_TABLE = "beneficiary_search"
SOURCE_VIEW = "beneficiary_search_source"
TRIGGERS = ("beneficiary_search_insert", "beneficiary_search_update", "beneficiary_search_delete")
#: The columns whose change re-indexes a row.
INDEXED_COLUMNS = "name_search, id_number, mobile, mobile_alt, deleted_at"


def _mobile_forms(column: str) -> str:
    """SQL for the three typed forms of an E.164 Saudi mobile (+9665XXXXXXXX); NULL if none."""
    local = f"'0' || substr({column}, 5)"
    without_zero = f"substr({column}, 5)"
    international = f"substr({column}, 2)"
    return f"{local} || ' ' || {without_zero} || ' ' || {international}"


def _values(row: str) -> tuple[str, str, str]:
    """SQL for the indexed values (name, id_number, phones) of a beneficiary row; `row` is
    "", "NEW." or "OLD."."""
    phones = (
        f"trim(coalesce({_mobile_forms(row + 'mobile')}, '') || ' ' || "
        f"coalesce({_mobile_forms(row + 'mobile_alt')}, ''))"
    )
    return f"{row}name_search", f"{row}id_number", phones


_NAME, _ID_NUMBER, _PHONES = _values("")
# FTS5 reads its external content by the index's column names (and `content_rowid`).
CREATE_VIEW = f"""
CREATE VIEW {SOURCE_VIEW} AS
SELECT rowid AS beneficiary_rowid, {_NAME} AS name, {_ID_NUMBER} AS id_number, {_PHONES} AS phones
FROM beneficiary
WHERE deleted_at IS NULL
"""

CREATE_TABLE = f"""
CREATE VIRTUAL TABLE {SEARCH_TABLE} USING fts5(
    name, id_number, phones,
    content='{SOURCE_VIEW}', content_rowid='beneficiary_rowid',
    prefix='1 2 3 4 5',
    tokenize='unicode61 remove_diacritics 0'
)
"""

_INDEX_NEW = (
    f"INSERT INTO {SEARCH_TABLE} (rowid, name, id_number, phones) "
    f"SELECT NEW.rowid, {', '.join(_values('NEW.'))} WHERE NEW.deleted_at IS NULL;"
)
_UNINDEX_OLD = (
    f"INSERT INTO {SEARCH_TABLE} ({SEARCH_TABLE}, rowid, name, id_number, phones) "
    f"SELECT 'delete', OLD.rowid, {', '.join(_values('OLD.'))} WHERE OLD.deleted_at IS NULL;"
)

CREATE_TRIGGERS = (
    f"CREATE TRIGGER beneficiary_search_insert AFTER INSERT ON beneficiary BEGIN {_INDEX_NEW} END",
    f"CREATE TRIGGER beneficiary_search_update AFTER UPDATE OF {INDEXED_COLUMNS} ON beneficiary "
    f"BEGIN {_UNINDEX_OLD} {_INDEX_NEW} END",
    f"CREATE TRIGGER beneficiary_search_delete AFTER DELETE ON beneficiary "
    f"BEGIN {_UNINDEX_OLD} END",
)


def upgrade() -> None:
    op.create_index(
        "ix_beneficiary_birth_date",
        "beneficiary",
        ["birth_date", "family_name", "id"],
        unique=False,
    )
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute(CREATE_VIEW)
    op.execute(CREATE_TABLE)
    for statement in CREATE_TRIGGERS:
        op.execute(statement)
    # Index every live row written before this revision, then merge the index into one segment
    # (a quarter faster to search than the many segments the rebuild leaves).
    op.execute(f"INSERT INTO {SEARCH_TABLE} ({SEARCH_TABLE}) VALUES ('rebuild')")
    op.execute(f"INSERT INTO {SEARCH_TABLE} ({SEARCH_TABLE}) VALUES ('optimize')")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for trigger in TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        op.execute(f"DROP TABLE IF EXISTS {SEARCH_TABLE}")
        op.execute(f"DROP VIEW IF EXISTS {SOURCE_VIEW}")
    op.drop_index("ix_beneficiary_birth_date", table_name="beneficiary")
