"""The command line: Arabic messages, exit status 2 for bad input, never a traceback."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from basmat_desk.cli import EXIT_USAGE, main
from basmat_desk.domain.enums import Role
from basmat_desk.domain.numbering import LRI, PDI
from basmat_desk.services.bootstrap import open_local
from basmat_desk.services.context import ServiceContext
from basmat_desk.services.staff import has_any_staff, login
from basmat_desk.store.models import Beneficiary
from tests.conftest import MakeActor, dispose

pytestmark = pytest.mark.usefixtures("fast_password_hashing")

ARABIC = re.compile(r"[\u0600-\u06FF]")
#: argparse's own English words, which must not reach an Arabic-speaking user.
ARGPARSE_ENGLISH = ("usage:", "error:", "invalid", "argument", "required", "options")


def assert_no_argparse_english(text: str) -> None:
    found = [word for word in ARGPARSE_ENGLISH if word in text]
    assert not found, text


@pytest.fixture
def stdin(monkeypatch: pytest.MonkeyPatch) -> io.StringIO:
    """What the command reads from its standard input (a pipe, not a terminal)."""
    given = io.StringIO()
    monkeypatch.setattr("sys.stdin", given)
    return given


def feed(stdin: io.StringIO, text: str) -> None:
    stdin.write(text)
    stdin.seek(0)


@pytest.fixture
def opened(db_path: Path) -> Iterator[list[ServiceContext]]:
    """Contexts the test opens on the database file; closed at the end."""
    contexts: list[ServiceContext] = []
    yield contexts
    for ctx in contexts:
        dispose(ctx)


def open_db(opened: list[ServiceContext], path: Path) -> ServiceContext:
    ctx = open_local(path)
    opened.append(ctx)
    return ctx


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run the command line; argparse's own exits count as a return code."""
    try:
        code = main(list(argv))
    except SystemExit as leaving:
        code = leaving.code if isinstance(leaving.code, int) else 1
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def test_help_is_arabic(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--help")
    assert code == 0
    assert "بسمات دسك" in out
    assert "تطبيق الاستقبال لجمعية بسمات للعناية بالأسنان" in out
    assert out.startswith("الاستخدام: basmat-desk")
    assert_no_argparse_english(out)
    assert err == ""


def test_user_add_creates_the_first_admin(
    capsys: pytest.CaptureFixture[str],
    stdin: io.StringIO,
    db_path: Path,
    opened: list[ServiceContext],
) -> None:
    feed(stdin, "basmat-2026\n")
    code, out, err = run(
        capsys,
        "user",
        "add",
        "manager",
        "--role",
        "admin",
        "--full-name",
        "سارة العتيبي",
        "--db",
        str(db_path),
    )

    assert (code, err) == (0, "")
    assert "أُنشئ المستخدم manager" in out
    assert Role.ADMIN.label in out
    actor = login(open_db(opened, db_path), "manager", "basmat-2026")
    assert (actor.role, actor.full_name) == (Role.ADMIN, "سارة العتيبي")


def test_password_keeps_inner_spaces_but_not_the_newline(
    capsys: pytest.CaptureFixture[str],
    stdin: io.StringIO,
    db_path: Path,
    opened: list[ServiceContext],
) -> None:
    feed(stdin, "correct horse battery\r\n")
    code, _, _ = run(capsys, "user", "add", "manager", "--role", "admin", "--db", str(db_path))
    assert code == 0
    assert login(open_db(opened, db_path), "manager", "correct horse battery").username == "manager"


def test_first_user_must_be_an_admin(
    capsys: pytest.CaptureFixture[str],
    stdin: io.StringIO,
    db_path: Path,
    opened: list[ServiceContext],
) -> None:
    open_db(opened, db_path)  # an empty database (a missing file is refused before this rule)
    feed(stdin, "basmat-2026\n")
    code, out, err = run(
        capsys, "user", "add", "huda", "--role", "receptionist", "--db", str(db_path)
    )

    assert code == EXIT_USAGE
    assert out == ""
    assert err.startswith("خطأ: الدور:")
    assert "admin" in err
    assert not has_any_staff(open_db(opened, db_path))


def test_unknown_role_is_refused_in_arabic(
    capsys: pytest.CaptureFixture[str], stdin: io.StringIO, db_path: Path
) -> None:
    feed(stdin, "basmat-2026\n")
    code, out, err = run(capsys, "user", "add", "huda", "--role", "manager", "--db", str(db_path))

    assert code == EXIT_USAGE
    assert out == ""
    assert "خطأ في الأوامر" in err
    assert "--role" in err
    assert_no_argparse_english(err)
    assert not db_path.exists(), "nothing is created for a command that was refused"


def test_short_password_creates_nobody(
    capsys: pytest.CaptureFixture[str],
    stdin: io.StringIO,
    db_path: Path,
    opened: list[ServiceContext],
) -> None:
    feed(stdin, "1234\n")
    code, out, err = run(capsys, "user", "add", "manager", "--role", "admin", "--db", str(db_path))

    assert code == EXIT_USAGE
    assert out == ""
    assert "كلمة المرور" in err
    assert ARABIC.search(err)
    assert not db_path.exists(), "the database made for the refused account is removed"


def test_invalid_username_creates_nobody(
    capsys: pytest.CaptureFixture[str],
    stdin: io.StringIO,
    db_path: Path,
    opened: list[ServiceContext],
) -> None:
    feed(stdin, "basmat-2026\n")
    code, _, err = run(capsys, "user", "add", "سارة", "--role", "admin", "--db", str(db_path))

    assert code == EXIT_USAGE
    assert "اسم المستخدم" in err
    assert not has_any_staff(open_db(opened, db_path))


def test_demo_creates_a_database_and_summarises_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, opened: list[ServiceContext]
) -> None:
    path = tmp_path / "demo.sqlite"
    code, out, err = run(capsys, "demo", "--db", str(path), "--beneficiaries", "30", "--days", "3")

    assert (code, err) == (0, "")
    assert path.is_file()
    assert "أُنشئت قاعدة بيانات تجريبية" in out
    assert "عدد المستفيدين: 30" in out
    assert str(path) in out
    ctx = open_db(opened, path)
    with ctx.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Beneficiary)) == 30
    assert login(ctx, "supervisor", "basmat-demo-2026").role is Role.SUPERVISOR


