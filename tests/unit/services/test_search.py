"""Search as you type: every spelling of a name, any form of the ID or mobile, ranked, never a
deleted person, always in step with the table, safe whatever is typed, from any thread."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime
from itertools import count
from typing import Any

import pytest
from sqlalchemy import select

from basmat_desk.domain.arabic import normalize
from basmat_desk.domain.beneficiary import full_name
from basmat_desk.domain.enums import BeneficiaryStatus, Gender, IdType, Role
from basmat_desk.domain.errors import PermissionDenied
from basmat_desk.domain.identity import make_national_id
from basmat_desk.services import search
from basmat_desk.services.context import ServiceContext, unit_of_work
from basmat_desk.services.search import SearchHit, SearchQuery, search_beneficiaries
from basmat_desk.store.models import Beneficiary
from tests.conftest import MakeActor

pytestmark = pytest.mark.usefixtures("fast_password_hashing")

_serials = count(1)


def add_person(
    ctx: ServiceContext,
    first: str,
    family: str,
    *,
    father: str | None = None,
    grandfather: str | None = None,
    id_type: IdType = IdType.NATIONAL_ID,
    id_number: str | None = None,
    mobile: str | None = None,
    mobile_alt: str | None = None,
    birth_date: date | None = None,
    file_number: str | None = None,
    status: BeneficiaryStatus = BeneficiaryStatus.APPLICANT,
) -> str:
    """A beneficiary as registration stores one (name_search is the name's search form)."""
    with unit_of_work(ctx, "test.add_person") as session:
        person = Beneficiary(
            first_name=first,
            father_name=father,
            grandfather_name=grandfather,
            family_name=family,
            name_search=normalize(full_name(first, father, grandfather, family)),
            id_type=id_type,
            id_number=id_number or make_national_id(f"1{next(_serials):08d}"),
            gender=Gender.MALE,
            mobile=mobile,
            mobile_alt=mobile_alt,
            birth_date=birth_date,
            file_number=file_number,
            status=status,
        )
        session.add(person)
        session.flush()
        return person.id


def change_person(ctx: ServiceContext, person_id: str, **values: Any) -> None:
    """Change a beneficiary as the editing form does (the search form follows the name)."""
    with unit_of_work(ctx, "test.change_person") as session:
        person = session.get(Beneficiary, person_id)
        assert person is not None
        for name, value in values.items():
            setattr(person, name, value)
        person.name_search = normalize(
            full_name(
                person.first_name, person.father_name, person.grandfather_name, person.family_name
            )
        )


AHMAD_ID = make_national_id("107246293")
AHMAD_MOBILE = "+966551234567"
FATIMA_ALT = "+966507654321"


@pytest.fixture
def desk(make_actor: MakeActor) -> ServiceContext:
    """A receptionist's context on a database with a few people."""
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
        file_number="F-A-000017",
        status=BeneficiaryStatus.REGISTERED,
    )
    add_person(
        receptionist,
        "فاطمة",
        "الشهري",
        father="محمد",
        mobile="+966561112222",
        mobile_alt=FATIMA_ALT,
    )
    add_person(receptionist, "نورة", "العتيبي", father="سعد", grandfather="علي")
    return receptionist


def names(hits: list[SearchHit]) -> list[str]:
    return [hit.full_name for hit in hits]


def found_one(ctx: ServiceContext, query: str) -> SearchHit:
    hits = search_beneficiaries(ctx, query)
    assert len(hits) == 1, (query, names(hits))
    return hits[0]


# --- spelling, digits and numbers ------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "family"),
    [
        ("أحمد", "القحطاني"),
        ("احمد", "القحطاني"),
        ("إحمد", "القحطاني"),
        ("آحمد", "القحطاني"),
        ("أَحْمَد", "القحطاني"),  # with tashkeel
        ("أحـــمد", "القحطاني"),  # with tatweel
        ("عبدالله", "القحطاني"),
        ("عبد الله", "القحطاني"),
        ("عَبْد الله", "القحطاني"),
        ("مصطفى", "القحطاني"),
        ("مصطفي", "القحطاني"),
        ("احمد عبد الله مصطفي القحطاني", "القحطاني"),
        ("فاطمة", "الشهري"),
        ("فاطمه", "الشهري"),
        ("فَاطِمَة", "الشهري"),
        ("نورة", "العتيبي"),
        ("نوره", "العتيبي"),
        ("نُورَة", "العتيبي"),
    ],
)
def test_every_spelling_finds_the_same_person(
    desk: ServiceContext, typed: str, family: str
) -> None:
    hit = found_one(desk, typed)
    assert hit.full_name.endswith(family)
    assert hit.match == "name"


