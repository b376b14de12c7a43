"""What a counter's own PostgreSQL role may do on the server, asked of PostgreSQL's privilege
catalogue, and the error a statement it may not run gets.

Why the catalogue: the server's triggers refuse a DELETE (`basmat_no_delete`) and any change of
an insert-only row (migration 0001) with SQLSTATE 42501, the same code as a missing privilege.
A test that only expects `InsufficientPrivilege` from a DELETE therefore passes whether the role
may delete or not. Here each privilege is read with `has_table_privilege` and its kin, and a
refused statement must fail with PostgreSQL's own "permission denied for table …", which is
raised before any trigger runs; the triggers' own refusal reads "basmat: …".
"""

from __future__ import annotations

from typing import Any

import psycopg
import pytest

from basmat_desk.services.beneficiaries import register_beneficiary
from basmat_desk.store.models import INSERT_ONLY_TABLES, SYNCED_MODELS
from basmat_desk.sync.server import group_role
from tests.sync.conftest import Counter, MakeCounters, SyncServer, person

pytestmark = pytest.mark.slow

TABLE_VERBS = ("SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER")
COLUMN_VERBS = ("SELECT", "INSERT", "UPDATE", "REFERENCES")
SEQUENCE_VERBS = ("USAGE", "SELECT", "UPDATE")

SYNCED_TABLES = frozenset(m.__tablename__ for m in SYNCED_MODELS)
#: DESIGN.md: a signed declaration and the audit trail never change once written.
INSERT_ONLY = frozenset({"declaration", "audit_entry"})
#: The sync bookkeeping on the server: what a counter may do with each, and nothing more.
BOOKKEEPING: dict[str, frozenset[str]] = {
    "sync_mutation": frozenset({"SELECT", "INSERT"}),  # the replay record: never rewritten
    "sync_transition": frozenset({"SELECT"}),  # the workflow the server enforces
    "alembic_version": frozenset({"SELECT"}),  # the schema revision the client checks
    "sync_counter": frozenset(),  # the invitations (only via basmat_claim_enrolment)
    "sync_outbox": frozenset(),  # counter-side tables, unused on the server
    "sync_state": frozenset(),
    "sync_control": frozenset(),
    "device_setting": frozenset(),
    "sync_staff_role": frozenset(),  # which login role is which staff member's
    "sync_seq_lock": frozenset(),  # the ordering lock: taken only by basmat_next_seq
}
#: Accounts and settings are the server's: a counter reads them (offline sign-in needs the
#: verifiers), and writes only a staff row's sign-in bookkeeping (column privileges).
READ_ONLY = frozenset({"staff", "setting"})
STAFF_SIGN_IN_COLUMNS = frozenset(
    {"failed_logins", "locked_at", "last_login_at", "updated_at", "updated_by", "server_version"}
)
#: The functions a counter calls: the enrolment claim, the first administrator of a new
#: association, its push lock, and the helpers its row rules (run as the writing counter)
#: call. Not basmat_next_seq: only the stamp trigger, as its owner, takes numbers.
CALLABLE = frozenset(
    {
        "basmat_claim_enrolment",
        "basmat_first_admin",
        "basmat_push_lock",
        "basmat_counter_of",
        "basmat_refuse",
        "basmat_is_staff",
        "basmat_number_prefix",
    }
)


def allowed(table: str) -> frozenset[str]:
    """What a counter's role may do with a table of the server (as a whole table)."""
    if table in BOOKKEEPING:
        return BOOKKEEPING[table]
    assert table in SYNCED_TABLES, f"{table}: neither synced nor sync bookkeeping"
    if table in READ_ONLY:
        return frozenset({"SELECT"})
    if table in INSERT_ONLY:
        return frozenset({"SELECT", "INSERT"})
    return frozenset({"SELECT", "INSERT", "UPDATE"})


def allowed_on_columns(table: str) -> frozenset[str]:
    """What a counter's role may do with some column of a table: the table's privileges,
    and UPDATE of a staff row's sign-in columns."""
    extra = frozenset({"UPDATE"}) if table == "staff" else frozenset()
    return (allowed(table) | extra) & frozenset(COLUMN_VERBS)


