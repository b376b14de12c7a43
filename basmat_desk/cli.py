"""The command line: `basmat-desk` starts the application; sub-commands do the rest.

Messages to the user are Arabic; a bad argument or bad input ends with a clear message and exit
status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from basmat_desk.domain.enums import Role
from basmat_desk.domain.errors import AuthenticationError, BasmatError, ValidationError
from basmat_desk.domain.numbering import isolate_ltr
from basmat_desk.domain.settings import SSLMODES
from basmat_desk.paths import missing_folders, remove_database_files, remove_empty_folders

if TYPE_CHECKING:
    from basmat_desk.services.context import Actor, ServiceContext
    from basmat_desk.services.search import SearchHit
    from basmat_desk.sync.client import SyncClient

EXIT_USAGE = 2
#: A reader closed the pipe before all was printed (`… | head`): the shell's own status for it.
EXIT_BROKEN_PIPE = 141
EXIT_INTERRUPTED = 130

MAX_SEARCH_LIMIT = 100_000
#: From this size on, `demo` says that it is working (about 30 s per 100,000 people).
SLOW_DEMO_BENEFICIARIES = 50_000
#: How long `server …` waits for the server to answer before saying it cannot be reached.
SERVER_CONNECT_TIMEOUT_SECONDS = 15

# argparse's own words (usage, help, its error messages), in Arabic. argparse looks `_` up in
# its module at call time, so replacing it there translates every message it prints.
ARGPARSE_ARABIC = {
    "usage: ": "الاستخدام: ",
    "options": "الخيارات",
    "positional arguments": "المعطيات",
    "show this help message and exit": "اعرض هذه المساعدة واخرج",
    "the following arguments are required: %s": "هذه المعطيات مطلوبة: %s",
    "unrecognized arguments: %s": "معطيات غير معروفة: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "اختيار غير صحيح: %(value)r (اختر من %(choices)s)"
    ),
    "invalid %(type)s value: %(value)r": "قيمة غير صحيحة: %(value)r",
    "expected one argument": "يلزم إعطاء قيمة واحدة",
    "argument %(argument_name)s: %(message)s": "%(argument_name)s: %(message)s",
    "ambiguous option: %(option)s could match %(matches)s": (
        "خيار مبهم: %(option)s قد يعني %(matches)s"
    ),
    "%(prog)s: error: %(message)s\n": "%(prog)s: خطأ: %(message)s\n",
}


def _arabic_gettext(message: str) -> str:
    return ARGPARSE_ARABIC.get(message, message)


class ArabicArgumentParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"خطأ في الأوامر: {message}\n")


def _db_path(value: str | None) -> Path:
    from basmat_desk.paths import default_database

    return Path(value).expanduser() if value else default_database()


def _ltr(text: object) -> str:
    """A path, URL or name inside an Arabic sentence, kept in one left-to-right run (a path's
    leading "/" would otherwise be shown at the end of it)."""
    return isolate_ltr(str(text))


def _existing_db(args: argparse.Namespace) -> Path:
    """The database a command works on, which must exist: a mistyped --db creates nothing."""
    path = _db_path(args.db)
    if path.is_dir():
        raise ValidationError("db", f"ملف قاعدة البيانات: «{_ltr(path)}» مجلد وليس ملفاً")
    if not path.is_file():
        raise ValidationError("db", f"ملف قاعدة البيانات: «{_ltr(path)}» غير موجود")
    return path


def _close(ctx: ServiceContext) -> None:
    """Close the pooled connections of a context opened by the command."""
    bind = ctx.sessions.kw.get("bind")
    if bind is not None:
        bind.dispose()


def _discard_new_database(path: Path, folders: Sequence[Path]) -> None:
    """Remove a database file (and the folders) that a failed command created itself."""
    remove_database_files(path)
    remove_empty_folders(folders)


# --- standard input: a terminal asks, a pipe gives one line per answer ---------------------


def _stdin_is_terminal() -> bool:
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except ValueError:  # closed
        return False


def _interactive(args: argparse.Namespace) -> bool:
    """Whether passwords are asked on the terminal (otherwise: lines of standard input)."""
    return not getattr(args, "password_stdin", False) and _stdin_is_terminal()


def _stdin_line(field: str, missing: str) -> str:
    """The next line of standard input, without its line end; `missing` when there is none."""
    try:
        line = sys.stdin.readline() if sys.stdin is not None else ""
    except (OSError, ValueError):
        line = ""
    if not line:
        raise ValidationError(field, missing)
    return line.rstrip("\r\n")


def _ask(prompt: str, field: str, missing: str) -> str:
    try:
        return input(prompt)
    except EOFError:
        raise ValidationError(field, missing) from None


def _ask_secret(prompt: str, field: str, missing: str) -> str:
    try:
        return getpass.getpass(prompt)
    except EOFError:
        raise ValidationError(field, missing) from None


def _new_password(interactive: bool) -> str:
    """The new account's password: typed twice on a terminal, else the first line of input."""
    missing = "كلمة مرور المستخدم الجديد: لم تُعطَ (السطر الأول من الإدخال القياسي)"
    if not interactive:
        return _stdin_line("password", missing)
    first = _ask_secret("كلمة المرور: ", "password", missing)
    second = _ask_secret("أعد كتابة كلمة المرور: ", "password", missing)
    if first != second:
        raise ValidationError("password", "كلمة المرور: التأكيد لا يطابق")
    return first


