"""Accounts and security settings have their authority on the server: on an enrolled counter,
an administrator changes them online as their own PostgreSQL role (the server checks that
password), every counter gets the change by sync, and the server's owner can let a locked or
forgotten administrator back in."""

from __future__ import annotations

import io
from dataclasses import replace

import psycopg
import pytest

from basmat_desk.cli import main
from basmat_desk.domain.enums import Role
from basmat_desk.domain.errors import AuthenticationError, PermissionDenied, ValidationError
from basmat_desk.services.authority import NEEDS_SERVER, staff_role
from basmat_desk.services.settings import get_association_settings, save_settings
from basmat_desk.services.staff import (
    MAX_FAILED_LOGINS,
    change_own_password,
    create_staff,
    list_staff,
    login,
    reset_password,
    unlock_staff,
    update_staff,
)
from tests.conftest import PASSWORD
from tests.sync.conftest import Counter, SyncServer, sync_all

pytestmark = pytest.mark.slow

NEW = "a-new-password-9"


def staff_ids(counter: Counter) -> dict[str, str]:
    return {row["username"]: row_id for row_id, row in counter.rows("staff").items()}


def signs_in_on_the_server(server: SyncServer, staff_id: str, password: str) -> bool:
    """Whether PostgreSQL itself lets the account's own role in with `password`."""
    url = psycopg.conninfo.conninfo_to_dict(server.conninfo)
    role = staff_role(url["dbname"], staff_id)
    try:
        with psycopg.connect(**{**url, "user": role, "password": password}):
            return True
    except psycopg.OperationalError:
        return False


def test_an_administrator_adds_and_changes_an_account_online(sync_server, counters) -> None:
    a, b = counters(2)
    row = create_staff(
        a.ctx, username="huda", full_name="هدى", role=Role.RECEPTIONIST, password=NEW
    )
    # made on the server (audited there), and already back on this counter by the pull
    assert row.username == "huda"
    server_row = sync_server.rows("staff")[row.id]
    assert (server_row["role"], server_row["updated_by"]) == ("receptionist", a.ctx.actor.staff_id)
    assert any(
        e["action"] == "staff.create" and e["entity_id"] == row.id
        for e in sync_server.rows("audit_entry").values()
    )
    assert a.client.store.pending_count() == 0, "nothing of it went through the outbox"
    assert signs_in_on_the_server(sync_server, row.id, NEW)

    sync_all([a, b])
    assert login(b.ctx, "huda", NEW).role is Role.RECEPTIONIST

    update_staff(a.ctx, row.id, role=Role.SUPERVISOR)
    reset_password(a.ctx, row.id, new_password=PASSWORD)
    sync_all([a, b])
    assert login(b.ctx, "huda", PASSWORD).role is Role.SUPERVISOR
    assert signs_in_on_the_server(sync_server, row.id, PASSWORD)
    assert not signs_in_on_the_server(sync_server, row.id, NEW)

    update_staff(a.ctx, row.id, active=False)
    sync_all([a, b])
    with pytest.raises(AuthenticationError):
        login(b.ctx, "huda", PASSWORD)
    assert not signs_in_on_the_server(sync_server, row.id, PASSWORD), "a stopped account: NOLOGIN"


def test_the_last_administrator_stays_one_on_the_server_too(counters) -> None:
    (a,) = counters(1)
    with pytest.raises(ValidationError, match="آخر مدير"):
        update_staff(a.ctx, a.ctx.actor.staff_id, role=Role.RECEPTIONIST)


def test_a_lock_reaches_every_counter_and_only_an_administrator_lifts_it(
    sync_server, counters
) -> None:
    a, b = counters(2)
    clerk = create_staff(
        a.ctx, username="clerk", full_name="موظف", role=Role.RECEPTIONIST, password=NEW
    )
    sync_all([a, b])
    for _ in range(MAX_FAILED_LOGINS):
        with pytest.raises(AuthenticationError):
            login(b.ctx, "clerk", "wrong password")
    sync_all([a, b])
    assert sync_server.rows("staff")[clerk.id]["locked_at"] is not None
    with pytest.raises(AuthenticationError):
        login(a.ctx, "clerk", NEW)  # locked on the other counter too
    assert not signs_in_on_the_server(sync_server, clerk.id, NEW)

    unlock_staff(a.ctx, clerk.id)
    sync_all([a, b])
    assert login(b.ctx, "clerk", NEW).username == "clerk"


