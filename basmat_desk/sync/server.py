"""The shared server, as its administrator sets it up: `server init` and `server add-counter`.

Both take an administrator's URL (a role that owns the schema and may create roles). Counters
never use it: each connects with its own role, member of `basmat_counter`, which may read the
synced tables, insert into them, update the ones that are not insert-only, and record mutation
ids, and nothing else: no DELETE, no UPDATE of declarations or audit entries, no access to
`sync_counter` (where the invitations are), no CREATEROLE (so no other role can be read for
credentials or changed). Its one way to touch `sync_counter` is `basmat_claim_enrolment`, which
marks its own invitation used, once.
"""

from __future__ import annotations

import base64
import json
import secrets
from dataclasses import dataclass
from typing import Any

import psycopg
from psycopg import sql
from psycopg.types.json import Jsonb

from basmat_desk.domain.errors import ValidationError
from basmat_desk.domain.numbering import validate_prefix
from basmat_desk.domain.settings import DEFAULT_SSLMODE, SSLMODES
from basmat_desk.domain.text import check_length, clean_line
from basmat_desk.store.models import INSERT_ONLY_TABLES, SYNCED_MODELS

CODE_PREFIX = "BASMAT1-"
SYNCED_TABLES = tuple(m.__tablename__ for m in SYNCED_MODELS)

CLAIM_FUNCTION = """
CREATE OR REPLACE FUNCTION basmat_claim_enrolment(device text, accounts jsonb DEFAULT NULL,
                                                   settings jsonb DEFAULT NULL)
RETURNS text
LANGUAGE plpgsql SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$
DECLARE
    claimed text;
BEGIN
    UPDATE sync_counter SET enrolled_at = now(), device_id = device
    WHERE role_name = session_user AND enrolled_at IS NULL
    RETURNING prefix INTO claimed;
    IF claimed IS NULL THEN
        RAISE EXCEPTION 'basmat: this enrolment code was already used'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    -- The association's first counter brings its accounts (its administrator made them before
    -- there was a server); after that, accounts are the server's and a counter brings none.
    IF accounts IS NOT NULL AND jsonb_array_length(accounts) > 0 THEN
        IF EXISTS (SELECT 1 FROM staff) THEN
            IF EXISTS (SELECT 1 FROM jsonb_array_elements(accounts) a
                       WHERE NOT EXISTS (SELECT 1 FROM staff s WHERE s.id = a ->> 'id')) THEN
                RAISE EXCEPTION 'basmat: the server has its own accounts'
                    USING ERRCODE = 'check_violation', CONSTRAINT = 'basmat_account',
                          TABLE = 'staff';
            END IF;
        ELSE
            INSERT INTO staff SELECT * FROM jsonb_populate_recordset(NULL::staff, accounts);
        END IF;
    END IF;
    -- Likewise its settings (the association's name, letterhead …), if the server has none.
    IF settings IS NOT NULL AND NOT EXISTS (SELECT 1 FROM setting) THEN
        INSERT INTO setting SELECT * FROM jsonb_populate_recordset(NULL::setting, settings);
    END IF;
    RETURN claimed;
END;
$$
"""

#: Row settings of every counter and staff role: no session holds a lock, a statement or an
#: idle transaction long enough to keep another counter waiting more than a few seconds.
ROLE_TIMEOUTS = {
    "lock_timeout": "5s",
    "statement_timeout": "60s",
    "idle_in_transaction_session_timeout": "30s",
}
#: The staff roles' functions: account and settings changes, checked and audited on the server.
STAFF_FUNCTIONS = (
    "basmat_staff_save(jsonb)",
    "basmat_staff_password(text, text)",
    "basmat_staff_unlock(text)",
    "basmat_settings_save(jsonb)",
)
#: What the counters' own statements and triggers call.
COUNTER_FUNCTIONS = (
    "basmat_claim_enrolment(text, jsonb, jsonb)",
    "basmat_first_admin(jsonb)",
    "basmat_push_lock(text)",
    "basmat_counter_of(name)",
    "basmat_refuse(text, text, text, text)",
    "basmat_is_staff(text, text[])",
    "basmat_number_prefix(text, text)",
)
#: The columns a counter writes in a staff row: sign-in bookkeeping, nothing of the account.
STAFF_SIGN_IN_COLUMNS = (
    "failed_logins",
    "locked_at",
    "last_login_at",
    "updated_at",
    "updated_by",
    "server_version",
)