def _check_display(env: dict[str, str] | None = None) -> None:
    """Say in Arabic why Qt could not show a window, before Qt aborts the process."""
    from basmat_desk.gui.platform_check import display_problem

    problem = display_problem(env)
    if problem is not None:
        raise BasmatError(problem)


def cmd_run(args: argparse.Namespace) -> int:
    # Only the first start on the default database, or a demo, creates a database.
    if args.demo:
        db_path = Path(args.db).expanduser() if args.db else None
    else:
        db_path = _existing_db(args) if args.db else None
    _check_display()
    from basmat_desk.gui.app import run

    return run(db_path=db_path, demo=args.demo, quit_after_show=args.quit_after_show)


USER_ADD_DESCRIPTION = """\
إضافة حساب موظف.

أول حساب في قاعدة بيانات جديدة يكون مديراً (--role admin)، ولا يُنشأ ملف قاعدة بيانات
جديد إلا له: هكذا تبدأ قاعدة بيانات جديدة.
بعده يضيف المدير الحسابات باسمه (--admin NAME) وكلمة مروره.

كلمات المرور تُسأل في الطرفية. مع --password-stdin (أو إذا لم يكن الإدخال طرفية) تُقرأ
من الإدخال القياسي، سطر لكل كلمة مرور:
  السطر الأول: كلمة مرور المستخدم الجديد
  السطر الثاني: كلمة مرور المدير (إذا كان في قاعدة البيانات موظفون)

مثال:
  printf '%s\\n%s\\n' "$NEW_PASSWORD" "$ADMIN_PASSWORD" |
    basmat-desk user add huda --role receptionist --admin manager --password-stdin
"""


def cmd_user_add(args: argparse.Namespace) -> int:
    from basmat_desk.services.bootstrap import open_local
    from basmat_desk.services.staff import parse_role

    role = parse_role(args.role)
    path = _db_path(args.db)
    new_file = not path.exists()
    if new_file and role is not Role.ADMIN:
        raise ValidationError(
            "db",
            f"ملف قاعدة البيانات: «{_ltr(path)}» غير موجود؛ لا يُنشأ ملف جديد إلا لأول مدير "
            "(--role admin)",
        )
    folders = missing_folders(path) if new_file else []
    try:
        ctx = open_local(path)
        try:
            done = _add_user(ctx, args, role)
        finally:
            _close(ctx)
    except BaseException:
        if new_file:
            _discard_new_database(path, folders)
        raise
    print(done)
    return 0


def _add_user(ctx: ServiceContext, args: argparse.Namespace, role: Role) -> str:
    from basmat_desk.services.staff import create_first_admin, create_staff, has_any_staff, login

    interactive = _interactive(args)
    full_name = args.full_name or args.name
    if not has_any_staff(ctx):
        if role is not Role.ADMIN:
            raise ValidationError(
                "role", "الدور: أول مستخدم في قاعدة بيانات جديدة يكون مديراً (admin)"
            )
        actor = create_first_admin(ctx, args.name, full_name, _new_password(interactive))
        return f"أُنشئ المستخدم {actor.username} ({actor.role.label})"
    # Adding a user to an installation that has staff needs an administrator's own password.
    if not args.admin and not interactive:
        raise ValidationError(
            "admin",
            "اسم مستخدم المدير: مطلوب (--admin NAME)؛ في قاعدة البيانات موظفون، فيضيف المدير "
            "الحساب بكلمة مروره في السطر الثاني من الإدخال القياسي",
        )
    password = _new_password(interactive)
    admin_name = args.admin or _ask(
        "اسم مستخدم المدير: ", "admin", "اسم مستخدم المدير: مطلوب (--admin NAME)"
    )
    missing = (
        "كلمة مرور المدير: لم تُعطَ؛ مع --password-stdin يكون السطر الأول كلمة مرور المستخدم "
        "الجديد والسطر الثاني كلمة مرور المدير"
    )
    admin_password = (
        _ask_secret("كلمة مرور المدير: ", "admin_password", missing)
        if interactive
        else _stdin_line("admin_password", missing)
    )
    admin = login(ctx, admin_name, admin_password)
    row = create_staff(
        ctx.acting_as(admin, admin_password),
        username=args.name,
        full_name=full_name,
        role=role,
        password=password,
    )
    return f"أُنشئ المستخدم {row.username} ({row.role.label})"