def test_a_staff_member_changes_their_own_password_online(sync_server, counters) -> None:
    a, b = counters(2)
    clerk = create_staff(
        a.ctx, username="clerk", full_name="موظف", role=Role.RECEPTIONIST, password=NEW
    )
    sync_all([a, b])
    signed_in = b.ctx.acting_as(login(b.ctx, "clerk", NEW), NEW)
    change_own_password(signed_in, current=NEW, new_password=PASSWORD)
    sync_all([a, b])
    assert login(a.ctx, "clerk", PASSWORD).username == "clerk"
    assert signs_in_on_the_server(sync_server, clerk.id, PASSWORD)
    # and the session goes on with the new one: its next server call signs in with it
    with pytest.raises(PermissionDenied):  # a receptionist: refused before the server
        create_staff(signed_in, username="clerk1", full_name="س", role=Role.ADMIN, password=NEW)
    assert signed_in.secret is not None
    assert signed_in.secret.value == PASSWORD


def test_settings_are_changed_online_and_the_prefix_stays(sync_server, counters) -> None:
    a, b = counters(2)
    current = get_association_settings(a.ctx)
    save_settings(
        a.ctx, replace(current, association_name="جمعية بسمات للعناية", idle_lock_minutes=7)
    )
    keys = {row["key"]: row for row in sync_server.rows("setting").values()}
    assert keys["idle_lock_minutes"]["value_json"] == "7"
    sync_all([a, b])
    assert get_association_settings(b.ctx).idle_lock_minutes == 7
    with pytest.raises(ValidationError) as refused:
        save_settings(a.ctx, current, counter_prefix="Z")
    assert refused.value.field == "counter_prefix"


def test_an_account_change_needs_the_server(counters, monkeypatch) -> None:
    (a,) = counters(1)
    a.client.store.set_state({"port": "1"})  # a server that does not answer
    before = list_staff(a.ctx)
    with pytest.raises(ValidationError) as refused:
        create_staff(a.ctx, username="clerk2", full_name="س", role=Role.RECEPTIONIST, password=NEW)
    assert refused.value.message.startswith(NEEDS_SERVER)
    assert list_staff(a.ctx) == before


def test_the_servers_owner_lets_a_forgotten_administrator_back_in(
    sync_server, counters, monkeypatch, capsys
) -> None:
    a, b = counters(2)
    admin_id = staff_ids(a)["admin"]
    for _ in range(MAX_FAILED_LOGINS):
        with pytest.raises(AuthenticationError):
            login(a.ctx, "admin", "forgotten")
    sync_all([a, b])
    assert not signs_in_on_the_server(sync_server, admin_id, PASSWORD)

    monkeypatch.setattr("sys.stdin", io.StringIO(NEW + "\n"))
    assert main(["server", "unlock", "admin", "--url", sync_server.url, "--password-stdin"]) == 0
    assert "فُتح حساب «مدير النظام»" in capsys.readouterr().out

    sync_all([a, b])
    for counter in (a, b):
        assert login(counter.ctx, "admin", NEW).role is Role.ADMIN
        with pytest.raises(AuthenticationError):
            login(counter.ctx, "admin", PASSWORD)
    assert signs_in_on_the_server(sync_server, admin_id, NEW)
    audit = [e for e in sync_server.rows("audit_entry").values() if e["entity_id"] == admin_id]
    assert any(e["action"] == "staff.server_unlock" for e in audit)

    assert main(["server", "unlock", "nobody", "--url", sync_server.url, "--keep-password"]) == 2
    assert "لا يوجد على الخادم حساب «nobody»" in capsys.readouterr().err