@pytest.mark.parametrize(
    "typed",
    [
        "احمد القح",  # "محمد القح" finds "محمد عبدالله القحطاني": each word is a prefix
        "اح القح",
        "القحطاني احمد",  # in any order
        "عبدالل",
        "مصط",
    ],
)
def test_words_are_prefixes_and_all_must_match(desk: ServiceContext, typed: str) -> None:
    hits = search_beneficiaries(desk, typed)
    assert "أحمد عبد الله مصطفى القحطاني" in names(hits)
    assert search_beneficiaries(desk, typed + " الشهري") == []


def test_one_letter_is_a_prefix_too(desk: ServiceContext) -> None:
    assert len(search_beneficiaries(desk, "ا")) == 3  # احمد, الشهري, العتيبي
    assert names(search_beneficiaries(desk, "ف")) == ["فاطمة محمد الشهري"]


@pytest.mark.parametrize(
    "typed",
    [
        AHMAD_ID,
        AHMAD_ID.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")),  # Arabic-Indic
        AHMAD_ID.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")),  # Persian
        f" {AHMAD_ID[:4]} {AHMAD_ID[4:]} ",
        AHMAD_ID[:6],  # the start of an ID number
    ],
)
def test_the_id_number_in_any_digits(desk: ServiceContext, typed: str) -> None:
    hit = found_one(desk, typed)
    assert hit.id_number == AHMAD_ID
    assert hit.match == "id"


@pytest.mark.parametrize(
    "typed",
    [
        "0551234567",
        "551234567",
        "966551234567",
        "+966551234567",
        "00966551234567",
        "055 123 4567",
        "055-123-4567",
        "+966 55 123 4567",
        "٠٥٥١٢٣٤٥٦٧",
        "055123",  # partial, in each form
        "55123",
        "9665512",
        "+9665512",
        "٠٥٥١٢",
    ],
)
def test_the_mobile_in_any_form_whole_or_partial(desk: ServiceContext, typed: str) -> None:
    hit = found_one(desk, typed)
    assert hit.mobile == AHMAD_MOBILE
    assert hit.match == "mobile"


@pytest.mark.parametrize("typed", ["0507654321", "050765", "50765", "9665076"])
def test_the_alternate_mobile_too(desk: ServiceContext, typed: str) -> None:
    hit = found_one(desk, typed)
    assert hit.full_name == "فاطمة محمد الشهري"
    assert hit.match == "mobile"


def test_a_name_and_a_number_together_must_both_match(desk: ServiceContext) -> None:
    assert found_one(desk, "احمد 0551").id_number == AHMAD_ID
    assert found_one(desk, f"القحطاني {AHMAD_ID[:5]}").id_number == AHMAD_ID
    assert search_beneficiaries(desk, "فاطمه 0551") == []


def test_a_passport_number_is_found_by_its_start(desk: ServiceContext) -> None:
    add_person(desk, "جون", "سميث", id_type=IdType.PASSPORT, id_number="A1234567")
    for typed in ("A1234567", "a1234567", "a123"):
        hit = found_one(desk, typed)
        assert (hit.id_number, hit.id_type, hit.match) == ("A1234567", IdType.PASSPORT, "id")


def test_a_hit_carries_what_the_results_table_shows(desk: ServiceContext) -> None:
    hit = found_one(desk, "احمد")
    assert hit == SearchHit(
        id=hit.id,
        full_name="أحمد عبد الله مصطفى القحطاني",
        id_type=IdType.NATIONAL_ID,
        id_number=AHMAD_ID,
        mobile=AHMAD_MOBILE,
        birth_date=date(1985, 3, 14),
        file_number="F-A-000017",
        status=BeneficiaryStatus.REGISTERED,
        match="name",
    )
    with desk.sessions() as session:
        stored = session.scalars(select(Beneficiary).where(Beneficiary.id == hit.id)).one()
    assert stored.id_number == AHMAD_ID


# --- ranking ---------------------------------------------------------------------------------


