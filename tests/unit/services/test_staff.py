"""Staff accounts: the first administrator, signing in with lockout, managing accounts."""

from __future__ import annotations

import json
import re
from dataclasses import fields

import pytest
from argon2 import PasswordHasher
from sqlalchemy import func, select

from basmat_desk.domain.clock import utcnow
from basmat_desk.domain.enums import Role
from basmat_desk.domain.errors import AuthenticationError, ValidationError
from basmat_desk.services import passwords
from basmat_desk.services.bootstrap import open_local
from basmat_desk.services.context import ServiceContext, unit_of_work
from basmat_desk.services.staff import (
    ACCOUNT_INACTIVE,
    ACCOUNT_LOCKED,
    LOGIN_FAILED,
    MAX_FAILED_LOGINS,
    StaffRow,
    change_own_password,
    confirm_password,
    create_first_admin,
    create_staff,
    has_any_staff,
    list_staff,
    login,
    reset_password,
    unlock_staff,
    update_staff,
)
from basmat_desk.store.models import Staff

# Lockout, validation and account rules do not depend on how costly a hash is; one test below
# signs in with the real parameters.
pytestmark = pytest.mark.usefixtures("fast_password_hashing")

ARABIC = re.compile(r"[\u0600-\u06FF]")


@pytest.fixture
def admin(make_actor) -> ServiceContext:
    return make_actor(Role.ADMIN)


@pytest.fixture
def clerk(admin: ServiceContext, password: str) -> StaffRow:
    """A receptionist account, created by the administrator."""
    return create_staff(
        admin, username="huda", full_name="هدى العتيبي", role=Role.RECEPTIONIST, password=password
    )


def stored(ctx: ServiceContext, staff_id: str) -> Staff:
    """The account as committed, read in a fresh session."""
    with ctx.sessions() as session:
        staff = session.get(Staff, staff_id)
        assert staff is not None
        return staff


def fail_login(ctx: ServiceContext, username: str, times: int) -> list[str]:
    messages = []
    for _ in range(times):
        with pytest.raises(AuthenticationError) as refused:
            login(ctx, username, "wrong password")
        messages.append(refused.value.message)
    return messages


# --- the first administrator -----------------------------------------------------------------


def test_first_admin_is_created_on_an_empty_installation_and_can_sign_in(
    ctx: ServiceContext, password: str
) -> None:
    assert not has_any_staff(ctx)

    actor = create_first_admin(ctx, "  Admin ", "  مدير   النظام ", password)

    assert (actor.username, actor.full_name, actor.role) == ("admin", "مدير النظام", Role.ADMIN)
    assert has_any_staff(ctx)
    assert login(ctx, "ADMIN", password) == actor
    assert stored(ctx, actor.staff_id).last_login_at is not None


def test_first_admin_is_refused_once_any_account_exists(
    ctx: ServiceContext, clerk: StaffRow, password: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        create_first_admin(ctx, "intruder", "دخيل", password)

    assert ARABIC.search(refused.value.message)
    with ctx.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Staff)) == 2
    with pytest.raises(AuthenticationError):
        login(ctx, "intruder", password)


# --- signing in ----------------------------------------------------------------------------------


def test_login_returns_the_staff_member(
    ctx: ServiceContext, clerk: StaffRow, password: str
) -> None:
    actor = login(ctx, " Huda ", password)

    assert (actor.staff_id, actor.username, actor.role) == (clerk.id, "huda", Role.RECEPTIONIST)
    assert stored(ctx, clerk.id).failed_logins == 0


def test_wrong_password_is_refused_and_counted(
    ctx: ServiceContext, clerk: StaffRow, audit_entries
) -> None:
    assert fail_login(ctx, "huda", 1) == [LOGIN_FAILED]

    assert stored(ctx, clerk.id).failed_logins == 1
    (entry,) = audit_entries(action="auth.login_failed")
    assert (entry.entity, entry.entity_id) == ("staff", clerk.id)
    assert json.loads(entry.before_json) == {"failed_logins": 0}
    assert json.loads(entry.after_json) == {"failed_logins": 1}


def test_unknown_user_gets_the_same_message_as_a_wrong_password(
    ctx: ServiceContext, clerk: StaffRow, password: str, audit_entries
) -> None:
    with pytest.raises(AuthenticationError) as refused:
        login(ctx, "nobody", password)

    assert refused.value.message == LOGIN_FAILED
    (entry,) = audit_entries(action="auth.login_failed")
    assert entry.entity_id is None
    assert json.loads(entry.after_json) == {"username": "nobody"}


