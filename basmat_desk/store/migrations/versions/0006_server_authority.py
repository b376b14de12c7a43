"""Server authority: a counter's role can do no more than a counter does.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06 18:00:00.000000

Server side (PostgreSQL) only; SQLite is unchanged.

- Who is writing: `basmat_counter_of(acting)` says which counter (prefix and device) a
  statement runs for: the session's counter role, or its group role after SET ROLE. Inside the
  server's own SECURITY DEFINER functions (enrolment, account changes) the acting role is the
  owner and no counter rule applies.
- Row rules (`basmat_row_rules`, BEFORE INSERT OR UPDATE on every synced table), for a counter:
  a row's id, creation time and device never change; a new row carries the counter's device;
  `updated_by` and audit actors are staff that exist; nothing is marked deleted (new
  tombstones of a duplicate only in the tables the push keeps them in); numbers carry the
  counter's own prefix and never change once given (tickets, number sequences, which also
  never go back, request, letter and file numbers); new rows of a workflow start in its first
  status; staff rows take only the sign-in bookkeeping, and a lock is never lifted; a conflict
  is born open, records the counter's own device, and is settled once, by a supervisor or an
  administrator, in its resolution columns only; `sync_mutation` rows carry the counter's own
  device. Each refusal raises with a CONSTRAINT naming its rule (domain/refusals.py).
- A beneficiary's status changes as `sync_transition` lists (rows added here).
- Ordering without a lock anyone can take: `basmat_next_seq` locks the one row of
  `sync_seq_lock` (counters have no privilege on it) instead of a public advisory key, and is
  no longer executable by PUBLIC; `basmat_stamp` runs as its owner. A push takes its counter's
  own row of `sync_counter` through `basmat_push_lock(device)`, which refuses another device.
- Staff accounts have their authority here: every staff row has a PostgreSQL login role of its
  own (`sync_staff_role`), whose password is the row's SCRAM verifier while the account is
  active, unlocked and not deleted (NOLOGIN otherwise), kept so by a trigger on `staff`.
  Accounts and settings are changed only through `basmat_staff_save`, `basmat_staff_password`,
  `basmat_staff_unlock` and `basmat_settings_save`, which check that the signed-in role is an
  administrator's (or, for a password, the account's own) and write an audit entry.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

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
#: A beneficiary's status moves (domain/workflow.py BENEFICIARY_TRANSITIONS at this revision).
BENEFICIARY_TRANSITIONS_0006 = (
    ("beneficiary", "applicant", "registered"),
    ("beneficiary", "applicant", "inactive"),
    ("beneficiary", "registered", "inactive"),
    ("beneficiary", "inactive", "registered"),
)
ADVISORY_LOCK_KEY = 0x6261736D6174  # 0003's ordering lock, for the downgrade


def _functions(schema: str) -> list[str]:
    definer = f"SECURITY DEFINER SET search_path = {schema}, pg_temp"
    return [
        f"""
CREATE OR REPLACE FUNCTION basmat_counter_of(acting name)
RETURNS TABLE (prefix text, device text) LANGUAGE plpgsql STABLE {definer} AS $$
DECLARE
    mine record;
BEGIN
    SELECT c.prefix, c.device_id INTO mine FROM sync_counter c WHERE c.role_name = session_user;
    IF acting = session_user THEN
        IF FOUND THEN
            RETURN QUERY SELECT mine.prefix::text, coalesce(mine.device_id, '')::text;
        END IF;
        RETURN;
    END IF;
    IF acting::text LIKE 'basmat\\_counters\\_%' THEN
        -- SET ROLE to the counters' group: still that counter, or no counter at all.
        RETURN QUERY SELECT coalesce(mine.prefix, '')::text, coalesce(mine.device_id, '')::text;
    END IF;
END;
$$""",
        """
CREATE OR REPLACE FUNCTION basmat_refuse(rule text, message text, tbl text, col text)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'basmat: %', message
        USING ERRCODE = 'check_violation', CONSTRAINT = rule, TABLE = tbl,
              COLUMN = coalesce(col, '');
END;
$$""",
        f"""
CREATE OR REPLACE FUNCTION basmat_is_staff(who text, roles text[] DEFAULT NULL)
RETURNS boolean LANGUAGE sql STABLE {definer} AS $$
    SELECT EXISTS (
        SELECT 1 FROM staff
        WHERE id = who AND deleted_at IS NULL
          AND (roles IS NULL OR (role = ANY (roles) AND active AND locked_at IS NULL))
    )
