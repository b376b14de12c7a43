"""Staff accounts: first administrator, login with lockout, user management."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from basmat_desk.domain.clock import utcnow
from basmat_desk.domain.enums import Role
from basmat_desk.domain.errors import AuthenticationError, ValidationError
from basmat_desk.domain.permissions import Permission
from basmat_desk.domain.text import check_length, clean_line
from basmat_desk.services import authority
from basmat_desk.services.audit import record_event
from basmat_desk.services.context import Actor, ServiceContext, live_row, service, unit_of_work
from basmat_desk.services.passwords import (
    check_new_password,
    hash_password,
    needs_rehash,
    verify_password,
)
from basmat_desk.store.models import Staff, new_id

MAX_FAILED_LOGINS = 5
USERNAME_RE = re.compile(r"^[a-z][a-z0-9._-]{2,31}$")

LOGIN_FAILED = "اسم المستخدم أو كلمة المرور غير صحيحة"
ACCOUNT_LOCKED = f"الحساب مقفل بعد {MAX_FAILED_LOGINS} محاولات دخول فاشلة؛ يفتحه مدير النظام"
ACCOUNT_INACTIVE = "الحساب موقوف؛ راجع مدير النظام"


@dataclass(frozen=True, slots=True)
class StaffRow:
    """A staff account as screens and the command line show it (never the hash)."""

    id: str
    username: str
    full_name: str
    role: Role
    active: bool
    locked: bool
    failed_logins: int
    last_login_at: datetime | None


def _row(staff: Staff) -> StaffRow:
    return StaffRow(
        id=staff.id,
        username=staff.username,
        full_name=staff.full_name,
        role=staff.role,
        active=staff.active,
        locked=staff.locked_at is not None,
        failed_logins=staff.failed_logins,
        last_login_at=staff.last_login_at,
    )


#: The staff table's full_name column.
FULL_NAME_MAX = 200


def _actor(staff: Staff) -> Actor:
    return Actor(staff.id, staff.username, staff.full_name, staff.role)


def validate_username(username: str) -> str:
    name = username.strip().lower()
    if not name:
        raise ValidationError("username", "اسم المستخدم: مطلوب")
    if not USERNAME_RE.match(name):
        raise ValidationError(
            "username",
            "اسم المستخدم: من 3 إلى 32 من الحروف اللاتينية الصغيرة أو الأرقام"
            " أو النقطة أو الشرطة، ويبدأ بحرف",
        )
    return name


def validate_full_name(full_name: str) -> str:
    name = clean_line(full_name)
    if not name:
        raise ValidationError("full_name", "الاسم الكامل: مطلوب")
    return check_length("full_name", "الاسم الكامل", name, FULL_NAME_MAX)


def parse_role(value: str) -> Role:
    try:
        return Role(value)
    except ValueError:
        allowed = "، ".join(f"{r.value} ({r.label})" for r in Role)
        raise ValidationError("role", f"الدور: غير معروف؛ الأدوار: {allowed}") from None


def _account(
    session: Session,
    username: str,
    full_name: str,
    role: Role | str,
    password: str,
    *,
    confirmation: str | None = None,
) -> dict[str, str]:
    """A new account's values, checked: what a local insert writes and the server takes."""
    full = validate_full_name(full_name)
    name = validate_username(username)
    role = parse_role(role) if isinstance(role, str) else role
    check_new_password(password, confirmation)
    taken = session.scalar(select(func.count()).select_from(Staff).where(Staff.username == name))
    if taken:
        raise ValidationError("username", f"اسم المستخدم: «{name}» مستخدم من قبل")
    return {
        "id": new_id(),
        "username": name,
        "full_name": full,
        "role": role.value,
        "password_hash": hash_password(password),
    }


def _new_staff(session: Session, account: dict[str, str]) -> Staff:
    staff = Staff(**{**account, "role": Role(account["role"])}, active=True, failed_logins=0)
    session.add(staff)
    session.flush()
    return staff


def _online_row(session: Session, answer: dict[str, object]) -> StaffRow:
    """The account as the server answered, read back from this database after the pull."""
    staff = session.get(Staff, str(answer["id"]), populate_existing=True)
    if staff is None:  # the pull failed: the server has it, this counter will next sync
        raise ValidationError("server", "حُفظ التغيير على الخادم ويظهر هنا بعد المزامنة")
    return _row(staff)


