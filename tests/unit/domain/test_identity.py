"""Saudi national ID / iqama validation, document numbers and the synthetic-ID generator."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from basmat_desk.domain.enums import IdType
from basmat_desk.domain.errors import ValidationError
from basmat_desk.domain.identity import (
    check_digit,
    id_kind,
    make_national_id,
    parse_document_number,
    parse_national_id,
)

# Published example of a valid number (its only non-zero digits are the type and the check).
KNOWN_VALID = "1000000008"
VALID_IQAMA = make_national_id("212345678")


def standard_luhn_ok(number: str) -> bool:
    """Textbook Luhn, right to left, written independently of the code under test."""
    total = 0
    for position, char in enumerate(reversed(number)):
        value = int(char)
        if position % 2 == 1:
            value = sum(divmod(value * 2, 10))
        total += value
    return total % 10 == 0


def error_of(text: str, **kwargs: str) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        parse_national_id(text, **kwargs)
    return info.value


def test_known_valid_number() -> None:
    assert parse_national_id(KNOWN_VALID) == KNOWN_VALID
    assert make_national_id("100000000") == KNOWN_VALID
    assert check_digit("100000000") == "8"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("١٠٠٠٠٠٠٠٠٨", KNOWN_VALID),  # Arabic-Indic
        ("۱۰۰۰۰۰۰۰۰۸", KNOWN_VALID),  # Persian
        ("١٠٠٠0000٠٨", KNOWN_VALID),  # mixed
        ("  1000000008\n", KNOWN_VALID),
        ("1000 000 008", KNOWN_VALID),
        ("\u200e1000000008", KNOWN_VALID),  # LRM copied from RTL text
        (VALID_IQAMA, VALID_IQAMA),
    ],
)
def test_accepted_forms(typed: str, expected: str) -> None:
    assert parse_national_id(typed) == expected


@pytest.mark.parametrize("typed", ["", "   ", "\t\n"])
def test_empty_is_required(typed: str) -> None:
    error = error_of(typed)
    assert error.field == "national_id"
    assert error.message == "رقم الهوية: مطلوب"


@pytest.mark.parametrize(
    "typed",
    ["10000a0008", "ABCDEFGHIJ", "1000-000-008", "1000.000008", "¹000000008", "١٠٠٠٠٠٠٠٠x"],
)
def test_non_digits_refused(typed: str) -> None:
    error = error_of(typed)
    assert "رقم الهوية" in error.message
    assert "أرقام فقط" in error.message


@pytest.mark.parametrize(("typed", "count"), [("100000000", 9), ("10000000080", 11), ("1", 1)])
def test_wrong_length_refused(typed: str, count: int) -> None:
    error = error_of(typed)
    assert "رقم الهوية" in error.message
    assert "10 أرقام" in error.message
    assert str(count) in error.message


@pytest.mark.parametrize("first", "03456789")
def test_first_digit_must_be_1_or_2(first: str) -> None:
    # Give it a correct Luhn digit, so only the first-digit rule can refuse it.
    body = first + "23456789"
    number = body + check_digit(body)
    assert standard_luhn_ok(number)
    error = error_of(number)
    assert "رقم الهوية" in error.message
    assert "يبدأ بالرقم 1" in error.message


@pytest.mark.parametrize("wrong", ["1000000000", "1000000009", "2000000000"])
def test_wrong_check_digit_refused(wrong: str) -> None:
    error = error_of(wrong)
    assert "رقم الهوية" in error.message
    assert "رقم التحقق" in error.message


def test_every_failure_has_its_own_message() -> None:
    messages = {
        error_of("").message,
        error_of("10000a0008").message,
        error_of("100000000").message,
        error_of("3000000004").message,
        error_of("1000000000").message,
    }
    assert len(messages) == 5


def test_field_and_label_can_be_overridden() -> None:
    error = error_of("123", field="guardian_id", label="رقم هوية ولي الأمر")
    assert error.field == "guardian_id"
    assert error.message.startswith("رقم هوية ولي الأمر:")


def test_id_kind() -> None:
    assert id_kind(KNOWN_VALID) is IdType.NATIONAL_ID
    assert id_kind(VALID_IQAMA) is IdType.IQAMA
    with pytest.raises(ValidationError):
        id_kind("1000000000")


@pytest.mark.parametrize("bad", ["", "12345678", "1234567890", "323456789", "12345678a"])
def test_make_national_id_refuses_bad_prefix(bad: str) -> None:
    with pytest.raises(ValidationError):
        make_national_id(bad)


@settings(database=None, max_examples=300)
@given(first=st.sampled_from("12"), rest=st.text("0123456789", min_size=8, max_size=8))
def test_generated_ids_parse_and_detect_every_single_digit_error(first: str, rest: str) -> None:
    number = make_national_id(first + rest)
    assert parse_national_id(number) == number
    assert standard_luhn_ok(number)
    for index in range(10):
        for digit in "0123456789":
            if digit == number[index]:
                continue
            mutated = number[:index] + digit + number[index + 1 :]
            with pytest.raises(ValidationError):
                parse_national_id(mutated)


@settings(database=None, max_examples=500)
@given(first=st.sampled_from("12"), rest=st.text("0123456789", min_size=9, max_size=9))
def test_saudi_check_is_standard_luhn(first: str, rest: str) -> None:
    number = first + rest
    try:
        parse_national_id(number)
        accepted = True
    except ValidationError:
        accepted = False
    assert accepted == standard_luhn_ok(number)


# --- parse_document_number ---------------------------------------------------------------


def test_document_national_id_and_iqama() -> None:
    assert parse_document_number(IdType.NATIONAL_ID, "١٠٠٠٠٠٠٠٠٨") == KNOWN_VALID
    assert parse_document_number(IdType.IQAMA, VALID_IQAMA) == VALID_IQAMA
    assert parse_document_number("iqama", VALID_IQAMA) == VALID_IQAMA  # type: ignore[arg-type]


def test_document_type_must_match_first_digit() -> None:
    with pytest.raises(ValidationError) as info:
        parse_document_number(IdType.NATIONAL_ID, VALID_IQAMA)
    assert "رقم الهوية الوطنية" in info.value.message
    assert "إقامة" in info.value.message
    with pytest.raises(ValidationError) as info:
        parse_document_number(IdType.IQAMA, KNOWN_VALID)
    assert info.value.message.startswith("رقم الإقامة:")


def test_document_national_id_errors_use_the_document_label() -> None:
    with pytest.raises(ValidationError) as info:
        parse_document_number(IdType.IQAMA, "2000000000")
    assert info.value.field == "id_number"
    assert info.value.message.startswith("رقم الإقامة:")


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("a1234567", "A1234567"),
        (" P12 34567 ", "P1234567"),
        ("AB1234", "AB1234"),
        ("X" * 12, "X" * 12),
    ],
)
def test_passport_accepted(typed: str, expected: str) -> None:
    assert parse_document_number(IdType.PASSPORT, typed) == expected


@pytest.mark.parametrize(
    ("typed", "hint"),
    [
        ("", "مطلوب"),
        ("A1234", "6 إلى 12"),
        ("A" * 13, "6 إلى 12"),
        ("أ1234567", "حروف لاتينية"),
        ("A-123456", "حروف لاتينية"),
        ("Ä1234567", "حروف لاتينية"),
    ],
)
def test_passport_refused(typed: str, hint: str) -> None:
    with pytest.raises(ValidationError) as info:
        parse_document_number(IdType.PASSPORT, typed)
    assert info.value.message.startswith("رقم جواز السفر:")
    assert hint in info.value.message


def test_border_number() -> None:
    assert parse_document_number(IdType.BORDER_NUMBER, "٣١٢٣٤٥٦٧٨٩") == "3123456789"
    for bad in ["312345678", "31234567890", "31234A6789", ""]:
        with pytest.raises(ValidationError) as info:
            parse_document_number(IdType.BORDER_NUMBER, bad)
        assert info.value.message.startswith("رقم الحدود:")


def test_unknown_document_type() -> None:
    with pytest.raises(ValidationError) as info:
        parse_document_number("driving_licence", "1234567890")  # type: ignore[arg-type]
    assert info.value.field == "id_type"
