"""The command line on bad or missing input: an Arabic message naming what is wrong, a non-zero
exit, never a traceback or a hang, and nothing written (no new file, no partial file, the
database unchanged)."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from basmat_desk.cli import EXIT_BROKEN_PIPE, EXIT_USAGE
from basmat_desk.demo import MAX_BENEFICIARIES, MAX_DAYS, generate_demo
from basmat_desk.demo import generator as demo_service
from basmat_desk.domain.enums import Role
from basmat_desk.domain.errors import ValidationError
from basmat_desk.domain.numbering import LRI, PDI
from basmat_desk.services.context import ServiceContext
from basmat_desk.services.staff import login
from basmat_desk.store.models import AuditEntry, Staff
from tests.conftest import PASSWORD, MakeActor
from tests.pg import free_port
from tests.unit.test_cli import ARABIC, assert_no_argparse_english, feed, run

pytestmark = pytest.mark.usefixtures("fast_password_hashing")

ROOT = Path(__file__).resolve().parents[2]


def isolated(text: object) -> str:
    """How a path or URL appears in a message: one left-to-right run (LRI … PDI)."""
    return f"«{LRI}{text}{PDI}»"


@pytest.fixture
def stdin(monkeypatch: pytest.MonkeyPatch) -> io.StringIO:
    """Standard input that is a pipe (not a terminal), empty unless fed."""
    given = io.StringIO()
    monkeypatch.setattr("sys.stdin", given)
    return given


@pytest.fixture
def staffed(make_actor: MakeActor) -> ServiceContext:
    """A real (not demo) database with its administrator `admin` and a receptionist."""
    make_actor(Role.RECEPTIONIST)
    return make_actor(Role.ADMIN)


def snapshot(ctx: ServiceContext) -> tuple[list[str], int]:
    """The staff accounts and the number of audit entries: what a refused command must leave."""
    with ctx.sessions() as session:
        names = sorted(session.scalars(select(Staff.username)))
        audited = session.scalar(select(func.count()).select_from(AuditEntry)) or 0
    return names, audited


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# --- 1. search on a real database without --user, no terminal --------------------------------


def test_search_without_user_and_without_terminal_asks_for_user(
    capsys: pytest.CaptureFixture[str], stdin: io.StringIO, staffed: ServiceContext, db_path: Path
) -> None:
    before = snapshot(staffed)
    code, out, err = run(capsys, "search", "احمد", "--db", str(db_path))

    assert code == EXIT_USAGE
    assert out == ""
    assert err.startswith("خطأ: اسم المستخدم: مطلوب (--user NAME)")
    assert snapshot(staffed) == before, "no sign-in was attempted"


def test_search_with_user_but_no_password_line_says_so(
    capsys: pytest.CaptureFixture[str], stdin: io.StringIO, staffed: ServiceContext, db_path: Path
) -> None:
    before = snapshot(staffed)
    code, _out, err = run(
        capsys, "search", "احمد", "--db", str(db_path), "--user", "admin", "--password-stdin"
    )
    assert code == EXIT_USAGE
    assert "كلمة المرور: لم تُعطَ" in err
    assert snapshot(staffed) == before


# --- 2. user add on a database with staff, without --admin, no terminal ----------------------


def test_user_add_without_admin_and_without_terminal_names_the_option(
    capsys: pytest.CaptureFixture[str], stdin: io.StringIO, staffed: ServiceContext, db_path: Path
) -> None:
    feed(stdin, "new password 1\n")
    before = snapshot(staffed)
    code, out, err = run(
        capsys, "user", "add", "huda", "--role", "receptionist", "--db", str(db_path)
    )

    assert code == EXIT_USAGE
    assert out == ""
    assert err.startswith("خطأ: اسم مستخدم المدير: مطلوب (--admin NAME)")
    assert snapshot(staffed) == before
    assert stdin.read() == "new password 1\n", "nothing was read before the refusal"


# --- 3. user add --password-stdin: line 1 the new password, line 2 the admin's -----------------


def test_user_add_with_only_one_line_says_the_admin_password_is_missing(
    capsys: pytest.CaptureFixture[str], stdin: io.StringIO, staffed: ServiceContext, db_path: Path
) -> None:
    feed(stdin, "new password 1\n")
    before = snapshot(staffed)
    code, out, err = run(
        capsys,
        "user",
        "add",
        "huda",
        "--role",
        "receptionist",
        "--admin",
        "admin",
        "--password-stdin",
        "--db",
        str(db_path),
    )

    assert code == EXIT_USAGE
    assert out == ""
    assert err.startswith("خطأ: كلمة مرور المدير: لم تُعطَ")
    assert "السطر الثاني" in err
    assert snapshot(staffed) == before, "no login attempt, no account"


def test_user_add_reads_the_new_password_then_the_admins(
    capsys: pytest.CaptureFixture[str], stdin: io.StringIO, staffed: ServiceContext, db_path: Path
) -> None:
    feed(stdin, f"new password 1\n{PASSWORD}\n")
    code, out, err = run(
        capsys,
        "user",
        "add",
        "huda",
        "--role",
        "receptionist",
        "--admin",
        "admin",
        "--password-stdin",
        "--db",
        str(db_path),
    )
    assert (code, err) == (0, "")
    assert "أُنشئ المستخدم huda" in out
    assert login(staffed, "huda", "new password 1").role is Role.RECEPTIONIST


def test_user_add_help_documents_the_two_lines(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run(capsys, "user", "add", "--help")
    assert code == 0
    assert "السطر الأول: كلمة مرور المستخدم الجديد" in out
    assert "السطر الثاني: كلمة مرور المدير" in out
    assert "--role admin" in out, "a new database file only for the first administrator"
    assert_no_argparse_english(out)


# --- 4. demo sizes out of range ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("option", "value", "limit"),
    [
        ("--days", "99999999", MAX_DAYS),
        ("--days", str(MAX_DAYS + 1), MAX_DAYS),
        ("--beneficiaries", "99999999999", MAX_BENEFICIARIES),
        ("--beneficiaries", str(MAX_BENEFICIARIES + 1), MAX_BENEFICIARIES),
    ],
)
def test_demo_refuses_sizes_above_the_limit_and_says_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, option: str, value: str, limit: int
) -> None:
    path = tmp_path / "demo.sqlite"
    code, out, err = run(capsys, "demo", "--db", str(path), option, value)

    assert code == EXIT_USAGE
    assert out == ""
    assert err.startswith(f"خطأ: {option}: ")
    assert f"يجب ألا يزيد على {limit}" in err
    assert files_in(tmp_path) == []


def test_the_demo_limits_themselves_are_accepted() -> None:
    # Checked without generating: the size check is the first thing generate_demo does.
    demo_service._check_size("days", "عدد الأيام", MAX_DAYS, MAX_DAYS)
    demo_service._check_size(
        "beneficiaries", "عدد المستفيدين", MAX_BENEFICIARIES, MAX_BENEFICIARIES
    )
    with pytest.raises(ValidationError, match="3650"):
        demo_service._check_size("days", "عدد الأيام", MAX_DAYS + 1, MAX_DAYS)


# --- 5. nothing half-written: a temporary file beside the target, renamed at the end ----------


@pytest.mark.parametrize(
    ("failure", "code"),
    [(KeyboardInterrupt, 130), (RuntimeError, 1), (OSError, 1)],
    ids=["ctrl-c", "error", "disk"],
)
def test_an_interrupted_demo_leaves_no_file(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    failure: type[BaseException],
    code: int,
) -> None:
    path = tmp_path / "new" / "deeper" / "demo.sqlite"
    seen: list[list[str]] = []
    real_rows = demo_service._Generator.beneficiary_rows

    def rows_then_fail(self: object, count: int, ids: list[str]):  # type: ignore[no-untyped-def]
        yield from real_rows(self, count // 2, ids)  # type: ignore[arg-type]
        seen.append(files_in(path.parent))
        raise failure("stop")

    monkeypatch.setattr(demo_service._Generator, "beneficiary_rows", rows_then_fail)
    got, out, err = run(capsys, "demo", "--db", str(path), "--beneficiaries", "40", "--days", "1")

    assert got == code
    assert out == ""
    assert "خطأ" in err or "أُلغي" in err
    (during,) = seen
    assert "demo.sqlite" not in during, "the target appears only when complete"
    assert any(name.startswith(".demo.sqlite.") for name in during), "written beside it"
    assert files_in(tmp_path) == [], "no partial file, and the folders made for it are gone"


def test_a_demo_over_an_empty_file_replaces_it_whole(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "demo.sqlite"
    path.touch()
    code, _out, err = run(capsys, "demo", "--db", str(path), "--beneficiaries", "5", "--days", "1")
    assert (code, err) == (0, "")
    assert files_in(tmp_path) == ["demo.sqlite"], "no temporary file left beside it"
    assert path.stat().st_size > 0


# --- 6. shots --out: an existing file, or a place that cannot be written ---------------------


def test_shots_refuses_an_existing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "notes.txt"
    target.write_text("keep me", encoding="utf-8")
    code, out, err = run(capsys, "shots", "--out", str(target))

    assert code == EXIT_USAGE
    assert out == ""
    assert err.startswith("خطأ: مجلد الصور (--out): ")
    assert isolated(target) in err
    assert "ملف وليس مجلداً" in err
    assert target.read_text(encoding="utf-8") == "keep me"
    assert files_in(tmp_path) == ["notes.txt"]


def test_shots_refuses_a_place_that_cannot_be_written(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    target = blocker / "shots" / "today"  # below a file: no folder can be made there
    code, out, err = run(capsys, "shots", "--out", str(target))

    assert code == EXIT_USAGE
    assert out == ""
    assert "تعذّرت الكتابة في" in err
    assert isolated(target) in err
    assert files_in(tmp_path) == ["a-file"]


@pytest.mark.parametrize("size", ["big", "1024", "1024x", "100x100", "1024x99999"])
def test_shots_refuses_a_screen_size_it_cannot_use(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, size: str
) -> None:
    code, out, err = run(capsys, "shots", "--out", str(tmp_path / "shots"), "--size", size)

    assert code == EXIT_USAGE
    assert out == ""
    assert "--size" in err
    assert ARABIC.search(err)
    assert files_in(tmp_path) == []


# --- 7. server URLs ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "hello",
        "http://example.com/basmat",
        "postgresql://owner@server",  # no database
        "mysql://owner@server/basmat",
    ],
)
def test_server_init_refuses_what_is_not_a_server_url(
    capsys: pytest.CaptureFixture[str], url: str
) -> None:
    code, out, err = run(capsys, "server", "init", url)

    assert code == EXIT_USAGE
    assert out == ""
    assert err.startswith("خطأ: عنوان الخادم: ")
    assert isolated(url) in err
    assert "postgresql://" in err, "the message shows the expected form"


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("postgresql://owner@server:99999/basmat", "المنفذ 99999"),
        ("postgresql://owner@server/basmat?colour=blue", f"الخيار {isolated('colour')}"),
    ],
)
def test_server_init_names_the_wrong_part_of_the_url(
    capsys: pytest.CaptureFixture[str], url: str, words: str
) -> None:
    code, _out, err = run(capsys, "server", "init", url)
    assert code == EXIT_USAGE
    assert words in err


def test_server_add_counter_checks_the_url_from_the_environment(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BASMAT_SERVER_URL", "hello")
    code, _out, err = run(capsys, "server", "add-counter", "الكاونتر 1", "--prefix", "A")
    assert code == EXIT_USAGE
    assert f"عنوان الخادم: {isolated('hello')}" in err


def test_an_unreachable_server_is_named_without_its_password(
    capsys: pytest.CaptureFixture[str],
) -> None:
    port = free_port()  # nothing listens there
    code, out, err = run(capsys, "server", "init", f"postgresql://owner:s3cret@127.0.0.1:{port}/b")

    assert code == 1
    assert out == ""
    assert err.startswith(f"خطأ: تعذّر الاتصال بالخادم {isolated(f'127.0.0.1:{port}/b')}: ")
    assert "الخادم لا يقبل الاتصال" in err
    assert "s3cret" not in err


# --- 8. a reader that closes the pipe early ----------------------------------------------------


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pipe") / "demo.sqlite"
    generate_demo(path, beneficiaries=60, days=1)
    return path


@pytest.mark.parametrize(
    ("argv", "codes"),
    [
        (["search", "9665", "--json", "--limit", "60"], {EXIT_BROKEN_PIPE}),
        (["search", "9665", "--limit", "60"], {EXIT_BROKEN_PIPE}),
        # argparse itself drops help that cannot be written, and ends as help does.
        (["--help"], {0, EXIT_BROKEN_PIPE}),
        (["user", "add", "--help"], {0, EXIT_BROKEN_PIPE}),
    ],
    ids=["search-json", "search-table", "help", "subcommand-help"],
)
def test_a_closed_pipe_ends_quietly(demo_file: Path, argv: list[str], codes: set[int]) -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before the first line is written
    try:
        result = subprocess.run(
            [sys.executable, "-m", "basmat_desk", *argv]
            + (["--db", str(demo_file)] if argv[0] == "search" else []),
            stdout=write_end,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            text=True,
            timeout=120,
            check=False,
            cwd=ROOT,
        )
    finally:
        os.close(write_end)
    assert result.returncode in codes, result.stderr
    assert result.stderr == "", "no traceback, no 'Exception ignored … BrokenPipeError'"


# --- 9. a mistyped --db creates nothing -------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ["search", "احمد"],
        ["sync", "status"],
        ["sync", "run", "--once"],
        ["user", "add", "huda", "--role", "receptionist"],
        [],  # the application itself, before any window
    ],
    ids=["search", "sync-status", "sync-run", "user-add-non-admin", "gui"],
)
def test_a_missing_database_is_named_and_not_created(
    capsys: pytest.CaptureFixture[str], stdin: io.StringIO, tmp_path: Path, argv: list[str]
) -> None:
    feed(stdin, "long enough 1\n")
    missing = tmp_path / "typo" / "basmat.sqlite"
    code, out, err = run(capsys, *argv, "--db", str(missing))

    assert code == EXIT_USAGE
    assert out == ""
    assert err.startswith(f"خطأ: ملف قاعدة البيانات: {isolated(missing)} غير موجود")
    assert files_in(tmp_path) == []


def test_a_folder_given_as_database_is_named(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _out, err = run(capsys, "search", "احمد", "--db", str(tmp_path))
    assert code == EXIT_USAGE
    assert f"ملف قاعدة البيانات: {isolated(tmp_path)} مجلد وليس ملفاً" in err


def test_the_gui_start_refuses_a_missing_database_before_qt(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from basmat_desk.gui import app

    def started(*_args: object) -> None:
        raise AssertionError("the application started on a missing database")

    monkeypatch.setattr(app, "setup_logging", started)  # the first thing run() does after
    missing = tmp_path / "typo.sqlite"
    with pytest.raises(ValidationError) as refused:
        app.run(db_path=missing)
    assert refused.value.field == "db"
    assert isolated(missing) in refused.value.message
    assert files_in(tmp_path) == []


def test_the_first_admin_may_create_a_new_database_but_a_failure_leaves_nothing(
    capsys: pytest.CaptureFixture[str], stdin: io.StringIO, tmp_path: Path
) -> None:
    path = tmp_path / "new" / "basmat.sqlite"
    feed(stdin, "short\n")  # too short: refused after the file was made
    code, _out, err = run(capsys, "user", "add", "manager", "--role", "admin", "--db", str(path))
    assert code == EXIT_USAGE
    assert "كلمة المرور" in err
    assert files_in(tmp_path) == [], "the new file and its folder are removed"

    stdin.seek(0)
    stdin.truncate()
    feed(stdin, "long enough 1\n")
    code, _out, err = run(capsys, "user", "add", "manager", "--role", "admin", "--db", str(path))
    assert (code, err) == (0, "")
    assert path.is_file()


def test_sync_enroll_with_a_bad_code_creates_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, stdin: io.StringIO
) -> None:
    path = tmp_path / "counter.sqlite"
    stdin.write("not-a-code\n")
    stdin.seek(0)
    code, _out, err = run(capsys, "sync", "enroll", "--db", str(path))
    assert code == EXIT_USAGE
    assert "رمز التسجيل" in err
    assert files_in(tmp_path) == []


def test_sync_enroll_without_a_code_says_where_it_goes(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, stdin: io.StringIO
) -> None:
    code, _out, err = run(capsys, "sync", "enroll", "--db", str(tmp_path / "counter.sqlite"))
    assert code == EXIT_USAGE
    assert "رمز التسجيل: لم يُعطَ" in err
    assert files_in(tmp_path) == []


# --- and a fault of the program itself ---------------------------------------------------------


def test_an_unexpected_error_is_a_message_not_a_traceback(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def broken(_path: Path) -> None:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr("basmat_desk.services.bootstrap.open_local", broken)
    path = tmp_path / "basmat.sqlite"
    path.touch()
    code, out, err = run(capsys, "search", "احمد", "--db", str(path))
    assert code == 1
    assert out == ""
    assert err.startswith("خطأ غير متوقع (ZeroDivisionError): division by zero")
    assert "basmat.log" in err