$$""",
        """
CREATE OR REPLACE FUNCTION basmat_number_prefix(tbl text, number text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE tbl
        WHEN 'support_request' THEN split_part(number, '-', 3)
        WHEN 'letter' THEN split_part(number, '/', 2)
        WHEN 'file' THEN split_part(number, '-', 2)
    END
$$""",
        r"""
CREATE OR REPLACE FUNCTION basmat_row_rules() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    caller record;
    t text := TG_TABLE_NAME;
    first_status text;
    settled text[] := ARRAY['resolution', 'resolved_at', 'resolved_by',
                            'server_seq', 'server_version', 'updated_at', 'updated_by'];
BEGIN
    SELECT * INTO caller FROM basmat_counter_of(current_user);
    IF NOT FOUND THEN
        RETURN NEW;  -- the owner, or the server's own functions
    END IF;
    IF caller.prefix = '' OR caller.device = '' THEN
        PERFORM basmat_refuse('basmat_device', 'not an enrolled counter', t, NULL);
    END IF;

    IF TG_OP = 'INSERT' THEN
        IF NEW.origin_device IS NULL THEN
            NEW.origin_device := caller.device;
        ELSIF NEW.origin_device <> caller.device THEN
            PERFORM basmat_refuse('basmat_device', 'a new row carries its counter''s device',
                                  t, 'origin_device');
        END IF;
        IF NEW.deleted_at IS NOT NULL
           AND t NOT IN ('beneficiary', 'support_request', 'letter') THEN
            PERFORM basmat_refuse('basmat_no_delete', 'rows are not deleted', t, 'deleted_at');
        END IF;
        first_status := CASE t
            WHEN 'beneficiary' THEN 'applicant' WHEN 'ticket' THEN 'waiting'
            WHEN 'support_request' THEN 'draft' WHEN 'referral' THEN 'open'
            WHEN 'feedback' THEN 'open' END;
        IF first_status IS NOT NULL AND to_jsonb(NEW) ->> 'status' <> first_status THEN
            PERFORM basmat_refuse('basmat_first_status',
                                  format('a new %s starts as %s', t, first_status), t, 'status');
        END IF;
    ELSE
        IF NEW.id <> OLD.id OR NEW.created_at IS DISTINCT FROM OLD.created_at
           OR NEW.origin_device IS DISTINCT FROM OLD.origin_device THEN
            PERFORM basmat_refuse('basmat_immutable', 'a row''s identity never changes', t, 'id');
        END IF;
        IF NEW.deleted_at IS DISTINCT FROM OLD.deleted_at THEN
            PERFORM basmat_refuse('basmat_no_delete', 'rows are not deleted', t, 'deleted_at');
        END IF;
    END IF;
    IF NEW.updated_by IS NOT NULL AND (TG_OP = 'INSERT' OR NEW.updated_by IS DISTINCT FROM
       OLD.updated_by) AND NOT basmat_is_staff(NEW.updated_by) THEN
        PERFORM basmat_refuse('basmat_actor', 'updated_by is not a staff member', t,
                              'updated_by');
    END IF;

    IF t = 'staff' THEN
        IF TG_OP = 'INSERT' THEN
            PERFORM basmat_refuse('basmat_account', 'accounts are made online by an administrator',
                                  t, NULL);
        END IF;
        IF OLD.locked_at IS NOT NULL AND NEW.locked_at IS DISTINCT FROM OLD.locked_at THEN
            PERFORM basmat_refuse('basmat_account', 'only an administrator unlocks an account',
                                  t, 'locked_at');
        END IF;
        IF NEW.failed_logins < 0 THEN
            PERFORM basmat_refuse('basmat_account', 'failed sign-ins are never negative', t,
                                  'failed_logins');
        END IF;
    ELSIF t = 'ticket' THEN
        IF TG_OP = 'INSERT' AND NEW.prefix <> caller.prefix THEN
            PERFORM basmat_refuse('basmat_prefix', 'a ticket carries its counter''s prefix', t,
                                  'prefix');
        ELSIF TG_OP = 'UPDATE' AND (NEW.prefix, NEW.number, NEW.service_date)
              IS DISTINCT FROM (OLD.prefix, OLD.number, OLD.service_date) THEN
            PERFORM basmat_refuse('basmat_immutable', 'a ticket''s number never changes', t,
                                  'number');
        END IF;
    ELSIF t = 'number_sequence' THEN
        IF NEW.prefix <> caller.prefix OR (TG_OP = 'UPDATE' AND OLD.prefix <> caller.prefix) THEN
            PERFORM basmat_refuse('basmat_prefix', 'a counter advances its own numbers only', t,
                                  'prefix');
        END IF;
        IF TG_OP = 'UPDATE' AND ((NEW.kind, NEW.scope) IS DISTINCT FROM (OLD.kind, OLD.scope)
           OR NEW.last_value < OLD.last_value) THEN
            PERFORM basmat_refuse('basmat_immutable', 'a number sequence never goes back', t,
                                  'last_value');
        END IF;
    ELSIF t = 'support_request' THEN
        IF TG_OP = 'INSERT' AND basmat_number_prefix(t, NEW.request_number)
           IS DISTINCT FROM caller.prefix THEN
            PERFORM basmat_refuse('basmat_prefix', 'a request number carries its counter''s prefix',
                                  t, 'request_number');
        ELSIF TG_OP = 'UPDATE' AND NEW.request_number <> OLD.request_number THEN
            PERFORM basmat_refuse('basmat_immutable', 'a request number never changes', t,
                                  'request_number');
        END IF;
    ELSIF t = 'letter' THEN
        IF TG_OP = 'INSERT' AND basmat_number_prefix(t, NEW.reference_number)
           IS DISTINCT FROM caller.prefix THEN
            PERFORM basmat_refuse('basmat_prefix', 'a letter number carries its counter''s prefix',
                                  t, 'reference_number');
        ELSIF TG_OP = 'UPDATE' AND NEW.reference_number <> OLD.reference_number THEN
            PERFORM basmat_refuse('basmat_immutable', 'a letter number never changes', t,
                                  'reference_number');
        END IF;
    ELSIF t = 'audit_entry' THEN
        IF NEW.actor_id IS NOT NULL AND NOT basmat_is_staff(NEW.actor_id) THEN
            PERFORM basmat_refuse('basmat_actor', 'an audit entry''s actor is a staff member', t,
                                  'actor_id');
        END IF;
    ELSIF t = 'sync_conflict' THEN
        IF TG_OP = 'INSERT' THEN
            IF NEW.resolution IS NOT NULL OR NEW.resolved_by IS NOT NULL
               OR NEW.counter_device IS DISTINCT FROM caller.device THEN
                PERFORM basmat_refuse('basmat_device',
                    'a conflict is born open, from its counter''s own device', t, 'resolution');
            END IF;
        ELSE
            IF (to_jsonb(NEW) - settled) IS DISTINCT FROM (to_jsonb(OLD) - settled) THEN
                PERFORM basmat_refuse('basmat_immutable', 'a conflict''s record never changes', t,
                                      NULL);
            END IF;
            IF NEW.resolution IS DISTINCT FROM OLD.resolution AND (OLD.resolution IS NOT NULL
               OR NOT basmat_is_staff(NEW.resolved_by, ARRAY['supervisor', 'admin'])) THEN
                PERFORM basmat_refuse('basmat_actor',
                    'a supervisor or an administrator settles a conflict, once', t,
                    'resolved_by');
            END IF;
        END IF;
    END IF;

    IF t IN ('beneficiary', 'support_request') THEN
        IF (TG_OP = 'INSERT' AND NEW.file_number IS NOT NULL)
           OR (TG_OP = 'UPDATE' AND NEW.file_number IS DISTINCT FROM OLD.file_number) THEN
            IF (TG_OP = 'UPDATE' AND OLD.file_number IS NOT NULL)
               OR basmat_number_prefix('file', NEW.file_number) IS DISTINCT FROM caller.prefix THEN
                PERFORM basmat_refuse('basmat_prefix',
                    'a file number carries its counter''s prefix and never changes', t,
                    'file_number');
            END IF;
        END IF;
    END IF;
    RETURN NEW;
END;
$$""",
        """
CREATE OR REPLACE FUNCTION basmat_mutation_rules() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    caller record;
BEGIN
    SELECT * INTO caller FROM basmat_counter_of(current_user);
    IF FOUND AND NEW.device_id IS DISTINCT FROM caller.device THEN
        PERFORM basmat_refuse('basmat_device', 'a counter records its own mutations',
                              'sync_mutation', 'device_id');
    END IF;
    RETURN NEW;
END;
$$""",
        f"""
CREATE OR REPLACE FUNCTION basmat_next_seq() RETURNS bigint
LANGUAGE plpgsql {definer} AS $$
BEGIN
    -- Held until this transaction ends: a later-committing writer waits here, so numbers
    -- are handed out in commit order. A row lock, not an advisory key anyone could take.
    PERFORM 1 FROM sync_seq_lock WHERE id = 1 FOR UPDATE;
    RETURN nextval('basmat_server_seq');
END;
$$""",
        f"""
CREATE OR REPLACE FUNCTION basmat_stamp() RETURNS trigger
LANGUAGE plpgsql {definer} AS $$
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
        f"""
CREATE OR REPLACE FUNCTION basmat_push_lock(device text) RETURNS void
LANGUAGE plpgsql {definer} AS $$
DECLARE
    caller record;
BEGIN
    SELECT * INTO caller FROM basmat_counter_of(session_user);
    IF FOUND THEN
        IF caller.device <> device THEN
            PERFORM basmat_refuse('basmat_device', 'a counter pushes for its own device',
                                  'sync_mutation', 'device_id');
        END IF;
        PERFORM 1 FROM sync_counter WHERE role_name = session_user FOR UPDATE;
    ELSE
        PERFORM pg_advisory_xact_lock(1651553652, hashtext(device));
    END IF;
END;
$$""",
        # --- staff accounts ------------------------------------------------------------------
        f"""
CREATE OR REPLACE FUNCTION basmat_staff_role_name(staff_id text) RETURNS text
LANGUAGE sql STABLE {definer} AS $$
    SELECT 'bs_' || substr(md5(current_database()), 1, 8) || '_' || replace(staff_id, '-', '')
$$""",
        f"""
CREATE OR REPLACE FUNCTION basmat_sync_staff_role() RETURNS trigger
LANGUAGE plpgsql {definer} AS $$
DECLARE
    role_name text := basmat_staff_role_name(NEW.id);
    staff_group text := left('basmat_staff_' || current_database(), 63);
    can_login boolean := NEW.active AND NEW.locked_at IS NULL AND NEW.deleted_at IS NULL
                         AND NEW.password_hash LIKE 'SCRAM-SHA-256$%';
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = role_name) THEN
        EXECUTE format('CREATE ROLE %I NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE INHERIT',
                       role_name);
        EXECUTE format('ALTER ROLE %I SET lock_timeout = %L', role_name, '5s');
        EXECUTE format('ALTER ROLE %I SET statement_timeout = %L', role_name, '30s');
        EXECUTE format('ALTER ROLE %I SET idle_in_transaction_session_timeout = %L',
                       role_name, '10s');
    END IF;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = staff_group) THEN
        EXECUTE format('GRANT %I TO %I', staff_group, role_name);
    END IF;
    INSERT INTO sync_staff_role (staff_id, role_name) VALUES (NEW.id, role_name)
    ON CONFLICT (staff_id) DO NOTHING;
    IF can_login THEN
        EXECUTE format('ALTER ROLE %I LOGIN PASSWORD %L', role_name, NEW.password_hash);
    ELSE
        EXECUTE format('ALTER ROLE %I NOLOGIN PASSWORD NULL', role_name);
    END IF;
    RETURN NULL;
END;
$$""",
        f"""
CREATE OR REPLACE FUNCTION basmat_signed_in(roles text[] DEFAULT NULL) RETURNS staff
LANGUAGE plpgsql STABLE {definer} AS $$
DECLARE
    me staff;
BEGIN
    SELECT s.* INTO me FROM staff s JOIN sync_staff_role r ON r.staff_id = s.id
    WHERE r.role_name = session_user AND s.deleted_at IS NULL AND s.active
      AND s.locked_at IS NULL;
    IF NOT FOUND OR (roles IS NOT NULL AND NOT me.role = ANY (roles)) THEN
        PERFORM basmat_refuse('basmat_account', 'not an administrator signed in', 'staff', NULL);
    END IF;
    RETURN me;
END;
$$""",
        f"""
CREATE OR REPLACE FUNCTION basmat_audit(actor text, action text, entity text, entity_id text,
                                        before jsonb, after jsonb)
RETURNS void LANGUAGE sql {definer} AS $$
    INSERT INTO audit_entry (id, server_version, created_at, updated_at, updated_by,
                             origin_device, actor_id, at, action, entity, entity_id,
                             before_json, after_json)
    VALUES (gen_random_uuid()::text, 0, now(), now(), actor, 'server', actor, now(), action,
            entity, entity_id, before::text, after::text)
$$""",
        f"""
CREATE OR REPLACE FUNCTION basmat_keep_an_admin(changed text) RETURNS void
LANGUAGE plpgsql {definer} AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM staff WHERE role = 'admin' AND active AND deleted_at IS NULL)
    THEN
        PERFORM basmat_refuse('basmat_last_admin', 'the last administrator stays', 'staff',
                              changed);
    END IF;
END;
$$""",
        f"""
CREATE OR REPLACE FUNCTION basmat_staff_save(p jsonb) RETURNS jsonb
LANGUAGE plpgsql {definer} AS $$
DECLARE
    me staff := basmat_signed_in(ARRAY['admin']);
    before staff;
    saved staff;
BEGIN
    SELECT * INTO before FROM staff WHERE id = p ->> 'id' FOR UPDATE;
    IF NOT FOUND THEN
        IF coalesce(p ->> 'password_hash', '') NOT LIKE 'SCRAM-SHA-256$%' THEN
            PERFORM basmat_refuse('basmat_account', 'a password is kept as a SCRAM verifier',
                                  'staff', 'password_hash');
        END IF;
        INSERT INTO staff (id, server_version, created_at, updated_at, updated_by, origin_device,
                           username, full_name, role, password_hash, active, failed_logins)
        VALUES (p ->> 'id', 0, now(), now(), me.id, 'server', p ->> 'username',
                p ->> 'full_name', p ->> 'role', p ->> 'password_hash', true, 0)
        RETURNING * INTO saved;
        PERFORM basmat_audit(me.id, 'staff.create', 'staff', saved.id, NULL,
                             to_jsonb(saved) - 'password_hash');
    ELSE
        UPDATE staff SET full_name = coalesce(p ->> 'full_name', full_name),
                         role = coalesce(p ->> 'role', role),
                         active = coalesce((p ->> 'active')::boolean, active),
                         updated_at = now(), updated_by = me.id
        WHERE id = before.id RETURNING * INTO saved;
        PERFORM basmat_keep_an_admin('role');
        PERFORM basmat_audit(me.id, 'staff.update', 'staff', saved.id,
                             to_jsonb(before) - 'password_hash', to_jsonb(saved) - 'password_hash');
    END IF;
    RETURN to_jsonb(saved);
END;
$$""",
        f"""
CREATE OR REPLACE FUNCTION basmat_first_admin(p jsonb) RETURNS jsonb
LANGUAGE plpgsql {definer} AS $$
DECLARE
    caller record;
    saved staff;
BEGIN
    -- A new association's first account, made on an enrolled counter before anyone could
    -- sign in: only while the server has no account at all, and only as an administrator.
    SELECT * INTO caller FROM basmat_counter_of(session_user);
    IF NOT FOUND OR EXISTS (SELECT 1 FROM staff) OR p ->> 'role' <> 'admin'
       OR coalesce(p ->> 'password_hash', '') NOT LIKE 'SCRAM-SHA-256$%' THEN
        PERFORM basmat_refuse('basmat_account', 'the first account is the first administrator',
                              'staff', NULL);
    END IF;
    INSERT INTO staff (id, server_version, created_at, updated_at, updated_by, origin_device,
                       username, full_name, role, password_hash, active, failed_logins)
    VALUES (p ->> 'id', 0, now(), now(), p ->> 'id', caller.device, p ->> 'username',
            p ->> 'full_name', 'admin', p ->> 'password_hash', true, 0)
    RETURNING * INTO saved;
    PERFORM basmat_audit(saved.id, 'staff.first_admin', 'staff', saved.id, NULL,
                         to_jsonb(saved) - 'password_hash');
    RETURN to_jsonb(saved);
END;
$$""",
        f"""
CREATE OR REPLACE FUNCTION basmat_staff_password(staff_id text, verifier text) RETURNS jsonb
LANGUAGE plpgsql {definer} AS $$
DECLARE
    me staff := basmat_signed_in();
    saved staff;
BEGIN
    IF me.id <> staff_id AND me.role <> 'admin' THEN
        PERFORM basmat_refuse('basmat_account', 'only an administrator sets another''s password',
                              'staff', 'password_hash');
    END IF;
    IF verifier NOT LIKE 'SCRAM-SHA-256$%' THEN
        PERFORM basmat_refuse('basmat_account', 'a password is kept as a SCRAM verifier',
                              'staff', 'password_hash');
    END IF;
    UPDATE staff SET password_hash = verifier, failed_logins = 0, locked_at = NULL,
                     updated_at = now(), updated_by = me.id
    WHERE id = staff_id AND deleted_at IS NULL RETURNING * INTO saved;
    IF NOT FOUND THEN
        PERFORM basmat_refuse('basmat_account', 'no such account', 'staff', 'id');
    END IF;
    PERFORM basmat_audit(me.id, CASE WHEN me.id = staff_id THEN 'staff.change_own_password'
                                     ELSE 'staff.reset_password' END,
                         'staff', staff_id, NULL, '{{"password_hash": "<redacted>"}}'::jsonb);
    RETURN to_jsonb(saved);
END;
$$""",
        f"""
CREATE OR REPLACE FUNCTION basmat_staff_unlock(staff_id text) RETURNS jsonb
LANGUAGE plpgsql {definer} AS $$
DECLARE
    me staff := basmat_signed_in(ARRAY['admin']);
    saved staff;
BEGIN
    UPDATE staff SET failed_logins = 0, locked_at = NULL, updated_at = now(), updated_by = me.id
    WHERE id = staff_id AND deleted_at IS NULL RETURNING * INTO saved;
    IF NOT FOUND THEN
        PERFORM basmat_refuse('basmat_account', 'no such account', 'staff', 'id');
    END IF;
    PERFORM basmat_audit(me.id, 'staff.unlock', 'staff', staff_id, NULL,
                         '{{"locked_at": null, "failed_logins": 0}}'::jsonb);
    RETURN to_jsonb(saved);
END;
$$""",
        f"""
CREATE OR REPLACE FUNCTION basmat_settings_save(p jsonb) RETURNS jsonb
LANGUAGE plpgsql {definer} AS $$
DECLARE
    me staff := basmat_signed_in(ARRAY['admin']);
    item record;
    saved jsonb := '[]'::jsonb;
    row_saved setting;
BEGIN
    FOR item IN SELECT value FROM jsonb_array_elements(p) LOOP
        INSERT INTO setting (id, server_version, created_at, updated_at, updated_by,
                             origin_device, key, value_json)
        VALUES (item.value ->> 'id', 0, now(), now(), me.id, 'server', item.value ->> 'key',
                item.value ->> 'value_json')
        ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json,
                                        updated_at = now(), updated_by = me.id
        RETURNING * INTO row_saved;
        saved := saved || to_jsonb(row_saved);
    END LOOP;
    PERFORM basmat_audit(me.id, 'settings.update', 'setting', NULL, NULL, p);
    RETURN saved;
END;
$$""",
    ]