def has_any_staff(ctx: ServiceContext) -> bool:
    with ctx.sessions() as session:
        return bool(session.scalar(select(func.count()).select_from(Staff)))


def create_first_admin(
    ctx: ServiceContext,
    username: str,
    full_name: str,
    password: str,
    confirmation: str | None = None,
) -> Actor:
    """Set up a new installation: allowed only while there is no staff account at all.
    `confirmation` is the password typed a second time, when a form asked for it."""
    with unit_of_work(ctx, "staff.first_admin") as session:
        if session.scalar(select(func.count()).select_from(Staff)):
            raise ValidationError("username", "يوجد مدير للنظام من قبل؛ سجّل الدخول بحسابه")
        account = _account(
            session, username, full_name, Role.ADMIN, password, confirmation=confirmation
        )
        if authority.is_enrolled(session):
            answer = authority.call_as_counter(session, "basmat_first_admin", account)
            staff = session.get(Staff, str(answer["id"]), populate_existing=True)
            if staff is None:
                raise ValidationError("server", "أُنشئ الحساب على الخادم ويظهر بعد المزامنة")
            return _actor(staff)
        return _actor(_new_staff(session, account))


def login(ctx: ServiceContext, username: str, password: str) -> Actor:
    """Check a password; lock the account after MAX_FAILED_LOGINS failures in a row.

    A failed attempt is committed (counter and audit entry) before the error is raised.
    """
    name = username.strip().lower()
    if not name:
        raise ValidationError("username", "اسم المستخدم: مطلوب")
    if not password:
        raise ValidationError("password", "كلمة المرور: مطلوبة")
    failure: str | None = None
    with unit_of_work(ctx, "auth.login") as session:
        staff = session.scalars(select(Staff).where(Staff.username == name)).first()
        if staff is None or staff.deleted_at is not None:
            session.info["action"] = "auth.login_failed"
            record_event(session, "auth.login_failed", "staff", None, {"username": name})
            failure = LOGIN_FAILED
        elif staff.locked_at is not None:
            session.info["action"] = "auth.login_refused_locked"
            record_event(session, "auth.login_refused_locked", "staff", staff.id, {})
            failure = ACCOUNT_LOCKED
        elif not staff.active:
            record_event(session, "auth.login_refused_inactive", "staff", staff.id, {})
            failure = ACCOUNT_INACTIVE
        elif not verify_password(staff.password_hash, password):
            session.info["action"] = "auth.login_failed"
            staff.failed_logins += 1
            if staff.failed_logins >= MAX_FAILED_LOGINS:
                staff.locked_at = utcnow()
                session.info["action"] = "auth.locked"
                failure = ACCOUNT_LOCKED
            else:
                failure = LOGIN_FAILED
        else:
            session.info["actor_id"] = staff.id
            staff.failed_logins = 0
            staff.last_login_at = utcnow()
            # On an enrolled counter the hash is the server's to change (an old one is
            # replaced when the password is next set there).
            if needs_rehash(staff.password_hash) and not authority.is_enrolled(session):
                staff.password_hash = hash_password(password)
            actor = _actor(staff)
    if failure is not None:
        raise AuthenticationError(failure)
    return actor


def confirm_password(ctx: ServiceContext, password: str) -> Actor:
    """Unlock an idle-locked screen: the same staff member signs in again (same lockout)."""
    if ctx.actor is None:
        raise AuthenticationError("يجب تسجيل الدخول أولاً")
    return login(ctx, ctx.actor.username, password)


@service(Permission.MANAGE_USERS, "staff.create")
def create_staff(
    session: Session,
    ctx: ServiceContext,
    *,
    username: str,
    full_name: str,
    role: Role | str,
    password: str,
    confirmation: str | None = None,
) -> StaffRow:
    account = _account(session, username, full_name, role, password, confirmation=confirmation)
    if authority.is_enrolled(session):
        return _online_row(session, authority.call(session, ctx, "basmat_staff_save", account))
    return _row(_new_staff(session, account))


def _get(session: Session, staff_id: str) -> Staff:
    return live_row(session, Staff, staff_id, "المستخدم غير موجود")


def _keep_an_admin(session: Session, staff: Staff, *, role: Role, active: bool) -> None:
    """Refuse a change that would leave the installation with no active administrator."""
    if staff.role is not Role.ADMIN or not staff.active or (role is Role.ADMIN and active):
        return
    admins = session.scalar(
        select(func.count())
        .select_from(Staff)
        .where(Staff.role == Role.ADMIN, Staff.active.is_(True), Staff.deleted_at.is_(None))
    )
    if (admins or 0) <= 1:
        raise ValidationError("role", "لا يمكن إيقاف آخر مدير للنظام أو تغيير دوره")


