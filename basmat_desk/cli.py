"""The command line: `basmat-desk` starts the application; sub-commands do the rest.

Messages to the user are Arabic; a bad argument or bad input ends with a clear message and exit
status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from basmat_desk.domain.enums import Role
from basmat_desk.domain.errors import BasmatError, ValidationError

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


def cmd_shots(args: argparse.Namespace) -> int:
    from basmat_desk.gui.shots import render_all

    written = render_all(Path(args.out))
    for path in written:
        print(path)
    return 0


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"«{text}» ليس عدداً صحيحاً") from None
    if value < 0:
        raise argparse.ArgumentTypeError("يجب ألا يكون العدد سالباً")
    return value


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
