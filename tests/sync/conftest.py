"""Fixtures for sync tests: a freshly initialised server database, and counters (each its own
SQLite file, enrolled with its own role) that act through the real services.

`sync_server` → a `SyncServer` (its admin URL, `add_counter`, `rows(table)`).
`counters(n)` → n enrolled `Counter`s: the first creates the installation's administrator and
pushes it; the others pull it at enrolment; every counter then signs in as that admin
(`counter.ctx` acts as them).
`assert_converged(server, counters)` → every counter holds exactly the server's rows.
"""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import psycopg
import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from basmat_desk.domain.beneficiary import BeneficiaryData
from basmat_desk.domain.enums import Gender, IdType
from basmat_desk.domain.identity import make_national_id
from basmat_desk.services.bootstrap import open_local
from basmat_desk.services.context import ServiceContext
from basmat_desk.services.staff import create_first_admin, login
from basmat_desk.sync.client import SyncClient
from basmat_desk.sync.codec import TABLE_ORDER, TABLES
from basmat_desk.sync.server import add_counter, init_server, pg_conninfo
from tests.conftest import PASSWORD, dispose

PREFIXES = "ABCDEFGH"
_ids = itertools.count(10_000_001)


def national_id() -> str:
    """A fresh valid-checksum national ID (synthetic: made up here)."""
    return make_national_id(f"1{next(_ids):08d}")


def person(first: str = "سارة", family: str = "القحطاني", **extra: Any) -> BeneficiaryData:
    values: dict[str, Any] = {
        "first_name": first,
        "father_name": "محمد",
        "grandfather_name": "علي",
        "family_name": family,
        "id_type": IdType.NATIONAL_ID,
        "id_number": national_id(),
        "gender": Gender.FEMALE,
        "birth_date": date(1990, 1, 1),
        "mobile": f"+9665{next(_ids) % 100_000_000:08d}",
    }
    values.update(extra)
    return BeneficiaryData(**values)


@dataclass
class SyncServer:
    url: str  # an administrator's SQLAlchemy URL of this test's own database

    @property
    def conninfo(self) -> str:
        return pg_conninfo(self.url)

    def add_counter(self, name: str, prefix: str) -> str:
        # The throwaway cluster has no TLS: its counters are enrolled without it.
        return add_counter(self.url, name, prefix, sslmode="disable").encode()

    def rows(self, table: str) -> dict[str, dict[str, Any]]:
        codec = TABLES[table]
        with psycopg.connect(self.conninfo) as conn:
            result = conn.execute(f"SELECT {', '.join(codec.column_names)} FROM {table}")
            rows = [codec.wire_of_pg(row) for row in result]
        return {row["id"]: row for row in rows}

    def scalar(self, query: str, *params: Any) -> Any:
        with psycopg.connect(self.conninfo) as conn:
            row = conn.execute(query, params).fetchone()
        return None if row is None else row[0]


@pytest.fixture(scope="session")
def sync_template(pg_url: str) -> Iterator[str]:
    """A database initialised once per session (`server init`); tests copy it."""
    name = f"basmat_tpl_{uuid.uuid4().hex[:8]}"
    admin = create_engine(pg_url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(pg_url).set(database=name).render_as_string(hide_password=False)
    init_server(url)
    yield name
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def sync_server(pg_url: str, sync_template: str) -> Iterator[SyncServer]:
    """This test's own server database, initialised (schema, triggers, counters' roles)."""
    name = f"basmat_{uuid.uuid4().hex[:12]}"
    admin = create_engine(pg_url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{sync_template}"'))
    url = make_url(pg_url).set(database=name).render_as_string(hide_password=False)
    init_server(url)  # the roles and privileges of this database's counters
    try:
        yield SyncServer(url)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@dataclass
class Counter:
    """One counter PC: its database, its sync client, and the admin acting on it."""

    name: str
    prefix: str
    path: Path
    ctx: ServiceContext
    client: SyncClient = field(init=False)

    def __post_init__(self) -> None:
        self.client = SyncClient(self.path, timeout=10)

    def sync(self) -> Any:
        return self.client.sync_once()

    def rows(self, table: str) -> dict[str, dict[str, Any]]:
        return self.client.store.rows(table)

    def close(self) -> None:
        self.client.close()
        dispose(self.ctx)


MakeCounters = Callable[[int], list[Counter]]


@pytest.fixture
def counters(
    sync_server: SyncServer, tmp_path: Path, fast_password_hashing: None
) -> Iterator[MakeCounters]:
    made: list[Counter] = []

    def make(n: int) -> list[Counter]:
        new = []
        for _ in range(n):
            index = len(made)
            prefix = PREFIXES[index]
            name = f"كاونتر {prefix}"
            path = tmp_path / f"counter-{prefix}.sqlite"
            ctx = open_local(path)
            if index == 0:
                create_first_admin(ctx, "admin", "مدير النظام", PASSWORD)
            counter = Counter(name, prefix, path, ctx)
            counter.client.enroll(sync_server.add_counter(name, prefix))
            counter.ctx = ctx.acting_as(login(ctx, "admin", PASSWORD), PASSWORD)
            made.append(counter)
            new.append(counter)
        # the logins above are changes too: let every counter have them
        sync_all(made)
        return new

    yield make
    for counter in made:
        counter.close()


def sync_all(counters: list[Counter], rounds: int = 2) -> None:
    """Sync every counter, twice round, so each has what the others pushed."""
    for _ in range(rounds):
        for counter in counters:
            counter.sync()


def assert_converged(server: SyncServer, counters: list[Counter]) -> None:
    for table in TABLE_ORDER:
        expected = server.rows(table)
        for counter in counters:
            got = counter.rows(table)
            assert got.keys() == expected.keys(), f"{counter.name}: rows of {table} differ"
            for row_id, row in expected.items():
                assert got[row_id] == row, f"{counter.name}: {table} {row_id} differs"