def cmd_demo(args: argparse.Namespace) -> int:
    from basmat_desk.demo import MAX_BENEFICIARIES, generate_demo

    path = Path(args.db).expanduser()
    if SLOW_DEMO_BENEFICIARIES <= args.beneficiaries <= MAX_BENEFICIARIES:
        print(
            f"جارٍ إنشاء قاعدة بيانات تجريبية فيها {args.beneficiaries} مستفيد؛ قد يستغرق ذلك "
            "دقائق (Ctrl+C للإلغاء، ولا يبقى ملف ناقص).",
            file=sys.stderr,
            flush=True,
        )
    try:
        summary = generate_demo(
            path, beneficiaries=args.beneficiaries, days=args.days, seed=args.seed
        )
    except ValidationError as error:
        if error.field in ("beneficiaries", "days"):  # name the option that was given
            raise ValidationError(error.field, f"--{error.field}: {error.message}") from None
        raise
    print(summary.arabic())
    return 0


#: How `basmat-desk search` names what a hit matched.
MATCH_LABELS = {"id": "رقم الهوية", "mobile": "الجوال", "name": "الاسم"}
NO_RESULTS = "لا نتائج"


def _sign_in(ctx: ServiceContext, args: argparse.Namespace) -> Actor:
    """The staff member running a command that reads people's data: their own account and
    password (failed attempts count toward the lockout, a success is audited as a login),
    or, on a demo database and without --user, the demo supervisor, as `basmat-desk --demo`."""
    from basmat_desk.services.staff import login, login_demo

    if args.user is None:
        try:
            return login_demo(ctx)
        except AuthenticationError:
            pass
    interactive = _interactive(args)
    need_user = (
        "اسم المستخدم: مطلوب (--user NAME)؛ هذه ليست قاعدة بيانات تجريبية، فيلزم حساب موظف "
        "وكلمة مروره في الإدخال القياسي"
    )
    if args.user is None and not interactive:
        raise ValidationError("user", need_user)
    username = args.user or _ask("اسم المستخدم: ", "user", need_user)
    missing = "كلمة المرور: لم تُعطَ (سطر في الإدخال القياسي)"
    password = (
        _ask_secret("كلمة المرور: ", "password", missing)
        if interactive
        else _stdin_line("password", missing)
    )
    return login(ctx, username, password)


def _hit_json(hit: SearchHit) -> dict[str, str | None]:
    return {
        "id": hit.id,
        "full_name": hit.full_name,
        "national_id": hit.id_number,
        "id_type": hit.id_type.value,
        "mobile": hit.mobile,
        "birth_date": hit.birth_date.isoformat() if hit.birth_date else None,
        "file_number": hit.file_number,
        "status": hit.status.value,
        "match": hit.match,
    }


def _hits_table(hits: list[SearchHit]) -> list[str]:
    """One line per person: name, ID number, mobile as dialled at home, what matched."""
    from basmat_desk.services.search import mobile_forms

    header = ("الاسم", "رقم الهوية", "الجوال", "التطابق")
    rows = [
        (
            hit.full_name,
            hit.id_number,
            mobile_forms(hit.mobile)[0] if hit.mobile else "—",
            MATCH_LABELS[hit.match],
        )
        for hit in hits
    ]
    widths = [max(len(row[i]) for row in (header, *rows)) for i in range(len(header))]
    return [
        " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in (header, *rows)
    ]


def cmd_search(args: argparse.Namespace) -> int:
    from basmat_desk.services.bootstrap import open_local
    from basmat_desk.services.search import search_beneficiaries

    ctx = open_local(_existing_db(args))  # a read-only command never creates a database
    try:
        actor = _sign_in(ctx, args)
        hits = search_beneficiaries(ctx.acting_as(actor), " ".join(args.query), limit=args.limit)
    finally:
        _close(ctx)
    if args.json:
        print(json.dumps([_hit_json(hit) for hit in hits], ensure_ascii=False, indent=2))
        if not hits:
            print(NO_RESULTS, file=sys.stderr)
        return 0
    if not hits:
        print(NO_RESULTS)
        return 0
    print("\n".join(_hits_table(hits)))
    more = f" (أول {len(hits)}؛ زِد --limit لعرض المزيد)" if len(hits) == args.limit else ""
    print(f"عدد النتائج: {len(hits)}{more}")
    return 0


