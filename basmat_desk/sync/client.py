"""A counter's sync: enrolment, one sync (push then pull), and its status.

Every exchange with the server runs under a deadline: when the network hangs (a router that
stops forwarding, a half-open connection), a watchdog shuts the socket down so the step fails
and the counter goes on offline instead of waiting forever. Nothing is lost by a failed step:
the outbox only shrinks after the server committed, and the cursor only moves with the rows.
"""

from __future__ import annotations

import logging
import os
import secrets
import socket
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql
from psycopg.types.json import Jsonb

from basmat_desk.domain.clock import utcnow
from basmat_desk.domain.errors import BasmatError
from basmat_desk.domain.settings import (
    DEFAULT_SSLMODE,
    ENROLLED_YES,
    ENROLLING,
    DeviceKey,
    SyncKey,
)
from basmat_desk.store.revision import SCHEMA_REVISION
from basmat_desk.sync.codec import TABLES
from basmat_desk.sync.credentials import CredentialStore
from basmat_desk.sync.faults import checkpoint
from basmat_desk.sync.local import LocalStore
from basmat_desk.sync.protocol import PullReport, PushReport, pull, push_batch
from basmat_desk.sync.server import EnrolmentCode
from basmat_desk.sync.status import SyncStatus

log = logging.getLogger("basmat.sync")

PUSH_BATCH = 2000
DEFAULT_TIMEOUT = 120.0
#: Where the server is and as whom (the password is in the credential store).
SERVER_KEYS = (SyncKey.HOST, SyncKey.PORT, SyncKey.DBNAME, SyncKey.ROLE)


CODE_USED = "رمز التسجيل مستخدم من قبل؛ اطلب رمزاً جديداً من مدير النظام"
SERVER_HAS_ACCOUNTS = (
    "للخادم حسابات موظفين، وفي هذا الجهاز حسابات أُنشئت قبل التسجيل؛ سجّل الكاونتر من قاعدة "
    "بيانات جديدة (تسجيل في خادم الجمعية عند أول تشغيل) ليأخذ حسابات الخادم"
)


class SyncError(BasmatError):
    """Sync cannot go on for a reason the user must act on (the message says which)."""


class NotEnrolled(SyncError):
    def __init__(self) -> None:
        super().__init__(
            "هذا الكاونتر غير مسجَّل في خادم المزامنة؛ سجّله بالأمر: basmat-desk sync enroll"
        )


class Offline(SyncError):
    """The server cannot be reached now; the counter goes on working offline."""


def now_text() -> str:
    return utcnow().isoformat(timespec="seconds")


def previous_revision(revision: str) -> str:
    return f"{int(revision) - 1:04d}"


def check_schema(server_revision: str | None, client_revision: str = SCHEMA_REVISION) -> None:
    """The server accepts the current and the previous client version (DESIGN.md rule 7)."""
    if server_revision is None:
        raise SyncError("الخادم غير مهيأ؛ هيّئه بالأمر: basmat-desk server init")
    if client_revision in (server_revision, previous_revision(server_revision)):
        return
    if int(client_revision) > int(server_revision):
        raise SyncError(
            "إصدار الخادم أقدم من هذا البرنامج؛ حدّثه بالأمر: basmat-desk server init "
            "(التغييرات محفوظة على هذا الجهاز)"
        )
    raise SyncError(
        "هذا البرنامج أقدم من أن يزامن مع الخادم؛ حدّثه "
        "(التغييرات محفوظة على هذا الجهاز وتُرسَل بعد التحديث)"
    )


@dataclass(frozen=True, slots=True)
class SyncReport:
    push: PushReport
    pull: PullReport


def _cut(conn: psycopg.Connection[Any]) -> None:
    try:
        fd = conn.fileno()
        with socket.socket(fileno=os.dup(fd)) as sock:
            sock.shutdown(socket.SHUT_RDWR)
    except (OSError, psycopg.Error):
        pass