def ask(server: SyncServer, query: str, *params: Any) -> list[tuple[Any, ...]]:
    """Rows of a query run as the server's administrator."""
    with psycopg.connect(server.conninfo, autocommit=True) as conn:
        return conn.execute(query, params).fetchall()


def schema_tables(server: SyncServer) -> list[str]:
    rows = ask(
        server,
        "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1",
    )
    return [name for (name,) in rows]


@pytest.fixture
def counter(counters: MakeCounters) -> Counter:
    """An enrolled counter, its role's password already its own."""
    (made,) = counters(1)
    return made


@pytest.fixture
def role(counter: Counter) -> str:
    """The PostgreSQL role of an enrolled counter."""
    name: str = counter.client.credentials()["role"]
    return name


def test_the_insert_only_tables_are_the_declarations_and_the_audit_trail() -> None:
    assert frozenset(INSERT_ONLY_TABLES) == INSERT_ONLY
    assert INSERT_ONLY <= SYNCED_TABLES
    assert not SYNCED_TABLES & BOOKKEEPING.keys()


def test_every_table_of_the_server_is_either_synced_or_bookkeeping(sync_server) -> None:
    """A new table must come with a decision about what counters may do with it."""
    assert set(schema_tables(sync_server)) == SYNCED_TABLES | BOOKKEEPING.keys()


def test_a_counter_role_has_exactly_the_table_privileges_it_needs(sync_server, role) -> None:
    """SELECT and INSERT on every synced table, UPDATE on those that are not insert-only, the
    bookkeeping's own few, and nothing else: no DELETE, TRUNCATE, REFERENCES or TRIGGER
    anywhere, and no grant option."""
    tables = schema_tables(sync_server)
    granted: dict[str, set[str]] = {table: set() for table in tables}
    grantable: list[tuple[str, str]] = []
    for table in tables:
        for verb in TABLE_VERBS:
            ((has, can_grant),) = ask(
                sync_server,
                "SELECT has_table_privilege(%s, %s, %s), has_table_privilege(%s, %s, %s)",
                role,
                table,
                verb,
                role,
                table,
                f"{verb} WITH GRANT OPTION",
            )
            if has:
                granted[table].add(verb)
            if can_grant:
                grantable.append((table, verb))

    assert granted == {table: set(allowed(table)) for table in tables}
    assert grantable == []
    # spelled out, for whoever reads a failure of the lines above
    assert granted["beneficiary"] == {"SELECT", "INSERT", "UPDATE"}
    assert granted["declaration"] == {"SELECT", "INSERT"}
    assert granted["audit_entry"] == {"SELECT", "INSERT"}
    assert all("DELETE" not in verbs and "TRUNCATE" not in verbs for verbs in granted.values())


def test_no_column_privilege_reaches_around_a_table_privilege(sync_server, role) -> None:
    """A column-level GRANT (UPDATE (snapshot_json) ON declaration) is not seen by
    `has_table_privilege`: ask about the columns too."""
    tables = schema_tables(sync_server)
    granted: dict[str, set[str]] = {table: set() for table in tables}
    for table in tables:
        for verb in COLUMN_VERBS:
            ((has,),) = ask(
                sync_server, "SELECT has_any_column_privilege(%s, %s, %s)", role, table, verb
            )
            if has:
                granted[table].add(verb)
    assert granted == {table: set(allowed_on_columns(table)) for table in tables}
    columns = ask(
        sync_server,
        "SELECT column_name FROM information_schema.columns WHERE table_name = 'staff' "
        "AND table_schema = current_schema()",
    )
    updatable = {
        name
        for (name,) in columns
        if ask(sync_server, "SELECT has_column_privilege(%s, 'staff', %s, 'UPDATE')", role, name)[
            0
        ][0]
    }
    assert updatable == STAFF_SIGN_IN_COLUMNS, "never the hash, the role or the active flag"


def test_a_counter_role_may_not_use_any_sequence_directly(sync_server, role) -> None:
    """Server numbers come from basmat_next_seq (SECURITY DEFINER), never from nextval or setval
    in a counter's hands."""
    rows = ask(
        sync_server,
        "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = current_schema() AND c.relkind = 'S' ORDER BY 1",
    )
    sequences = [name for (name,) in rows]
    assert "basmat_server_seq" in sequences
    granted = [
        (sequence, verb)
        for sequence in sequences
        for verb in SEQUENCE_VERBS
        if ask(sync_server, "SELECT has_sequence_privilege(%s, %s, %s)", role, sequence, verb)[0][0]
    ]
    assert granted == []


