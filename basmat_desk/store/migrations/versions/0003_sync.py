"""Sync with the shared server: outbox triggers on counters; ordering, no-delete, workflow and
notification triggers on the server; the conflict table on both.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 16:00:00.000000

Counter side (SQLite)
- `sync_outbox` gets one row for every committed insert or update of a synced table, written by
  an AFTER trigger in the same transaction as the change, however it was written (services,
  the demo generator, a raw UPDATE). The row holds the whole old and new row as JSON of the
  stored values (blobs as hex), so the server can merge field by field.
- The triggers only write while `sync_control.capture` = 1 (set when the counter is enrolled;
  enrolment queues the rows that existed before) and `sync_control.applying` = 0 (a pull
  writing the server's rows sets it inside its own transaction).
- An update that changes no column except `server_seq`/`server_version` (what a pull stamps)
  writes nothing.

Server side (PostgreSQL)
- `basmat_stamp` (BEFORE INSERT OR UPDATE on every synced table) gives the row the next
  `server_seq` and bumps `server_version`. The numbers come from a sequence taken under a
  transaction-scoped advisory lock that is held until commit, so a later-committing
  transaction always gets larger numbers: the server orders, in commit order. (DESIGN.md
  suggests a single-row counter table; updating one row 100,000 times in one transaction —
  a first upload — builds a version chain PostgreSQL walks on every update, quadratic time,
  while the lock-plus-sequence gives the same guarantee in constant time per row.)
- `basmat_no_delete` refuses DELETE on every synced table (rows are tombstoned instead); the
  insert-only tables already refuse it through migration 0001.
- `basmat_check_transition` refuses a status change of a support request or a ticket that
  `sync_transition` (the workflow of domain/workflow.py, filled here) does not list.
- `basmat_notify` (AFTER … FOR EACH STATEMENT) sends NOTIFY basmat_sync with the pushing
  device's id (`basmat.device` setting) so online counters pull at once.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: The synced tables as of this revision (a later table gets its triggers in its migration).
SYNCED_TABLES = (
    "staff",
    "beneficiary",
    "ticket",
    "contact",
    "support_request",
    "checklist_item",
    "declaration",
    "referral",
    "letter",
    "survey_response",
    "feedback",
    "attachment",
    "audit_entry",
    "setting",
    "number_sequence",
    "sync_conflict",
)
INSERT_ONLY = ("declaration", "audit_entry")
SYNC_MAINTAINED = ("server_seq", "server_version")
STATUS_TABLES = ("support_request", "ticket")
ADVISORY_LOCK_KEY = 0x6261736D6174  # "basmat"


def _sync_columns() -> list[sa.Column[object]]:
    return [
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("server_version", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("server_seq", sa.BigInteger(), nullable=True),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=True),
        sa.Column("origin_device", sa.String(length=64), nullable=True),
    ]


def _create_tables() -> None:
    op.create_table(
        "sync_conflict",
        *_sync_columns(),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("table_name", sa.String(length=40), nullable=False),
        sa.Column("row_id", sa.String(length=36), nullable=False),
        sa.Column("field", sa.String(length=64), nullable=True),
        sa.Column("server_value", sa.Text(), nullable=True),
        sa.Column("counter_value", sa.Text(), nullable=True),
        sa.Column("counter_device", sa.String(length=64), nullable=True),
        sa.Column("counter_name", sa.String(length=100), nullable=True),
        sa.Column("counter_staff", sa.String(length=36), nullable=True),
        sa.Column("mutation_id", sa.String(length=36), nullable=False),
        sa.Column("detected_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("resolution", sa.String(length=16), nullable=True),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("resolved_by", sa.String(length=36), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_conflict")),
    )
    op.create_index(op.f("ix_sync_conflict_row_id"), "sync_conflict", ["row_id"])
    op.create_index(op.f("ix_sync_conflict_server_seq"), "sync_conflict", ["server_seq"])
    op.create_table(
        "sync_outbox",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("mutation_id", sa.String(length=36), nullable=False),
        sa.Column("table_name", sa.String(length=40), nullable=False),
        sa.Column("row_id", sa.String(length=36), nullable=False),
        sa.Column("op", sa.String(length=8), nullable=False),
        sa.Column("old_json", sa.Text(), nullable=True),
        sa.Column("new_json", sa.Text(), nullable=False),
        sa.Column("base_version", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_sync_outbox")),
        sa.UniqueConstraint("mutation_id", name=op.f("uq_sync_outbox_mutation_id")),
    )
    op.create_index("ix_sync_outbox_row", "sync_outbox", ["table_name", "row_id"])
    op.create_table(
        "sync_state",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_sync_state")),
    )
    op.create_table(
        "sync_control",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("capture", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("applying", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_control")),
    )
    op.execute("INSERT INTO sync_control (id, capture, applying) VALUES (1, 0, 0)")
    op.create_table(
        "sync_mutation",
        sa.Column("mutation_id", sa.String(length=36), nullable=False),
        sa.Column("device_id", sa.String(length=64), nullable=False),
        sa.Column("table_name", sa.String(length=40), nullable=False),
        sa.Column("row_id", sa.String(length=36), nullable=False),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("conflicts", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("applied_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("mutation_id", name=op.f("pk_sync_mutation")),
    )
    op.create_table(
        "sync_counter",
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("prefix", sa.String(length=2), nullable=False),
        sa.Column("role_name", sa.String(length=63), nullable=False),
        sa.Column("invited_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("enrolled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("device_id", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_sync_counter")),
        sa.UniqueConstraint("prefix", name=op.f("uq_sync_counter_prefix")),
        sa.UniqueConstraint("role_name", name=op.f("uq_sync_counter_role_name")),
    )
    op.create_table(
        "sync_transition",
        sa.Column("table_name", sa.String(length=40), nullable=False),
        sa.Column("source", sa.String(length=32), nullable=False),
        sa.Column("target", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("table_name", "source", "target", name=op.f("pk_sync_transition")),
    )


# --- counter side --------------------------------------------------------------------------------

CAPTURING = "(SELECT capture = 1 AND applying = 0 FROM sync_control WHERE id = 1)"
NOW = "strftime('%Y-%m-%d %H:%M:%f', 'now')"
MUTATION_ID = "lower(hex(randomblob(16)))"


def _row_json(row: str, columns: list[tuple[str, bool]]) -> str:
    parts = []
    for name, is_blob in columns:
        value = f"{row}.{name}"
        if is_blob:
            value = f"CASE WHEN {value} IS NULL THEN NULL ELSE hex({value}) END"
        parts.append(f"'{name}', {value}")
    return f"json_object({', '.join(parts)})"


def _create_outbox_triggers(bind: sa.Connection) -> None:
    inspector = sa.inspect(bind)
    for table in SYNCED_TABLES:
        columns = [
            (c["name"], isinstance(c["type"], sa.LargeBinary | sa.BLOB))
            for c in inspector.get_columns(table)
        ]
        changing = [name for name, _ in columns if name not in SYNC_MAINTAINED]
        changed = " OR ".join(f"OLD.{name} IS NOT NEW.{name}" for name in changing)
        op.execute(
            f"CREATE TRIGGER sync_outbox_{table}_insert AFTER INSERT ON {table} "
            f"WHEN {CAPTURING} BEGIN "
            "INSERT INTO sync_outbox (mutation_id, table_name, row_id, op, old_json, new_json, "
            f"base_version, created_at) VALUES ({MUTATION_ID}, '{table}', NEW.id, 'insert', "
            f"NULL, {_row_json('NEW', columns)}, NULL, {NOW}); END"
        )
        op.execute(
            f"CREATE TRIGGER sync_outbox_{table}_update AFTER UPDATE OF {', '.join(changing)} "
            f"ON {table} WHEN {CAPTURING} AND ({changed}) BEGIN "
            "INSERT INTO sync_outbox (mutation_id, table_name, row_id, op, old_json, new_json, "
            f"base_version, created_at) VALUES ({MUTATION_ID}, '{table}', NEW.id, 'update', "
            f"{_row_json('OLD', columns)}, {_row_json('NEW', columns)}, OLD.server_version, "
            f"{NOW}); END"
        )


def _drop_outbox_triggers() -> None:
    for table in SYNCED_TABLES:
        op.execute(f"DROP TRIGGER IF EXISTS sync_outbox_{table}_insert")
        op.execute(f"DROP TRIGGER IF EXISTS sync_outbox_{table}_update")


# --- server side ---------------------------------------------------------------------------------


def _pg_functions(schema: str) -> list[str]:
    return [
        "CREATE SEQUENCE IF NOT EXISTS basmat_server_seq",
        f"""
