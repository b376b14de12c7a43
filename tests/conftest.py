"""Fixtures shared by every test: isolated user dirs, a fresh database, staff of each role,
and a throwaway PostgreSQL server for the tests marked `pg`."""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from itertools import count
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, MetaData, create_engine, func, inspect, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

from basmat_desk.domain.enums import Gender, IdType, Role, SignatureKind
from basmat_desk.services import passwords
from basmat_desk.services.bootstrap import open_local
from basmat_desk.services.context import Actor, ServiceContext
from basmat_desk.services.staff import create_first_admin, create_staff
from basmat_desk.store.db import make_engine, sqlite_url, upgrade
from basmat_desk.store.models import (
    SYNC_MAINTAINED_COLUMNS,
    AuditEntry,
    Base,
    Beneficiary,
    Declaration,
    Staff,
    SupportRequest,
)
from tests.pg import ClusterError, TempCluster, find_pg_bin_dir

# At import, before any test imports Qt or asks for a user directory: no display, and no test
# may read or write the real user's data, config, state or cache.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_SESSION_HOME = Path(tempfile.mkdtemp(prefix="basmat-tests-home-"))
for _name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
    _dir = _SESSION_HOME / _name.removeprefix("XDG_").removesuffix("_HOME").lower()
    _dir.mkdir()
    os.environ[_name] = str(_dir)
# Nor the user's credential store: counters keep their server password in the 0600 file beside
# the database, which the subprocess counters of the fault suite read too. (A test that wants a
# credential store sets its own, tests/sync/test_credentials.py.)
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"

PASSWORD = "correct horse 1"
PG_FIXTURES = frozenset({"pg_url", "pg_database", "pg_cluster"})


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(_SESSION_HOME, ignore_errors=True)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Whatever uses the PostgreSQL fixtures is a `pg` test (so `-m "not pg"` leaves it out)."""
    for item in items:
        if PG_FIXTURES.intersection(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.pg)


# --- the local database and the people using it ----------------------------------------------


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Where this test's own SQLite database goes (the file does not exist yet)."""
    return tmp_path / "basmat.sqlite"


def dispose(ctx: ServiceContext) -> None:
    """Close every pooled connection of the context's engine."""
    bind = ctx.sessions.kw.get("bind")
    if bind is not None:
        bind.dispose()


@pytest.fixture(scope="session")
def migrated_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty database at the current schema, migrated once per session: each test gets a
    copy (migrating takes a few hundred milliseconds, copying a few)."""
    path = tmp_path_factory.mktemp("template") / "migrated.sqlite"
    engine = make_engine(sqlite_url(path))
    try:
        upgrade(engine)
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        engine.dispose()
    assert not path.with_name(path.name + "-wal").exists()
    return path


@pytest.fixture
def ctx(db_path: Path, migrated_database: Path) -> Iterator[ServiceContext]:
    """This test's own database (a copy of the migrated one), opened as the application opens
    it (which gives it its own device id), with nobody signed in."""
    shutil.copy(migrated_database, db_path)
    context = open_local(db_path)
    yield context
    dispose(context)


@pytest.fixture
def password() -> str:
    """The password of every account that `make_actor` creates."""
    return PASSWORD


@pytest.fixture
def fast_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Hash with few PBKDF2 iterations, for tests about something other than passwords that
    need many accounts."""
    monkeypatch.setattr(passwords, "ITERATIONS", 1000)


MakeActor = Callable[..., ServiceContext]


@pytest.fixture
def make_actor(ctx: ServiceContext) -> MakeActor:
    """`make_actor(role)` → a context acting as a new staff member of `role`.

    The first call creates the installation's first administrator (and returns it when an
    admin is asked for); later accounts are created by that administrator. Every account's
    password is `PASSWORD`.
    """
    admin: list[ServiceContext] = []
    numbers = count(1)

    def make(role: Role | str = Role.ADMIN, *, username: str | None = None) -> ServiceContext:
        role = Role(role)
        if not admin:
            first = create_first_admin(ctx, "admin", "مدير النظام", PASSWORD)
            admin.append(ctx.acting_as(first))
            if role is Role.ADMIN and username is None:
                return admin[0]
        name = username or f"{role.value}{next(numbers)}"
        row = create_staff(
            admin[0],
            username=name,
            full_name=f"موظف {role.label}",
            role=role,
            password=PASSWORD,
        )
        return ctx.acting_as(Actor(row.id, row.username, row.full_name, row.role))

    return make