@service(Permission.MANAGE_USERS, "staff.update")
def update_staff(
    session: Session,
    ctx: ServiceContext,
    staff_id: str,
    *,
    full_name: str | None = None,
    role: Role | str | None = None,
    active: bool | None = None,
) -> StaffRow:
    staff = _get(session, staff_id)
    new_role = staff.role if role is None else (parse_role(role) if isinstance(role, str) else role)
    new_active = staff.active if active is None else active
    _keep_an_admin(session, staff, role=new_role, active=new_active)
    new_name = staff.full_name if full_name is None else validate_full_name(full_name)
    if authority.is_enrolled(session):
        change = {"id": staff.id, "full_name": new_name, "role": new_role.value}
        answer = authority.call(session, ctx, "basmat_staff_save", {**change, "active": new_active})
        return _online_row(session, answer)
    staff.full_name = new_name
    staff.role = new_role
    staff.active = new_active
    return _row(staff)


@service(Permission.MANAGE_USERS, "staff.reset_password")
def reset_password(
    session: Session,
    ctx: ServiceContext,
    staff_id: str,
    *,
    new_password: str,
    confirmation: str | None = None,
) -> StaffRow:
    check_new_password(new_password, confirmation, "new_password")
    staff = _get(session, staff_id)
    verifier = hash_password(new_password)
    if authority.is_enrolled(session):
        answer = authority.call(session, ctx, "basmat_staff_password", staff.id, verifier)
        return _online_row(session, answer)
    staff.password_hash = verifier
    staff.failed_logins = 0
    staff.locked_at = None
    return _row(staff)


@service(Permission.MANAGE_USERS, "staff.unlock")
def unlock_staff(session: Session, ctx: ServiceContext, staff_id: str) -> StaffRow:
    staff = _get(session, staff_id)
    if authority.is_enrolled(session):
        return _online_row(session, authority.call(session, ctx, "basmat_staff_unlock", staff.id))
    staff.failed_logins = 0
    staff.locked_at = None
    return _row(staff)


@service(Permission.MANAGE_USERS, "staff.list")
def list_staff(session: Session, ctx: ServiceContext) -> list[StaffRow]:
    rows = session.scalars(
        select(Staff).where(Staff.deleted_at.is_(None)).order_by(Staff.full_name)
    )
    return [_row(s) for s in rows]


def change_own_password(
    ctx: ServiceContext, *, current: str, new_password: str, confirmation: str | None = None
) -> None:
    """Any signed-in staff member may change their own password, knowing the current one."""
    if ctx.actor is None:
        raise AuthenticationError("يجب تسجيل الدخول أولاً")
    check_new_password(new_password, confirmation, "new_password")
    with unit_of_work(ctx, "staff.change_own_password") as session:
        staff = _get(session, ctx.actor.staff_id)
        if not verify_password(staff.password_hash, current):
            raise ValidationError("current_password", "كلمة المرور الحالية غير صحيحة")
        verifier = hash_password(new_password)
        if authority.is_enrolled(session):
            # Signed in on the server with the current password, which it checks itself.
            authority.call(
                session,
                ctx.acting_as(ctx.actor, current),
                "basmat_staff_password",
                staff.id,
                verifier,
            )
        else:
            staff.password_hash = verifier
    if ctx.secret is not None:
        ctx.secret.value = new_password


def login_demo(ctx: ServiceContext) -> Actor:
    """`basmat-desk --demo`: sign in as the demo supervisor, on a demo database only."""
    from basmat_desk.domain.demo import DEMO_SUPERVISOR
    from basmat_desk.services.settings import is_demo

    with unit_of_work(ctx, "auth.demo_login") as session:
        if not is_demo(session):
            raise AuthenticationError("هذه ليست قاعدة بيانات تجريبية؛ سجّل الدخول بحسابك")
        staff = session.scalars(select(Staff).where(Staff.username == DEMO_SUPERVISOR)).first()
        if staff is None or not staff.active:
            raise AuthenticationError("لا يوجد مشرف تجريبي في هذه القاعدة")
        session.info["actor_id"] = staff.id
        staff.last_login_at = utcnow()
        return _actor(staff)