def _shots_folder(value: str) -> Path:
    """The folder the screenshots go to, made if need be; refused (nothing written) when it is
    a file or cannot be written to."""
    import tempfile

    from basmat_desk.domain.errors import os_error_reason

    out = Path(value).expanduser()
    if out.exists() and not out.is_dir():
        raise ValidationError("out", f"مجلد الصور (--out): «{_ltr(out)}» ملف وليس مجلداً")
    folders = [] if out.exists() else [out, *missing_folders(out)]
    try:
        out.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=out):
            pass  # can a file be written there?
    except OSError as error:
        remove_empty_folders(folders)
        raise ValidationError(
            "out", f"مجلد الصور (--out): تعذّرت الكتابة في «{_ltr(out)}»: {os_error_reason(error)}"
        ) from error
    return out


def cmd_shots(args: argparse.Namespace) -> int:
    out = _shots_folder(args.out)
    # The screens are drawn off screen unless a platform is asked for by name.
    _check_display({"QT_QPA_PLATFORM": "offscreen", **os.environ})
    from basmat_desk.gui.shots import DEFAULT_SIZES, render_all

    written = render_all(out, tuple(args.size) if args.size else DEFAULT_SIZES)
    for path in written:
        print(path)
    return 0


SERVER_URL_FORM = "postgresql://المستخدم:كلمة_المرور@الخادم:5432/قاعدة_البيانات"
_SERVER_SCHEMES = ("postgresql", "postgresql+psycopg", "postgres")
#: libpq options an administrator may add to the URL (`?sslmode=require`).
_SERVER_URL_OPTIONS = frozenset(
    {"sslmode", "sslrootcert", "sslcert", "sslkey", "connect_timeout", "application_name"}
)

#: libpq's reasons for a failed connection, as an administrator should read them.
_SERVER_REASONS = (
    ("connection refused", "الخادم لا يقبل الاتصال على هذا المنفذ (هل PostgreSQL يعمل؟)"),
    ("timeout expired", "لم يردّ الخادم في الوقت المحدد"),
    ("timed out", "لم يردّ الخادم في الوقت المحدد"),
    ("could not translate host name", "اسم الخادم غير معروف"),
    ("failed to resolve host", "اسم الخادم غير معروف"),
    ("name or service not known", "اسم الخادم غير معروف"),
    ("no route to host", "لا توجد شبكة توصل إلى الخادم"),
    ("network is unreachable", "لا توجد شبكة توصل إلى الخادم"),
    ("password authentication failed", "اسم المستخدم أو كلمة المرور غير صحيحة"),
    ("no password supplied", "كلمة المرور مطلوبة في العنوان"),
    ("no pg_hba.conf entry", "الخادم لا يسمح لهذا الجهاز أو لهذا الحساب بالاتصال"),
    ("does not exist", "قاعدة البيانات أو الحساب غير موجود على الخادم"),
    ("no such file or directory", "لا يوجد خادم محلي على هذا المنفذ"),
)


def _hide_password(url: str) -> str:
    import re

    return re.sub(r"(://[^:/@]*:)[^@]*@", r"\1***@", url)