def url_parts(url: str) -> dict[str, str]:
    """Host, port, database, user and password of a SQLAlchemy-style or libpq URL, with
    libpq's defaults; empty user and password when the URL has none."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    return {
        "host": parsed.host or "localhost",
        "port": str(parsed.port or 5432),
        "dbname": parsed.database or "postgres",
        "user": parsed.username or "",
        "password": parsed.password or "",
    }


def pg_conninfo(url: str) -> str:
    """A libpq connection string from a SQLAlchemy-style or libpq URL."""
    parts = url_parts(url)
    return psycopg.conninfo.make_conninfo(**{k: v for k, v in parts.items() if v})


def init_server(url: str) -> str:
    """Create or upgrade the schema, the counters' group role and its privileges. Idempotent.
    Returns the schema revision."""
    from sqlalchemy.pool import NullPool

    from basmat_desk.store import db

    engine = db.make_engine(url, poolclass=NullPool)
    try:
        db.upgrade(engine)
        revision = db.current_revision(engine)
    finally:
        engine.dispose()
    with psycopg.connect(pg_conninfo(url), autocommit=True) as conn, conn.transaction():
        schema = conn.execute("SELECT current_schema()").fetchone()[0]  # type: ignore[index]
        _grant(conn, schema)
    return str(revision)


def group_role(dbname: str) -> str:
    """The counters' group role of one database (roles are cluster-wide; privileges of one
    database's counters must not reach another database on the same server)."""
    return f"basmat_counters_{dbname}"[:63]


def counter_role_name(prefix: str, dbname: str) -> str:
    return f"basmat_{prefix.lower()}_{dbname}"[:63]


def staff_group_role(dbname: str) -> str:
    """The group of the staff accounts' own roles: may connect and call the account functions."""
    return f"basmat_staff_{dbname}"[:63]


def _set_timeouts(conn: psycopg.Connection[Any], role: str) -> None:
    for name, value in ROLE_TIMEOUTS.items():
        conn.execute(
            sql.SQL("ALTER ROLE {} SET {} = {}").format(
                sql.Identifier(role), sql.Identifier(name), sql.Literal(value)
            )
        )


def _ensure_group(conn: psycopg.Connection[Any], name: str) -> sql.Identifier:
    exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (name,))
    if exists.fetchone() is None:
        conn.execute(sql.SQL("CREATE ROLE {} NOLOGIN").format(sql.Identifier(name)))
    return sql.Identifier(name)


def _table_privileges(table: str) -> str:
    if table == "setting":  # read; changed online by an administrator
        return "SELECT"
    if table in INSERT_ONLY_TABLES:
        return "SELECT, INSERT"
    return "SELECT, INSERT, UPDATE"


def _grant_tables(conn: psycopg.Connection[Any], group: sql.Identifier) -> None:
    for table in SYNCED_TABLES:
        conn.execute(
            sql.SQL("REVOKE ALL ON {} FROM PUBLIC, {}").format(sql.Identifier(table), group)
        )
        if table == "staff":  # read for offline sign-in; written only in its sign-in columns
            columns = sql.SQL(", ").join(map(sql.Identifier, STAFF_SIGN_IN_COLUMNS))
            conn.execute(sql.SQL("GRANT SELECT ON staff TO {}").format(group))
            conn.execute(sql.SQL("GRANT UPDATE ({}) ON staff TO {}").format(columns, group))
            continue
        privileges = _table_privileges(table)
        conn.execute(
            sql.SQL(f"GRANT {privileges} ON {{}} TO {{}}").format(sql.Identifier(table), group)
        )
    for table, privileges in (
        ("sync_mutation", "SELECT, INSERT"),
        ("sync_transition", "SELECT"),
        ("alembic_version", "SELECT"),
    ):
        conn.execute(sql.SQL("REVOKE ALL ON {} FROM {}").format(sql.Identifier(table), group))
        conn.execute(
            sql.SQL(f"GRANT {privileges} ON {{}} TO {{}}").format(sql.Identifier(table), group)
        )
    for table in (
        "sync_counter",
        "sync_outbox",
        "sync_state",
        "sync_control",
        "device_setting",
        "sync_staff_role",
        "sync_seq_lock",
    ):
        conn.execute(
            sql.SQL("REVOKE ALL ON {} FROM PUBLIC, {}").format(sql.Identifier(table), group)
        )


