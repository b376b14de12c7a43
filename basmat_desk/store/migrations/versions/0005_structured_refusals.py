"""The server's refusals as data: a code and the fields it names, not English text to parse.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06 14:00:00.000000

Both sides
- `sync_conflict.refusal` (JSON, NULL for conflicts that are not refusals): why the server
  refused a counter's change, as `domain/refusals.py` reads it: {"code", "table", "column",
  "constraint", "source", "target", "detail"}.

Counter side (SQLite)
- The outbox triggers of `sync_conflict` (migration 0003) are made again with the new column,
  so a captured row holds it as the enrolment queue's does.

Server side (PostgreSQL)
- The server's own rules raise their errors with a CONSTRAINT name that is the rule
  (`basmat_workflow`, `basmat_no_delete`, `basmat_insert_only`), the TABLE and COLUMN, and
  their values as JSON in DETAIL: the push reads these fields from the error, never its text.
  The SQLSTATEs stay as they were (check_violation, insufficient_privilege).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CONFLICTS = "sync_conflict"
SYNC_MAINTAINED = ("server_seq", "server_version")
CAPTURING = "(SELECT capture = 1 AND applying = 0 FROM sync_control WHERE id = 1)"
NOW = "strftime('%Y-%m-%d %H:%M:%f', 'now')"
MUTATION_ID = "lower(hex(randomblob(16)))"


# --- counter side --------------------------------------------------------------------------------


def _row_json(row: str, columns: list[str]) -> str:
    # sync_conflict has no blob column: every value goes in as stored.
    pairs = ", ".join(f"'{name}', {row}.{name}" for name in columns)
    return f"json_object({pairs})"


def _drop_conflict_triggers() -> None:
    op.execute(f"DROP TRIGGER IF EXISTS sync_outbox_{CONFLICTS}_insert")
    op.execute(f"DROP TRIGGER IF EXISTS sync_outbox_{CONFLICTS}_update")


def _create_conflict_triggers() -> None:
    """0003's outbox triggers of sync_conflict, over the table's columns as they are now."""
    columns = [c["name"] for c in sa.inspect(op.get_bind()).get_columns(CONFLICTS)]
    changing = [name for name in columns if name not in SYNC_MAINTAINED]
    changed = " OR ".join(f"OLD.{name} IS NOT NEW.{name}" for name in changing)
    op.execute(
        f"CREATE TRIGGER sync_outbox_{CONFLICTS}_insert AFTER INSERT ON {CONFLICTS} "
        f"WHEN {CAPTURING} BEGIN "
        "INSERT INTO sync_outbox (mutation_id, table_name, row_id, op, old_json, new_json, "
        f"base_version, created_at) VALUES ({MUTATION_ID}, '{CONFLICTS}', NEW.id, 'insert', "
        f"NULL, {_row_json('NEW', columns)}, NULL, {NOW}); END"
    )
    op.execute(
        f"CREATE TRIGGER sync_outbox_{CONFLICTS}_update AFTER UPDATE OF {', '.join(changing)} "
        f"ON {CONFLICTS} WHEN {CAPTURING} AND ({changed}) BEGIN "
        "INSERT INTO sync_outbox (mutation_id, table_name, row_id, op, old_json, new_json, "
        f"base_version, created_at) VALUES ({MUTATION_ID}, '{CONFLICTS}', NEW.id, 'update', "
        f"{_row_json('OLD', columns)}, {_row_json('NEW', columns)}, OLD.server_version, "
        f"{NOW}); END"
    )


# --- server side ---------------------------------------------------------------------------------


def _bodies(*, structured: bool) -> dict[str, str]:
    """The server's rules' trigger functions: as this revision raises them (`structured`), or
    as 0001 and 0003 left them (for the downgrade): the same checks, the same SQLSTATEs."""

    def using(errcode: str, rule: str, more: str = "") -> str:
        fields = f", CONSTRAINT = '{rule}', TABLE = TG_TABLE_NAME{more}" if structured else ""
        return f"USING ERRCODE = '{errcode}'{fields}"

    insert_only = using("insufficient_privilege", "basmat_insert_only")
    transition = using(
        "check_violation",
        "basmat_workflow",
        ", COLUMN = 'status', "
        "DETAIL = json_build_object('source', OLD.status, 'target', NEW.status)::text",
    )
    return {
        "basmat_refuse_insert_only_change": f"""
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'basmat: % is insert-only; rows cannot be deleted', TG_TABLE_NAME
            {insert_only};
    END IF;
    IF (to_jsonb(NEW) - 'server_seq' - 'server_version')
        IS DISTINCT FROM (to_jsonb(OLD) - 'server_seq' - 'server_version') THEN
        RAISE EXCEPTION 'basmat: % is insert-only; rows cannot be changed', TG_TABLE_NAME
            {insert_only};
    END IF;
    RETURN NEW;
END;""",
        "basmat_no_delete": f"""
BEGIN
    RAISE EXCEPTION 'basmat: rows of % are never deleted; set deleted_at instead', TG_TABLE_NAME
        {using("insufficient_privilege", "basmat_no_delete")};
END;""",
        "basmat_check_transition": f"""
BEGIN
    IF NEW.status IS DISTINCT FROM OLD.status AND NOT EXISTS (
        SELECT 1 FROM sync_transition
        WHERE table_name = TG_TABLE_NAME AND source = OLD.status AND target = NEW.status
    ) THEN
        RAISE EXCEPTION 'basmat: % status cannot change from % to %',
            TG_TABLE_NAME, OLD.status, NEW.status
            {transition};
    END IF;
    RETURN NEW;
END;""",
    }


#: basmat_check_transition reads sync_transition as its owner, with a fixed search_path.
_DEFINERS = {"basmat_check_transition"}


def _replace_functions(bodies: dict[str, str]) -> None:
    schema = op.get_bind().execute(sa.text("SELECT current_schema()")).scalar_one()
    for name, body in bodies.items():
        definer = (
            f" SECURITY DEFINER SET search_path = {schema}, pg_temp" if name in _DEFINERS else ""
        )
        op.execute(
            f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger "
            f"LANGUAGE plpgsql{definer} AS $${body}\n$$"
        )


def upgrade() -> None:
    op.add_column(CONFLICTS, sa.Column("refusal", sa.Text(), nullable=True))
    if op.get_bind().dialect.name == "sqlite":
        _drop_conflict_triggers()
        _create_conflict_triggers()
    else:
        _replace_functions(_bodies(structured=True))


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _drop_conflict_triggers()  # SQLite drops no column a trigger names
        with op.batch_alter_table(CONFLICTS) as batch:
            batch.drop_column("refusal")
        _create_conflict_triggers()
    else:
        _replace_functions(_bodies(structured=False))
        op.drop_column(CONFLICTS, "refusal")
