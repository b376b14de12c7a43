"""The search form of Arabic names: spelling variants meet, different names stay apart."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from basmat_desk.domain.arabic import normalize, strip_harakat, tokens

SAME_NAME = [
    ("أحمد", "احمد", "إحمد", "آحمد", "أَحْمَد", "احـــمد"),
    ("عبدالله", "عبد الله", "عبد  الله", "عَبْدُ اللَّه", "عبـد الله", "عبد\u200cالله", "ﻋﺒﺪ ﷲ"),
    ("عبد الرحمن", "عبدالرحمن", "عبد الرحمٰن", "عبدُالرَّحْمَن"),
    ("عبد العزيز", "عبدالعزيز"),
    ("عبد المحسن", "عبدالمحسن"),
    ("فاطمة", "فاطمه"),
    ("مصطفى", "مصطفي"),
    ("نورة", "نوره", "نُورَة"),
    ("أبو بكر", "ابوبكر", "أبوبكر", "ابو بكر"),
    ("نور الدين", "نورالدين"),
    ("سيف الدين", "سيفالدين"),
    ("جار الله", "جارالله"),
    ("فائز", "فايز"),
    ("لؤي", "لوي"),
    ("علی", "علي"),  # Persian yeh
    ("كمال", "کمال"),  # Persian keheh
    ("محمد", "مُحَمَّدٌ", "محمّد", "\u200fمحمد", " محمد "),
    ("الحي 3", "الحي ٣", "الحي ۳"),
    ("Ahmed Ali", "AHMED ALI", "ahmed   ali"),
]


@pytest.mark.parametrize("variants", SAME_NAME, ids=lambda v: v[0])
def test_spelling_variants_meet(variants: tuple[str, ...]) -> None:
    forms = {normalize(v) for v in variants}
    assert len(forms) == 1, forms


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("أَحْمَد بن عبد الله", "احمد بن عبدالله"),
        ("سيف الدين عبد الرحمن آل سعود", "سيفالدين عبدالرحمن ال سعود"),
        ("فاطمة الزهراء", "فاطمه الزهراء"),
        ("محمد، أحمد-علي (خالد)؛ سعد؟", "محمد احمد علي خالد سعد"),
        ("رقم_١٢٣/٤", "رقم 123 4"),
        ("  مصطفى\t\nعلي  ", "مصطفي علي"),
        ("ﻻ", "لا"),
        ("ﷲ", "الله"),
        ("", ""),
        ("   ", ""),
        ("...", ""),
    ],
)
def test_exact_search_form(text: str, expected: str) -> None:
    assert normalize(text) == expected


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("محمد", "احمد"),
        ("علي", "عليا"),
        ("سعد", "سعيد"),
        ("عبدالله", "عبدالرحمن"),
        ("ابو سعد", "ابوسعد"),  # only ابو بكر is joined; other ابو family names stay apart
        ("محمد بن علي", "محمدبن علي"),
    ],
)
def test_different_names_stay_different(left: str, right: str) -> None:
    assert normalize(left) != normalize(right)


def test_lone_compound_words_are_kept() -> None:
    assert normalize("عبد") == "عبد"
    assert normalize("الله") == "الله"
    assert normalize("محمد عبد") == "محمد عبد"
    assert normalize("ابو") == "ابو"


def test_tokens() -> None:
    assert tokens("عبد الله بن محمد") == ["عبدالله", "بن", "محمد"]
    assert tokens("  ") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("مُحَمَّدٌ", "محمد"),
        ("عَبْدُ الرَّحْمٰنِ", "عبد الرحمن"),
        ("أَحْمَد", "أحمد"),  # hamza letters kept
        ("لَا إِلٰهَ", "لا إله"),  # lam-alef kept
        ("فاطمة", "فاطمة"),
        ("محـمد", "محـمد"),  # tatweel is not a haraka: printing keeps what was typed
        ("Ahmed ١٢", "Ahmed ١٢"),
    ],
)
def test_strip_harakat(text: str, expected: str) -> None:
    assert strip_harakat(text) == expected


ARABIC_PIECES = st.one_of(
    st.characters(min_codepoint=0x0600, max_codepoint=0x06FF),
    st.sampled_from(" -_.،\u200c\u200e\u2066\u2069ﻻﷲAZaz09"),
    st.sampled_from(["عبد ", "ابو بكر", " الله", " الدين"]),
)
ARABIC_TEXT = st.lists(ARABIC_PIECES, max_size=25).map("".join)


@settings(database=None, max_examples=400)
@given(ARABIC_TEXT)
def test_normalize_is_idempotent_and_clean(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once
    assert once == once.strip()
    assert "  " not in once
    for char in once:
        code = ord(char)
        assert not 0x064B <= code <= 0x065F, "haraka left"
        assert code not in (0x0640, 0x0670, 0x0623, 0x0625, 0x0622, 0x0649, 0x0629)
        assert not 0x0660 <= code <= 0x0669, "Arabic-Indic digit left"
        assert char == " " or char.isalnum()


@settings(database=None, max_examples=200)
@given(st.text(max_size=30))
def test_normalize_accepts_any_text(text: str) -> None:
    assert normalize(text) == normalize(normalize(text))
