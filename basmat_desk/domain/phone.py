"""Saudi mobile numbers: every way people write them, one stored form (E.164).

Classification comes from Google's libphonenumber metadata (the `phonenumbers` package), not
from a hand-written prefix list, so new ranges arrive with library updates. With
phonenumbers 9.0 the Saudi mobile ranges are 050, 051, 053, 054, 055, 056, 057 (except
0579 9xxxxx), 058 and 059; 052 is not allocated and is refused as an invalid number.
Landlines (011…, 012…, …), unified numbers (9200…) and toll-free numbers (800…) are valid
Saudi numbers but not mobiles, and are refused with a message saying so: the mobile is
where the association sends SMS about decisions and appointments.
"""

from __future__ import annotations

import re

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberType

from basmat_desk.domain.digits import fold_digits, strip_invisible
from basmat_desk.domain.errors import ValidationError

SAUDI_COUNTRY_CODE = 966
SAUDI_REGION = "SA"

# Digits with the separators people type (spaces, dashes, dots, brackets), at most one
# leading "+". Checked before phonenumbers, which would otherwise ignore trailing letters
# (it reads "x123" as an extension) and accept vanity letters.
_ALLOWED = re.compile(r"\+?[0-9 \t\-().]+")


def parse_mobile(text: str, field: str = "mobile", *, label: str = "رقم الجوال") -> str:
    """Validate a Saudi mobile number in any common form and return it as "+9665XXXXXXXX".

    Accepts 05XXXXXXXX, 5XXXXXXXX, +9665…, 009665…, 9665…, with spaces or dashes and with
    Arabic-Indic digits. Refuses landlines, foreign numbers and anything that is not a number.
    """
    if text is None or not isinstance(text, str):
        raise ValidationError(field, f"{label}: مطلوب")
    cleaned = fold_digits(strip_invisible(text)).strip()
    if not cleaned:
        raise ValidationError(field, f"{label}: مطلوب")
    if not _ALLOWED.fullmatch(cleaned) or not any(c.isdigit() for c in cleaned):
        raise ValidationError(
            field,
            f"{label}: يجب أن يتكون من أرقام فقط (تُقبل المسافات والشرطات وعلامة + في أوله)",
        )
    invalid = ValidationError(
        field, f"{label}: الرقم غير صحيح؛ رقم الجوال السعودي 10 أرقام يبدأ بـ 05، مثل 0501234567"
    )
    try:
        number = phonenumbers.parse(cleaned, SAUDI_REGION)
    except NumberParseException:
        raise invalid from None
    if number.country_code != SAUDI_COUNTRY_CODE:
        raise ValidationError(
            field, f"{label}: تُقبل أرقام الجوال السعودية فقط (تبدأ بـ 05 أو +966 5)"
        )
    if not phonenumbers.is_valid_number(number):
        raise invalid
    kind = phonenumbers.number_type(number)
    if kind == PhoneNumberType.FIXED_LINE:
        raise ValidationError(
            field, f"{label}: هذا رقم هاتف ثابت وليس رقم جوال؛ أدخل رقم جوال يبدأ بـ 05"
        )
    if kind != PhoneNumberType.MOBILE:
        raise ValidationError(field, f"{label}: هذا الرقم ليس رقم جوال؛ أدخل رقم جوال يبدأ بـ 05")
    e164: str = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return e164


def format_mobile_local(e164: str) -> str:
    """The form people read and dial at home, "05XXXXXXXX", for display and printing."""
    normalized = parse_mobile(e164)
    return "0" + normalized[len("+966") :]