_FUNCTION_SIGNATURES = (
    "basmat_counter_of(name)",
    "basmat_refuse(text, text, text, text)",
    "basmat_is_staff(text, text[])",
    "basmat_number_prefix(text, text)",
    "basmat_row_rules()",
    "basmat_mutation_rules()",
    "basmat_push_lock(text)",
    "basmat_staff_role_name(text)",
    "basmat_sync_staff_role()",
    "basmat_signed_in(text[])",
    "basmat_audit(text, text, text, text, jsonb, jsonb)",
    "basmat_keep_an_admin(text)",
    "basmat_staff_save(jsonb)",
    "basmat_first_admin(jsonb)",
    "basmat_staff_password(text, text)",
    "basmat_staff_unlock(text)",
    "basmat_settings_save(jsonb)",
)


def upgrade() -> None:
    bind = op.get_bind()
    # Both databases get the tables (one schema describes both); each is used on the server.
    op.create_table(
        "sync_staff_role",
        sa.Column("staff_id", sa.String(length=36), nullable=False),
        sa.Column("role_name", sa.String(length=63), nullable=False),
        sa.PrimaryKeyConstraint("staff_id", name=op.f("pk_sync_staff_role")),
        sa.UniqueConstraint("role_name", name=op.f("uq_sync_staff_role_role_name")),
    )
    op.create_table(
        "sync_seq_lock",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_seq_lock")),
    )
    if bind.dialect.name != "postgresql":
        return
    schema = bind.execute(sa.text("SELECT current_schema()")).scalar_one()
    op.execute("INSERT INTO sync_seq_lock (id) VALUES (1)")
    for statement in _functions(schema):
        op.execute(statement)
    # Functions are executable by PUBLIC when made: none of these may be. `server init`
    # grants each to the group that needs it.
    for signature in ("basmat_next_seq()", *_FUNCTION_SIGNATURES):
        op.execute(f"REVOKE ALL ON FUNCTION {signature} FROM PUBLIC")
    for table in SYNCED_TABLES:
        op.execute(
            f"CREATE TRIGGER basmat_row_rules BEFORE INSERT OR UPDATE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION basmat_row_rules()"
        )
    op.execute(
        "CREATE TRIGGER basmat_mutation_rules BEFORE INSERT ON sync_mutation "
        "FOR EACH ROW EXECUTE FUNCTION basmat_mutation_rules()"
    )
    op.execute(
        "CREATE TRIGGER basmat_check_transition BEFORE UPDATE OF status ON beneficiary "
        "FOR EACH ROW EXECUTE FUNCTION basmat_check_transition()"
    )
    op.execute(
        "CREATE TRIGGER basmat_sync_staff_role AFTER INSERT OR UPDATE OF password_hash, active, "
        "locked_at, deleted_at ON staff FOR EACH ROW EXECUTE FUNCTION basmat_sync_staff_role()"
    )
    transitions = sa.table(
        "sync_transition", sa.column("table_name"), sa.column("source"), sa.column("target")
    )
    op.bulk_insert(
        transitions,
        [{"table_name": t, "source": s, "target": g} for t, s, g in BENEFICIARY_TRANSITIONS_0006],
    )
    # Accounts already here get their roles (NOLOGIN until their hash is a SCRAM verifier).
    op.execute("UPDATE staff SET password_hash = password_hash")


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        op.drop_table("sync_seq_lock")
        op.drop_table("sync_staff_role")
        return
    schema = bind.execute(sa.text("SELECT current_schema()")).scalar_one()
    for table in SYNCED_TABLES:
        op.execute(f"DROP TRIGGER IF EXISTS basmat_row_rules ON {table}")
    op.execute("DROP TRIGGER IF EXISTS basmat_mutation_rules ON sync_mutation")
    op.execute("DROP TRIGGER IF EXISTS basmat_check_transition ON beneficiary")
    op.execute("DROP TRIGGER IF EXISTS basmat_sync_staff_role ON staff")
    transitions = sa.table(
        "sync_transition", sa.column("table_name"), sa.column("source"), sa.column("target")
    )
    op.execute(transitions.delete().where(transitions.c.table_name == "beneficiary"))
    # The staff roles stay (roles are cluster-wide and may own sessions); they lose their
    # functions and their group's privileges with them.
    for signature in _FUNCTION_SIGNATURES:
        op.execute(f"DROP FUNCTION IF EXISTS {signature}")
    op.execute(
        f"""
CREATE OR REPLACE FUNCTION basmat_next_seq() RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$
BEGIN
    PERFORM pg_advisory_xact_lock({ADVISORY_LOCK_KEY});
    RETURN nextval('basmat_server_seq');
END;
$$"""
    )
    op.execute(
        """
CREATE OR REPLACE FUNCTION basmat_stamp() RETURNS trigger
LANGUAGE plpgsql SECURITY INVOKER AS $$
BEGIN
    NEW.server_seq := basmat_next_seq();
    IF TG_OP = 'INSERT' THEN
        NEW.server_version := 1;
    ELSE
        NEW.server_version := OLD.server_version + 1;
    END IF;
    RETURN NEW;
END;
$$"""
    )
    op.execute("GRANT EXECUTE ON FUNCTION basmat_next_seq() TO PUBLIC")
    op.drop_table("sync_seq_lock")
    op.drop_table("sync_staff_role")
