"""First data model of DESIGN.md, with insert-only declarations and audit entries.

Revision ID: 0001
Revises:
Create Date: 2026-11-25 13:33:26.793926
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# Declarations and audit entries are insert-only: their content can never change and they can
# never be deleted. Only the columns sync maintains (server_seq, server_version) may be set later.
INSERT_ONLY = ("declaration", "audit_entry")
SYNC_MAINTAINED = ("server_seq", "server_version")

PG_REFUSE_FUNCTION = """
CREATE OR REPLACE FUNCTION basmat_refuse_insert_only_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'basmat: % is insert-only; rows cannot be deleted', TG_TABLE_NAME
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF (to_jsonb(NEW) - 'server_seq' - 'server_version')
        IS DISTINCT FROM (to_jsonb(OLD) - 'server_seq' - 'server_version') THEN
        RAISE EXCEPTION 'basmat: % is insert-only; rows cannot be changed', TG_TABLE_NAME
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$;
"""


def _create_insert_only_triggers() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute(PG_REFUSE_FUNCTION)
        for table in INSERT_ONLY:
            op.execute(
                f"CREATE TRIGGER {table}_insert_only BEFORE UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION basmat_refuse_insert_only_change()"
            )
        return
    for table in INSERT_ONLY:
        columns = [
            c["name"]
            for c in sa.inspect(bind).get_columns(table)
            if c["name"] not in SYNC_MAINTAINED
        ]
        op.execute(
            f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} "
            f"BEGIN SELECT RAISE(ABORT, 'basmat: {table} is insert-only; rows cannot be deleted'); END"
        )
        op.execute(
            f"CREATE TRIGGER {table}_no_update BEFORE UPDATE OF {', '.join(columns)} ON {table} "
            f"BEGIN SELECT RAISE(ABORT, 'basmat: {table} is insert-only; rows cannot be changed'); END"
        )


def _drop_insert_only_triggers() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        for table in INSERT_ONLY:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_insert_only ON {table}")
        op.execute("DROP FUNCTION IF EXISTS basmat_refuse_insert_only_change()")
        return
    for table in INSERT_ONLY:
        op.execute(f"DROP TRIGGER IF EXISTS {table}_no_delete")
        op.execute(f"DROP TRIGGER IF EXISTS {table}_no_update")


def upgrade() -> None:
    op.create_table(
        "attachment",
        sa.Column("owner_table", sa.String(length=40), nullable=False),
        sa.Column("owner_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=True),
        sa.Column("filename", sa.String(length=200), nullable=False),
        sa.Column("mime_type", sa.String(length=100), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("server_version", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("server_seq", sa.BigInteger(), nullable=True),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=True),
        sa.Column("origin_device", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attachment")),
    )
    with op.batch_alter_table("attachment", schema=None) as batch_op:
        batch_op.create_index("ix_attachment_owner", ["owner_table", "owner_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_attachment_server_seq"), ["server_seq"], unique=False)
        batch_op.create_index(batch_op.f("ix_attachment_sha256"), ["sha256"], unique=False)

    op.create_table(
        "audit_entry",
        sa.Column("actor_id", sa.String(length=36), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("action", sa.String(length=64), nullable=False),
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("entity_id", sa.String(length=36), nullable=True),
        sa.Column("before_json", sa.Text(), nullable=True),
        sa.Column("after_json", sa.Text(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("server_version", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("server_seq", sa.BigInteger(), nullable=True),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=True),
        sa.Column("origin_device", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_entry")),
    )
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_entry_actor_id"), ["actor_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_entry_at"), ["at"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_entry_entity_id"), ["entity_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_entry_server_seq"), ["server_seq"], unique=False)

    op.create_table(
        "beneficiary",
        sa.Column("first_name", sa.String(length=60), nullable=False),
        sa.Column("father_name", sa.String(length=60), nullable=True),
        sa.Column("grandfather_name", sa.String(length=60), nullable=True),
        sa.Column("family_name", sa.String(length=60), nullable=False),
        sa.Column("name_search", sa.String(length=300), nullable=False),
        sa.Column(
            "id_type",
            sa.Enum(
                "national_id",
                "iqama",
                "passport",
                "border_number",
                name="id_type",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("id_number", sa.String(length=20), nullable=False),
        sa.Column("nationality", sa.String(length=2), nullable=False),
        sa.Column(
            "gender",
            sa.Enum(
                "male",
                "female",
                name="gender",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("birth_date", sa.Date(), nullable=True),
        sa.Column(
            "marital_status",
            sa.Enum(
                "single",
                "married",
                "divorced",
                "widowed",
                name="marital_status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=True,
        ),
        sa.Column("mobile", sa.String(length=16), nullable=True),
        sa.Column("mobile_alt", sa.String(length=16), nullable=True),
        sa.Column("address_building_no", sa.String(length=4), nullable=True),
        sa.Column("address_street", sa.String(length=120), nullable=True),
        sa.Column("address_district", sa.String(length=120), nullable=True),
        sa.Column("address_city", sa.String(length=80), nullable=True),
        sa.Column("address_postal_code", sa.String(length=5), nullable=True),
        sa.Column("address_additional_no", sa.String(length=4), nullable=True),
        sa.Column("address_short", sa.String(length=8), nullable=True),
        sa.Column("family_size", sa.Integer(), nullable=True),
        sa.Column("monthly_income", sa.Integer(), nullable=True),
        sa.Column("income_source", sa.String(length=120), nullable=True),
        sa.Column("employment", sa.String(length=120), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("file_number", sa.String(length=32), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "applicant",
                "registered",
                "inactive",
                name="beneficiary_status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("server_version", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("server_seq", sa.BigInteger(), nullable=True),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=True),
        sa.Column("origin_device", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_beneficiary")),
        sa.UniqueConstraint("file_number", name=op.f("uq_beneficiary_file_number")),
    )
    with op.batch_alter_table("beneficiary", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_beneficiary_mobile"), ["mobile"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_beneficiary_name_search"), ["name_search"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_beneficiary_server_seq"), ["server_seq"], unique=False)
        batch_op.create_index(
            "uq_beneficiary_live_id_number",
            ["id_number"],
            unique=True,
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )

    op.create_table(
        "device_setting",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_device_setting")),
    )
    op.create_table(
        "number_sequence",
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("prefix", sa.String(length=2), nullable=False),
        sa.Column("scope", sa.String(length=10), nullable=False),
        sa.Column("last_value", sa.Integer(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("server_version", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("server_seq", sa.BigInteger(), nullable=True),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=True),
        sa.Column("origin_device", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_number_sequence")),
        sa.UniqueConstraint(
            "kind", "prefix", "scope", name=op.f("uq_number_sequence_kind_prefix_scope")
        ),
    )
    with op.batch_alter_table("number_sequence", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_number_sequence_server_seq"), ["server_seq"], unique=False
        )

    op.create_table(
        "setting",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value_json", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("server_version", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("server_seq", sa.BigInteger(), nullable=True),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=True),
        sa.Column("origin_device", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_setting")),
        sa.UniqueConstraint("key", name=op.f("uq_setting_key")),
    )
    with op.batch_alter_table("setting", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_setting_server_seq"), ["server_seq"], unique=False)

    op.create_table(
        "staff",
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("full_name", sa.String(length=200), nullable=False),
        sa.Column(
            "role",
            sa.Enum(
                "receptionist",
                "researcher",
                "supervisor",
                "admin",
                name="role",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("password_hash", sa.String(length=200), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("failed_logins", sa.Integer(), nullable=False),
        sa.Column("locked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_login_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("server_version", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("server_seq", sa.BigInteger(), nullable=True),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=True),
        sa.Column("origin_device", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff")),
        sa.UniqueConstraint("username", name=op.f("uq_staff_username")),
    )
    with op.batch_alter_table("staff", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_staff_server_seq"), ["server_seq"], unique=False)

    op.create_table(
        "feedback",
        sa.Column(
            "kind",
            sa.Enum(
                "suggestion",
                "complaint",
                "praise",
                name="feedback_kind",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column(
            "channel",
            sa.Enum(
                "interview",
                "phone",
                "social_media",
                "letters",
                "help_requests",
                "volunteering",
                "website",
                name="feedback_channel",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=True,
        ),
        sa.Column("beneficiary_id", sa.String(length=36), nullable=True),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "open",
                "in_progress",
                "closed",
                name="feedback_status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("owner_id", sa.String(length=36), nullable=True),
        sa.Column("resolution", sa.Text(), nullable=True),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_by", sa.String(length=36), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("server_version", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("server_seq", sa.BigInteger(), nullable=True),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=True),
        sa.Column("origin_device", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(
            ["beneficiary_id"],
            ["beneficiary.id"],
            name=op.f("fk_feedback_beneficiary_id_beneficiary"),
        ),
        sa.ForeignKeyConstraint(
            ["closed_by"], ["staff.id"], name=op.f("fk_feedback_closed_by_staff")
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["staff.id"], name=op.f("fk_feedback_owner_id_staff")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feedback")),
    )
    with op.batch_alter_table("feedback", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_feedback_server_seq"), ["server_seq"], unique=False)

    op.create_table(
        "support_request",
        sa.Column("request_number", sa.String(length=32), nullable=False),
        sa.Column("beneficiary_id", sa.String(length=36), nullable=False),
        sa.Column("patient_id", sa.String(length=36), nullable=True),
        sa.Column("patient_name", sa.String(length=200), nullable=True),
        sa.Column("patient_relation", sa.String(length=40), nullable=True),
        sa.Column("service_type", sa.String(length=40), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "draft",
                "verifying",
                "ready",
                "submitted",
                "accepted",
                "rejected",
                "registered",
                "served",
                "on_hold",
                "withdrawn",
                name="request_status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decided_by", sa.String(length=36), nullable=True),
        sa.Column("decision_reason", sa.Text(), nullable=True),
        sa.Column("override_reason", sa.Text(), nullable=True),
        sa.Column("file_number", sa.String(length=32), nullable=True),
        sa.Column("served_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("server_version", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("server_seq", sa.BigInteger(), nullable=True),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=True),
        sa.Column("origin_device", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(
            ["beneficiary_id"],
            ["beneficiary.id"],
            name=op.f("fk_support_request_beneficiary_id_beneficiary"),
        ),
        sa.ForeignKeyConstraint(
            ["decided_by"], ["staff.id"], name=op.f("fk_support_request_decided_by_staff")
        ),
        sa.ForeignKeyConstraint(
            ["patient_id"],
            ["beneficiary.id"],
            name=op.f("fk_support_request_patient_id_beneficiary"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_support_request")),
        sa.UniqueConstraint("request_number", name=op.f("uq_support_request_request_number")),
    )
    with op.batch_alter_table("support_request", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_support_request_beneficiary_id"), ["beneficiary_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_support_request_due_date"), ["due_date"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_support_request_server_seq"), ["server_seq"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_support_request_status"), ["status"], unique=False)

    op.create_table(
        "ticket",
        sa.Column("service_date", sa.Date(), nullable=False),
        sa.Column("prefix", sa.String(length=2), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("purpose", sa.String(length=200), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "waiting",
                "called",
                "serving",
                "done",
                "no_show",
                "cancelled",
                name="ticket_status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("beneficiary_id", sa.String(length=36), nullable=True),
        sa.Column("served_by", sa.String(length=36), nullable=True),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("called_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("serving_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("no_show_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("cancelled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("server_version", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("server_seq", sa.BigInteger(), nullable=True),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=True),
        sa.Column("origin_device", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(
            ["beneficiary_id"],
            ["beneficiary.id"],
            name=op.f("fk_ticket_beneficiary_id_beneficiary"),
        ),
        sa.ForeignKeyConstraint(
            ["served_by"], ["staff.id"], name=op.f("fk_ticket_served_by_staff")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ticket")),
        sa.UniqueConstraint(
            "service_date", "prefix", "number", name=op.f("uq_ticket_service_date_prefix_number")
        ),
    )
    with op.batch_alter_table("ticket", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_ticket_server_seq"), ["server_seq"], unique=False)
        batch_op.create_index(batch_op.f("ix_ticket_service_date"), ["service_date"], unique=False)

    op.create_table(
        "checklist_item",
        sa.Column("request_id", sa.String(length=36), nullable=False),
        sa.Column("item_code", sa.String(length=40), nullable=False),
        sa.Column("required", sa.Boolean(), nullable=False),
        sa.Column("provided", sa.Boolean(), nullable=False),
        sa.Column("matches_data", sa.Boolean(), nullable=False),
        sa.Column("valid_until", sa.Date(), nullable=True),
        sa.Column("verified_by", sa.String(length=36), nullable=True),
        sa.Column("verified_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("server_version", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("server_seq", sa.BigInteger(), nullable=True),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=True),
        sa.Column("origin_device", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["support_request.id"],
            name=op.f("fk_checklist_item_request_id_support_request"),
        ),
        sa.ForeignKeyConstraint(
            ["verified_by"], ["staff.id"], name=op.f("fk_checklist_item_verified_by_staff")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_checklist_item")),
        sa.UniqueConstraint(
            "request_id", "item_code", name=op.f("uq_checklist_item_request_id_item_code")
        ),
    )
    with op.batch_alter_table("checklist_item", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_checklist_item_request_id"), ["request_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_checklist_item_server_seq"), ["server_seq"], unique=False
        )

    op.create_table(
        "contact",
        sa.Column("beneficiary_id", sa.String(length=36), nullable=True),
        sa.Column(
            "channel",
            sa.Enum(
                "interview",
                "phone",
                "social_media",
                "letters",
                "help_requests",
                "volunteering",
                "website",
                name="channel",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column(
            "direction",
            sa.Enum(
                "in", "out", name="direction", native_enum=False, create_constraint=True, length=32
            ),
            nullable=False,
        ),
        sa.Column("purpose", sa.String(length=200), nullable=True),
        sa.Column("inquiry", sa.Text(), nullable=True),
        sa.Column("answer", sa.Text(), nullable=True),
        sa.Column("staff_id", sa.String(length=36), nullable=True),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("ticket_id", sa.String(length=36), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("server_version", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("server_seq", sa.BigInteger(), nullable=True),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=True),
        sa.Column("origin_device", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(
            ["beneficiary_id"],
            ["beneficiary.id"],
            name=op.f("fk_contact_beneficiary_id_beneficiary"),
        ),
        sa.ForeignKeyConstraint(["staff_id"], ["staff.id"], name=op.f("fk_contact_staff_id_staff")),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["ticket.id"], name=op.f("fk_contact_ticket_id_ticket")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contact")),
    )
    with op.batch_alter_table("contact", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_contact_beneficiary_id"), ["beneficiary_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_contact_server_seq"), ["server_seq"], unique=False)
        batch_op.create_index(batch_op.f("ix_contact_started_at"), ["started_at"], unique=False)

    op.create_table(
        "declaration",
        sa.Column("request_id", sa.String(length=36), nullable=False),
        sa.Column("template_version", sa.String(length=20), nullable=False),
        sa.Column("snapshot_json", sa.Text(), nullable=False),
        sa.Column(
            "signature_kind",
            sa.Enum(
                "pad",
                "wet_ink",
                name="signature_kind",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("signature_png", sa.LargeBinary(), nullable=True),
        sa.Column("signed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("witnessed_by", sa.String(length=36), nullable=True),
        sa.Column("content_sha256", sa.String(length=64), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("server_version", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("server_seq", sa.BigInteger(), nullable=True),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=True),
        sa.Column("origin_device", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["support_request.id"],
            name=op.f("fk_declaration_request_id_support_request"),
        ),
        sa.ForeignKeyConstraint(
            ["witnessed_by"], ["staff.id"], name=op.f("fk_declaration_witnessed_by_staff")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_declaration")),
    )
    with op.batch_alter_table("declaration", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_declaration_request_id"), ["request_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_declaration_server_seq"), ["server_seq"], unique=False)

    op.create_table(
        "letter",
        sa.Column("reference_number", sa.String(length=32), nullable=False),
        sa.Column("template_code", sa.String(length=40), nullable=False),
        sa.Column("template_version", sa.String(length=20), nullable=False),
        sa.Column("request_id", sa.String(length=36), nullable=True),
        sa.Column("beneficiary_id", sa.String(length=36), nullable=True),
        sa.Column("fields_json", sa.Text(), nullable=False),
        sa.Column("pdf_sha256", sa.String(length=64), nullable=False),
        sa.Column("issued_by", sa.String(length=36), nullable=True),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reprints", sa.Integer(), nullable=False),
        sa.Column("last_reprinted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("server_version", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("server_seq", sa.BigInteger(), nullable=True),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=True),
        sa.Column("origin_device", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(
            ["beneficiary_id"],
            ["beneficiary.id"],
            name=op.f("fk_letter_beneficiary_id_beneficiary"),
        ),
        sa.ForeignKeyConstraint(
            ["issued_by"], ["staff.id"], name=op.f("fk_letter_issued_by_staff")
        ),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["support_request.id"],
            name=op.f("fk_letter_request_id_support_request"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_letter")),
        sa.UniqueConstraint("reference_number", name=op.f("uq_letter_reference_number")),
    )
    with op.batch_alter_table("letter", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_letter_beneficiary_id"), ["beneficiary_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_letter_request_id"), ["request_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_letter_server_seq"), ["server_seq"], unique=False)

    op.create_table(
        "referral",
        sa.Column("request_id", sa.String(length=36), nullable=True),
        sa.Column("beneficiary_id", sa.String(length=36), nullable=True),
        sa.Column(
            "kind",
            sa.Enum(
                "social_research",
                "committee",
                "clinic",
                "other",
                name="referral_kind",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("target", sa.String(length=120), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "open",
                "in_progress",
                "answered",
                "closed",
                name="referral_status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("owner_id", sa.String(length=36), nullable=True),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column("response", sa.Text(), nullable=True),
        sa.Column("responded_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("responded_by", sa.String(length=36), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("server_version", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("server_seq", sa.BigInteger(), nullable=True),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=True),
        sa.Column("origin_device", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(
            ["beneficiary_id"],
            ["beneficiary.id"],
            name=op.f("fk_referral_beneficiary_id_beneficiary"),
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["staff.id"], name=op.f("fk_referral_owner_id_staff")
        ),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["support_request.id"],
            name=op.f("fk_referral_request_id_support_request"),
        ),
        sa.ForeignKeyConstraint(
            ["responded_by"], ["staff.id"], name=op.f("fk_referral_responded_by_staff")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_referral")),
    )
    with op.batch_alter_table("referral", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_referral_beneficiary_id"), ["beneficiary_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_referral_request_id"), ["request_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_referral_server_seq"), ["server_seq"], unique=False)

    op.create_table(
        "survey_response",
        sa.Column("request_id", sa.String(length=36), nullable=True),
        sa.Column("beneficiary_id", sa.String(length=36), nullable=True),
        sa.Column(
            "channel",
            sa.Enum(
                "interview",
                "phone",
                "social_media",
                "letters",
                "help_requests",
                "volunteering",
                "website",
                name="survey_channel",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=True,
        ),
        sa.Column("answers_json", sa.Text(), nullable=False),
        sa.Column("overall", sa.Integer(), nullable=True),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("collected_by", sa.String(length=36), nullable=True),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("server_version", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("server_seq", sa.BigInteger(), nullable=True),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=True),
        sa.Column("origin_device", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(
            ["beneficiary_id"],
            ["beneficiary.id"],
            name=op.f("fk_survey_response_beneficiary_id_beneficiary"),
        ),
        sa.ForeignKeyConstraint(
            ["collected_by"], ["staff.id"], name=op.f("fk_survey_response_collected_by_staff")
        ),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["support_request.id"],
            name=op.f("fk_survey_response_request_id_support_request"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_response")),
    )
    with op.batch_alter_table("survey_response", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_survey_response_server_seq"), ["server_seq"], unique=False
        )

    _create_insert_only_triggers()


def downgrade() -> None:
    _drop_insert_only_triggers()
    with op.batch_alter_table("survey_response", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_survey_response_server_seq"))

    op.drop_table("survey_response")
    with op.batch_alter_table("referral", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_referral_server_seq"))
        batch_op.drop_index(batch_op.f("ix_referral_request_id"))
        batch_op.drop_index(batch_op.f("ix_referral_beneficiary_id"))

    op.drop_table("referral")
    with op.batch_alter_table("letter", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_letter_server_seq"))
        batch_op.drop_index(batch_op.f("ix_letter_request_id"))
        batch_op.drop_index(batch_op.f("ix_letter_beneficiary_id"))

    op.drop_table("letter")
    with op.batch_alter_table("declaration", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_declaration_server_seq"))
        batch_op.drop_index(batch_op.f("ix_declaration_request_id"))

    op.drop_table("declaration")
    with op.batch_alter_table("contact", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contact_started_at"))
        batch_op.drop_index(batch_op.f("ix_contact_server_seq"))
        batch_op.drop_index(batch_op.f("ix_contact_beneficiary_id"))

    op.drop_table("contact")
    with op.batch_alter_table("checklist_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_checklist_item_server_seq"))
        batch_op.drop_index(batch_op.f("ix_checklist_item_request_id"))

    op.drop_table("checklist_item")
    with op.batch_alter_table("ticket", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ticket_service_date"))
        batch_op.drop_index(batch_op.f("ix_ticket_server_seq"))

    op.drop_table("ticket")
    with op.batch_alter_table("support_request", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_support_request_status"))
        batch_op.drop_index(batch_op.f("ix_support_request_server_seq"))
        batch_op.drop_index(batch_op.f("ix_support_request_due_date"))
        batch_op.drop_index(batch_op.f("ix_support_request_beneficiary_id"))

    op.drop_table("support_request")
    with op.batch_alter_table("feedback", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_feedback_server_seq"))

    op.drop_table("feedback")
    with op.batch_alter_table("staff", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_staff_server_seq"))

    op.drop_table("staff")
    with op.batch_alter_table("setting", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_setting_server_seq"))

    op.drop_table("setting")
    with op.batch_alter_table("number_sequence", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_number_sequence_server_seq"))

    op.drop_table("number_sequence")
    op.drop_table("device_setting")
    with op.batch_alter_table("beneficiary", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_beneficiary_live_id_number",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        )
        batch_op.drop_index(batch_op.f("ix_beneficiary_server_seq"))
        batch_op.drop_index(batch_op.f("ix_beneficiary_name_search"))
        batch_op.drop_index(batch_op.f("ix_beneficiary_mobile"))

    op.drop_table("beneficiary")
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_entry_server_seq"))
        batch_op.drop_index(batch_op.f("ix_audit_entry_entity_id"))
        batch_op.drop_index(batch_op.f("ix_audit_entry_at"))
        batch_op.drop_index(batch_op.f("ix_audit_entry_actor_id"))

    op.drop_table("audit_entry")
    with op.batch_alter_table("attachment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_attachment_sha256"))
        batch_op.drop_index(batch_op.f("ix_attachment_server_seq"))
        batch_op.drop_index("ix_attachment_owner")

    op.drop_table("attachment")
