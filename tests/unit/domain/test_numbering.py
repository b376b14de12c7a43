"""Reference numbers issued offline: formats, validation and round trips."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from basmat_desk.domain.errors import ValidationError
from basmat_desk.domain.numbering import (
    LetterNumber,
    RequestNumber,
    TicketNumber,
    isolate_ltr,
    letter_number,
    parse_letter_number,
    parse_request_number,
    parse_ticket_number,
    request_number,
    ticket_number,
    validate_prefix,
)


@pytest.mark.parametrize(
    ("typed", "expected"), [("A", "A"), ("a", "A"), (" ab ", "AB"), ("Zz", "ZZ")]
)
def test_validate_prefix_accepted(typed: str, expected: str) -> None:
    assert validate_prefix(typed) == expected


@pytest.mark.parametrize("bad", ["", "  ", "ABC", "1", "A1", "أ", "Ä", "ı", "A-", "A B"])
def test_validate_prefix_refused(bad: str) -> None:
    with pytest.raises(ValidationError) as info:
        validate_prefix(bad)
    assert info.value.field == "prefix"
    assert info.value.message.startswith("رمز الكاونتر:")


def test_formats() -> None:
    assert letter_number(1447, "A", 17) == "1447/A/00017"
    assert request_number(1447, "a", 123) == "R-1447-A-00123"
    assert ticket_number("A", 17) == "A-017"
    assert ticket_number("AB", 999) == "AB-999"
    assert letter_number(1447, "B", 99_999) == "1447/B/99999"


@pytest.mark.parametrize("seq", [0, -1, 100_000, True])
def test_letter_and_request_seq_range(seq: int) -> None:
    for make in (letter_number, request_number):
        with pytest.raises(ValidationError) as info:
            make(1447, "A", seq)
        assert info.value.field == "seq"
        assert "الرقم التسلسلي" in info.value.message


@pytest.mark.parametrize("seq", [0, 1000, False])
def test_ticket_seq_range(seq: int) -> None:
    with pytest.raises(ValidationError) as info:
        ticket_number("A", seq)
    assert "الرقم التسلسلي" in info.value.message


@pytest.mark.parametrize("year", [999, 1342, 1501, 2026])
def test_hijri_year_range(year: int) -> None:
    with pytest.raises(ValidationError) as info:
        letter_number(year, "A", 1)
    assert info.value.field == "hijri_year"
    assert "السنة الهجرية" in info.value.message


def test_bad_prefix_refused_when_formatting() -> None:
    with pytest.raises(ValidationError):
        letter_number(1447, "ABC", 1)
    with pytest.raises(ValidationError):
        ticket_number("", 1)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("1447/A/00017", LetterNumber(1447, "A", 17)),
        ("١٤٤٧/A/٠٠٠١٧", LetterNumber(1447, "A", 17)),
        (" 1447/ab/00017 ", LetterNumber(1447, "AB", 17)),
        ("\u20661447/A/00017\u2069", LetterNumber(1447, "A", 17)),
    ],
)
def test_parse_letter_number(typed: str, expected: LetterNumber) -> None:
    assert parse_letter_number(typed) == expected


@pytest.mark.parametrize(
    "bad",
    [
        "",
        "A/00017/1447",
        "1447/A/17",
        "1447/ABC/00017",
        "1447-A-00017",
        "1447/A/00000",
        "1447/أ/00017",
        "1200/A/00001",
    ],
)
def test_parse_letter_number_refused(bad: str) -> None:
    with pytest.raises(ValidationError) as info:
        parse_letter_number(bad)
    assert info.value.field == "letter_number"
    assert info.value.message.startswith("رقم الخطاب:")


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("R-1447-A-00123", RequestNumber(1447, "A", 123)),
        ("r-١٤٤٧-a-٠٠١٢٣", RequestNumber(1447, "A", 123)),
    ],
)
def test_parse_request_number(typed: str, expected: RequestNumber) -> None:
    assert parse_request_number(typed) == expected


@pytest.mark.parametrize(
    "bad", ["", "1447-A-00123", "R-1447-A-0123", "R/1447/A/00123", "R-1447-A-00000"]
)
def test_parse_request_number_refused(bad: str) -> None:
    with pytest.raises(ValidationError) as info:
        parse_request_number(bad)
    assert info.value.field == "request_number"
    assert info.value.message.startswith("رقم الطلب:")


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("A-017", TicketNumber("A", 17)), ("ab-٠٠١", TicketNumber("AB", 1))],
)
def test_parse_ticket_number(typed: str, expected: TicketNumber) -> None:
    assert parse_ticket_number(typed) == expected


@pytest.mark.parametrize("bad", ["", "A-17", "A-0017", "A017", "017-A", "A-000", "ABC-001"])
def test_parse_ticket_number_refused(bad: str) -> None:
    with pytest.raises(ValidationError) as info:
        parse_ticket_number(bad)
    assert info.value.field == "ticket_number"
    assert info.value.message.startswith("رقم التذكرة:")


PREFIXES = st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=2)
YEARS = st.integers(1343, 1500)


@settings(database=None)
@given(year=YEARS, prefix=PREFIXES, seq=st.integers(1, 99_999))
def test_letter_and_request_round_trip(year: int, prefix: str, seq: int) -> None:
    assert parse_letter_number(letter_number(year, prefix, seq)) == (year, prefix, seq)
    assert parse_request_number(request_number(year, prefix, seq)) == (year, prefix, seq)
    assert parse_letter_number(isolate_ltr(letter_number(year, prefix, seq))).seq == seq


@settings(database=None)
@given(prefix=PREFIXES, seq=st.integers(1, 999))
def test_ticket_round_trip(prefix: str, seq: int) -> None:
    assert parse_ticket_number(ticket_number(prefix, seq)) == (prefix, seq)


def test_isolate_ltr() -> None:
    assert isolate_ltr("1447/A/00017") == "\u20661447/A/00017\u2069"
    assert isolate_ltr(isolate_ltr("A-017")) == "\u2066A-017\u2069"
