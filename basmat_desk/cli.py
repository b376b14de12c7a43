"""The command line: `basmat-desk` starts the application; sub-commands do the rest.

Messages to the user are Arabic; a bad argument or bad input ends with a clear message and exit
status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from basmat_desk.domain.enums import Role
from basmat_desk.domain.errors import AuthenticationError, BasmatError, ValidationError

if TYPE_CHECKING:
    from basmat_desk.services.context import Actor, ServiceContext
    from basmat_desk.services.search import SearchHit

EXIT_USAGE = 2

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


def _read_password(args: argparse.Namespace) -> str:
    if args.password_stdin or not sys.stdin.isatty():
        line = sys.stdin.readline()
        return line.rstrip("\r\n")
    first = getpass.getpass("كلمة المرور: ")
    second = getpass.getpass("أعد كتابة كلمة المرور: ")
    if first != second:
        raise ValidationError("password", "كلمة المرور: التأكيد لا يطابق")
    return first


def cmd_run(args: argparse.Namespace) -> int:
    from basmat_desk.gui.app import run

    return run(
        db_path=Path(args.db).expanduser() if args.db else None,
        demo=args.demo,
        quit_after_show=args.quit_after_show,
    )


def cmd_user_add(args: argparse.Namespace) -> int:
    from basmat_desk.services.bootstrap import open_local
    from basmat_desk.services.staff import create_first_admin, create_staff, has_any_staff
    from basmat_desk.services.staff import parse_role as to_role

    ctx = open_local(_db_path(args.db))
    role = to_role(args.role)
    password = _read_password(args)
    full_name = args.full_name or args.name
    if not has_any_staff(ctx):
        if role is not Role.ADMIN:
            raise ValidationError(
                "role", "الدور: أول مستخدم في قاعدة بيانات جديدة يكون مديراً (admin)"
            )
        actor = create_first_admin(ctx, args.name, full_name, password)
        print(f"أُنشئ المستخدم {actor.username} ({actor.role.label})")
        return 0
    # Adding a user to an installation that has staff needs an administrator's own password.
    from basmat_desk.services.staff import login

    admin_name = args.admin or input("اسم مستخدم المدير: ")
    admin_password = getpass.getpass("كلمة مرور المدير: ")
    admin = login(ctx, admin_name, admin_password)
    row = create_staff(
        ctx.acting_as(admin), username=args.name, full_name=full_name, role=role, password=password
    )
    print(f"أُنشئ المستخدم {row.username} ({row.role.label})")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from basmat_desk.services.demo import generate_demo

    path = Path(args.db).expanduser()
    summary = generate_demo(path, beneficiaries=args.beneficiaries, days=args.days, seed=args.seed)
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
    username = args.user or input("اسم المستخدم: ")
    if args.password_stdin or not sys.stdin.isatty():
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = getpass.getpass("كلمة المرور: ")
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
    actor = _sign_in(ctx, args)
    hits = search_beneficiaries(ctx.acting_as(actor), " ".join(args.query), limit=args.limit)
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


def cmd_shots(args: argparse.Namespace) -> int:
    from basmat_desk.gui.shots import render_all

    written = render_all(Path(args.out))
    for path in written:
        print(path)
    return 0


def _server_url(args: argparse.Namespace) -> str:
    import os

    url = args.url or os.environ.get("BASMAT_SERVER_URL")
    if not url:
        raise ValidationError("url", "عنوان الخادم: مطلوب (--url أو المتغير BASMAT_SERVER_URL)")
    return str(url)


def _server_call(fn: Callable[[], object]) -> object:
    """Run an administrator's command on the server; a connection failure is a message."""
    import psycopg
    import sqlalchemy.exc

    try:
        return fn()
    except (psycopg.OperationalError, sqlalchemy.exc.OperationalError) as error:
        first = str(error).strip().splitlines()[0] if str(error).strip() else ""
        raise BasmatError(f"تعذّر الاتصال بالخادم: {first}") from error
    except psycopg.errors.InsufficientPrivilege as error:
        raise BasmatError(
            "لا يملك حساب الخادم المعطى صلاحية كافية؛ استعمل حساب مالك قاعدة البيانات"
        ) from error


def cmd_server_init(args: argparse.Namespace) -> int:
    from basmat_desk.sync.server import init_server

    revision = _server_call(lambda: init_server(args.url))
    print(f"الخادم جاهز (إصدار المخطط {revision})")
    return 0


def cmd_server_add_counter(args: argparse.Namespace) -> int:
    from basmat_desk.sync.server import EnrolmentCode, add_counter

    url = _server_url(args)
    code = _server_call(lambda: add_counter(url, args.name, args.prefix))
    assert isinstance(code, EnrolmentCode)
    print(f"أُضيف الكاونتر «{code.name}» برمز {code.prefix}.")
    print("رمز التسجيل (يُستعمل مرة واحدة، على جهاز الكاونتر: basmat-desk sync enroll الرمز):")
    print(code.encode())
    return 0


