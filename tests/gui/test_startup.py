"""Start-up: the first window comes from a peek at the database; SQLAlchemy loads later."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from basmat_desk.demo import generate_demo
from basmat_desk.domain.errors import AuthenticationError
from basmat_desk.gui.app import open_for_startup, sign_in_demo
from basmat_desk.services.staff import has_any_staff
from basmat_desk.store.models import AuditEntry
from tests.conftest import dispose

pytestmark = pytest.mark.gui


def test_a_new_database_is_created_and_migrated_at_once(db_path: Path) -> None:
    ctx, start = open_for_startup(db_path)
    assert db_path.is_file()
    assert ctx.database.is_open
    assert start.device.device_id == ctx.device_id
    assert not start.has_staff
    dispose(ctx)


def test_an_existing_database_opens_on_first_use(tmp_path: Path) -> None:
    path = tmp_path / "demo.sqlite"
    generate_demo(path, beneficiaries=10, days=1, now=datetime(2026, 11, 25, 9, tzinfo=UTC))
    ctx, start = open_for_startup(path)
    assert not ctx.database.is_open, "nothing loaded before the first window"
    assert start.has_staff
    signed_in = sign_in_demo(ctx, start)
    assert signed_in.actor is not None
    assert signed_in.actor.username == "supervisor"
    assert has_any_staff(signed_in)  # the first use opens it
    assert ctx.database.is_open
    dispose(ctx)


def test_demo_sign_in_is_refused_on_a_real_database(db_path: Path) -> None:
    ctx, start = open_for_startup(db_path)
    with pytest.raises(AuthenticationError, match="تجريبية"):
        sign_in_demo(ctx, start)
    dispose(ctx)


@pytest.mark.slow
def test_the_demo_starts_shows_the_window_and_its_figures(tmp_path: Path) -> None:
    path = tmp_path / "demo.sqlite"
    generate_demo(path, beneficiaries=30, days=3)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-m", "basmat_desk", "--demo", "--db", str(path), "--quit-after-show"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "basmat: main window shown",
        "basmat: first screen loaded",
    ]
    assert "Traceback" not in result.stderr
    ctx, _start = open_for_startup(path)
    with ctx.sessions() as session:
        sign_ins = session.scalars(
            select(AuditEntry.actor_id).where(AuditEntry.action == "auth.demo_login")
        ).all()
    assert len(sign_ins) == 1, "the demo sign-in is audited"
    dispose(ctx)
