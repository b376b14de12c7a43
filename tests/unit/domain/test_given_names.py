"""Typed names split into the form's four parts, and the gender a first name suggests."""

from __future__ import annotations

import pytest

from basmat_desk.domain.enums import Gender
from basmat_desk.domain.given_names import name_fields, split_name, suggest_gender


@pytest.mark.parametrize(
    ("typed", "parts"),
    [
        ("عبد الله", ["عبد الله"]),
        ("عبدالله", ["عبدالله"]),
        ("محمد عبد الله القحطاني", ["محمد", "عبد الله", "القحطاني"]),
        ("عبد الرحمن عبد العزيز آل سعود", ["عبد الرحمن", "عبد العزيز", "آل", "سعود"]),
        ("أبو بكر الصديق", ["أبو بكر", "الصديق"]),
        ("نور الدين محمد", ["نور الدين", "محمد"]),
        ("محمد بن سعد بن علي الشهري", ["محمد", "سعد", "علي", "الشهري"]),
        ("سارة بنت فهد", ["سارة", "فهد"]),
        ("  ", []),
    ],
)
def test_compound_names_stay_one_part_as_typed(typed: str, parts: list[str]) -> None:
    assert split_name(typed) == parts


def test_a_search_for_abdullah_fills_the_first_name_only() -> None:
    assert name_fields("عبد الله") == {"first_name": "عبد الله"}


@pytest.mark.parametrize(
    ("typed", "fields"),
    [
        ("سلمى العتيبي", {"first_name": "سلمى", "family_name": "العتيبي"}),
        (
            "محمد عبد الله القحطاني",
            {"first_name": "محمد", "father_name": "عبد الله", "family_name": "القحطاني"},
        ),
        (
            "فهد سعد علي الدوسري",
            {
                "first_name": "فهد",
                "father_name": "سعد",
                "grandfather_name": "علي",
                "family_name": "الدوسري",
            },
        ),
        (
            "فهد سعد علي آل الشيخ",
            {
                "first_name": "فهد",
                "father_name": "سعد",
                "grandfather_name": "علي",
                "family_name": "آل الشيخ",
            },
        ),
    ],
)
def test_a_typed_name_spreads_over_the_four_parts(typed: str, fields: dict[str, str]) -> None:
    assert name_fields(typed) == fields


@pytest.mark.parametrize(
    ("first", "gender"),
    [
        ("فاطمة", Gender.FEMALE),
        ("فاطمه", Gender.FEMALE),  # every spelling
        ("نورة", Gender.FEMALE),
        ("ليلى", Gender.FEMALE),
        ("أسماء", Gender.FEMALE),
        ("لولوة", Gender.FEMALE),
        ("خلود", None),  # not listed, and its ending says nothing
        ("محمد", Gender.MALE),
        ("أحمد", Gender.MALE),
        ("حمزة", Gender.MALE),  # a man's name ending in ة
        ("أسامة", Gender.MALE),
        ("علاء", Gender.MALE),  # and in اء
        ("عبد الإله", Gender.MALE),
        ("عبدالمحسن", Gender.MALE),
        ("أبو بكر", Gender.MALE),
        ("صلاح الدين", Gender.MALE),
        ("مُصطفى", Gender.MALE),  # with harakat
        ("جميلة", Gender.FEMALE),
        ("زهرة", Gender.FEMALE),  # not listed: the ending says
        ("", None),
    ],
)
def test_the_first_name_suggests_a_gender(first: str, gender: Gender | None) -> None:
    assert suggest_gender(first) is gender