def test_demo_refuses_a_database_with_data(
    capsys: pytest.CaptureFixture[str],
    make_actor: MakeActor,
    ctx: ServiceContext,
    db_path: Path,
) -> None:
    make_actor(Role.ADMIN)  # a real installation with its administrator

    code, out, err = run(capsys, "demo", "--db", str(db_path), "--beneficiaries", "30")

    assert code == EXIT_USAGE
    assert out == ""
    assert err.startswith("خطأ: ")
    assert str(db_path) in err, "the message names the refused file"
    assert ARABIC.search(err)
    assert has_any_staff(ctx)
    with ctx.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Beneficiary)) == 0


def test_demo_refuses_to_run_twice_on_the_same_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "demo.sqlite"
    assert run(capsys, "demo", "--db", str(path), "--beneficiaries", "5", "--days", "1")[0] == 0

    code, _, err = run(capsys, "demo", "--db", str(path), "--beneficiaries", "5", "--days", "1")

    assert code == EXIT_USAGE
    assert str(path) in err
    assert ARABIC.search(err)


@pytest.mark.parametrize(
    ("option", "value"), [("--beneficiaries", "-5"), ("--days", "-1"), ("--beneficiaries", "كثير")]
)
def test_demo_refuses_bad_numbers(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, option: str, value: str
) -> None:
    path = tmp_path / "demo.sqlite"
    code, out, err = run(capsys, "demo", "--db", str(path), option, value)

    assert code == EXIT_USAGE
    assert out == ""
    assert "خطأ في الأوامر" in err
    assert option in err
    assert_no_argparse_english(err)
    assert not path.exists()


def test_missing_subcommand_argument_is_refused_in_arabic(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _, err = run(capsys, "demo")
    assert code == EXIT_USAGE
    assert "خطأ في الأوامر" in err
    assert "--db" in err
    assert_no_argparse_english(err)


@pytest.mark.parametrize(
    ("make_path", "reason"),
    [
        (lambda tmp: tmp, "مجلد وليس ملفاً"),
        (lambda tmp: (tmp / "notes.sqlite", (tmp / "notes.sqlite").write_text("x"))[0], "تالف"),
        (lambda tmp: tmp / "missing" / "deeper" / "x.sqlite", None),
    ],
    ids=["a-folder", "not-a-database", "a-new-folder"],
)
def test_an_unusable_database_file_is_named_in_arabic(
    capsys: pytest.CaptureFixture[str],
    stdin: io.StringIO,
    tmp_path: Path,
    make_path: object,
    reason: str | None,
) -> None:
    path = make_path(tmp_path)  # type: ignore[operator]
    feed(stdin, "long enough 1\n")
    code, _out, err = run(capsys, "user", "add", "bob", "--role", "admin", "--db", str(path))
    if reason is None:
        # Missing parent folders are created: the first start on a new PC just works.
        assert code == 0, err
        assert path.is_file()
        return
    assert code == 1
    assert "Traceback" not in err
    assert f"«{LRI}{path}{PDI}»" in err, "the path is one left-to-right run in the sentence"
    assert reason in err