def _existing_db(args: argparse.Namespace) -> Path:
    path = _db_path(args.db)
    if not path.is_file():
        raise ValidationError("db", f"ملف قاعدة البيانات: «{path}» غير موجود")
    return path


def cmd_sync_enroll(args: argparse.Namespace) -> int:
    from basmat_desk.services.bootstrap import open_local
    from basmat_desk.sync.client import SyncClient

    path = _db_path(args.db)
    open_local(path)  # create or migrate it, and give it a device id
    with SyncClient(path) as client:
        report = client.enroll(args.code)
        status = client.status()
    print(f"سُجّل هذا الجهاز كاونتراً «{status.counter_name}» برمز {status.prefix}.")
    print(f"أُرسل {report.push.pushed} تغييراً، واستُلم {report.pull.rows} سجلاً من الخادم.")
    return 0


def _status_lines(status: object) -> list[str]:
    from basmat_desk.sync.client import SyncStatus

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

    def show(status: object, activity: str) -> None:
        from basmat_desk.sync.client import SyncStatus

        assert isinstance(status, SyncStatus)
        if activity != "syncing":
            state = "متصل" if status.online else "غير متصل"
            print(
                f"{state}؛ بانتظار الإرسال: {status.pending}؛ المؤشر: {status.cursor}", flush=True
            )

    stop = threading.Event()
    try:
        SyncAgent(path, on_status=show).run(stop)
    except KeyboardInterrupt:
        stop.set()
    return 0


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"«{text}» ليس عدداً صحيحاً") from None
    if value < 0:
        raise argparse.ArgumentTypeError("يجب ألا يكون العدد سالباً")
    return value


def _at_least_one(text: str) -> int:
    value = _positive(text)
    if value < 1:
        raise argparse.ArgumentTypeError("يجب أن يكون العدد 1 أو أكثر")
    return value


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
    counter.set_defaults(handler=cmd_server_add_counter)

    sync = sub.add_parser("sync", help="المزامنة مع الخادم المشترك")
    sync_sub = sync.add_subparsers(
        metavar="ACTION", required=True, parser_class=ArabicArgumentParser
    )
    enroll = sync_sub.add_parser("enroll", help="تسجيل هذا الجهاز كاونتراً برمز التسجيل")
    enroll.add_argument("code", metavar="CODE", help="رمز التسجيل من server add-counter")
    enroll.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS)
    enroll.set_defaults(handler=cmd_sync_enroll)
    run_sync = sync_sub.add_parser("run", help="المزامنة في الخلفية حتى الإيقاف (Ctrl+C)")
    run_sync.add_argument("--once", action="store_true", help="مزامنة واحدة ثم الخروج")
    run_sync.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS)
    run_sync.set_defaults(handler=cmd_sync_run)
    status = sync_sub.add_parser("status", help="حالة المزامنة")
    status.add_argument("--json", action="store_true", help="بصيغة JSON")
    status.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS)
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
    add = user_sub.add_parser("add", help="إضافة موظف")
    add.add_argument("name", metavar="NAME", help="اسم المستخدم (حروف لاتينية صغيرة)")
    add.add_argument("--role", required=True, choices=[r.value for r in Role], help="الدور")
    add.add_argument("--full-name", help="الاسم الكامل بالعربية")
    add.add_argument("--admin", help="اسم مستخدم المدير الذي يضيف الحساب")
    add.add_argument("--password-stdin", action="store_true", help="اقرأ كلمة المرور من الإدخال")
    add.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS)
    add.set_defaults(handler=cmd_user_add)

    demo = sub.add_parser("demo", help="إنشاء قاعدة بيانات تجريبية ببيانات مصطنعة")
    demo.add_argument("--db", metavar="PATH", required=True)
    demo.add_argument("--beneficiaries", type=_positive, default=2000, metavar="N")
    demo.add_argument("--days", type=_positive, default=60, metavar="D")
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
    search.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS)
    search.add_argument(
        "--limit", type=_at_least_one, default=50, metavar="N", help="أكثر عدد من النتائج (50)"
    )
    search.add_argument("--json", action="store_true", help="النتائج بصيغة JSON")
    search.add_argument("--user", metavar="NAME", help="اسم المستخدم الذي يبحث")
    search.add_argument("--password-stdin", action="store_true", help="اقرأ كلمة المرور من الإدخال")
    search.set_defaults(handler=cmd_search)

    _add_sync_commands(sub)

    shots = sub.add_parser("shots", help="صورة PNG لكل شاشة على بيانات تجريبية")
    shots.add_argument("--out", required=True, metavar="DIR")
    shots.set_defaults(handler=cmd_shots)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Callable[[argparse.Namespace], int] = args.handler
    try:
        return handler(args)
    except ValidationError as error:
        print(f"خطأ: {error.message}", file=sys.stderr)
        return EXIT_USAGE
    except BasmatError as error:
        print(f"خطأ: {error.message}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("أُلغي.", file=sys.stderr)
        return 130