@pytest.mark.parametrize(
    ("username", "secret", "field"),
    [("", "x", "username"), ("   ", "x", "username"), ("huda", "", "password")],
)
def test_login_needs_a_username_and_a_password(
    ctx: ServiceContext, clerk: StaffRow, username: str, secret: str, field: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        login(ctx, username, secret)
    assert refused.value.field == field
    assert ARABIC.search(refused.value.message)


def test_failed_attempts_are_committed_although_login_raises(
    ctx: ServiceContext, db_path, clerk: StaffRow
) -> None:
    fail_login(ctx, "huda", 2)

    reopened = open_local(db_path)
    try:
        assert stored(reopened, clerk.id).failed_logins == 2
    finally:
        reopened.sessions.kw["bind"].dispose()


def test_failures_below_the_limit_do_not_lock(
    ctx: ServiceContext, clerk: StaffRow, password: str
) -> None:
    assert fail_login(ctx, "huda", MAX_FAILED_LOGINS - 1) == [LOGIN_FAILED] * 4

    assert stored(ctx, clerk.id).locked_at is None
    assert login(ctx, "huda", password).staff_id == clerk.id


def test_fifth_failure_locks_and_then_even_the_right_password_is_refused(
    ctx: ServiceContext, clerk: StaffRow, password: str, audit_entries
) -> None:
    assert MAX_FAILED_LOGINS == 5
    messages = fail_login(ctx, "huda", 5)

    assert messages == [LOGIN_FAILED] * 4 + [ACCOUNT_LOCKED]
    account = stored(ctx, clerk.id)
    assert account.locked_at is not None
    assert account.failed_logins == 5
    (locked,) = audit_entries(action="auth.locked")
    assert locked.entity_id == clerk.id
    assert json.loads(locked.after_json)["failed_logins"] == 5
    assert json.loads(locked.after_json)["locked_at"] is not None

    with pytest.raises(AuthenticationError) as refused:
        login(ctx, "huda", password)

    assert refused.value.message == ACCOUNT_LOCKED
    assert "5" in ACCOUNT_LOCKED
    assert ARABIC.search(ACCOUNT_LOCKED)
    assert stored(ctx, clerk.id).last_login_at is None
    assert [e.entity_id for e in audit_entries(action="auth.login_refused_locked")] == [clerk.id]


def test_a_successful_login_resets_the_failure_counter(
    ctx: ServiceContext, clerk: StaffRow, password: str
) -> None:
    fail_login(ctx, "huda", 4)
    login(ctx, "huda", password)
    assert stored(ctx, clerk.id).failed_logins == 0

    fail_login(ctx, "huda", 4)

    assert stored(ctx, clerk.id).locked_at is None
    assert login(ctx, "huda", password).staff_id == clerk.id


def test_admin_unlocks_a_locked_account(
    ctx: ServiceContext, admin: ServiceContext, clerk: StaffRow, password: str, audit_entries
) -> None:
    fail_login(ctx, "huda", 5)

    row = unlock_staff(admin, clerk.id)

    assert (row.locked, row.failed_logins) == (False, 0)
    assert login(ctx, "huda", password).staff_id == clerk.id
    (entry,) = audit_entries(action="staff.unlock")
    assert entry.actor_id == admin.actor.staff_id
    assert json.loads(entry.after_json) == {"failed_logins": 0, "locked_at": None}


def test_admin_password_reset_unlocks_and_replaces_the_password(
    ctx: ServiceContext, admin: ServiceContext, clerk: StaffRow, password: str
) -> None:
    fail_login(ctx, "huda", 5)

    reset_password(admin, clerk.id, new_password="a new secret 2")

    with pytest.raises(AuthenticationError) as refused:
        login(ctx, "huda", password)
    assert refused.value.message == LOGIN_FAILED
    assert login(ctx, "huda", "a new secret 2").staff_id == clerk.id


def test_inactive_account_is_refused_even_with_the_right_password(
    ctx: ServiceContext, admin: ServiceContext, clerk: StaffRow, password: str, audit_entries
) -> None:
    update_staff(admin, clerk.id, active=False)

    with pytest.raises(AuthenticationError) as refused:
        login(ctx, "huda", password)

    assert refused.value.message == ACCOUNT_INACTIVE
    assert [e.entity_id for e in audit_entries(action="auth.login_refused_inactive")] == [clerk.id]
    assert stored(ctx, clerk.id).failed_logins == 0

    update_staff(admin, clerk.id, active=True)
    assert login(ctx, "huda", password).staff_id == clerk.id


def test_soft_deleted_account_cannot_sign_in(
    ctx: ServiceContext, admin: ServiceContext, clerk: StaffRow, password: str
) -> None:
    with unit_of_work(admin, "test.delete") as session:
        session.get(Staff, clerk.id).deleted_at = utcnow()

    with pytest.raises(AuthenticationError) as refused:
        login(ctx, "huda", password)
    assert refused.value.message == LOGIN_FAILED
    assert clerk.id not in {row.id for row in list_staff(admin)}


def test_login_upgrades_a_hash_made_with_weaker_parameters(
    ctx: ServiceContext, clerk: StaffRow, password: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The account was hashed with few iterations (see the module's fixture); signing in with
    the application's real count re-hashes it."""
    weak = stored(ctx, clerk.id).password_hash
    monkeypatch.setattr(passwords, "ITERATIONS", 600_000)

    login(ctx, "huda", password)

    upgraded = stored(ctx, clerk.id).password_hash
    assert upgraded != weak
    assert upgraded.startswith("SCRAM-SHA-256$600000:")
    assert not passwords.needs_rehash(upgraded)


def test_login_replaces_a_first_versions_argon2_hash(
    ctx: ServiceContext, clerk: StaffRow, password: str
) -> None:
    with unit_of_work(ctx, "test.legacy") as session:
        session.get(Staff, clerk.id).password_hash = PasswordHasher().hash(password)  # type: ignore[union-attr]

    login(ctx, "huda", password)

    assert passwords.is_verifier(stored(ctx, clerk.id).password_hash)
    assert login(ctx, "huda", password).staff_id == clerk.id


# --- the staff member's own password -------------------------------------------------------------


def test_change_own_password_needs_the_current_one(
    ctx: ServiceContext, clerk: StaffRow, password: str
) -> None:
    me = ctx.acting_as(login(ctx, "huda", password))

    with pytest.raises(ValidationError) as refused:
        change_own_password(me, current="not it at all", new_password="another one 3")
    assert refused.value.field == "current_password"
    assert login(ctx, "huda", password)

    change_own_password(me, current=password, new_password="another one 3")
    assert login(ctx, "huda", "another one 3").staff_id == clerk.id


def test_change_own_password_checks_the_new_one_and_needs_a_signed_in_user(
    ctx: ServiceContext, clerk: StaffRow, password: str
) -> None:
    me = ctx.acting_as(login(ctx, "huda", password))
    with pytest.raises(ValidationError) as refused:
        change_own_password(me, current=password, new_password="short")
    assert refused.value.field == "new_password"
    assert "كلمة المرور" in refused.value.message

    with pytest.raises(AuthenticationError):
        change_own_password(ctx, current=password, new_password="another one 3")


def test_confirm_password_signs_the_same_person_in_again(
    ctx: ServiceContext, clerk: StaffRow, password: str
) -> None:
    me = ctx.acting_as(login(ctx, "huda", password))

    assert confirm_password(me, password).staff_id == clerk.id
    with pytest.raises(AuthenticationError):
        confirm_password(me, "wrong password")
    assert stored(ctx, clerk.id).failed_logins == 1
    with pytest.raises(AuthenticationError):
        confirm_password(ctx, password)


# --- managing accounts ---------------------------------------------------------------------------


def test_created_account_is_normalised_and_never_exposes_its_hash(
    ctx: ServiceContext, admin: ServiceContext, password: str
) -> None:
    row = create_staff(
        admin,
        username="  Sara.Q ",
        full_name=" سارة   القحطاني ",
        role="researcher",
        password=password,
    )

    assert (row.username, row.full_name, row.role) == ("sara.q", "سارة القحطاني", Role.RESEARCHER)
    assert (row.active, row.locked, row.failed_logins) == (True, False, 0)
    assert "password_hash" not in {f.name for f in fields(StaffRow)}
    assert stored(ctx, row.id).password_hash.startswith("SCRAM-SHA-256$")
    assert login(ctx, "SARA.Q", password).staff_id == row.id


FIELD_LABELS = {
    "username": "اسم المستخدم",
    "full_name": "الاسم الكامل",
    "password": "كلمة المرور",
    "role": "الدور",
}


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"username": ""}, "username"),
        ({"username": "ab"}, "username"),
        ({"username": "1abc"}, "username"),
        ({"username": "two words"}, "username"),
        ({"username": "سارة"}, "username"),
        ({"username": "a" * 33}, "username"),
        ({"username": "HUDA"}, "username"),  # taken, whatever the case
        ({"full_name": "   "}, "full_name"),
        ({"full_name": "ع" * 201}, "full_name"),
        ({"password": "short7!"}, "password"),
        ({"password": " padded password"}, "password"),
        ({"role": "boss"}, "role"),
    ],
)
def test_invalid_account_is_refused_naming_the_field_in_arabic(
    admin: ServiceContext, clerk: StaffRow, row_counts, changes: dict[str, str], field: str
) -> None:
    values = {
        "username": "newcomer",
        "full_name": "موظف جديد",
        "role": Role.RECEPTIONIST,
        "password": "a fine password",
        **changes,
    }
    counts = row_counts()

    with pytest.raises(ValidationError) as refused:
        create_staff(admin, **values)

    assert refused.value.field == field
    assert refused.value.message.startswith(FIELD_LABELS[field])
    assert row_counts() == counts