def _server_url(given: str | None) -> str:
    """The administrator's server URL, checked for form (not yet for reachability)."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    url = (given or os.environ.get("BASMAT_SERVER_URL") or "").strip()
    if not url:
        raise ValidationError("url", "عنوان الخادم: مطلوب (--url أو المتغير BASMAT_SERVER_URL)")
    wrong = (
        f"عنوان الخادم: «{_ltr(_hide_password(url))}» ليس عنوان خادم PostgreSQL صحيحاً؛ "
        f"اكتبه هكذا: {SERVER_URL_FORM}"
    )
    try:
        parsed = make_url(url)
        port = parsed.port
    except (ArgumentError, ValueError):
        raise ValidationError("url", wrong) from None
    if parsed.drivername not in _SERVER_SCHEMES or not parsed.database:
        raise ValidationError("url", wrong)
    for option in parsed.query:
        if option not in _SERVER_URL_OPTIONS:
            raise ValidationError(
                "url", f"عنوان الخادم: الخيار «{_ltr(option)}» غير معروف (بعد ? في العنوان)"
            )
    if port is not None and not 1 <= port <= 65535:
        raise ValidationError(
            "url", f"عنوان الخادم: المنفذ {port} غير صحيح؛ يكون بين 1 و65535 (المعتاد 5432)"
        )
    if parsed.drivername == "postgres":
        url = parsed.set(drivername="postgresql").render_as_string(hide_password=False)
    return url


def _server_call(url: str, fn: Callable[[str], object]) -> object:
    """Run an administrator's command on the server; a connection failure is a message that
    names the server (without its password)."""
    import psycopg
    import sqlalchemy.exc
    from sqlalchemy.engine import make_url

    # libpq waits minutes for a server that does not answer; an administrator should not.
    os.environ.setdefault("PGCONNECT_TIMEOUT", str(SERVER_CONNECT_TIMEOUT_SECONDS))
    parsed = make_url(url)
    where = f"{parsed.host or 'localhost'}:{parsed.port or 5432}/{parsed.database}"
    try:
        return fn(url)
    except (psycopg.OperationalError, sqlalchemy.exc.OperationalError) as error:
        text = str(error).strip()
        lowered = text.lower()
        reason = next((arabic for key, arabic in _SERVER_REASONS if key in lowered), None)
        detail = text.splitlines()[0].removeprefix("(psycopg.OperationalError) ") if text else ""
        raise BasmatError(
            f"تعذّر الاتصال بالخادم «{_ltr(where)}»: {reason or 'خطأ في الاتصال'}"
            + (f" ({_ltr(detail)})" if detail else "")
        ) from error
    except psycopg.errors.InsufficientPrivilege as error:
        raise BasmatError(
            "لا يملك حساب الخادم المعطى صلاحية كافية؛ استعمل حساب مالك قاعدة البيانات"
        ) from error


def cmd_server_init(args: argparse.Namespace) -> int:
    from basmat_desk.sync.server import init_server

    revision = _server_call(_server_url(args.url), init_server)
    print(f"الخادم جاهز (إصدار المخطط {revision})")
    return 0


def cmd_server_add_counter(args: argparse.Namespace) -> int:
    from basmat_desk.sync.server import EnrolmentCode, add_counter

    code = _server_call(
        _server_url(args.url),
        lambda url: add_counter(url, args.name, args.prefix, args.sslmode),
    )
    assert isinstance(code, EnrolmentCode)
    print(f"أُضيف الكاونتر «{code.name}» برمز {code.prefix}.")
    print(
        "رمز التسجيل (يُستعمل مرة واحدة؛ على جهاز الكاونتر: basmat-desk sync enroll ثم الصق "
        "الرمز، أو «تسجيل في خادم الجمعية…» عند أول تشغيل):"
    )
    print(code.encode())
    return 0


def cmd_server_unlock(args: argparse.Namespace) -> int:
    from basmat_desk.services.passwords import hash_password
    from basmat_desk.sync.server import Unlocked, unlock_staff

    verifier = None
    if not args.keep_password:
        verifier = hash_password(_new_password(_interactive(args)))
    done = _server_call(_server_url(args.url), lambda url: unlock_staff(url, args.name, verifier))
    assert isinstance(done, Unlocked)
    said = "وعُيّنت له كلمة مرور جديدة" if done.new_password else "وبقيت كلمة مروره كما هي"
    print(f"فُتح حساب «{done.full_name}» ({done.username}) {said}؛ يصل إلى الكاونترات بالمزامنة.")
    return 0


def _claimed(client: SyncClient) -> bool:
    """Whether an enrolment got as far as claiming its code on the server."""
    try:
        from basmat_desk.domain.settings import SyncKey

        return client.store.state().get(SyncKey.ENROLLED) is not None
    except Exception:
        return True  # when in doubt, keep the file


def cmd_sync_enroll(args: argparse.Namespace) -> int:
    from basmat_desk.services.bootstrap import open_local
    from basmat_desk.sync.client import SyncClient
    from basmat_desk.sync.server import EnrolmentCode

    # The code holds a password: read from standard input or the terminal, never from the
    # command line (which every user of the PC can read in the process list).
    missing = "رمز التسجيل: لم يُعطَ؛ الصقه عند السؤال أو مرّره في الإدخال القياسي"
    if _stdin_is_terminal():
        code_text = _ask_secret("رمز التسجيل: ", "code", missing)
    else:
        code_text = _stdin_line("code", missing)
    EnrolmentCode.decode(code_text)  # a mistyped code creates nothing
    path = _db_path(args.db)  # setting up a counter may create its database
    new_file = not path.exists()
    folders = missing_folders(path) if new_file else []
    claimed = False
    try:
        _close(open_local(path))  # create or migrate it, and give it a device id
        with SyncClient(path) as client:
            try:
                report = client.enroll(code_text)
            except BaseException:
                claimed = _claimed(client)
                raise
            status = client.status()
    except BaseException:
        # A new database the server never heard of is removed; one that claimed the code keeps
        # its credentials (`sync run` retries its first sync).
        if new_file and not claimed:
            _discard_new_database(path, folders)
        raise
    print(f"سُجّل هذا الجهاز كاونتراً «{status.counter_name}» برمز {status.prefix}.")
    print(f"أُرسل {report.push.pushed} تغييراً، واستُلم {report.pull.rows} سجلاً من الخادم.")
    return 0


def _status_lines(status: object) -> list[str]:
    from basmat_desk.sync.status import SyncStatus

    assert isinstance(status, SyncStatus)
    if not status.enrolled:
        return ["هذا الكاونتر غير مسجَّل في خادم المزامنة (يعمل محلياً فقط)."]
    never = "لم تتم بعد"
    return [
        f"الكاونتر: {status.counter_name} (رمز {status.prefix})",
        f"الخادم: {status.server}",
        f"الحالة: {'متصل' if status.online else 'غير متصل'}",
        f"تغييرات بانتظار الإرسال: {status.pending}",
        f"تعارضات تنتظر المراجعة: {status.conflicts}",
        f"آخر إرسال: {status.last_push_at or never}",
        f"آخر استلام: {status.last_pull_at or never}",
        f"المؤشر: {status.cursor}",
        *([f"آخر خطأ: {status.last_error}"] if status.last_error else []),
    ]


def cmd_sync_status(args: argparse.Namespace) -> int:
    from basmat_desk.sync.client import SyncClient

    with SyncClient(_existing_db(args)) as client:
        status = client.status()
    if args.json:
        print(json.dumps(status.as_json(), ensure_ascii=False, indent=2))
    else:
        print("\n".join(_status_lines(status)))
    return 0


def cmd_sync_run(args: argparse.Namespace) -> int:
    import threading

    from basmat_desk.sync.agent import SyncAgent
    from basmat_desk.sync.client import SyncClient

    path = _existing_db(args)
    if args.once:
        with SyncClient(path) as client:
            report = client.sync_once()
        print(
            f"أُرسل {report.push.pushed} تغييراً (تعارضات: {report.push.conflicts})، "
            f"واستُلم {report.pull.rows} سجلاً."
        )
        return 0

    stop = threading.Event()
    closed: list[bool] = []

    def show(status: object, activity: str) -> None:
        from basmat_desk.sync.status import SyncStatus

        assert isinstance(status, SyncStatus)
        if activity != "syncing":
            state = "متصل" if status.online else "غير متصل"
            try:
                print(
                    f"{state}؛ بانتظار الإرسال: {status.pending}؛ المؤشر: {status.cursor}",
                    flush=True,
                )
            except BrokenPipeError:  # nobody reads any more: stop, as a pipeline expects
                _silence_stdout()
                closed.append(True)
                stop.set()

    try:
        SyncAgent(path, on_status=show).run(stop)
    except KeyboardInterrupt:
        stop.set()
    return EXIT_BROKEN_PIPE if closed else 0


#: The screen sizes `shots --size` accepts, (least, most) per side.
SCREEN_SIDE = (480, 7680)


def _screen_size(text: str) -> tuple[int, int]:
    parts = text.lower().replace("×", "x").split("x")
    low, high = SCREEN_SIDE
    try:
        width, height = (int(part) for part in parts)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"«{text}» ليس حجم شاشة؛ اكتب العرض ثم الارتفاع، مثل 1024x768"
        ) from None
    if not (low <= width <= high and low <= height <= high):
        raise argparse.ArgumentTypeError(f"كل من العرض والارتفاع بين {low} و{high}")
    return width, height


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"«{text}» ليس عدداً صحيحاً") from None
    if value < 0:
        raise argparse.ArgumentTypeError("يجب ألا يكون العدد سالباً")
    return value


def _search_limit(text: str) -> int:
    value = _positive(text)
    if value < 1:
        raise argparse.ArgumentTypeError("يجب أن يكون العدد 1 أو أكثر")
    if value > MAX_SEARCH_LIMIT:
        raise argparse.ArgumentTypeError(f"يجب ألا يزيد العدد على {MAX_SEARCH_LIMIT}")
    return value


DB_HELP = "ملف قاعدة البيانات المحلية (SQLite)؛ يجب أن يكون موجوداً"


def _add_sync_commands(sub: argparse._SubParsersAction[ArabicArgumentParser]) -> None:
    server = sub.add_parser("server", help="إدارة خادم المزامنة المشترك (PostgreSQL)")
    server_sub = server.add_subparsers(
        metavar="ACTION", required=True, parser_class=ArabicArgumentParser
    )
    init = server_sub.add_parser(
        "init", help="إنشاء مخطط قاعدة البيانات على الخادم أو ترقيته، وصلاحيات الكاونترات"
    )
    init.add_argument("url", metavar="URL", help="عنوان الخادم بحساب مالك قاعدة البيانات")
    init.set_defaults(handler=cmd_server_init)
    counter = server_sub.add_parser(
        "add-counter", help="إضافة كاونتر بحساب خاص به، وطباعة رمز تسجيل لمرة واحدة"
    )
    counter.add_argument("name", metavar="NAME", help="اسم الكاونتر")
    counter.add_argument("--prefix", required=True, metavar="P", help="رمز الكاونتر (A، B …)")
    counter.add_argument("--url", metavar="URL", help="عنوان الخادم (أو BASMAT_SERVER_URL)")
    counter.add_argument(
        "--sslmode",
        default="require",
        choices=SSLMODES,
        help="اتصال الكاونتر بالخادم: require (الافتراضي، TLS إلزامي)؛ disable لخادم تجربة بلا TLS",
    )
    counter.set_defaults(handler=cmd_server_add_counter)

    unlock = server_sub.add_parser(
        "unlock",
        help="فتح حساب موظف مقفل أو منسي (مدير النظام الوحيد مثلاً) وتعيين كلمة مرور جديدة له",
    )
    unlock.add_argument("name", metavar="NAME", help="اسم المستخدم")
    unlock.add_argument("--url", metavar="URL", help="عنوان الخادم (أو BASMAT_SERVER_URL)")
    unlock.add_argument(
        "--keep-password", action="store_true", help="فتح الحساب دون تغيير كلمة مروره"
    )
    unlock.add_argument(
        "--password-stdin",
        action="store_true",
        help="قراءة كلمة المرور الجديدة من السطر الأول للإدخال القياسي",
    )
    unlock.set_defaults(handler=cmd_server_unlock)

    sync = sub.add_parser("sync", help="المزامنة مع الخادم المشترك")
    sync_sub = sync.add_subparsers(
        metavar="ACTION", required=True, parser_class=ArabicArgumentParser
    )
    enroll = sync_sub.add_parser(
        "enroll",
        help="تسجيل هذا الجهاز كاونتراً برمز التسجيل (يُقرأ من الطرفية أو الإدخال القياسي)",
    )
    enroll.add_argument(
        "--db",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="ملف قاعدة البيانات المحلية (SQLite)؛ يُنشأ إن لم يكن موجوداً",
    )
    enroll.set_defaults(handler=cmd_sync_enroll)
    run_sync = sync_sub.add_parser("run", help="المزامنة في الخلفية حتى الإيقاف (Ctrl+C)")
    run_sync.add_argument("--once", action="store_true", help="مزامنة واحدة ثم الخروج")
    run_sync.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help=DB_HELP)
    run_sync.set_defaults(handler=cmd_sync_run)
    status = sync_sub.add_parser("status", help="حالة المزامنة")
    status.add_argument("--json", action="store_true", help="بصيغة JSON")
    status.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help=DB_HELP)
    status.set_defaults(handler=cmd_sync_status)


def build_parser() -> argparse.ArgumentParser:
    argparse._ = _arabic_gettext  # type: ignore[attr-defined]
    parser = ArabicArgumentParser(
        prog="basmat-desk",
        description="بسمات دسك: تطبيق الاستقبال لجمعية بسمات للعناية بالأسنان",
    )
    parser.add_argument("--db", metavar="PATH", help="ملف قاعدة البيانات المحلية (SQLite)")
    parser.add_argument(
        "--demo",
        action="store_true",
        help="افتح قاعدة بيانات تجريبية (جديدة، أو الملف المعطى بـ --db) بحساب مشرف تجريبي",
    )
    parser.add_argument("--quit-after-show", action="store_true", help=argparse.SUPPRESS)
    parser.set_defaults(handler=cmd_run)
    sub = parser.add_subparsers(
        title="الأوامر", metavar="COMMAND", parser_class=ArabicArgumentParser
    )

    user = sub.add_parser("user", help="حسابات الموظفين")
    user_sub = user.add_subparsers(
        metavar="ACTION", required=True, parser_class=ArabicArgumentParser
    )
    add = user_sub.add_parser(
        "add",
        help="إضافة موظف",
        description=USER_ADD_DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add.add_argument("name", metavar="NAME", help="اسم المستخدم (حروف لاتينية صغيرة)")
    add.add_argument("--role", required=True, choices=[r.value for r in Role], help="الدور")
    add.add_argument("--full-name", help="الاسم الكامل بالعربية")
    add.add_argument(
        "--admin", metavar="NAME", help="اسم مستخدم المدير الذي يضيف الحساب (إن كان فيها موظفون)"
    )
    add.add_argument(
        "--password-stdin",
        action="store_true",
        help="اقرأ كلمات المرور من الإدخال القياسي: سطر للمستخدم الجديد، ثم سطر للمدير",
    )
    add.add_argument(
        "--db",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="ملف قاعدة البيانات المحلية (SQLite)؛ لا يُنشأ ملف جديد إلا لأول مدير",
    )
    add.set_defaults(handler=cmd_user_add)

    demo = sub.add_parser("demo", help="إنشاء قاعدة بيانات تجريبية ببيانات مصطنعة")
    demo.add_argument(
        "--db", metavar="PATH", required=True, help="ملف القاعدة التجريبية (جديد أو فارغ)"
    )
    demo.add_argument(
        "--beneficiaries", type=_positive, default=2000, metavar="N", help="عدد المستفيدين (2000)"
    )
    demo.add_argument(
        "--days", type=_positive, default=60, metavar="D", help="أيام التواصلات حتى اليوم (60)"
    )
    demo.add_argument("--seed", type=int, default=1447, help=argparse.SUPPRESS)
    demo.set_defaults(handler=cmd_demo)

    search = sub.add_parser(
        "search",
        help="البحث عن مستفيد بجزء من اسمه أو برقم هويته أو جواله",
        description=(
            "البحث عن مستفيد بجزء من اسمه أو برقم هويته أو جواله، بالبحث نفسه الذي في شاشة "
            "الاستقبال. يلزم تسجيل الدخول بحساب موظف (في قاعدة بيانات تجريبية يُستعمل حساب "
            "المشرف التجريبي إن لم يُعط --user)."
        ),
    )
    search.add_argument("query", nargs="+", metavar="QUERY", help="ما يُبحث عنه")
    search.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help=DB_HELP)
    search.add_argument(
        "--limit", type=_search_limit, default=50, metavar="N", help="أكثر عدد من النتائج (50)"
    )
    search.add_argument("--json", action="store_true", help="النتائج بصيغة JSON")
    search.add_argument("--user", metavar="NAME", help="اسم المستخدم الذي يبحث")
    search.add_argument("--password-stdin", action="store_true", help="اقرأ كلمة المرور من الإدخال")
    search.set_defaults(handler=cmd_search)

    _add_sync_commands(sub)

    shots = sub.add_parser(
        "shots",
        help="صورة PNG لكل شاشة على بيانات تجريبية",
        description=(
            "صورة PNG لكل شاشة ونافذة على بيانات تجريبية، بحجم شاشة الكاونتر: افتراضياً "
            "1366x768 و1024x768، في مجلد لكل حجم."
        ),
    )
    shots.add_argument("--out", required=True, metavar="DIR")
    shots.add_argument(
        "--size",
        action="append",
        type=_screen_size,
        metavar="WxH",
        help="حجم الشاشة، مثل 1024x768 (يتكرر لأكثر من حجم)",
    )
    shots.set_defaults(handler=cmd_shots)
    return parser


def _silence_stdout() -> None:
    """After a reader closed our standard output: send what is left nowhere, so that Python's
    own flush at exit does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def _unexpected(error: Exception) -> int:
    """A fault of the program: the details go to the log file, the user gets a message."""
    import traceback
    from datetime import datetime

    from basmat_desk.paths import log_file, open_private

    where = ""
    try:
        log_path = log_file()
        with open_private(log_path) as log_stream:
            log_stream.write(
                f"{datetime.now().isoformat(sep=' ', timespec='seconds')} ERROR basmat.cli: "
                f"unexpected error in {sys.argv[1:]!r}\n{traceback.format_exc()}"
            )
        where = f"\nسُجّلت التفاصيل في ملف السجل: «{_ltr(log_path)}»"
    except OSError:
        pass
    text = str(error).strip()
    first = text.splitlines()[0] if text else ""
    print(
        f"خطأ غير متوقع ({type(error).__name__}): {first}{where}\nإن تكرر فأبلغ الدعم الفني.",
        file=sys.stderr,
    )
    return 1


def main(argv: Sequence[str] | None = None) -> int:
    try:
        parser = build_parser()
        try:
            args = parser.parse_args(argv)
        except SystemExit:
            sys.stdout.flush()  # --help into a closed pipe
            raise
        handler: Callable[[argparse.Namespace], int] = args.handler
        code = handler(args)
        sys.stdout.flush()  # a closed pipe shows here, not in Python's flush at exit
        return code
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_BROKEN_PIPE
    except ValidationError as error:
        print(f"خطأ: {error.message}", file=sys.stderr)
        return EXIT_USAGE
    except BasmatError as error:
        print(f"خطأ: {error.message}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("أُلغي.", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as error:
        return _unexpected(error)