def test_a_counter_role_may_call_only_the_functions_it_needs(sync_server, role) -> None:
    rows = ask(
        sync_server,
        "SELECT p.proname, p.prorettype = 'trigger'::regtype, "
        "has_function_privilege(%s, p.oid, 'EXECUTE'), "
        "has_function_privilege('public', p.oid, 'EXECUTE') "
        "FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
        "WHERE n.nspname = current_schema() ORDER BY 1",
        role,
    )
    executable = {name: may for name, _trigger, may, _public in rows}
    callable_ = {name for name, trigger, may, _public in rows if may and not trigger}
    assert executable["basmat_claim_enrolment"] is True
    assert executable["basmat_next_seq"] is False
    assert executable["basmat_staff_save"] is False, "accounts: an administrator's own role"
    assert callable_ == CALLABLE
    # the server's own functions are no one's on the server but their groups'
    public = {name for name, trigger, _may, everyone in rows if everyone and not trigger}
    assert public == set()


def test_a_counter_role_is_a_plain_login_in_its_own_databases_group_only(
    sync_server, role, sync_template
) -> None:
    (attributes,) = ask(
        sync_server,
        "SELECT rolsuper, rolcreaterole, rolcreatedb, rolreplication, rolbypassrls, "
        "rolcanlogin, rolinherit FROM pg_roles WHERE rolname = %s",
        role,
    )
    assert attributes == (False, False, False, False, False, True, True)
    dbname = ask(sync_server, "SELECT current_database()")[0][0]
    member_of = ask(
        sync_server,
        "SELECT g.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid "
        "JOIN pg_roles r ON r.oid = m.member WHERE r.rolname = ANY(%s) ORDER BY 1",
        [role, group_role(dbname)],
    )
    assert member_of == [(group_role(dbname),)], "the group, and through it nothing else"

    ((schema_usage, schema_create, connect, create, temporary, other_db),) = ask(
        sync_server,
        "SELECT has_schema_privilege(%s, current_schema(), 'USAGE'), "
        "has_schema_privilege(%s, current_schema(), 'CREATE'), "
        "has_database_privilege(%s, current_database(), 'CONNECT'), "
        "has_database_privilege(%s, current_database(), 'CREATE'), "
        "has_database_privilege(%s, current_database(), 'TEMPORARY'), "
        "has_database_privilege(%s, %s, 'CONNECT')",
        role,
        role,
        role,
        role,
        role,
        role,
        sync_template,
    )
    assert (schema_usage, schema_create) == (True, False)
    assert (connect, create, temporary) == (True, False, False)
    assert other_db is False, "another Basmat database on the same server is not this counter's"


# --- what a refused statement says ------------------------------------------------------------

DECLARATION_ID = "0193d1f0-0000-7000-8000-000000000002"


@pytest.fixture
def rows(counter: Counter) -> dict[str, str]:
    """Rows on the server that a refused statement would touch if it ran: a beneficiary, a
    signed declaration and an audit entry (so a trigger would fire, were the privilege
    there)."""
    record = register_beneficiary(counter.ctx, person())
    counter.sync()
    with counter.client.connect() as conn:
        conn.execute(
            "INSERT INTO support_request (id, request_number, beneficiary_id, service_type, "
            "status, created_at, updated_at) VALUES ('req-p', 'R-1448-A-00009', %s, 'cleaning', "
            "'draft', now(), now())",
            (record.id,),
        )
        conn.execute(
            "INSERT INTO declaration (id, request_id, template_version, snapshot_json, "
            "signature_kind, signed_at, content_sha256, created_at, updated_at) VALUES "
            "(%s, 'req-p', 'v1', '{}', 'wet_ink', now(), 'x', now(), now())",
            (DECLARATION_ID,),
        )
        ((audit_id,),) = conn.execute("SELECT id FROM audit_entry LIMIT 1").fetchall()
    return {"beneficiary": record.id, "declaration": DECLARATION_ID, "audit_entry": audit_id}