def test_boundary_usernames_and_passwords_are_accepted(
    admin: ServiceContext, clerk: StaffRow
) -> None:
    row = create_staff(
        admin, username="a" * 32, full_name="ع" * 200, role=Role.SUPERVISOR, password="8 chars!"
    )
    assert (row.username, len(row.full_name)) == ("a" * 32, 200)
    assert (
        create_staff(
            admin, username="abc", full_name="س", role=Role.RECEPTIONIST, password="8 chars!"
        ).username
        == "abc"
    )


def test_update_changes_name_and_role(admin: ServiceContext, clerk: StaffRow) -> None:
    row = update_staff(admin, clerk.id, full_name=" هدى  محمد ", role="supervisor")

    assert (row.full_name, row.role, row.active) == ("هدى محمد", Role.SUPERVISOR, True)
    assert {r.id: r.role for r in list_staff(admin)}[clerk.id] is Role.SUPERVISOR


@pytest.mark.parametrize("change", [{"active": False}, {"role": Role.SUPERVISOR}])
def test_the_last_admin_cannot_be_deactivated_or_demoted(
    ctx: ServiceContext, admin: ServiceContext, clerk: StaffRow, row_counts, change: dict
) -> None:
    counts = row_counts()

    with pytest.raises(ValidationError) as refused:
        update_staff(admin, admin.actor.staff_id, full_name="اسم آخر", **change)

    assert refused.value.field == "role"
    assert "آخر مدير" in refused.value.message
    assert row_counts() == counts
    account = stored(ctx, admin.actor.staff_id)
    assert (account.role, account.active, account.full_name) == (Role.ADMIN, True, "مدير النظام")