CREATE OR REPLACE FUNCTION basmat_next_seq() RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$
BEGIN
    -- Held until this transaction ends: a later-committing writer waits here, so numbers
    -- are handed out in commit order.
    PERFORM pg_advisory_xact_lock({ADVISORY_LOCK_KEY});
    RETURN nextval('basmat_server_seq');
END;
$$""",
        """
CREATE OR REPLACE FUNCTION basmat_stamp() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.server_seq := basmat_next_seq();
    IF TG_OP = 'INSERT' THEN
        NEW.server_version := 1;
    ELSE
        NEW.server_version := OLD.server_version + 1;
    END IF;
    RETURN NEW;
END;
$$""",
        """
CREATE OR REPLACE FUNCTION basmat_no_delete() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'basmat: rows of % are never deleted; set deleted_at instead', TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END;
$$""",
        f"""
CREATE OR REPLACE FUNCTION basmat_check_transition() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$
BEGIN
    IF NEW.status IS DISTINCT FROM OLD.status AND NOT EXISTS (
        SELECT 1 FROM sync_transition
        WHERE table_name = TG_TABLE_NAME AND source = OLD.status AND target = NEW.status
    ) THEN
        RAISE EXCEPTION 'basmat: % status cannot change from % to %',
            TG_TABLE_NAME, OLD.status, NEW.status
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END;
$$""",
        """
