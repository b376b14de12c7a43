"""Who is acting, on which database, from which PC; and the one way to run a use case."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import wraps
from typing import Concatenate, ParamSpec, TypeVar

from sqlalchemy.orm import Session, sessionmaker

from basmat_desk.domain.enums import Role
from basmat_desk.domain.errors import PermissionDenied
from basmat_desk.domain.permissions import Permission, allows
from basmat_desk.services.audit import install_audit

P = ParamSpec("P")
R = TypeVar("R")


@dataclass(frozen=True, slots=True)
class Actor:
    """The signed-in staff member, as plain data."""

    staff_id: str
    username: str
    full_name: str
    role: Role


@dataclass(frozen=True, slots=True)
class ServiceContext:
    """What every use case needs: the database, this PC's device id, and who acts."""

    sessions: sessionmaker[Session]
    device_id: str
    actor: Actor | None = None

    def acting_as(self, actor: Actor | None) -> ServiceContext:
        return ServiceContext(self.sessions, self.device_id, actor)


def make_context(sessions: sessionmaker[Session], device_id: str) -> ServiceContext:
    install_audit(sessions)
    return ServiceContext(sessions, device_id)


def require(ctx: ServiceContext, permission: Permission) -> Actor:
    """The one permission check: the signed-in staff member's role must allow `permission`."""
    actor = ctx.actor
    if actor is None:
        raise PermissionDenied("يجب تسجيل الدخول أولاً")
    if not allows(actor.role, permission):
        raise PermissionDenied(f"لا تسمح صلاحية «{actor.role.label}» بـ{permission.label}")
    return actor


@contextmanager
def unit_of_work(
    ctx: ServiceContext, action: str, *, reason: str | None = None
) -> Iterator[Session]:
    """One transaction: every change in it is audited under `action`, all or nothing."""
    with ctx.sessions() as session, session.begin():
        session.info["actor_id"] = ctx.actor.staff_id if ctx.actor else None
        session.info["device_id"] = ctx.device_id
        session.info["action"] = action
        session.info["reason"] = reason
        yield session


def reading(ctx: ServiceContext) -> Session:
    """A session for queries only (no audit needed: nothing changes)."""
    return ctx.sessions()


def service(
    permission: Permission | None, action: str
) -> Callable[
    [Callable[Concatenate[Session, ServiceContext, P], R]],
    Callable[Concatenate[ServiceContext, P], R],
]:
    """Decorate a use case: check `permission`, then run it in one audited transaction."""

    def decorate(
        fn: Callable[Concatenate[Session, ServiceContext, P], R],
    ) -> Callable[Concatenate[ServiceContext, P], R]:
        @wraps(fn)
        def run(ctx: ServiceContext, /, *args: P.args, **kwargs: P.kwargs) -> R:
            if permission is not None:
                require(ctx, permission)
            with unit_of_work(ctx, action) as session:
                return fn(session, ctx, *args, **kwargs)

        run.permission = permission  # type: ignore[attr-defined]
        return run

    return decorate