def test_the_exact_id_number_comes_first(desk: ServiceContext) -> None:
    """A passport number that is also the start of a newer person's national ID."""
    add_person(desk, "خالد", "الحربي", id_type=IdType.PASSPORT, id_number="123456789")
    add_person(desk, "سلمان", "الحربي", id_number="1234567897")
    hits = search_beneficiaries(desk, "123456789")
    assert [hit.id_number for hit in hits] == ["123456789", "1234567897"]
    assert [hit.match for hit in hits] == ["id", "id"]


def test_the_exact_mobile_comes_first(desk: ServiceContext) -> None:
    """A mobile typed without its zero that is also the start of a newer passport number."""
    add_person(desk, "سعد", "الحربي", mobile="+966501234567")
    add_person(desk, "توماس", "مولر", id_type=IdType.PASSPORT, id_number="5012345678")
    hits = search_beneficiaries(desk, "501234567")
    assert [(hit.full_name, hit.match) for hit in hits] == [
        ("سعد الحربي", "mobile"),
        ("توماس مولر", "id"),
    ]


def test_numbers_that_match_alike_are_ordered_by_name(desk: ServiceContext) -> None:
    add_person(desk, "سعد", "الحربي", mobile="+966501234567", mobile_alt=AHMAD_MOBILE)
    add_person(desk, "سعد", "الحارثي", mobile="+966501234560")
    assert names(search_beneficiaries(desk, "سعد 050123456")) == ["سعد الحارثي", "سعد الحربي"]
    assert names(search_beneficiaries(desk, "سعد 0501234567")) == ["سعد الحربي"]
    assert names(search_beneficiaries(desk, "0551234567")) == [
        "أحمد عبد الله مصطفى القحطاني",
        "سعد الحربي",
    ]


def test_first_name_matches_come_before_later_parts_then_by_name(make_actor: MakeActor) -> None:
    desk = make_actor(Role.RECEPTIONIST)
    # Written in an order unlike the ranking, so that insertion order cannot pass the test.
    add_person(desk, "سعد", "الغامدي", father="محمد")
    add_person(desk, "محمود", "الزهراني", father="خالد")
    add_person(desk, "محمد", "الدوسري", father="علي")
    add_person(desk, "خالد", "القحطاني", father="سعد", grandfather="محمد")
    add_person(desk, "محمد", "البقمي", father="سعد")
    hits = search_beneficiaries(desk, "محم")
    assert names(hits) == [
        "محمد سعد البقمي",  # first name, then alphabetically
        "محمد علي الدوسري",
        "محمود خالد الزهراني",
        "سعد محمد الغامدي",  # father
        "خالد سعد محمد القحطاني",  # grandfather
    ]


def test_a_first_name_match_leads_even_when_the_other_words_come_later(
    make_actor: MakeActor,
) -> None:
    desk = make_actor(Role.RECEPTIONIST)
    add_person(desk, "سعد", "القحطاني", father="محمد")
    add_person(desk, "محمد", "القحطاني", father="سعد", grandfather="علي")
    assert names(search_beneficiaries(desk, "محمد القحطاني")) == [
        "محمد سعد علي القحطاني",
        "سعد محمد القحطاني",
    ]


def test_whole_words_come_before_longer_names_they_start(make_actor: MakeActor) -> None:
    desk = make_actor(Role.RECEPTIONIST)
    add_person(desk, "عليان", "الشمري")
    add_person(desk, "علي", "الشمري")
    add_person(desk, "علياء", "الحربي")
    assert names(search_beneficiaries(desk, "علي")) == [
        "علي الشمري",
        "علياء الحربي",
        "عليان الشمري",
    ]


def test_words_in_the_order_of_the_name_come_first(make_actor: MakeActor) -> None:
    desk = make_actor(Role.RECEPTIONIST)
    add_person(desk, "محمد", "العنزي", father="خالد", grandfather="عبدالله")
    add_person(desk, "محمد", "السبيعي", father="عبدالله", grandfather="خالد")
    assert names(search_beneficiaries(desk, "محمد عبدالله")) == [
        "محمد عبدالله خالد السبيعي",
        "محمد خالد عبدالله العنزي",
    ]