def refusal(conn: psycopg.Connection[Any], statement: str, params: tuple[Any, ...]) -> str:
    """How PostgreSQL refused a statement: "SQLSTATE: message", or "(ran)"."""
    try:
        conn.execute(statement, params)
    except psycopg.Error as error:
        return f"{error.sqlstate}: {error.diag.message_primary}"
    return "(ran)"


def test_a_refused_statement_fails_on_the_privilege_not_on_a_trigger(
    sync_server, counter, rows
) -> None:
    person_id, declaration_id, audit_id = (
        rows["beneficiary"],
        rows["declaration"],
        rows["audit_entry"],
    )
    refused: list[tuple[str, tuple[Any, ...], str]] = [
        ("DELETE FROM beneficiary WHERE id = %s", (person_id,), "table beneficiary"),
        ("TRUNCATE beneficiary", (), "table beneficiary"),  # no row trigger fires on TRUNCATE
        (
            "UPDATE declaration SET snapshot_json = '{\"x\":1}' WHERE id = %s",
            (declaration_id,),
            "table declaration",
        ),
        ("DELETE FROM declaration WHERE id = %s", (declaration_id,), "table declaration"),
        ("UPDATE audit_entry SET action = 'x' WHERE id = %s", (audit_id,), "table audit_entry"),
        ("DELETE FROM audit_entry WHERE id = %s", (audit_id,), "table audit_entry"),
        ("TRUNCATE audit_entry", (), "table audit_entry"),
        ("SELECT * FROM sync_counter", (), "table sync_counter"),
        ("UPDATE sync_counter SET enrolled_at = NULL", (), "table sync_counter"),
        ("DELETE FROM sync_mutation", (), "table sync_mutation"),
        ("UPDATE sync_mutation SET outcome = 'x'", (), "table sync_mutation"),
        (
            "INSERT INTO sync_transition VALUES ('ticket', 'waiting', 'done')",
            (),
            "table sync_transition",
        ),
        ("DELETE FROM sync_transition", (), "table sync_transition"),
        ("UPDATE alembic_version SET version_num = '9999'", (), "table alembic_version"),
        ("SELECT * FROM sync_outbox", (), "table sync_outbox"),
        ("SELECT * FROM sync_state", (), "table sync_state"),
        ("SELECT * FROM sync_control", (), "table sync_control"),
        ("SELECT * FROM device_setting", (), "table device_setting"),
        ("SELECT nextval('basmat_server_seq')", (), "sequence basmat_server_seq"),
        ("SELECT setval('basmat_server_seq', 1)", (), "sequence basmat_server_seq"),
    ]
    with counter.client.connect() as conn:
        said = {statement: refusal(conn, statement, params) for statement, params, _ in refused}
        # and what it may do, it can: the refusals above are not a broken connection
        conn.execute("UPDATE beneficiary SET notes = 'مسموح' WHERE id = %s", (person_id,))
        assert conn.execute("SELECT count(*) FROM sync_transition").fetchone() != (0,)
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() is not None

    assert said == {
        statement: f"42501: permission denied for {what}" for statement, _params, what in refused
    }
    assert person_id in sync_server.rows("beneficiary")
    assert sync_server.rows("declaration")[declaration_id]["snapshot_json"] == "{}"
    assert sync_server.rows("audit_entry")[audit_id]["action"] != "x"


def test_the_triggers_refusal_has_the_same_code_and_other_words(sync_server, rows) -> None:
    """Why the test above compares messages: the owner, who has every privilege, is stopped
    by the triggers with the very same SQLSTATE."""
    with psycopg.connect(sync_server.conninfo, autocommit=True) as owner:
        for statement, table, words in (
            ("DELETE FROM beneficiary WHERE id = %s", "beneficiary", "never deleted"),
            (
                "UPDATE declaration SET snapshot_json = '{\"x\":2}' WHERE id = %s",
                "declaration",
                "insert-only",
            ),
            ("DELETE FROM audit_entry WHERE id = %s", "audit_entry", "insert-only"),
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege) as error:
                owner.execute(statement, (rows[table],))
            assert error.value.sqlstate == "42501"
            message = str(error.value.diag.message_primary)
            assert message.startswith(f"basmat: {table}") or message.startswith(
                f"basmat: rows of {table}"
            ), message
            assert words in message
            assert "permission denied" not in message