CREATE OR REPLACE FUNCTION basmat_notify() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('basmat_sync', coalesce(current_setting('basmat.device', true), ''));
    RETURN NULL;
END;
$$""",
    ]


#: The workflow of domain/workflow.py as it was at this revision (table, from, to): a migration
#: holds its own data, so a later change of the workflow comes with a migration of its own.
TRANSITIONS_0003 = (
    ("support_request", "accepted", "registered"),
    ("support_request", "accepted", "withdrawn"),
    ("support_request", "draft", "on_hold"),
    ("support_request", "draft", "verifying"),
    ("support_request", "draft", "withdrawn"),
    ("support_request", "on_hold", "verifying"),
    ("support_request", "on_hold", "withdrawn"),
    ("support_request", "ready", "on_hold"),
    ("support_request", "ready", "submitted"),
    ("support_request", "ready", "withdrawn"),
    ("support_request", "registered", "served"),
    ("support_request", "registered", "withdrawn"),
    ("support_request", "submitted", "accepted"),
    ("support_request", "submitted", "on_hold"),
    ("support_request", "submitted", "rejected"),
    ("support_request", "submitted", "withdrawn"),
    ("support_request", "verifying", "on_hold"),
    ("support_request", "verifying", "ready"),
    ("support_request", "verifying", "submitted"),
    ("support_request", "verifying", "withdrawn"),
    ("ticket", "called", "cancelled"),
    ("ticket", "called", "no_show"),
    ("ticket", "called", "serving"),
    ("ticket", "called", "waiting"),
    ("ticket", "serving", "done"),
    ("ticket", "waiting", "called"),
    ("ticket", "waiting", "cancelled"),
    ("ticket", "waiting", "no_show"),
)


def _transition_rows() -> list[dict[str, str]]:
    return [{"table_name": t, "source": s, "target": g} for t, s, g in TRANSITIONS_0003]


def _create_server_triggers(bind: sa.Connection) -> None:
    schema = bind.execute(sa.text("SELECT current_schema()")).scalar_one()
    for statement in _pg_functions(schema):
        op.execute(statement)
    for table in SYNCED_TABLES:
        op.execute(
            f"CREATE TRIGGER basmat_stamp BEFORE INSERT OR UPDATE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION basmat_stamp()"
        )
        op.execute(
            f"CREATE TRIGGER basmat_notify AFTER INSERT OR UPDATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION basmat_notify()"
        )
        if table not in INSERT_ONLY:
            op.execute(
                f"CREATE TRIGGER basmat_no_delete BEFORE DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION basmat_no_delete()"
            )
    for table in STATUS_TABLES:
        op.execute(
            f"CREATE TRIGGER basmat_check_transition BEFORE UPDATE OF status ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION basmat_check_transition()"
        )
    transitions = sa.table(
        "sync_transition", sa.column("table_name"), sa.column("source"), sa.column("target")
    )
    op.bulk_insert(transitions, _transition_rows())


def _drop_server_triggers() -> None:
    for table in SYNCED_TABLES:
        op.execute(f"DROP TRIGGER IF EXISTS basmat_stamp ON {table}")
        op.execute(f"DROP TRIGGER IF EXISTS basmat_notify ON {table}")
        op.execute(f"DROP TRIGGER IF EXISTS basmat_no_delete ON {table}")
    for table in STATUS_TABLES:
        op.execute(f"DROP TRIGGER IF EXISTS basmat_check_transition ON {table}")
    for function in (
        "basmat_stamp",
        "basmat_next_seq",
        "basmat_no_delete",
        "basmat_check_transition",
        "basmat_notify",
    ):
        op.execute(f"DROP FUNCTION IF EXISTS {function}()")
    op.execute("DROP SEQUENCE IF EXISTS basmat_server_seq")


def upgrade() -> None:
    bind = op.get_bind()
    _create_tables()
    if bind.dialect.name == "postgresql":
        _create_server_triggers(bind)
    else:
        _create_outbox_triggers(bind)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        _drop_server_triggers()
    else:
        _drop_outbox_triggers()
    for table in (
        "sync_transition",
        "sync_counter",
        "sync_mutation",
        "sync_control",
        "sync_state",
        "sync_outbox",
    ):
        op.drop_table(table)
    op.drop_index(op.f("ix_sync_conflict_server_seq"), table_name="sync_conflict")
    op.drop_index(op.f("ix_sync_conflict_row_id"), table_name="sync_conflict")
    op.drop_table("sync_conflict")