@pytest.fixture
def audit_entries(ctx: ServiceContext) -> Callable[..., list[AuditEntry]]:
    """`audit_entries(action=..., entity_id=...)` → the matching committed audit entries,
    oldest first, read in a session of their own."""

    def read(**where: Any) -> list[AuditEntry]:
        with ctx.sessions() as session:
            query = select(AuditEntry).filter_by(**where).order_by(AuditEntry.id)
            return list(session.scalars(query))

    return read


@pytest.fixture
def row_counts(ctx: ServiceContext) -> Callable[[], dict[str, int]]:
    """`row_counts()` → {table: committed rows} for every table of the database."""

    def count_rows() -> dict[str, int]:
        with ctx.sessions() as session:
            return {
                table.name: session.scalar(select(func.count()).select_from(table)) or 0
                for table in Base.metadata.sorted_tables
            }

    return count_rows


# --- PostgreSQL ---------------------------------------------------------------------------------


_CLUSTER: list[TempCluster] = []  # the session's own cluster, when the tests started one


@pytest.fixture(scope="session")
def pg_cluster(pg_url: str) -> TempCluster:
    """The cluster behind `pg_url`, for tests that stop or restart the server; skipped when
    the server is an external one (BASMAT_TEST_PG_URL)."""
    if not _CLUSTER:
        pytest.skip("the PostgreSQL server is external (BASMAT_TEST_PG_URL): cannot restart it")
    return _CLUSTER[0]


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    """The URL of a PostgreSQL server's `postgres` database, as a superuser.

    BASMAT_TEST_PG_URL names an existing server; otherwise the tests start their own cluster
    once per session. Without PostgreSQL binaries the `pg` tests are skipped, unless
    BASMAT_REQUIRE_PG=1 (CI), where that is a failure.
    """
    given = os.environ.get("BASMAT_TEST_PG_URL")
    if given:
        url = make_url(given)
        if url.drivername == "postgresql":
            url = url.set(drivername="postgresql+psycopg")
        yield url.render_as_string(hide_password=False)
        return
    bin_dir = find_pg_bin_dir()
    if bin_dir is None:
        message = (
            "PostgreSQL is not installed: no initdb/pg_ctl on PATH or in "
            "/usr/lib/postgresql/*/bin (install the 'postgresql' package, or set "
            "BASMAT_TEST_PG_URL to a server's URL)"
        )
        if os.environ.get("BASMAT_REQUIRE_PG") == "1":
            pytest.fail(f"BASMAT_REQUIRE_PG=1 but {message}", pytrace=False)
        pytest.skip(message)
    try:
        cluster = TempCluster(bin_dir)
    except ClusterError as error:
        pytest.fail(str(error), pytrace=False)
    try:
        cluster.start()
    except ClusterError as error:
        cluster.stop()
        pytest.fail(f"could not start a PostgreSQL cluster from {bin_dir}:\n{error}", pytrace=False)
    _CLUSTER.append(cluster)
    try:
        yield cluster.url
    finally:
        _CLUSTER.clear()
        cluster.stop()


@pytest.fixture
def pg_database(pg_url: str) -> Iterator[str]:
    """A fresh, empty database on the test server (dropped afterwards); yields its URL."""
    name = f"test_{uuid.uuid4().hex}"
    admin = create_engine(pg_url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        yield make_url(pg_url).set(database=name).render_as_string(hide_password=False)
        with admin.connect() as conn:
            conn.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = :name AND pid <> pg_backend_pid()"
                ),
                {"name": name},
            )
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
    finally:
        admin.dispose()


# --- schema checks shared by the SQLite and PostgreSQL migration tests --------------------------