def test_an_inactive_admin_does_not_count_as_the_remaining_admin(
    make_actor, admin: ServiceContext
) -> None:
    second = make_actor(Role.ADMIN)
    update_staff(admin, second.actor.staff_id, active=False)

    with pytest.raises(ValidationError):
        update_staff(admin, admin.actor.staff_id, role=Role.SUPERVISOR)


def test_an_admin_may_step_down_when_another_admin_remains(
    make_actor, admin: ServiceContext
) -> None:
    second = make_actor(Role.ADMIN)

    row = update_staff(second, admin.actor.staff_id, role=Role.SUPERVISOR)

    assert row.role is Role.SUPERVISOR
    with pytest.raises(ValidationError):
        update_staff(second, second.actor.staff_id, active=False)


def test_an_inactive_admin_can_be_edited_while_another_admin_is_active(
    make_actor, admin: ServiceContext
) -> None:
    """Only a change that takes away the last *active* administrator is refused."""
    second = make_actor(Role.ADMIN)
    update_staff(admin, second.actor.staff_id, active=False)

    renamed = update_staff(admin, second.actor.staff_id, full_name="مدير سابق")
    demoted = update_staff(admin, second.actor.staff_id, role=Role.SUPERVISOR)

    assert (renamed.full_name, renamed.active) == ("مدير سابق", False)
    assert demoted.role is Role.SUPERVISOR