@contextmanager
def deadline(conn: psycopg.Connection[Any], seconds: float) -> Iterator[None]:
    """Shut the connection's socket down if the block takes longer than `seconds`."""
    fired = threading.Event()

    def fire() -> None:
        fired.set()
        log.warning("sync: no answer from the server in %.0f s; dropping the connection", seconds)
        _cut(conn)

    timer = threading.Timer(seconds, fire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()


class SyncClient:
    """Sync of one counter database. Not thread-safe: one client per thread."""

    def __init__(self, db_path: Path | str, *, timeout: float = DEFAULT_TIMEOUT) -> None:
        self.db_path = Path(db_path)
        self.timeout = timeout
        self.store = LocalStore(self.db_path)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> SyncClient:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # --- connecting -------------------------------------------------------------------------

    def secrets(self) -> CredentialStore:
        return CredentialStore(self.db_path, self.store.device_id())

    def credentials(self) -> dict[SyncKey, str]:
        state = self.store.state()
        if state.get(SyncKey.ENROLLED) != ENROLLED_YES:
            raise NotEnrolled()
        creds = {k: str(state[k]) for k in SERVER_KEYS}
        creds[SyncKey.SSLMODE] = str(state.get(SyncKey.SSLMODE) or DEFAULT_SSLMODE)
        legacy = state.get(SyncKey.PASSWORD)
        if legacy:  # a first version kept it in the database: move it out, once
            self.secrets().set(legacy)
            self.store.set_state({SyncKey.PASSWORD: None})
        password = self.secrets().get()
        if password is None:
            raise SyncError(
                "كلمة مرور هذا الكاونتر على الخادم غير موجودة على هذا الجهاز؛ "
                "اطلب رمز تسجيل جديداً من مدير النظام"
            )
        creds[SyncKey.PASSWORD] = password
        return creds

    def connect(self, given: Mapping[SyncKey, str] | None = None) -> psycopg.Connection[Any]:
        creds = given or self.credentials()
        try:
            return psycopg.connect(
                host=creds[SyncKey.HOST],
                port=creds[SyncKey.PORT],
                dbname=creds[SyncKey.DBNAME],
                user=creds[SyncKey.ROLE],
                password=creds[SyncKey.PASSWORD],
                connect_timeout=max(2, int(min(self.timeout, 10))),
                keepalives=1,
                keepalives_idle=10,
                keepalives_interval=5,
                keepalives_count=3,
                application_name="basmat-desk",
                sslmode=creds.get(SyncKey.SSLMODE, DEFAULT_SSLMODE),
                autocommit=True,
            )
        except psycopg.OperationalError as error:
            raise Offline(offline_message("تعذّر الاتصال بخادم المزامنة", error)) from error

    def connect_as(self, role: str, password: str) -> psycopg.Connection[Any]:
        """A connection to this counter's server as another role (a staff member's own):
        the server checks that role's password itself."""
        creds = self.credentials()
        return self.connect({**creds, SyncKey.ROLE: role, SyncKey.PASSWORD: password})

    def counter_label(self) -> str | None:
        """This counter as supervisors know it: "name (prefix)"."""
        state = self.store.state()
        name, prefix = state.get(SyncKey.COUNTER_NAME), state.get(SyncKey.PREFIX)
        return f"{name} ({prefix})" if name else None

    # --- enrolment --------------------------------------------------------------------------

    def enroll(self, code_text: str) -> SyncReport:
        """Join the server with a one-time code, queue this database's rows, and sync once."""
        code = EnrolmentCode.decode(code_text)
        state = self.store.state()
        if state.get(SyncKey.ENROLLED) == ENROLLED_YES:
            name = state.get(SyncKey.COUNTER_NAME)
            raise SyncError(f"هذا الكاونتر مسجَّل بالفعل باسم «{name}»")
        device_id = self.store.device_id()
        given = {
            SyncKey.HOST: code.host,
            SyncKey.PORT: str(code.port),
            SyncKey.DBNAME: code.dbname,
            SyncKey.ROLE: code.role,
            SyncKey.PASSWORD: code.password,
            SyncKey.SSLMODE: code.sslmode,
        }
        own_password = secrets.token_urlsafe(24)
        try:
            conn = self.connect(given)
        except Offline as error:
            if "password authentication failed" in str(error.__cause__ or ""):
                raise SyncError(CODE_USED) from error  # enrolment changed the code's password
            raise
        try:
            with deadline(conn, self.timeout):
                check_schema(_server_revision(conn))
                # The new password is kept before the server knows it, so a crash between
                # the two leaves a counter that can still log in.
                self.secrets().set(own_password)
                self.store.set_state(
                    {
                        **{k: v for k, v in given.items() if k != SyncKey.PASSWORD},
                        SyncKey.ENROLLED: ENROLLING,
                    }
                )
                accounts = _server_json("staff", self.store.local_rows("staff"))
                settings = _server_json("setting", self.store.local_rows("setting"))
                with conn.transaction():
                    try:
                        conn.execute(
                            "SELECT basmat_claim_enrolment(%s, %s, %s)",
                            (
                                device_id,
                                Jsonb(accounts) if accounts else None,
                                Jsonb(settings) if settings else None,
                            ),
                        )
                    except psycopg.errors.InsufficientPrivilege as error:
                        raise SyncError(CODE_USED) from error
                    except psycopg.errors.CheckViolation as error:
                        raise SyncError(SERVER_HAS_ACCOUNTS) from error
                    conn.execute(
                        sql.SQL("ALTER ROLE {} PASSWORD {}").format(
                            sql.Identifier(code.role), sql.Literal(own_password)
                        )
                    )
        except psycopg.OperationalError as error:
            raise Offline(offline_message("تعذّر الاتصال بخادم المزامنة", error)) from error
        finally:
            conn.close()
        with self.store.transaction() as con:
            con.execute(
                "INSERT INTO device_setting (key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (DeviceKey.COUNTER_PREFIX, code.prefix),
            )
            queued = self.store.start_capture(con)
            self.store.set_state(
                {
                    SyncKey.ENROLLED: ENROLLED_YES,
                    SyncKey.COUNTER_NAME: code.name,
                    SyncKey.PREFIX: code.prefix,
                    SyncKey.ENROLLED_AT: now_text(),
                    SyncKey.CURSOR: "0",
                },
                con,
            )
        log.info("enrolled as %s (%s); %d local rows queued", code.name, code.prefix, queued)
        return self.sync_once()

    # --- sync -------------------------------------------------------------------------------

    def sync_once(self) -> SyncReport:
        """Push the whole outbox, then pull everything new. Raises Offline when the server
        cannot be reached (nothing is lost), SyncError when the user must act."""
        self.credentials()
        self.store.set_state({SyncKey.LAST_ATTEMPT_AT: now_text()})
        try:
            conn = self.connect()
            try:
                report = self._exchange(conn)
            finally:
                conn.close()
        except psycopg.OperationalError as error:
            message = offline_message("انقطع الاتصال بخادم المزامنة", error)
            self.store.set_state({SyncKey.LAST_ERROR: message})
            raise Offline(message) from error
        except SyncError as error:
            self.store.set_state({SyncKey.LAST_ERROR: str(error)})
            raise
        self.store.set_state({SyncKey.LAST_ERROR: None, SyncKey.LAST_SUCCESS_AT: now_text()})
        return report

    def _exchange(self, conn: psycopg.Connection[Any]) -> SyncReport:
        with deadline(conn, self.timeout):
            check_schema(_server_revision(conn))
        pushed = self._push(conn)
        with deadline(conn, self.timeout):
            pulled = pull(conn, self.store, {SyncKey.LAST_PULL_AT: now_text()})
        return SyncReport(pushed, pulled)

    def _push(self, conn: psycopg.Connection[Any]) -> PushReport:
        """Send the whole outbox, batch by batch; each batch leaves the outbox once the server
        committed it."""
        device_id = self.store.device_id()
        counter = self.counter_label()
        total = PushReport()
        while batch := self.store.outbox_batch(PUSH_BATCH):
            checkpoint("push.read_outbox")
            with deadline(conn, self.timeout):
                report, _ids = push_batch(conn, device_id, batch, counter)
            self.store.clear_outbox(batch[-1].seq, {SyncKey.LAST_PUSH_AT: now_text()})
            checkpoint("push.done")
            total.add(report)
        return total

    def push_only(self) -> PushReport:
        """Push without pulling (tests and benchmarks measure the two apart)."""
        conn = self.connect()
        try:
            return self._push(conn)
        finally:
            conn.close()

    def pull_only(self) -> PullReport:
        conn = self.connect()
        try:
            with deadline(conn, self.timeout):
                return pull(conn, self.store, {SyncKey.LAST_PULL_AT: now_text()})
        finally:
            conn.close()

    # --- status -----------------------------------------------------------------------------

    def status(self) -> SyncStatus:
        store = self.store
        state = store.state()
        enrolled = state.get(SyncKey.ENROLLED) == ENROLLED_YES
        server = None
        if enrolled:
            host, port, dbname = (state.get(k) for k in SERVER_KEYS[:3])
            server = f"{host}:{port}/{dbname}"
        return SyncStatus(
            enrolled=enrolled,
            counter_name=state.get(SyncKey.COUNTER_NAME),
            prefix=state.get(SyncKey.PREFIX),
            server=server,
            pending=store.pending_count(),
            conflicts=store.open_conflicts(),
            cursor=store.cursor(),
            last_push_at=state.get(SyncKey.LAST_PUSH_AT),
            last_pull_at=state.get(SyncKey.LAST_PULL_AT),
            last_success_at=state.get(SyncKey.LAST_SUCCESS_AT),
            last_attempt_at=state.get(SyncKey.LAST_ATTEMPT_AT),
            last_error=state.get(SyncKey.LAST_ERROR),
        )


def enroll_database(db_path: Path | str, code: str) -> SyncStatus:
    """Enrol the database at `db_path` (which the application has opened, so it is migrated
    and has its device id) with a one-time code, and run its first sync."""
    with SyncClient(db_path) as client:
        client.enroll(code)
        return client.status()


def _server_json(name: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Wire rows as JSON the server reads into its own row type: times with their zone (UTC),
    whatever the server's time zone."""
    table = TABLES[name]
    return [
        {
            column: value.isoformat() if isinstance(value, datetime | date) else value
            for column, value in zip(table.column_names, table.pg_values(row), strict=True)
        }
        for row in rows
    ]


def _server_revision(conn: psycopg.Connection[Any]) -> str | None:
    try:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except psycopg.errors.UndefinedTable:
        return None
    return None if row is None else str(row[0])


#: What libpq says, in the words a receptionist can act on (the English detail goes to the log).
_REASONS = (
    ("connection refused", "الخادم لا يقبل الاتصال (قد يكون متوقفاً)"),
    ("timeout expired", "لم يردّ الخادم في الوقت المحدد"),
    ("timed out", "لم يردّ الخادم في الوقت المحدد"),
    ("could not translate host name", "تعذّر العثور على عنوان الخادم"),
    ("name or service not known", "تعذّر العثور على عنوان الخادم"),
    ("no route to host", "لا توجد شبكة توصل إلى الخادم"),
    ("network is unreachable", "لا توجد شبكة توصل إلى الخادم"),
    ("password authentication failed", "رفض الخادم حساب هذا الكاونتر؛ اطلب رمز تسجيل جديداً"),
    ("does not exist", "قاعدة البيانات أو حساب الكاونتر غير موجود على الخادم"),
    ("no pg_hba.conf entry", "الخادم لا يسمح لهذا الجهاز بالاتصال"),
    (
        "server does not support ssl",
        "الخادم لا يقبل الاتصال المشفّر (TLS)، وهذا الكاونتر لا يتصل إلا مشفّراً",
    ),
    ("server closed the connection", "انقطع الاتصال في أثناء المزامنة"),
    ("consuming input failed", "انقطع الاتصال في أثناء المزامنة"),
    ("terminating connection", "أُعيد تشغيل الخادم في أثناء المزامنة"),
)


def offline_message(what: str, error: BaseException) -> str:
    detail = _first_line(error)
    log.info("sync: %s: %s", what, detail)
    lowered = str(error).lower()
    reason = next((arabic for key, arabic in _REASONS if key in lowered), "خطأ في الشبكة")
    return f"{what}: {reason}"


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__