def _grant(conn: psycopg.Connection[Any], schema: str) -> None:
    dbname = conn.info.dbname
    group = _ensure_group(conn, group_role(dbname))
    staff_group = _ensure_group(conn, staff_group_role(dbname))
    database = sql.Identifier(dbname)
    conn.execute(sql.SQL("REVOKE CONNECT, TEMPORARY ON DATABASE {} FROM PUBLIC").format(database))
    conn.execute(sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(database, group))
    conn.execute(sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(database, staff_group))
    conn.execute("DROP FUNCTION IF EXISTS basmat_claim_enrolment(text)")
    conn.execute("DROP FUNCTION IF EXISTS basmat_claim_enrolment(text, jsonb)")
    conn.execute(CLAIM_FUNCTION.format(schema=schema))
    for grantee in (group, staff_group):
        conn.execute(
            sql.SQL("GRANT USAGE ON SCHEMA {} TO {}").format(sql.Identifier(schema), grantee)
        )
    _grant_tables(conn, group)
    for function, grantee in [
        *((f, group) for f in COUNTER_FUNCTIONS),
        *((f, staff_group) for f in STAFF_FUNCTIONS),
    ]:
        conn.execute(sql.SQL(f"REVOKE ALL ON FUNCTION {function} FROM PUBLIC"))
        conn.execute(sql.SQL(f"GRANT EXECUTE ON FUNCTION {function} TO {{}}").format(grantee))
    roles = conn.execute("SELECT role_name FROM sync_counter").fetchall()
    for (role,) in roles:
        if conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone():
            _set_timeouts(conn, role)
    # Accounts that came before the staff group (or before this version) join it now.
    for (role,) in conn.execute("SELECT role_name FROM sync_staff_role").fetchall():
        conn.execute(sql.SQL("GRANT {} TO {}").format(staff_group, sql.Identifier(role)))
    conn.execute(sql.SQL("REVOKE CREATE ON SCHEMA {} FROM PUBLIC").format(sql.Identifier(schema)))


@dataclass(frozen=True, slots=True)
class EnrolmentCode:
    """What a counter needs to reach the server once: where, as whom, with a password that
    stops working at enrolment (the counter sets its own)."""

    host: str
    port: int
    dbname: str
    role: str
    password: str
    name: str
    prefix: str
    #: How the counter reaches the server: TLS required unless the administrator said
    #: otherwise (`server add-counter --sslmode`, for a test server without TLS).
    sslmode: str = DEFAULT_SSLMODE

    def encode(self) -> str:
        payload = json.dumps(
            {
                "h": self.host,
                "p": self.port,
                "d": self.dbname,
                "r": self.role,
                "pw": self.password,
                "n": self.name,
                "x": self.prefix,
                "s": self.sslmode,
            },
            ensure_ascii=False,
            separators=(",", ":"),
        )
        return CODE_PREFIX + base64.urlsafe_b64encode(payload.encode()).decode().rstrip("=")

    @classmethod
    def decode(cls, code: str) -> EnrolmentCode:
        text = "".join(code.split())
        if not text.startswith(CODE_PREFIX):
            raise ValidationError("code", "رمز التسجيل: ليس رمز تسجيل كاونتر من بسمات")
        body = text.removeprefix(CODE_PREFIX)
        try:
            raw = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
            data = json.loads(raw)
            return cls(
                host=str(data["h"]),
                port=int(data["p"]),
                dbname=str(data["d"]),
                role=str(data["r"]),
                password=str(data["pw"]),
                name=str(data["n"]),
                prefix=validate_prefix(str(data["x"]), "code"),
                sslmode=validate_sslmode(str(data.get("s", DEFAULT_SSLMODE)), "code"),
            )
        except (ValueError, KeyError, TypeError) as error:
            raise ValidationError("code", "رمز التسجيل: الرمز ناقص أو تالف؛ انسخه كاملاً") from error


#: The length of sync_counter.name (and of the conflicts' "name (prefix)").
COUNTER_NAME_MAX = 80


def validate_sslmode(value: str, field: str = "sslmode") -> str:
    if value not in SSLMODES:
        raise ValidationError(
            field, f"وضع TLS (--sslmode): «{value}» غير معروف؛ المقبول: {'، '.join(SSLMODES)}"
        )
    return value