class SchemaChecks:
    """What every database the migrations built must satisfy, whatever its dialect."""

    @staticmethod
    def drift(engine: Engine, metadata: MetaData | None = None) -> list[Any]:
        """Alembic's differences between the models (or `metadata`) and the live schema."""
        with engine.connect() as conn:
            migration = MigrationContext.configure(
                conn, opts={"compare_type": True, "compare_server_default": True}
            )
            return list(compare_metadata(migration, metadata or Base.metadata))

    @staticmethod
    def tables(engine: Engine) -> set[str]:
        return set(inspect(engine).get_table_names())

    @staticmethod
    def seed_insert_only_rows(engine: Engine) -> dict[str, tuple[str, str]]:
        """Two rows, A and B, in each insert-only table, different in every column.

        Returns {table: (id of A, id of B)}; the parents they point at are inserted too.
        Written without the audit hook, as a sync pull or another client would.
        """
        t1 = datetime(2026, 1, 1, 8, 0, tzinfo=UTC)
        t2 = datetime(2026, 2, 2, 9, 30, tzinfo=UTC)

        def sync(n: int) -> dict[str, Any]:
            return {
                "server_version": n,
                "server_seq": None if n == 0 else 100 + n,
                "deleted_at": None if n == 0 else t2,
                "created_at": (t1, t2)[n],
                "updated_at": (t1, t2)[n],
                "updated_by": f"someone-{n}",
                "origin_device": f"device-{n}",
            }

        with Session(engine) as session, session.begin():
            staff = [
                Staff(
                    username=f"witness{n}",
                    full_name=f"شاهد {n}",
                    role=Role.RECEPTIONIST,
                    password_hash="x",
                    active=True,
                    failed_logins=0,
                    **sync(0),
                )
                for n in range(2)
            ]
            person = Beneficiary(
                first_name="سارة",
                family_name="القحطاني",
                name_search="ساره القحطاني",
                id_type=IdType.NATIONAL_ID,
                id_number="1000000008",
                gender=Gender.FEMALE,
                **sync(0),
            )
            session.add_all([*staff, person])
            session.flush()
            requests = [
                SupportRequest(
                    request_number=f"R-1447-A-0000{n}",
                    beneficiary_id=person.id,
                    service_type="treatment",
                    **sync(0),
                )
                for n in range(2)
            ]
            session.add_all(requests)
            session.flush()
            declarations = [
                Declaration(
                    request_id=requests[n].id,
                    template_version=f"v{n}",
                    snapshot_json=f'{{"n": {n}}}',
                    signature_kind=(SignatureKind.PAD, SignatureKind.WET_INK)[n],
                    signature_png=(b"\x89PNG a", None)[n],
                    signed_at=(t1, t2)[n],
                    witnessed_by=staff[n].id,
                    content_sha256=str(n) * 64,
                    **sync(n),
                )
                for n in range(2)
            ]
            session.add_all(declarations)
            session.flush()
            entries = [
                AuditEntry(
                    actor_id=staff[n].id,
                    at=(t1, t2)[n],
                    action=f"action.{n}",
                    entity=("support_request", "declaration")[n],
                    entity_id=(requests[0].id, declarations[1].id)[n],
                    before_json=(None, '{"status": "draft"}')[n],
                    after_json=f'{{"status": "{n}"}}',
                    reason=(None, "سبب")[n],
                    **sync(n),
                )
                for n in range(2)
            ]
            session.add_all(entries)
            session.flush()
            return {
                "declaration": (declarations[0].id, declarations[1].id),
                "audit_entry": (entries[0].id, entries[1].id),
            }

    def assert_insert_only(self, engine: Engine, table: str, ids: tuple[str, str]) -> None:
        """Row A's content can take none of row B's values and A cannot be deleted; only the
        columns sync maintains may change."""
        a, b = ids
        columns = [c["name"] for c in inspect(engine).get_columns(table)]
        before = self._row(engine, table, a)
        other = self._row(engine, table, b)
        content = [c for c in columns if c not in SYNC_MAINTAINED_COLUMNS]
        assert content, table
        for column in content:
            assert before[column] != other[column], f"seed rows must differ in {column}"
            with pytest.raises(DBAPIError, match="insert-only"), engine.begin() as conn:
                conn.execute(
                    text(
                        f"UPDATE {table} SET {column} = "
                        f"(SELECT {column} FROM {table} WHERE id = :b) WHERE id = :a"
                    ),
                    {"a": a, "b": b},
                )
        for statement in (f"DELETE FROM {table} WHERE id = :a", f"DELETE FROM {table}"):
            with pytest.raises(DBAPIError, match="insert-only"), engine.begin() as conn:
                conn.execute(text(statement), {"a": a})
        assert self._row(engine, table, a) == before

        with engine.begin() as conn:
            conn.execute(
                text(f"UPDATE {table} SET server_seq = 4242, server_version = 7 WHERE id = :a"),
                {"a": a},
            )
        after = self._row(engine, table, a)
        if engine.dialect.name == "postgresql":
            # The server numbers every change itself, whatever the client sends.
            assert after["server_seq"] > before["server_seq"]
            assert after["server_version"] == before["server_version"] + 1
        else:
            assert (after["server_seq"], after["server_version"]) == (4242, 7)
        assert {k: v for k, v in after.items() if k not in SYNC_MAINTAINED_COLUMNS} == {
            k: v for k, v in before.items() if k not in SYNC_MAINTAINED_COLUMNS
        }

    @staticmethod
    def _row(engine: Engine, table: str, row_id: str) -> dict[str, Any]:
        with engine.connect() as conn:
            row = conn.execute(text(f"SELECT * FROM {table} WHERE id = :id"), {"id": row_id}).one()
            return dict(row._mapping)


@pytest.fixture
def schema_checks() -> SchemaChecks:
    return SchemaChecks()
