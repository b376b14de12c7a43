"""store.peek: what the first window needs, read with sqlite3 only."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from basmat_desk.demo import generate_demo
from basmat_desk.domain.demo import DEMO_SUPERVISOR
from basmat_desk.domain.enums import Role
from basmat_desk.domain.settings import AssociationSettings
from basmat_desk.services.context import ServiceContext
from basmat_desk.services.settings import save_settings
from basmat_desk.store.peek import peek_startup
from tests.conftest import MakeActor, dispose

pytestmark = pytest.mark.usefixtures("fast_password_hashing")


def test_a_missing_file_is_not_peeked(tmp_path: Path) -> None:
    assert peek_startup(tmp_path / "nothing.sqlite") is None


def test_a_file_that_is_not_a_database_is_not_peeked(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_text("not a database")
    assert peek_startup(path) is None


def test_a_database_at_another_schema_version_is_left_to_the_full_open(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    with sqlite3.connect(path) as con:
        con.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
        con.execute("INSERT INTO alembic_version VALUES ('0000')")
    assert peek_startup(path) is None


def test_a_new_database_has_defaults_and_no_staff(ctx: ServiceContext, db_path: Path) -> None:
    start = peek_startup(db_path)
    assert start is not None
    assert start.device.device_id == ctx.device_id
    assert start.device.counter_prefix == "A"
    assert start.association == AssociationSettings()
    assert not start.has_staff
    assert start.demo_supervisor is None


def test_saved_settings_and_staff_are_seen(make_actor: MakeActor, db_path: Path) -> None:
    admin = make_actor(Role.ADMIN)
    save_settings(
        admin,
        AssociationSettings(association_name="جمعية بسمات بالرياض", idle_lock_minutes=9),
        "B",
    )
    start = peek_startup(db_path)
    assert start is not None
    assert start.association.association_name == "جمعية بسمات بالرياض"
    assert start.association.idle_lock_minutes == 9
    assert start.device.counter_prefix == "B"
    assert start.has_staff
    assert start.demo_supervisor is None, "not a demo database"


def test_a_demo_database_names_its_supervisor(tmp_path: Path) -> None:
    path = tmp_path / "demo.sqlite"
    generate_demo(path, beneficiaries=20, days=2, now=datetime(2026, 11, 25, 10, tzinfo=UTC))
    start = peek_startup(path)
    assert start is not None
    assert start.demo_supervisor is not None
    assert start.demo_supervisor.username == DEMO_SUPERVISOR
    assert start.demo_supervisor.role is Role.SUPERVISOR


def test_peeking_loads_no_sqlalchemy(ctx: ServiceContext, db_path: Path) -> None:
    dispose(ctx)
    code = (
        "import sys; from pathlib import Path; from basmat_desk.store.peek import peek_startup;"
        f"assert peek_startup(Path({str(db_path)!r})) is not None;"
        "print('sqlalchemy' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "False"