def test_with_more_matches_than_the_window_the_best_tiers_still_lead(
    make_actor: MakeActor, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Too many matches to rank them all: the newest ones are ranked, together with the
    newest of each better tier, so older first-name and exact-number matches still lead."""
    monkeypatch.setattr(search, "CANDIDATE_WINDOW", 3)
    desk = make_actor(Role.RECEPTIONIST)
    add_person(desk, "سارة", "الحربي", id_type=IdType.PASSPORT, id_number="55123")
    add_person(desk, "سارة", "المطيري")
    for n in range(6):
        add_person(desk, "هند", "العمري", father="سارة", mobile=f"+96655123456{n}")
    hits = search_beneficiaries(desk, "سار", limit=4)
    assert names(hits) == ["سارة الحربي", "سارة المطيري", "هند سارة العمري", "هند سارة العمري"]
    hits = search_beneficiaries(desk, "55123", limit=2)
    assert (hits[0].id_number, hits[0].match) == ("55123", "id")
    assert hits[1].match == "mobile"


def test_the_limit_is_kept(desk: ServiceContext) -> None:
    for n in range(12):
        add_person(desk, "ريم", f"الاسم{n}")
    assert len(search_beneficiaries(desk, "ريم")) == 12
    assert len(search_beneficiaries(desk, "ريم", limit=5)) == 5
    assert search_beneficiaries(desk, "ريم", limit=0) == []


# --- in step with the table -----------------------------------------------------------------


def test_a_soft_deleted_person_is_never_found(desk: ServiceContext) -> None:
    person = found_one(desk, "نوره")
    change_person(desk, person.id, deleted_at=datetime(2026, 11, 25, tzinfo=UTC))
    assert search_beneficiaries(desk, "نوره") == []
    assert search_beneficiaries(desk, "العتيبي") == []
    assert search_beneficiaries(desk, person.id_number) == []


def test_a_changed_name_or_mobile_is_found_under_the_new_value_only(desk: ServiceContext) -> None:
    person = found_one(desk, "احمد")
    change_person(desk, person.id, family_name="الدوسري", mobile="+966590001111")
    assert search_beneficiaries(desk, "القحطاني") == []
    assert search_beneficiaries(desk, "0551234567") == []
    assert found_one(desk, "احمد الدوس").id == person.id
    assert found_one(desk, "0590001111").id == person.id
    change_person(desk, person.id, mobile=None)
    assert search_beneficiaries(desk, "0590001111") == []
    assert found_one(desk, "احمد").mobile is None


def test_a_new_person_is_found_at_once(desk: ServiceContext) -> None:
    assert search_beneficiaries(desk, "مشاعل") == []
    person_id = add_person(desk, "مشاعل", "العنزي", mobile="+966533334444")
    assert found_one(desk, "مشاعل").id == person_id
    assert found_one(desk, "0533334444").id == person_id


# --- whatever is typed ------------------------------------------------------------------------


@pytest.fixture
def people(desk: ServiceContext) -> dict[str, str]:
    """The desk's three people and two passport holders whose names start with FTS5's
    operator words (AND, OR, NOT, NEAR), by first name."""
    add_person(desk, "Andrew", "Nearing", id_type=IdType.PASSPORT, id_number="P7000001")
    add_person(desk, "Oren", "Notley", id_type=IdType.PASSPORT, id_number="P7000002")
    with desk.sessions() as session:
        rows = session.execute(select(Beneficiary.first_name, Beneficiary.id)).all()
    by_first_name: dict[str, str] = dict(rows)
    assert sorted(by_first_name) == sorted(["أحمد", "فاطمة", "نورة", "Andrew", "Oren"])
    assert len(rows) == len(by_first_name)
    return by_first_name


def name_oracle(ctx: ServiceContext, typed: str) -> set[str]:
    """The module docstring's rule, by brute force over every live person: each typed word
    (after `normalize`) starts some word of the name."""
    words = normalize(typed).split()
    if not words:
        return set()
    with ctx.sessions() as session:
        rows = session.execute(
            select(Beneficiary.id, Beneficiary.name_search).where(Beneficiary.deleted_at.is_(None))
        ).all()
    return {
        person_id
        for person_id, name in rows
        if all(any(part.startswith(word) for part in name.split()) for word in words)
    }


# Each case: what is typed, and the first names of the people it must find (best first). Read
# as an FTS5 query, most of these would be an error or find other people ("محمد OR علي" would
# find فاطمة and نورة; "name:احمد", "NEAR(احمد القحطاني)" and "احمد NOT محمد" أحمد). Typed,
# every operator is a word like any other, punctuation is a space, and every word must start a
# word of the name.
TYPED_SYNTAX = [
    ('"', []),
    ('""', []),
    ("'", []),
    ("*", []),
    ("(", []),
    (")", []),
    ("AND", ["Andrew"]),
    ("OR", ["Oren"]),
    ("NOT", ["Oren"]),
    ("NEAR", ["Andrew"]),
    ("NEAR(احمد القحطاني)", []),
    ("NEAR(andrew nearing)", ["Andrew"]),
    ("احمد AND", []),
    ("andrew AND", ["Andrew"]),
    ("سعد AND علي", []),
    ("احمد OR فاطمه", []),
    ("محمد OR علي", []),
    ("oren OR", ["Oren"]),
    ("oren OR andrew", []),
    ("(احمد OR فاطمه)", []),
    ("NOT احمد", []),
    ("NOT محمد", []),
    ("احمد NOT محمد", []),
    ("NOT oren", ["Oren"]),
    ('"احمد" OR *', []),
    ('"محمد', ["فاطمة"]),
    ("محمد*", ["فاطمة"]),
    ("^محمد", ["فاطمة"]),  # FTS5's ^ would want it first in the name: it is the father's
    ('"احمد القحطاني"', ["أحمد"]),
    ("name:احمد", []),
    ("{name}: احمد", []),
    ("name:oren", []),
    ("%", []),
    ("_", []),
    ("\\", []),
    (";DROP TABLE beneficiary", []),
]


@pytest.mark.parametrize(
    ("typed", "first_names"), TYPED_SYNTAX, ids=[typed for typed, _ in TYPED_SYNTAX]
)
def test_search_syntax_typed_by_a_user_is_read_as_plain_words(
    desk: ServiceContext, people: dict[str, str], typed: str, first_names: list[str]
) -> None:
    hits = search_beneficiaries(desk, typed)
    assert [hit.id for hit in hits] == [people[first] for first in first_names], names(hits)
    assert {hit.id for hit in hits} == name_oracle(desk, typed)
    assert all(hit.match == "name" for hit in hits)
    # and the index is whole afterwards
    assert [hit.id for hit in search_beneficiaries(desk, "احمد")] == [people["أحمد"]]


@pytest.mark.parametrize(
    "typed",
    [
        "احمد*",
        "(احمد",
        "احمد)",
        '"احمد"',
        "^احمد",
        "احمد + القحطاني",
        "-احمد",
        "احمد -- القحطاني",
        "'احمد'",
        "\u200fاحمد\u200e",  # bidi marks copied with the text
    ],
)
def test_punctuation_around_words_is_ignored(desk: ServiceContext, typed: str) -> None:
    assert found_one(desk, typed).id_number == AHMAD_ID


def test_fts_words_are_searched_as_name_words(desk: ServiceContext) -> None:
    add_person(desk, "Nora", "Near", id_type=IdType.PASSPORT, id_number="B7654321")
    assert names(search_beneficiaries(desk, "near")) == ["Nora Near"]
    assert names(search_beneficiaries(desk, "NEAR no")) == ["Nora Near"]
    assert search_beneficiaries(desk, "nora OR احمد") == []


@pytest.mark.parametrize("typed", ["", " ", "\t\n", "ـ", "َ", "،", "...", "+", "-- --"])
def test_nothing_to_search_finds_nobody(desk: ServiceContext, typed: str) -> None:
    assert search_beneficiaries(desk, typed) == []


def test_the_query_is_read_as_words_a_number_and_codes() -> None:
    assert SearchQuery.parse("أحمد ٠٥٥ 123-4567 a12b") == SearchQuery(
        words=("احمد",), number="0551234567", codes=("a12b",)
    )
    assert SearchQuery.parse("00966 55").number == "96655"
    assert SearchQuery.parse("عبد الله").words == ("عبدالله",)
    assert not SearchQuery.parse(" ، ")


# --- who may search, and what searching leaves behind -----------------------------------------


def test_someone_signed_in_is_needed(desk: ServiceContext) -> None:
    with pytest.raises(PermissionDenied):
        search_beneficiaries(desk.acting_as(None), "احمد")


@pytest.mark.parametrize("role", list(Role))
def test_every_role_may_search(make_actor: MakeActor, role: Role) -> None:
    ctx = make_actor(role)
    add_person(ctx, "هيا", "الدوسري")
    assert names(search_beneficiaries(ctx, "هيا")) == ["هيا الدوسري"]


def test_searching_writes_nothing(desk: ServiceContext, row_counts) -> None:
    before = row_counts()
    for typed in ("احمد", AHMAD_ID, "0551", "nobody"):
        search_beneficiaries(desk, typed)
    assert row_counts() == before


def test_searches_run_on_worker_threads_at_once(desk: ServiceContext) -> None:
    queries = ["احمد", "فاطمه", "نوره", AHMAD_ID, "0551", "9665076"] * 8
    expected = [names(search_beneficiaries(desk, q)) for q in queries]
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda q: names(search_beneficiaries(desk, q)), queries))
    assert results == expected


# --- a mobile by its last digits -----------------------------------------------------------------


@pytest.mark.parametrize("typed", ["4567", "34567", "234567", "1234567", "51234567", "551234567"])
def test_a_mobile_is_found_by_its_last_digits(desk: ServiceContext, typed: str) -> None:
    hit = found_one(desk, typed)
    assert hit.full_name == "أحمد عبد الله مصطفى القحطاني"
    assert hit.match == "mobile"


def test_the_alternate_mobile_is_found_by_its_last_digits_too(desk: ServiceContext) -> None:
    assert found_one(desk, "٤٣٢١").full_name == "فاطمة محمد الشهري"  # Arabic-Indic digits


def test_the_same_last_four_with_other_digits_before_them_is_not_a_match(
    desk: ServiceContext,
) -> None:
    add_person(desk, "سارة", "الدوسري", mobile="+966559994567")  # ends 4567, not 34567
    assert sorted(names(search_beneficiaries(desk, "4567"))) == sorted(
        ["أحمد عبد الله مصطفى القحطاني", "سارة الدوسري"]
    )
    assert names(search_beneficiaries(desk, "34567")) == ["أحمد عبد الله مصطفى القحطاني"]
    assert names(search_beneficiaries(desk, "94567")) == ["سارة الدوسري"]


def test_last_digits_rank_after_an_exact_number_and_before_a_mere_start(
    desk: ServiceContext,
) -> None:
    # An ID number that starts with 4567 … is not a real Saudi ID, but a passport may.
    add_person(desk, "هند", "الزهراني", id_type=IdType.PASSPORT, id_number="4567001")
    hits = search_beneficiaries(desk, "4567")
    assert names(hits) == ["أحمد عبد الله مصطفى القحطاني", "هند الزهراني"]
    assert [hit.match for hit in hits] == ["mobile", "id"]


def test_last_digits_that_start_with_00_are_not_an_international_prefix(
    desk: ServiceContext,
) -> None:
    add_person(desk, "سارة", "الدوسري", mobile="+966559990093")
    assert names(search_beneficiaries(desk, "0093")) == ["سارة الدوسري"]
    assert names(search_beneficiaries(desk, "990093")) == ["سارة الدوسري"]
    assert SearchQuery.parse("00966 55").number == "96655"  # from abroad: still a prefix


def test_three_digits_are_not_a_mobile_end(desk: ServiceContext) -> None:
    assert search_beneficiaries(desk, "567") == []


def test_a_changed_or_deleted_mobile_leaves_the_index(desk: ServiceContext) -> None:
    sara = add_person(desk, "سارة", "الدوسري", mobile="+966559998888")
    assert names(search_beneficiaries(desk, "8888")) == ["سارة الدوسري"]
    change_person(desk, sara, mobile="+966559997777")
    assert search_beneficiaries(desk, "8888") == []
    assert names(search_beneficiaries(desk, "7777")) == ["سارة الدوسري"]
    change_person(desk, sara, deleted_at=datetime(2026, 11, 25, tzinfo=UTC))
    assert search_beneficiaries(desk, "7777") == []


def test_the_query_looks_the_last_four_up_as_one_term() -> None:
    query = SearchQuery.parse("055 123 4567")  # a whole mobile: no tail
    assert query.tail == ""
    partial = SearchQuery.parse("34567")
    assert partial.tail == "4567"
    assert 'phones : "t4567"' in partial.match()
