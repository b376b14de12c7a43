"""Free text keeps what people can see: no NUL, no control character, no bidi override."""

from __future__ import annotations

import pytest

from basmat_desk.domain.errors import ValidationError
from basmat_desk.domain.text import (
    check_length,
    clean_line,
    clean_text,
    optional_line,
    optional_text,
    unclean,
)

RLO, PDF, LRI, PDI, RLM = "\u202e", "\u202c", "\u2066", "\u2069", "\u200f"


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("سارة\x00 القحطاني", "سارة القحطاني"),
        (f"{RLO}مراجعة{PDF} العيادة", "مراجعة العيادة"),
        (f"رقم {LRI}A-017{PDI}", "رقم A-017"),
        ("  أول\tسطر\r\nثانٍ\u2028ثالث  ", "أول سطر ثانٍ ثالث"),
        ("\x1b[31mأحمر\x7f\x85", "[31mأحمر"),
        ("عبد\u200cالله", "عبد\u200cالله"),  # a zero-width non-joiner shapes letters: kept
        (f"{RLM}", ""),
    ],
)
def test_one_line_loses_what_cannot_be_seen_and_squeezes_spaces(typed: str, kept: str) -> None:
    assert clean_line(typed) == kept
    assert unclean(clean_line(typed)) is None


def test_several_lines_keep_their_breaks_and_lose_the_rest() -> None:
    typed = f"السطر الأول\x00\r\n\r\n\r\n\r\n  {RLO}الثاني{PDF}   بمسافات \u2029الثالث\t\t"
    assert clean_text(typed) == "السطر الأول\n\nالثاني بمسافات\nالثالث"


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1f", "\x7f", "\x9b", RLO, LRI, PDI])
def test_unclean_names_the_first_control_or_override(char: str) -> None:
    assert unclean(f"نص{char}آخر{RLO}") == char
    # Line breaks, tabs and direction marks may stand in stored text (a quoted document).
    assert unclean(f"نص عادي\nبسطرين\tوعلامة{RLM}\u2028") is None


def test_lengths_are_counted_after_cleaning_and_named_in_arabic() -> None:
    assert optional_line("purpose", "الغرض", "  " + "غ" * 10 + "\x00 ", 10) == "غ" * 10
    assert optional_text("notes", "الملاحظات", "\n\n \x00", 5) is None
    with pytest.raises(ValidationError) as refused:
        check_length("notes", "الملاحظات", "م" * 11, 10)
    assert refused.value.field == "notes"
    assert refused.value.message == "الملاحظات: 10 حرفًا على الأكثر، والمدخل 11"
