"""Account and settings changes on an enrolled counter: made on the server, as the signed-in
staff member's own PostgreSQL role, whose password the server checks itself.

A counter's own role cannot create an account, change a role, set another person's password,
unlock an account or change a setting (migration 0006); only the server's account functions
can, for an administrator's role (or, for a password, the account's own). So on an enrolled
counter these use cases call those functions online and then pull, and the change reaches the
other counters as any row does. On a database that is not enrolled they stay local use cases:
there is no server to hold authority, and the file is the whole installation.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psycopg
from psycopg.types.json import Jsonb
from sqlalchemy import select
from sqlalchemy.orm import Session

from basmat_desk.domain.errors import AuthenticationError, BasmatError, ValidationError
from basmat_desk.domain.refusals import RefusalCode
from basmat_desk.domain.settings import ENROLLED_YES, SyncKey
from basmat_desk.services.context import ServiceContext
from basmat_desk.store.models import SyncState

log = logging.getLogger("basmat.authority")

NEEDS_SERVER = "يلزم الاتصال بخادم الجمعية لتعديل الحسابات والإعدادات"
NEEDS_SIGN_IN = "أعد تسجيل الدخول ليتحقق الخادم من كلمة مرورك"
SERVER_PASSWORD = (
    "لم يقبل الخادم كلمة مرورك لهذا الحساب؛ إن لم تكن غيّرتها حديثًا فاطلب من مدير الخادم "
    "إعادة تعيينها بالأمر: basmat-desk server unlock"
)


def is_enrolled(session: Session) -> bool:
    value = session.scalar(select(SyncState.value).where(SyncState.key == SyncKey.ENROLLED))
    return value == ENROLLED_YES


def database_path(session: Session) -> Path:
    return Path(str(session.get_bind().engine.url.database))


def staff_role(dbname: str, staff_id: str) -> str:
    """The staff member's own PostgreSQL role (`basmat_staff_role_name` on the server)."""
    digest = hashlib.md5(dbname.encode(), usedforsecurity=False).hexdigest()[:8]
    return f"bs_{digest}_{staff_id.replace('-', '')}"


def _refused(error: psycopg.Error) -> BasmatError:
    from basmat_desk.sync.protocol import refusal_of

    refusal = refusal_of(error, "staff")
    log.info("server refused an account change (%s): %s", refusal.code, refusal.detail)
    if refusal.code == RefusalCode.TAKEN:
        return ValidationError("username", "اسم المستخدم: مستخدم من قبل")
    if refusal.code == RefusalCode.LAST_ADMIN:
        return ValidationError("role", "لا يمكن إيقاف آخر مدير للنظام أو تغيير دوره")
    return ValidationError(refusal.column or "", refusal.code.label)


@contextmanager
def _server(session: Session) -> Iterator[Any]:
    from basmat_desk.sync.client import Offline, SyncClient

    client = SyncClient(database_path(session))
    try:
        yield client
    except Offline as error:
        raise ValidationError("server", f"{NEEDS_SERVER}: {error}") from error
    finally:
        client.close()


def call(session: Session, ctx: ServiceContext, function: str, *args: Any) -> Any:
    """Run one account function on the server as the signed-in staff member, then pull; the
    function's answer (a row as JSON)."""
    actor = ctx.actor
    if actor is None or ctx.secret is None:
        raise AuthenticationError(NEEDS_SIGN_IN)
    return _call(session, (actor.staff_id, ctx.secret.value), function, *args)


def call_as_counter(session: Session, function: str, *args: Any) -> Any:
    """Run one server function as this counter's own role (the first administrator of a new
    association, before anyone can sign in), then pull."""
    return _call(session, None, function, *args)


def _call(session: Session, staff: tuple[str, str] | None, function: str, *args: Any) -> Any:
    from basmat_desk.sync.client import Offline

    values = [Jsonb(a) if isinstance(a, dict | list) else a for a in args]
    placeholders = ", ".join("%s" for _ in values)
    with _server(session) as client:
        if staff is None:
            conn = client.connect()
        else:
            dbname = client.credentials()[SyncKey.DBNAME]
            try:
                conn = client.connect_as(staff_role(dbname, staff[0]), staff[1])
            except Offline as error:
                if "password authentication failed" in str(error.__cause__ or ""):
                    raise AuthenticationError(SERVER_PASSWORD) from error
                raise
        try:
            with conn.transaction():
                answer = conn.execute(f"SELECT {function}({placeholders})", values).fetchone()
        except psycopg.errors.InsufficientPrivilege as error:
            raise _refused(error) from error
        except (psycopg.IntegrityError, psycopg.DataError, psycopg.errors.RaiseException) as error:
            raise _refused(error) from error
        finally:
            conn.close()
        try:
            client.pull_only()
        except BasmatError as error:  # done on the server; this counter sees it next sync
            log.warning("pull after %s failed: %s", function, error)
    return None if answer is None else answer[0]