def add_counter(url: str, name: str, prefix: str, sslmode: str = DEFAULT_SSLMODE) -> EnrolmentCode:
    """Invite a counter: its own login role and a one-time enrolment code. Running it again for
    the same counter (a replaced PC) issues a new code and voids the old one."""
    name = check_length("name", "اسم الكاونتر", clean_line(name), COUNTER_NAME_MAX)
    if not name:
        raise ValidationError("name", "اسم الكاونتر: مطلوب")
    prefix = validate_prefix(prefix, "prefix")
    sslmode = validate_sslmode(sslmode)
    password = secrets.token_urlsafe(24)
    where = url_parts(url)
    with psycopg.connect(pg_conninfo(url), autocommit=True) as conn, conn.transaction():
        dbname = conn.info.dbname
        role = counter_role_name(prefix, dbname)
        if conn.execute("SELECT to_regclass('sync_counter')").fetchone() == (None,):
            raise ValidationError(
                "url", "الخادم غير مهيأ؛ هيّئه أولاً بالأمر: basmat-desk server init"
            )
        taken = conn.execute(
            "SELECT name FROM sync_counter WHERE prefix = %s AND name <> %s", (prefix, name)
        ).fetchone()
        if taken is not None:
            raise ValidationError(
                "prefix", f"رمز الكاونتر: الرمز {prefix} مستخدم للكاونتر «{taken[0]}»"
            )
        other = conn.execute(
            "SELECT prefix FROM sync_counter WHERE name = %s AND prefix <> %s", (name, prefix)
        ).fetchone()
        if other is not None:
            raise ValidationError("name", f"اسم الكاونتر: «{name}» مسجَّل برمز آخر ({other[0]})")
        ident = sql.Identifier(role)
        exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone()
        verb = "ALTER" if exists else "CREATE"
        conn.execute(
            sql.SQL(
                verb + " ROLE {} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE INHERIT PASSWORD {}"
            ).format(ident, sql.Literal(password))
        )
        if not exists:
            conn.execute(
                sql.SQL("GRANT {} TO {}").format(sql.Identifier(group_role(dbname)), ident)
            )
        _set_timeouts(conn, role)
        conn.execute(
            "INSERT INTO sync_counter (name, prefix, role_name, invited_at) "
            "VALUES (%s, %s, %s, now()) ON CONFLICT (name) DO UPDATE SET "
            "invited_at = now(), enrolled_at = NULL, device_id = NULL",
            (name, prefix, role),
        )
    return EnrolmentCode(
        host=where["host"],
        port=int(where["port"]),
        dbname=dbname,
        role=role,
        password=password,
        name=name,
        prefix=prefix,
        sslmode=sslmode,
    )


@dataclass(frozen=True, slots=True)
class Unlocked:
    username: str
    full_name: str
    role: str
    new_password: bool


def unlock_staff(url: str, username: str, verifier: str | None) -> Unlocked:
    """The server owner's way back in for a locked or forgotten account (the only
    administrator's, most of all): unlock it and, with `verifier`, give it a new password.
    Audited as done on the server; every counter gets it at its next sync."""
    name = username.strip().lower()
    with psycopg.connect(pg_conninfo(url), autocommit=True) as conn, conn.transaction():
        row = conn.execute(
            "SELECT id, full_name, role FROM staff WHERE username = %s AND deleted_at IS NULL "
            "FOR UPDATE",
            (name,),
        ).fetchone()
        if row is None:
            raise ValidationError("name", f"اسم المستخدم: لا يوجد على الخادم حساب «{name}»")
        staff_id, full_name, role = row
        conn.execute(
            "UPDATE staff SET failed_logins = 0, locked_at = NULL, "
            "password_hash = coalesce(%s, password_hash), updated_at = now() WHERE id = %s",
            (verifier, staff_id),
        )
        after: dict[str, object] = {"locked_at": None, "failed_logins": 0}
        if verifier is not None:
            after["password_hash"] = "<redacted>"
        conn.execute(
            "SELECT basmat_audit(NULL, 'staff.server_unlock', 'staff', %s, NULL, %s)",
            (staff_id, Jsonb(after)),
        )
    return Unlocked(name, str(full_name), str(role), verifier is not None)
