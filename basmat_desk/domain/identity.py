"""Identity documents: Saudi national ID, iqama, passport and border numbers.

A Saudi national ID (هوية وطنية) or iqama (إقامة) number is 10 digits: the first is 1 for a
citizen and 2 for a resident, the last is a Luhn check digit. The Saudi description of the
check ("digits at even positions, counting from 0, are doubled and digit-summed, the others
added; the total is a multiple of 10") is exactly the standard Luhn check over the 10 digits:
Luhn doubles every second digit counting from the right-most (check) digit, which for a
10-digit number are the left-to-right indices 8, 6, 4, 2, 0. Luhn catches every single-digit
error, which is why we can reject a mistyped ID at the counter.
"""

from __future__ import annotations

import re

from basmat_desk.domain.digits import fold_digits, is_ascii_digits, strip_invisible
from basmat_desk.domain.enums import IdType
from basmat_desk.domain.errors import ValidationError

NATIONAL_ID_LENGTH = 10
PASSPORT_MIN_LENGTH = 6
PASSPORT_MAX_LENGTH = 12
BORDER_NUMBER_LENGTH = 10

#: Arabic name of the number field for each document type, used in messages.
DOCUMENT_LABELS: dict[IdType, str] = {
    IdType.NATIONAL_ID: "رقم الهوية الوطنية",
    IdType.IQAMA: "رقم الإقامة",
    IdType.PASSPORT: "رقم جواز السفر",
    IdType.BORDER_NUMBER: "رقم الحدود",
}

_FIRST_DIGIT_KIND: dict[str, IdType] = {"1": IdType.NATIONAL_ID, "2": IdType.IQAMA}
_WHITESPACE = re.compile(r"\s+")
_PASSPORT = re.compile(r"[A-Za-z0-9]+")


def _luhn_sum(digits: str) -> int:
    """Saudi/Luhn weighted sum: even (0-based) indices doubled and digit-summed."""
    total = 0
    for index, char in enumerate(digits):
        value = ord(char) - 48
        if index % 2 == 0:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total


def _compact(text: str) -> str:
    """Invisible marks removed, digits folded, all whitespace (outer and inner) removed."""
    return _WHITESPACE.sub("", fold_digits(strip_invisible(text)))


def _digits_field(text: str, field: str, label: str, length: int) -> str:
    """The common checks of a fixed-length all-digit number: present, digits only, length."""
    if text is None or not isinstance(text, str) or not _compact(text):
        raise ValidationError(field, f"{label}: مطلوب")
    compact = _compact(text)
    if not is_ascii_digits(compact):
        raise ValidationError(
            field, f"{label}: يجب أن يتكون من أرقام فقط، دون حروف أو رموز أو شرطات"
        )
    if len(compact) != length:
        raise ValidationError(
            field,
            f"{label}: يجب أن يتكون من {length} أرقام، وعدد الأرقام المدخلة {len(compact)}",
        )
    return compact


def parse_national_id(text: str, field: str = "national_id", *, label: str = "رقم الهوية") -> str:
    """Validate a national ID or iqama number as typed and return its 10 ASCII digits.

    Arabic-Indic digits, surrounding whitespace and spaces between digit groups are accepted,
    because that is how numbers are read out and typed at the counter; anything else is refused
    with a message that says what to fix.
    """
    digits = _digits_field(text, field, label, NATIONAL_ID_LENGTH)
    if digits[0] not in _FIRST_DIGIT_KIND:
        raise ValidationError(
            field,
            f"{label}: يجب أن يبدأ بالرقم 1 (هوية وطنية) أو بالرقم 2 (إقامة)",
        )
    if _luhn_sum(digits) % 10 != 0:
        raise ValidationError(
            field, f"{label}: الرقم غير صحيح (رقم التحقق لا يطابق)، راجع الأرقام المدخلة"
        )
    return digits


def id_kind(national_id: str) -> IdType:
    """Whether a valid 10-digit number is a national ID (starts with 1) or an iqama (2)."""
    return _FIRST_DIGIT_KIND[parse_national_id(national_id)[0]]


def check_digit(prefix9: str) -> str:
    """The Luhn check digit that completes nine ASCII digits into a valid number."""
    # The check digit sits at index 9 (odd), so it is added as is.
    return str((10 - _luhn_sum(prefix9) % 10) % 10)


def make_national_id(prefix9: str) -> str:
    """Complete nine digits (starting with 1 or 2) with their check digit.

    For the synthetic-data generator and tests only: the numbers it makes are valid in form
    but never taken from real people.
    """
    field, label = "national_id", "رقم الهوية"
    digits = _digits_field(prefix9, field, label, NATIONAL_ID_LENGTH - 1)
    if digits[0] not in _FIRST_DIGIT_KIND:
        raise ValidationError(
            field, f"{label}: يجب أن يبدأ بالرقم 1 (هوية وطنية) أو بالرقم 2 (إقامة)"
        )
    return digits + check_digit(digits)


def parse_document_number(id_type: IdType, text: str, field: str = "id_number") -> str:
    """Validate the number of an identity document of the given type; return its stored form.

    National ID and iqama: 10 digits with a valid check digit, and the first digit must match
    the type (a resident's iqama entered as a national ID is a data error we catch here).
    Passport: 6–12 Latin letters or digits, upper-cased. Border number: 10 digits.
    """
    try:
        kind = IdType(id_type)
    except ValueError:
        raise ValidationError("id_type", "نوع الهوية: غير معروف") from None
    label = DOCUMENT_LABELS[kind]
    if kind in (IdType.NATIONAL_ID, IdType.IQAMA):
        digits = parse_national_id(text, field, label=label)
        if _FIRST_DIGIT_KIND[digits[0]] is not kind:
            if kind is IdType.NATIONAL_ID:
                hint = "رقم الهوية الوطنية يبدأ بالرقم 1، وهذا رقم إقامة"
            else:
                hint = "رقم الإقامة يبدأ بالرقم 2، وهذا رقم هوية وطنية"
            raise ValidationError(field, f"{label}: {hint}؛ تأكد من نوع الهوية")
        return digits
    if kind is IdType.BORDER_NUMBER:
        return _digits_field(text, field, label, BORDER_NUMBER_LENGTH)
    # Passport
    if text is None or not isinstance(text, str) or not _compact(text):
        raise ValidationError(field, f"{label}: مطلوب")
    compact = _compact(text)
    if not _PASSPORT.fullmatch(compact):
        raise ValidationError(field, f"{label}: يجب أن يتكون من حروف لاتينية (A–Z) وأرقام فقط")
    if not PASSPORT_MIN_LENGTH <= len(compact) <= PASSPORT_MAX_LENGTH:
        raise ValidationError(
            field,
            f"{label}: يجب أن يتكون من {PASSPORT_MIN_LENGTH} إلى {PASSPORT_MAX_LENGTH} "
            f"حرفًا أو رقمًا، وعدد المدخل {len(compact)}",
        )
    return compact.upper()
