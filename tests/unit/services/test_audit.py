"""The audit trail: written by the session in the same transaction as the change it records,
all or nothing, append-only; and synced rows are never hard-deleted."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

from basmat_desk.domain.clock import utcnow
from basmat_desk.domain.enums import Role
from basmat_desk.domain.errors import ValidationError
from basmat_desk.domain.permissions import Permission
from basmat_desk.services.context import ServiceContext, make_context, service, unit_of_work
from basmat_desk.services.staff import StaffRow, create_staff, reset_password, update_staff
from basmat_desk.store.db import session_factory
from basmat_desk.store.models import AuditEntry, Setting, Staff

pytestmark = pytest.mark.usefixtures("fast_password_hashing")


@pytest.fixture
def admin(make_actor) -> ServiceContext:
    return make_actor(Role.ADMIN)


@pytest.fixture
def clerk(admin: ServiceContext) -> StaffRow:
    return create_staff(
        admin,
        username="huda",
        full_name="هدى العتيبي",
        role=Role.RECEPTIONIST,
        password="huda's password",
    )


def all_audit_text(ctx: ServiceContext) -> str:
    with ctx.sessions() as session:
        rows = session.execute(select(AuditEntry.before_json, AuditEntry.after_json))
        return "\n".join(part or "" for row in rows for part in row)


def staff_hash(ctx: ServiceContext, staff_id: str) -> str:
    with ctx.sessions() as session:
        return session.get(Staff, staff_id).password_hash


# --- what is written ---------------------------------------------------------------------------


def test_creating_staff_writes_an_entry_with_the_new_values_but_not_the_hash(
    admin: ServiceContext, clerk: StaffRow, audit_entries
) -> None:
    (entry,) = audit_entries(action="staff.create")

    assert (entry.entity, entry.entity_id) == ("staff", clerk.id)
    assert entry.actor_id == admin.actor.staff_id
    assert entry.origin_device == admin.device_id
    assert entry.before_json is None
    assert json.loads(entry.after_json) == {
        "username": "huda",
        "full_name": "هدى العتيبي",
        "role": "receptionist",
        "password_hash": "<redacted>",
        "active": True,
        "failed_logins": 0,
    }
    assert staff_hash(admin, clerk.id) not in all_audit_text(admin)


def test_changed_row_is_stamped_with_who_and_which_device(
    admin: ServiceContext, clerk: StaffRow
) -> None:
    with admin.sessions() as session:
        staff = session.get(Staff, clerk.id)
        entry = session.scalars(select(AuditEntry).filter_by(action="staff.create")).one()
    assert staff.updated_by == admin.actor.staff_id
    assert staff.origin_device == admin.device_id
    assert staff.created_at == staff.updated_at == entry.at


def test_an_update_records_only_the_fields_that_changed(
    admin: ServiceContext, clerk: StaffRow, audit_entries
) -> None:
    update_staff(admin, clerk.id, full_name="هدى محمد", role=Role.RECEPTIONIST, active=True)
    update_staff(admin, clerk.id, role=Role.SUPERVISOR)

    first, second = audit_entries(action="staff.update")
    assert json.loads(first.before_json) == {"full_name": "هدى العتيبي"}
    assert json.loads(first.after_json) == {"full_name": "هدى محمد"}
    assert json.loads(second.before_json) == {"role": "receptionist"}
    assert json.loads(second.after_json) == {"role": "supervisor"}
    assert {first.entity_id, second.entity_id} == {clerk.id}


def test_an_update_that_changes_nothing_writes_no_entry(
    admin: ServiceContext, clerk: StaffRow, audit_entries
) -> None:
    update_staff(admin, clerk.id, full_name=" هدى   العتيبي ")

    assert audit_entries(action="staff.update") == []


def test_a_password_reset_is_audited_without_either_hash(
    admin: ServiceContext, clerk: StaffRow, audit_entries
) -> None:
    old_hash = staff_hash(admin, clerk.id)

    reset_password(admin, clerk.id, new_password="brand new password")

    (entry,) = audit_entries(action="staff.reset_password")
    assert json.loads(entry.before_json)["password_hash"] == "<redacted>"
    assert json.loads(entry.after_json)["password_hash"] == "<redacted>"
    text_of_trail = all_audit_text(admin)
    assert old_hash not in text_of_trail
    assert staff_hash(admin, clerk.id) not in text_of_trail


def test_a_change_made_through_any_session_of_the_context_is_audited(
    admin: ServiceContext, clerk: StaffRow, audit_entries
) -> None:
    """The hook belongs to the session factory: code that forgets to audit cannot skip it."""
    with admin.sessions() as session, session.begin():
        session.get(Staff, clerk.id).full_name = "اسم بلا إجراء"

    (entry,) = audit_entries(action="change")
    assert entry.entity_id == clerk.id
    assert json.loads(entry.after_json) == {"full_name": "اسم بلا إجراء"}


def test_a_soft_delete_is_an_audited_change(
    admin: ServiceContext, clerk: StaffRow, audit_entries
) -> None:
    with unit_of_work(admin, "staff.remove", reason="ترك العمل") as session:
        session.get(Staff, clerk.id).deleted_at = utcnow()

    (entry,) = audit_entries(action="staff.remove")
    assert json.loads(entry.before_json) == {"deleted_at": None}
    assert json.loads(entry.after_json)["deleted_at"] is not None
    assert entry.reason == "ترك العمل"


def test_every_new_session_factory_audits(ctx: ServiceContext) -> None:
    """Databases are opened again and again (tests, reopening, the demo): a new factory must
    never be mistaken for an old one that already had the hook, e.g. at the same address."""
    engine = ctx.sessions.kw["bind"]
    unaudited = 0
    for _ in range(50):
        fresh = make_context(session_factory(engine), ctx.device_id)
        with fresh.sessions() as session:
            session.add(Setting(key="probe", value_json="1"))
            session.flush()
            unaudited += not session.scalar(select(func.count()).select_from(AuditEntry))
            session.rollback()
        del fresh
    assert unaudited == 0


# --- all or nothing ------------------------------------------------------------------------------


@service(Permission.MANAGE_USERS, "test.half_done")
def rename_then_fail(session, ctx: ServiceContext, staff_id: str) -> None:
    """A use case that changes a row, adds another, flushes (so the audit entries exist in the
    transaction) and only then finds bad input."""
    session.get(Staff, staff_id).full_name = "نصف تعديل"
    session.add(Staff(username="ghost", full_name="شبح", role=Role.RECEPTIONIST, password_hash="x"))
    session.flush()
    assert (
        session.scalar(
            select(func.count()).select_from(AuditEntry).filter_by(action="test.half_done")
        )
        == 2
    )
    raise ValidationError("full_name", "الاسم الكامل: خطأ مقصود")


def test_a_failing_use_case_leaves_neither_its_change_nor_its_audit_entries(
    admin: ServiceContext, clerk: StaffRow, row_counts, audit_entries
) -> None:
    counts = row_counts()

    with pytest.raises(ValidationError):
        rename_then_fail(admin, clerk.id)

    assert row_counts() == counts
    assert audit_entries(action="test.half_done") == []
    with admin.sessions() as session:
        assert session.get(Staff, clerk.id).full_name == "هدى العتيبي"
        assert session.scalars(select(Staff).filter_by(username="ghost")).first() is None


def test_a_refused_real_change_leaves_no_trace(admin: ServiceContext, row_counts) -> None:
    counts = row_counts()

    with pytest.raises(ValidationError):
        update_staff(admin, admin.actor.staff_id, full_name="اسم جديد", active=False)

    assert row_counts() == counts


# --- append-only ---------------------------------------------------------------------------------


def test_audit_entries_cannot_be_changed_through_the_orm(
    admin: ServiceContext, clerk: StaffRow, audit_entries
) -> None:
    (entry,) = audit_entries(action="staff.create")

    with pytest.raises(DBAPIError, match="insert-only"), unit_of_work(admin, "tamper") as session:
        session.get(AuditEntry, entry.id).after_json = "{}"

    assert audit_entries(action="staff.create")[0].after_json == entry.after_json


def test_audit_entries_cannot_be_deleted_through_the_orm(
    admin: ServiceContext, clerk: StaffRow, audit_entries
) -> None:
    before = len(audit_entries())

    with pytest.raises(RuntimeError, match="never deleted"), unit_of_work(admin, "x") as session:
        session.delete(session.scalars(select(AuditEntry)).first())

    assert len(audit_entries()) == before


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_entry SET action = 'nothing happened'",
        "UPDATE audit_entry SET actor_id = NULL",
        "UPDATE audit_entry SET deleted_at = '2026-01-01 00:00:00'",
        "DELETE FROM audit_entry",
    ],
)
def test_audit_entries_cannot_be_changed_or_deleted_with_sql(
    admin: ServiceContext, clerk: StaffRow, audit_entries, statement: str
) -> None:
    before = [(e.id, e.action, e.actor_id, e.deleted_at) for e in audit_entries()]

    with pytest.raises(DBAPIError, match="insert-only"), unit_of_work(admin, "x") as session:
        session.execute(text(statement))

    assert [(e.id, e.action, e.actor_id, e.deleted_at) for e in audit_entries()] == before


def test_sync_may_still_number_audit_entries(
    admin: ServiceContext, clerk: StaffRow, audit_entries
) -> None:
    with admin.sessions() as session, session.begin():
        session.execute(text("UPDATE audit_entry SET server_seq = 7, server_version = 1"))

    assert {(e.server_seq, e.server_version) for e in audit_entries()} == {(7, 1)}


# --- rows are never hard-deleted -----------------------------------------------------------------


def test_deleting_a_synced_row_through_the_orm_is_refused(
    admin: ServiceContext, clerk: StaffRow, row_counts
) -> None:
    counts = row_counts()

    with pytest.raises(RuntimeError, match="deleted_at"), unit_of_work(admin, "x") as session:
        session.delete(session.get(Staff, clerk.id))

    assert row_counts() == counts
