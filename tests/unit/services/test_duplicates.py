"""Finding the people on file who may be the applicant: name scoring and the candidates."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from itertools import count, permutations
from typing import Any

import pytest

from basmat_desk.domain.beneficiary import BeneficiaryData, full_name
from basmat_desk.domain.enums import Gender, IdType
from basmat_desk.domain.identity import make_national_id
from basmat_desk.services import duplicates
from basmat_desk.services.context import ServiceContext, unit_of_work
from basmat_desk.services.duplicates import (
    SIMILAR_SCORE,
    DuplicateCandidate,
    find_similar,
    is_similar_name,
    name_score,
)
from basmat_desk.store.models import Beneficiary

_serial = count(100_000_001)

# The spelling variants the front office meets every day (issue 3).
SPELLING_VARIANTS = [
    ("أحمد", "احمد", "إحمد"),
    ("عبدالله", "عبد الله"),
    ("فاطمة", "فاطمه"),
    ("مصطفى", "مصطفي"),
    ("نورة", "نوره"),
]


def applicant(
    first: str = "محمد",
    father: str | None = "عبدالله",
    grandfather: str | None = "سعد",
    family: str = "القحطاني",
    **values: Any,
) -> BeneficiaryData:
    defaults: dict[str, Any] = {
        "id_type": IdType.NATIONAL_ID,
        "id_number": make_national_id(str(next(_serial))),
        "gender": Gender.MALE,
        "mobile": "+966501111111",
        "birth_date": date(1985, 3, 14),
    }
    return BeneficiaryData(
        first_name=first,
        father_name=father,
        grandfather_name=grandfather,
        family_name=family,
        **(defaults | values),
    )


def seed(ctx: ServiceContext, data: BeneficiaryData, **columns: Any) -> str:
    """Store a person directly (as an earlier registration or a sync would have)."""
    with unit_of_work(ctx, "test.seed") as session:
        person = Beneficiary(
            **{f: getattr(data, f) for f in BeneficiaryData.__dataclass_fields__},
            name_search=data.full_name,
            **columns,
        )
        session.add(person)
        session.flush()
        return person.id


def similar(ctx: ServiceContext, data: BeneficiaryData, **kwargs: Any) -> list[DuplicateCandidate]:
    with ctx.sessions() as session:
        return find_similar(session, data, **kwargs)


# --- name scores ---------------------------------------------------------------------------------


@pytest.mark.parametrize("variants", SPELLING_VARIANTS, ids=lambda v: v[0])
def test_spelling_variants_are_the_same_name(variants: tuple[str, ...]) -> None:
    for left, right in permutations(variants, 2):
        assert name_score((left, "علي", "سعد", "الشهري"), (right, "علي", "سعد", "الشهري")) == (
            pytest.approx(100)
        )
        assert name_score(("خالد", left, None, "الشهري"), ("خالد", right, None, "الشهري")) == (
            pytest.approx(100)
        )


@pytest.mark.parametrize(
    ("left", "right"),
    [
        (("محمد", "عبدالله", None, "القحطاني"), ("محمد", "عبد الله", None, "القحطانى")),
        (("فاطمة", "علي", "حسن", "الزهراني"), ("فاطمه", "على", "حسن", "الزهراني")),
        (("أَحْمَد", "عبدالرحمن", "سعد", "الدوسري"), ("احمد", "عبد الرحمن", "سعد", "الدوسري")),
        # A typo in the family name, the article typed or not.
        (("سارة", "خالد", "فهد", "القحطاني"), ("ساره", "خالد", "فهد", "القحطني")),
        (("نورة", "محمد", None, "القحطاني"), ("نوره", "محمد", None, "قحطاني")),
        (("عبدالعزيز", "ناصر", "حمد", "آل الشيخ"), ("عبد العزيز", "ناصر", "حمد", "ال الشيخ")),
        # A typo in a given name.
        (("عبدالرحمن", "صالح", "علي", "العتيبي"), ("عبدالرحمان", "صالح", "علي", "العتيبي")),
    ],
)
def test_similar_names(left: duplicates.NameParts, right: duplicates.NameParts) -> None:
    assert is_similar_name(left, right)
    assert is_similar_name(right, left)


@pytest.mark.parametrize(
    ("left", "right"),
    [
        # Different families, however alike the given names.
        (("محمد", "عبدالله", "سعد", "القحطاني"), ("محمد", "عبدالله", "سعد", "الغامدي")),
        (("محمد", "عبدالله", "سعد", "الشهري"), ("محمد", "عبدالله", "سعد", "الشمري")),
        (("محمد", "عبدالله", "سعد", "الزهراني"), ("محمد", "عبدالله", "سعد", "الشهراني")),
        # Sisters: the same father, grandfather and family.
        (("فاطمة", "محمد", "سعد", "القحطاني"), ("نورة", "محمد", "سعد", "القحطاني")),
        # The same first and family names, a different father and grandfather.
        (("محمد", "عبدالله", "سعد", "القحطاني"), ("محمد", "فهد", "ناصر", "القحطاني")),
    ],
)
def test_different_people(left: duplicates.NameParts, right: duplicates.NameParts) -> None:
    assert not is_similar_name(left, right)
    assert not is_similar_name(right, left)


def test_a_missing_father_or_grandfather_neither_helps_nor_hurts() -> None:
    full = ("محمد", "عبدالله", "سعد", "القحطاني")
    assert name_score(full, ("محمد", None, None, "القحطاني")) == pytest.approx(100)
    assert name_score(full, ("محمد", "عبدالله", None, "القحطاني")) == pytest.approx(100)
    assert name_score(full, ("محمد", "", "", "القحطاني")) == pytest.approx(100)
    # The father still counts when both have one, even if a grandfather is missing.
    assert name_score(full, ("محمد", "فهد", None, "القحطاني")) < SIMILAR_SCORE


def test_first_and_family_names_weigh_more_than_the_grandfather() -> None:
    base = ("خالد", "عبدالله", "سعد", "العتيبي")
    other_grandfather = ("خالد", "عبدالله", "ناصر", "العتيبي")
    other_father = ("خالد", "ناصر", "سعد", "العتيبي")
    other_first = ("فهد", "عبدالله", "سعد", "العتيبي")
    assert (
        name_score(base, other_grandfather)
        > name_score(base, other_father)
        > name_score(base, other_first)
    )
    assert is_similar_name(base, other_grandfather)


# --- candidates from the database ---------------------------------------------------------------


def test_similar_name_born_the_same_year_is_a_candidate(ctx: ServiceContext) -> None:
    on_file = applicant("محمد", "عبد الله", None, "القحطانى", birth_date=date(1985, 9, 1))
    person = seed(ctx, on_file, file_number="F-A-000017")
    new = applicant(mobile="+966502222222", birth_date=date(1985, 3, 14))

    [candidate] = similar(ctx, new)

    assert candidate == DuplicateCandidate(
        id=person,
        full_name="محمد عبد الله القحطانى",
        id_type=IdType.NATIONAL_ID,
        id_number=on_file.id_number,
        mobile=on_file.mobile,
        birth_date=date(1985, 9, 1),
        file_number="F-A-000017",
        score=100.0,
        reasons=("الاسم متشابه (100%)", "نفس سنة الميلاد"),
    )


def test_the_same_birth_date_is_said_so(ctx: ServiceContext) -> None:
    seed(ctx, applicant(mobile="+966503333333"))
    [candidate] = similar(ctx, applicant())
    assert candidate.reasons == ("الاسم متشابه (100%)", "نفس تاريخ الميلاد")


@pytest.mark.parametrize(
    ("stored", "typed"),
    [
        ({"mobile": "+966504444444"}, {"mobile": "+966504444444"}),
        # The applicant's alternate number is the mobile on file.
        ({"mobile": "+966504444444"}, {"mobile": "+966505555555", "mobile_alt": "+966504444444"}),
    ],
)
def test_similar_name_with_the_same_mobile_is_a_candidate_whatever_the_year(
    ctx: ServiceContext, stored: dict[str, str], typed: dict[str, str]
) -> None:
    person = seed(ctx, applicant("فاطمة", "علي", None, "الزهراني", birth_date=None, **stored))
    new = applicant("فاطمه", "على", "حسن", "الزهراني", birth_date=date(1990, 1, 1), **typed)

    [candidate] = similar(ctx, new)

    assert candidate.id == person
    assert candidate.reasons == ("الاسم متشابه (100%)", "نفس رقم الجوال")


def test_an_alternate_mobile_on_file_counts_within_the_birth_year(ctx: ServiceContext) -> None:
    seed(ctx, applicant(mobile="+966506666666", mobile_alt="+966501111111"))
    [candidate] = similar(ctx, applicant(birth_date=date(1985, 12, 31)))
    assert "نفس رقم الجوال" in candidate.reasons
    assert "نفس سنة الميلاد" in candidate.reasons


def test_applicant_without_birth_date_is_compared_by_mobile_only(ctx: ServiceContext) -> None:
    seed(ctx, applicant(mobile="+966507777777"))
    same_mobile = seed(ctx, applicant(birth_date=date(1970, 1, 1)))
    found = similar(ctx, applicant(birth_date=None))
    assert [c.id for c in found] == [same_mobile]
    assert found[0].reasons == ("الاسم متشابه (100%)", "نفس رقم الجوال")


@pytest.mark.parametrize(
    "stored",
    [
        # Similar name, but another year and another mobile.
        applicant(mobile="+966508888888", birth_date=date(1986, 1, 1)),
        applicant(mobile="+966508888888", birth_date=None),
        # Same year and mobile, but another family.
        applicant(family="الغامدي"),
        # Same year and mobile, a sister.
        applicant(first="فاطمة", gender=Gender.FEMALE),
    ],
)
def test_not_candidates(ctx: ServiceContext, stored: BeneficiaryData) -> None:
    seed(ctx, stored)
    assert similar(ctx, applicant()) == []


def test_deleted_and_excluded_people_are_left_out(ctx: ServiceContext) -> None:
    seed(ctx, applicant(), deleted_at=datetime(2026, 1, 1, tzinfo=UTC))
    assert similar(ctx, applicant()) == []
    kept = seed(ctx, applicant())
    assert [c.id for c in similar(ctx, applicant())] == [kept]
    assert similar(ctx, applicant(), exclude_id=kept) == []


def test_best_first_and_at_most_limit(ctx: ServiceContext) -> None:
    exact = seed(ctx, applicant())
    no_grandfather = seed(ctx, applicant(grandfather=None, family="القحطني"))
    other_grandfather = seed(ctx, applicant(grandfather="ناصر"))

    found = similar(ctx, applicant())

    assert [c.id for c in found] == [exact, no_grandfather, other_grandfather]
    assert found[0].score == 100.0
    assert 100.0 > found[1].score > found[2].score >= SIMILAR_SCORE
    assert [c.id for c in similar(ctx, applicant(), limit=2)] == [exact, no_grandfather]


def test_a_large_cohort_is_read_in_chunks(
    ctx: ServiceContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(duplicates, "_CHUNK", 2)
    people = {seed(ctx, applicant(mobile=f"+96650900000{n}")) for n in range(5)}
    seed(ctx, applicant(family="الغامدي"))
    found = similar(ctx, applicant(), limit=10)
    assert {c.id for c in found} == people
    assert all("نفس تاريخ الميلاد" in c.reasons for c in found)


def test_candidates_show_the_full_name_on_file(ctx: ServiceContext) -> None:
    stored = applicant("عبد الرحمن", "صالح", None, "العتيبي")
    seed(ctx, stored)
    [candidate] = similar(ctx, replace(stored, first_name="عبدالرحمن", grandfather_name="علي"))
    assert candidate.full_name == full_name("عبد الرحمن", "صالح", None, "العتيبي")
