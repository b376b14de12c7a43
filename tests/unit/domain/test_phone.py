"""Saudi mobile numbers: every common way of writing one, and what is refused."""

from __future__ import annotations

import pytest

from basmat_desk.domain.errors import ValidationError
from basmat_desk.domain.phone import format_mobile_local, parse_mobile

E164 = "+966501234567"


def error_of(text: str, **kwargs: str) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        parse_mobile(text, **kwargs)
    assert info.value.field == kwargs.get("field", "mobile")
    return info.value


@pytest.mark.parametrize(
    "typed",
    [
        "0501234567",
        "501234567",
        "+966501234567",
        "00966501234567",
        "966501234567",
        "+9660501234567",  # national 0 kept after the country code
        "050 123 4567",
        "050-123-4567",
        "+966 50 123 4567",
        "+966-50-123-4567",
        "00966 50 123 45 67",
        "(050) 123-4567",
        "  0501234567  ",
        "٠٥٠١٢٣٤٥٦٧",
        "۰۵۰۱۲۳۴۵۶۷",
        "+٩٦٦٥٠١٢٣٤٥٦٧",
        "٠٥٠ ١٢٣ ٤٥٦٧",
        "\u200e0501234567\u200f",
        "\u2066+966501234567\u2069",
    ],
)
def test_every_common_form_gives_e164(typed: str) -> None:
    assert parse_mobile(typed) == E164


@pytest.mark.parametrize("prefix", ["050", "051", "053", "054", "055", "056", "057", "058", "059"])
def test_mobile_prefixes_accepted(prefix: str) -> None:
    assert parse_mobile(prefix + "1234567") == "+966" + prefix[1:] + "1234567"


def test_unallocated_052_refused_as_invalid() -> None:
    error = error_of("0521234567")
    assert "غير صحيح" in error.message
    assert "ثابت" not in error.message


@pytest.mark.parametrize(
    "landline", ["0114123456", "011 412 3456", "+966114123456", "0126543210", "0138123456"]
)
def test_landline_refused_as_landline(landline: str) -> None:
    error = error_of(landline)
    assert "رقم الجوال" in error.message
    assert "ثابت" in error.message
    assert "ليس رقم جوال" in error.message


@pytest.mark.parametrize("other", ["920000000", "8001234567", "0800 123 4567"])
def test_unified_and_toll_free_refused(other: str) -> None:
    error = error_of(other)
    assert "ليس رقم جوال" in error.message
    assert "ثابت" not in error.message


@pytest.mark.parametrize(
    "foreign",
    [
        "+201001234567",
        "00201001234567",
        "+971501234567",
        "00971 50 123 4567",
        "+12025550123",
        "+447700900123",
    ],
)
def test_foreign_numbers_refused(foreign: str) -> None:
    error = error_of(foreign)
    assert "رقم الجوال" in error.message
    assert "السعودية فقط" in error.message


@pytest.mark.parametrize("empty", ["", "   ", "\u200e"])
def test_empty_is_required(empty: str) -> None:
    assert error_of(empty).message == "رقم الجوال: مطلوب"


@pytest.mark.parametrize(
    "garbage",
    [
        "abc",
        "05O1234567",  # letter O
        "0501234567x",  # phonenumbers alone would read x as an extension
        "0501234567 ext 5",
        "050+1234567",
        "++966501234567",
        "05/01234567",
        "جوال",
        "+",
        "--",
    ],
)
def test_non_numbers_refused(garbage: str) -> None:
    error = error_of(garbage)
    assert "رقم الجوال" in error.message
    assert "أرقام فقط" in error.message


@pytest.mark.parametrize(
    "invalid", ["05012345", "05012345678", "5", "050", "+9665012345678", "96650123456", "+999123"]
)
def test_wrong_length_or_unknown_refused(invalid: str) -> None:
    error = error_of(invalid)
    assert "رقم الجوال" in error.message
    assert "غير صحيح" in error.message


def test_field_and_label_can_be_overridden() -> None:
    error = error_of("0114123456", field="alternate_mobile", label="رقم الجوال البديل")
    assert error.message.startswith("رقم الجوال البديل:")


@pytest.mark.parametrize("typed", [E164, "0501234567", "٠٥٠١٢٣٤٥٦٧", "00966501234567"])
def test_format_mobile_local(typed: str) -> None:
    assert format_mobile_local(typed) == "0501234567"


def test_format_mobile_local_refuses_non_mobiles() -> None:
    with pytest.raises(ValidationError):
        format_mobile_local("+966114123456")
    with pytest.raises(ValidationError):
        format_mobile_local("")
