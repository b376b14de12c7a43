"""`basmat-desk search`: the intake screen's search from the command line, as a table or JSON,
for a signed-in staff member."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from basmat_desk.cli import EXIT_USAGE, main
from basmat_desk.demo import generate_demo
from basmat_desk.domain.enums import Role
from basmat_desk.services.context import ServiceContext
from basmat_desk.store.models import AuditEntry, Beneficiary
from tests.conftest import PASSWORD, MakeActor
from tests.unit.services.test_search import AHMAD_ID, AHMAD_MOBILE, add_person

pytestmark = pytest.mark.usefixtures("fast_password_hashing")

AHMAD = "أحمد عبد الله مصطفى القحطاني"


@pytest.fixture
def stdin(monkeypatch: pytest.MonkeyPatch) -> io.StringIO:
    given = io.StringIO()
    monkeypatch.setattr("sys.stdin", given)
    return given


@pytest.fixture
def desk(make_actor: MakeActor) -> ServiceContext:
    """A receptionist (username receptionist1) and two people on file."""
    receptionist = make_actor(Role.RECEPTIONIST)
    add_person(
        receptionist,
        "أحمد",
        "القحطاني",
        father="عبد الله",
        grandfather="مصطفى",
        id_number=AHMAD_ID,
        mobile=AHMAD_MOBILE,
        birth_date=date(1985, 3, 14),
    )
    add_person(receptionist, "فاطمة", "الشهري", father="محمد")
    return receptionist


Search = Callable[..., tuple[int, str, str]]


@pytest.fixture
def search(capsys: pytest.CaptureFixture[str], stdin: io.StringIO, db_path: Path) -> Search:
    """`search(*args, password=…, db=…)` runs `basmat-desk search … --db DB` with the password
    on standard input (a pipe) and returns (exit status, stdout, stderr)."""

    def run(
        *args: str, password: str | None = PASSWORD, db: Path = db_path
    ) -> tuple[int, str, str]:
        if password is not None:
            stdin.write(password + "\n")
            stdin.seek(0)
        try:
            code = main(["search", *args, "--db", str(db)])
        except SystemExit as leaving:
            code = leaving.code if isinstance(leaving.code, int) else 1
        out, err = capsys.readouterr()
        assert "Traceback" not in out + err
        return code, out, err

    return run


SIGNED_IN = ("--user", "receptionist1", "--password-stdin")


def test_a_table_with_one_line_per_person(desk: ServiceContext, search: Search) -> None:
    code, out, err = search("احمد", *SIGNED_IN)
    assert (code, err) == (0, "")
    header, line, total = out.splitlines()
    assert [cell.strip() for cell in header.split(" | ")] == [
        "الاسم",
        "رقم الهوية",
        "الجوال",
        "التطابق",
    ]
    assert [len(cell) for cell in header.split(" | ")[:3]] == [
        len(cell) for cell in line.split(" | ")[:3]
    ]  # columns line up
    assert [cell.strip() for cell in line.split(" | ")] == [
        AHMAD,
        AHMAD_ID,
        "0551234567",  # the local form people dial
        "الاسم",
    ]
    assert total == "عدد النتائج: 1"


@pytest.mark.parametrize(
    ("query", "label"),
    [(["0551"], "الجوال"), ([AHMAD_ID], "رقم الهوية"), (["احمد", "القح"], "الاسم")],
)
def test_the_table_says_what_matched(
    desk: ServiceContext, search: Search, query: list[str], label: str
) -> None:
    code, out, _err = search(*query, *SIGNED_IN)
    assert code == 0
    assert out.splitlines()[1].split(" | ")[-1].strip() == label


def test_json_for_scripts(desk: ServiceContext, search: Search) -> None:
    code, out, err = search("٠٥٥١٢٣", "--json", *SIGNED_IN)
    assert (code, err) == (0, "")
    with desk.sessions() as session:
        person_id = session.scalar(select(Beneficiary.id).where(Beneficiary.id_number == AHMAD_ID))
    assert json.loads(out) == [
        {
            "id": person_id,
            "full_name": AHMAD,
            "national_id": AHMAD_ID,
            "id_type": "national_id",
            "mobile": AHMAD_MOBILE,
            "birth_date": "1985-03-14",
            "file_number": None,
            "status": "applicant",
            "match": "mobile",
        }
    ]


def test_nothing_found_says_so_and_succeeds(desk: ServiceContext, search: Search) -> None:
    assert search("مشاعل", *SIGNED_IN) == (0, "لا نتائج\n", "")
    code, out, err = search("مشاعل", "--json", *SIGNED_IN)
    assert (code, json.loads(out), err) == (0, [], "لا نتائج\n")


def test_the_limit_and_a_note_that_there_may_be_more(desk: ServiceContext, search: Search) -> None:
    code, out, _err = search("ا", "--limit", "1", *SIGNED_IN)
    assert code == 0
    assert len(out.splitlines()) == 3
    assert out.splitlines()[-1] == "عدد النتائج: 1 (أول 1؛ زِد --limit لعرض المزيد)"


@pytest.mark.parametrize("limit", ["0", "-3", "many"])
def test_a_bad_limit_is_refused_in_arabic(search: Search, limit: str) -> None:
    code, _out, err = search("احمد", "--limit", limit, password=None)
    assert code == EXIT_USAGE
    assert "خطأ" in err
    assert "usage" not in err
    assert "error" not in err


def test_a_wrong_password_shows_nothing_and_is_audited(
    desk: ServiceContext, search: Search
) -> None:
    code, out, err = search("احمد", *SIGNED_IN, password="wrong one")
    assert code == 1
    assert out == ""
    assert err.startswith("خطأ: ")
    with desk.sessions() as session:
        actions = session.scalars(select(AuditEntry.action)).all()
    assert "auth.login_failed" in actions


def test_a_successful_sign_in_is_audited_but_the_search_is_not(
    desk: ServiceContext, search: Search
) -> None:
    with desk.sessions() as session:
        before = len(session.scalars(select(AuditEntry.id)).all())
    assert search("احمد", *SIGNED_IN)[0] == 0
    with desk.sessions() as session:
        new = session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()[before:]
    assert new == ["auth.login"]


def test_a_missing_database_is_not_created(tmp_path: Path, search: Search) -> None:
    missing = tmp_path / "nowhere.sqlite"
    code, _out, err = search("احمد", *SIGNED_IN, db=missing)
    assert code == EXIT_USAGE
    assert str(missing) in err
    assert "غير موجود" in err
    assert not missing.exists()


def test_a_query_is_required(search: Search) -> None:
    code, _out, err = search(password=None)
    assert code == EXIT_USAGE
    assert "QUERY" in err
    assert "required" not in err


def test_a_demo_database_signs_in_as_the_demo_supervisor(tmp_path: Path, search: Search) -> None:
    demo = tmp_path / "demo.sqlite"
    generate_demo(demo, beneficiaries=30, days=0)
    code, out, _err = search("9665", "--json", "--limit", "30", password=None, db=demo)
    assert code == 0
    assert len(json.loads(out)) == 30
