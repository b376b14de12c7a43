"""Who is acting, on which database, from which PC; and the one way to run a use case.

This module imports no SQLAlchemy at run time: the GUI builds its first window from it while
the database layer is still loading in the background (see `Database.opening`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import wraps
from threading import Lock
from typing import TYPE_CHECKING, Concatenate, ParamSpec, TypeVar

from basmat_desk.domain.enums import Role
from basmat_desk.domain.errors import NotFound, PermissionDenied
from basmat_desk.domain.permissions import Permission, allows

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

    from basmat_desk.store.models import SyncColumns

P = ParamSpec("P")
R = TypeVar("R")


@dataclass(frozen=True, slots=True)
class Actor:
    """The signed-in staff member, as plain data."""

    staff_id: str
    username: str
    full_name: str
    role: Role


class Database:
    """The session factory of one database, made on first use by `opener` (once, thread-safe).

    Every session it hands out audits its own mutations.
    """

    def __init__(self, opener: Callable[[], sessionmaker[Session]]) -> None:
        self._opener = opener
        self._lock = Lock()
        self._sessions: sessionmaker[Session] | None = None

    @classmethod
    def ready(cls, sessions: sessionmaker[Session]) -> Database:
        database = cls(lambda: sessions)
        database.open()
        return database

    @property
    def is_open(self) -> bool:
        return self._sessions is not None

    def open(self) -> sessionmaker[Session]:
        with self._lock:
            if self._sessions is None:
                from basmat_desk.services.audit import install_audit
                from basmat_desk.services.hygiene import install_hygiene

                sessions = self._opener()
                install_hygiene(sessions)
                install_audit(sessions)
                self._sessions = sessions
            return self._sessions


class Secret:
    """A password held for the session; shared by every copy of the context, so a changed
    password is the one the next server call uses. Never printed."""

    __slots__ = ("value",)

    def __init__(self, value: str) -> None:
        self.value = value

    def __repr__(self) -> str:
        return "Secret(***)"


@dataclass(frozen=True, slots=True)
class ServiceContext:
    """What every use case needs: the database, this PC's device id, and who acts."""

    database: Database
    device_id: str
    actor: Actor | None = None
    #: The signed-in staff member's password, kept in memory while they are signed in: on an
    #: enrolled counter, account and settings changes are made on the server as their own
    #: role, and the server checks it (services.authority).
    secret: Secret | None = field(default=None, repr=False, compare=False)

    @property
    def sessions(self) -> sessionmaker[Session]:
        return self.database.open()

    def acting_as(self, actor: Actor | None, secret: str | None = None) -> ServiceContext:
        return ServiceContext(
            self.database, self.device_id, actor, None if secret is None else Secret(secret)
        )


def make_context(sessions: sessionmaker[Session], device_id: str) -> ServiceContext:
    return ServiceContext(Database.ready(sessions), device_id)


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


Row = TypeVar("Row", bound="SyncColumns")


def live_row(session: Session, model: type[Row], row_id: str, missing: str) -> Row:
    """The row of `model` with `row_id`, unless it does not exist or was deleted (tombstoned):
    then NotFound with the Arabic `missing` message."""
    row = session.get(model, row_id)
    if row is None or row.deleted_at is not None:
        raise NotFound(missing)
    return row
