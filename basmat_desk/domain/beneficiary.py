"""The beneficiary registration form: every field checked as the receptionist types.

The GUI calls `validate_field` on each keystroke or focus change and shows the Arabic message
under the field; saving goes through `parse_form`, which turns the raw text of the whole form
(`BeneficiaryForm`) into clean typed values (`BeneficiaryData`) or raises the first error in
form order. `form_errors` lists every error at once, to highlight every bad field.

Every message is "<Arabic label of the field>: <what is wrong>", so it names its field
wherever it is shown. Digits may be typed as Arabic-Indic or Persian digits everywhere.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from basmat_desk.domain.arabic import TATWEEL, strip_harakat
from basmat_desk.domain.calendar import format_date, parse_hijri_or_gregorian
from basmat_desk.domain.clock import local_today
from basmat_desk.domain.digits import fold_digits, is_ascii_digits, strip_invisible
from basmat_desk.domain.enums import Gender, IdType, MaritalStatus
from basmat_desk.domain.errors import FormInvalid, ValidationError
from basmat_desk.domain.identity import parse_document_number, parse_national_id
from basmat_desk.domain.phone import format_mobile_local, parse_mobile
from basmat_desk.domain.text import clean_line, clean_text

#: Every field of the form, in form order: code → Arabic label.
FIELDS: dict[str, str] = {
    "first_name": "الاسم الأول",
    "father_name": "اسم الأب",
    "grandfather_name": "اسم الجد",
    "family_name": "اسم العائلة",
    "id_type": "نوع الهوية",
    "id_number": "رقم الهوية",
    "nationality": "الجنسية",
    "gender": "الجنس",
    "birth_date": "تاريخ الميلاد",
    "marital_status": "الحالة الاجتماعية",
    "mobile": "رقم الجوال",
    "mobile_alt": "جوال بديل",
    "address_building_no": "رقم المبنى",
    "address_street": "الشارع",
    "address_district": "الحي",
    "address_city": "المدينة",
    "address_postal_code": "الرمز البريدي",
    "address_additional_no": "الرقم الإضافي",
    "address_short": "العنوان المختصر",
    "family_size": "عدد أفراد الأسرة",
    "monthly_income": "الدخل الشهري",
    "income_source": "مصدر الدخل",
    "employment": "الوظيفة",
    "notes": "ملاحظات",
}

#: Nationalities common among applicants, ISO 3166 alpha-2 code → Arabic name (Saudi first).
#: "XX" is not an ISO country: it records people without a nationality (بدون).
NATIONALITIES: dict[str, str] = {
    "SA": "السعودية",
    "EG": "مصر",
    "YE": "اليمن",
    "SD": "السودان",
    "PK": "باكستان",
    "IN": "الهند",
    "BD": "بنغلاديش",
    "PH": "الفلبين",
    "ID": "إندونيسيا",
    "SY": "سوريا",
    "JO": "الأردن",
    "PS": "فلسطين",
    "ET": "إثيوبيا",
    "ER": "إريتريا",
    "SO": "الصومال",
    "NG": "نيجيريا",
    "AF": "أفغانستان",
    "LK": "سريلانكا",
    "NP": "نيبال",
    "TR": "تركيا",
    "LB": "لبنان",
    "IQ": "العراق",
    "MA": "المغرب",
    "TN": "تونس",
    "DZ": "الجزائر",
    "XX": "غير محدد الجنسية (بدون)",
}
SAUDI = "SA"

NAME_MIN_LENGTH = 2
NAME_MAX_LENGTH = 40
#: Compound names have spaces (عبد الله، عبد رب الرسول، آل الشيخ); more words than this
#: means the whole name was typed into one box.
NAME_MAX_WORDS = 3
EARLIEST_BIRTH_YEAR = 1900
FAMILY_SIZE_RANGE = (1, 30)
MAX_MONTHLY_INCOME = 1_000_000
#: Lengths of the free-text fields (the store's column sizes).
TEXT_LIMITS: dict[str, int] = {
    "address_street": 120,
    "address_district": 120,
    "address_city": 80,
    "income_source": 120,
    "employment": 120,
    "notes": 2000,
}
ADDRESS_FIELDS: tuple[str, ...] = (
    "address_building_no",
    "address_street",
    "address_district",
    "address_city",
    "address_postal_code",
    "address_additional_no",
    "address_short",
)

_REQUIRED_NAMES = frozenset({"first_name", "family_name"})
_WHITESPACE = re.compile(r"\s+")
_SHORT_ADDRESS = re.compile(r"[A-Z]{4}[0-9]{4}")
_WHOLE_NUMBER = re.compile(r"[0-9]+|[0-9]{1,3}(?:[,\u066C][0-9]{3})+")
_DECIMAL = re.compile(r"[0-9,\u066C]*[.\u066B][0-9]+")
_NAME_DROP: dict[int, None] = {TATWEEL: None}
_MAX_DIGITS = 9  # every whole number of the form fits in PostgreSQL's INTEGER
_FIXED_LENGTHS: dict[str, int] = {
    "address_building_no": 4,
    "address_postal_code": 5,
    "address_additional_no": 4,
}


@dataclass(frozen=True, slots=True)
class BeneficiaryForm:
    """The raw text of the registration form, as typed (codes for the choice fields)."""

    first_name: str = ""
    father_name: str = ""
    grandfather_name: str = ""
    family_name: str = ""
    id_type: str = ""
    id_number: str = ""
    nationality: str = SAUDI
    gender: str = ""
    birth_date: str = ""
    marital_status: str = ""
    mobile: str = ""
    mobile_alt: str = ""
    address_building_no: str = ""
    address_street: str = ""
    address_district: str = ""
    address_city: str = ""
    address_postal_code: str = ""
    address_additional_no: str = ""
    address_short: str = ""
    family_size: str = ""
    monthly_income: str = ""
    income_source: str = ""
    employment: str = ""
    notes: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class BeneficiaryData:
    """A valid form as clean typed values, ready to be stored (fields in form order)."""

    first_name: str
    father_name: str | None = None
    grandfather_name: str | None = None
    family_name: str
    id_type: IdType
    id_number: str
    nationality: str = SAUDI
    gender: Gender
    birth_date: date | None = None
    marital_status: MaritalStatus | None = None
    mobile: str
    mobile_alt: str | None = None
    address_building_no: str | None = None
    address_street: str | None = None
    address_district: str | None = None
    address_city: str | None = None
    address_postal_code: str | None = None
    address_additional_no: str | None = None
    address_short: str | None = None
    family_size: int | None = None
    monthly_income: int | None = None
    income_source: str | None = None
    employment: str | None = None
    notes: str | None = None

    @property
    def full_name(self) -> str:
        return full_name(self.first_name, self.father_name, self.grandfather_name, self.family_name)


def full_name(
    first: str | None, father: str | None, grandfather: str | None, family: str | None
) -> str:
    """The four-part name as one line, skipping the parts that are missing."""
    parts = (first, father, grandfather, family)
    return " ".join(part.strip() for part in parts if part and part.strip())


# --- one validator per field: (field, text, rest of the form, today) → clean value -------------

_Form = BeneficiaryForm | None
_Today = date | None
_Validator = Callable[[str, str, _Form, _Today], object]


def _error(field: str, problem: str) -> ValidationError:
    return ValidationError(field, f"{FIELDS[field]}: {problem}")


def _relabel(error: ValidationError, field: str) -> ValidationError:
    """The same problem, named with this form's label (the parsers name the document)."""
    _, sep, problem = error.message.partition(": ")
    return _error(field, problem if sep else error.message)


def _line(text: str) -> str:
    """One line of free text: invisible marks and controls removed, whitespace squeezed."""
    return clean_line(strip_invisible(text))


def _compact_digits(text: str) -> str:
    """Digits folded to ASCII, invisible marks and every space removed."""
    return _WHITESPACE.sub("", fold_digits(strip_invisible(text)))


def _is_arabic_letter(char: str) -> bool:
    code = ord(char)
    return (0x0600 <= code <= 0x06FF or 0x0750 <= code <= 0x077F) and unicodedata.category(
        char
    ) == "Lo"


def _name(field: str, text: str, form: _Form, today: _Today) -> str | None:
    cleaned = _line(strip_harakat(unicodedata.normalize("NFKC", text)).translate(_NAME_DROP))
    if not cleaned:
        if field in _REQUIRED_NAMES:
            raise _error(field, "مطلوب")
        return None
    if any(char.isascii() and char.isalpha() for char in cleaned):
        raise _error(field, "اكتب الاسم بالحروف العربية، دون حروف لاتينية")
    if any(char.isdigit() for char in cleaned):
        raise _error(field, "لا يقبل الأرقام؛ اكتب الاسم بالحروف العربية")
    for char in cleaned:
        if char != " " and not _is_arabic_letter(char):
            raise _error(field, f"يقبل الحروف العربية والمسافات فقط، والرمز «{char}» غير مقبول")
    if len(cleaned.split()) > NAME_MAX_WORDS:
        raise _error(field, "اكتب هذا الجزء من الاسم وحده؛ لكل جزء من الاسم الرباعي خانة")
    if len(cleaned) < NAME_MIN_LENGTH:
        raise _error(field, f"حرفان على الأقل ({NAME_MIN_LENGTH})")
    if len(cleaned) > NAME_MAX_LENGTH:
        raise _error(field, f"{NAME_MAX_LENGTH} حرفًا على الأكثر، والمدخل {len(cleaned)}")
    return cleaned


def _id_type(field: str, text: str, form: _Form, today: _Today) -> IdType:
    code = text.strip()
    if not code:
        raise _error(field, "مطلوب")
    try:
        return IdType(code)
    except ValueError:
        raise _error(field, "غير معروف؛ اختر من القائمة") from None


def _id_number(field: str, text: str, form: _Form, today: _Today) -> str:
    try:
        kind: IdType | None = IdType(form.id_type.strip()) if form is not None else None
    except ValueError:
        kind = None
    try:
        if kind is None:
            # The type is not chosen yet: check the number as the commonest documents.
            return parse_national_id(text, field)
        return parse_document_number(kind, text, field)
    except ValidationError as error:
        raise _relabel(error, field) from None


def _nationality(field: str, text: str, form: _Form, today: _Today) -> str:
    code = text.strip().upper()
    if not code:
        raise _error(field, "مطلوبة")
    if code not in NATIONALITIES:
        raise _error(field, "غير معروفة؛ اختر من القائمة")
    return code


def _gender(field: str, text: str, form: _Form, today: _Today) -> Gender:
    code = text.strip()
    if not code:
        raise _error(field, "مطلوب")
    try:
        return Gender(code)
    except ValueError:
        raise _error(field, "غير معروف؛ اختر ذكر أو أنثى") from None


def _birth_date(field: str, text: str, form: _Form, today: _Today) -> date | None:
    if not _line(text):
        return None
    try:
        born, _hijri = parse_hijri_or_gregorian(text, field, label=FIELDS[field])
    except ValidationError as error:
        raise _relabel(error, field) from None
    if born > (today or local_today()):
        raise _error(field, "لا يكون في المستقبل؛ راجع السنة والشهر واليوم")
    if born.year < EARLIEST_BIRTH_YEAR:
        raise _error(field, f"قبل سنة {EARLIEST_BIRTH_YEAR}؛ راجع السنة")
    return born


def _marital_status(field: str, text: str, form: _Form, today: _Today) -> MaritalStatus | None:
    code = text.strip()
    if not code:
        return None
    try:
        return MaritalStatus(code)
    except ValueError:
        raise _error(field, "غير معروفة؛ اختر من القائمة") from None


def _mobile(field: str, text: str, form: _Form, today: _Today) -> str:
    try:
        return parse_mobile(text, field, label=FIELDS[field])
    except ValidationError as error:
        if not _line(text):
            raise _error(
                field, "مطلوب؛ تحتاجه الجمعية للتواصل مع المستفيد وإبلاغه بالقرار"
            ) from None
        raise _relabel(error, field) from None


def _mobile_alt(field: str, text: str, form: _Form, today: _Today) -> str | None:
    if not _line(text):
        return None
    try:
        alternate = parse_mobile(text, field, label=FIELDS[field])
    except ValidationError as error:
        raise _relabel(error, field) from None
    if form is not None:
        try:
            main = parse_mobile(form.mobile)
        except ValidationError:
            main = None  # the mobile field shows its own error
        if alternate == main:
            raise _error(field, "هو رقم الجوال نفسه؛ أدخل رقمًا آخر أو اتركه فارغًا")
    return alternate


def _fixed_digits(field: str, text: str, form: _Form, today: _Today) -> str | None:
    length = _FIXED_LENGTHS[field]
    compact = _compact_digits(text)
    if not compact:
        return None
    if not is_ascii_digits(compact):
        raise _error(field, "أرقام فقط، دون حروف أو رموز")
    if len(compact) != length:
        raise _error(field, f"يجب أن يتكون من {length} أرقام، وعدد الأرقام المدخلة {len(compact)}")
    return compact


def _short_address(field: str, text: str, form: _Form, today: _Today) -> str | None:
    compact = _compact_digits(text).upper()
    if not compact:
        return None
    if not _SHORT_ADDRESS.fullmatch(compact):
        raise _error(field, "4 حروف لاتينية ثم 4 أرقام كما في العنوان الوطني، مثل RRRD2929")
    return compact


def _free_text(field: str, text: str, form: _Form, today: _Today) -> str | None:
    cleaned = clean_text(text) if field == "notes" else _line(text)
    if not cleaned:
        return None
    limit = TEXT_LIMITS[field]
    if len(cleaned) > limit:
        raise _error(field, f"{limit} حرفًا على الأكثر، والمدخل {len(cleaned)}")
    return cleaned


def _city(field: str, text: str, form: _Form, today: _Today) -> str | None:
    city = _free_text(field, text, form, today)
    if city is None and form is not None:
        others = (f for f in ADDRESS_FIELDS if f != "address_city")
        if any(_line(getattr(form, f)) for f in others):
            raise _error(field, "مطلوبة عند إدخال أي جزء من العنوان الوطني")
    return city


def _whole_number(field: str, text: str, *, example: str, fraction: str) -> int | None:
    """A non-negative whole number, thousands separators (, or ٬) allowed."""
    compact = _compact_digits(text)
    if not compact:
        return None
    if compact.startswith("-") and _WHOLE_NUMBER.fullmatch(compact[1:]):
        raise _error(field, "لا يكون سالبًا")
    if _DECIMAL.fullmatch(compact):
        raise _error(field, fraction)
    if not _WHOLE_NUMBER.fullmatch(compact):
        raise _error(field, f"اكتبه بالأرقام فقط، مثل {example}")
    digits = compact.replace(",", "").replace("\u066c", "").lstrip("0") or "0"
    if len(digits) > _MAX_DIGITS:  # and Python reads no more than 4,300 digits
        raise _error(field, "رقم أكبر من المقبول؛ راجع القيمة")
    return int(digits)


def _family_size(field: str, text: str, form: _Form, today: _Today) -> int | None:
    size = _whole_number(field, text, example="5", fraction="عدد صحيح دون كسور")
    low, high = FAMILY_SIZE_RANGE
    if size is not None and not low <= size <= high:
        raise _error(field, f"يجب أن يكون بين {low} و{high}")
    return size


def _monthly_income(field: str, text: str, form: _Form, today: _Today) -> int | None:
    income = _whole_number(
        field, text, example="3500 أو 3,500", fraction="بالريال دون هللات أو كسور"
    )
    if income is not None and income > MAX_MONTHLY_INCOME:
        raise _error(field, f"لا يزيد على {MAX_MONTHLY_INCOME:,} ريال؛ راجع المبلغ")
    return income


# --- the API ------------------------------------------------------------------------------------

_VALIDATORS: dict[str, _Validator] = {
    "first_name": _name,
    "father_name": _name,
    "grandfather_name": _name,
    "family_name": _name,
    "id_type": _id_type,
    "id_number": _id_number,
    "nationality": _nationality,
    "gender": _gender,
    "birth_date": _birth_date,
    "marital_status": _marital_status,
    "mobile": _mobile,
    "mobile_alt": _mobile_alt,
    "address_building_no": _fixed_digits,
    "address_street": _free_text,
    "address_district": _free_text,
    "address_city": _city,
    "address_postal_code": _fixed_digits,
    "address_additional_no": _fixed_digits,
    "address_short": _short_address,
    "family_size": _family_size,
    "monthly_income": _monthly_income,
    "income_source": _free_text,
    "employment": _free_text,
    "notes": _free_text,
}


def validate_field(
    field: str, text: str, form: BeneficiaryForm | None = None, *, today: date | None = None
) -> object:
    """The clean value of one field, or ValidationError(field, "<label>: <problem>").

    `form` (the rest of the form as typed) is needed by the cross-field rules: the ID number
    against the ID type, the alternate mobile against the mobile, the city when any other part
    of the address is given; without it those rules are skipped (an ID number is then checked
    as a national ID or iqama). `today` (default: today in Riyadh) is for tests. An empty
    optional field gives None.
    """
    try:
        validator = _VALIDATORS[field]
    except KeyError:
        raise ValueError(f"unknown beneficiary field: {field!r}") from None
    return validator(field, text if isinstance(text, str) else "", form, today)


def _check(
    form: BeneficiaryForm, today: date | None
) -> tuple[dict[str, object], list[ValidationError]]:
    values: dict[str, object] = {}
    errors: list[ValidationError] = []
    for field in FIELDS:
        try:
            values[field] = validate_field(field, getattr(form, field), form, today=today)
        except ValidationError as error:
            errors.append(error)
    return values, errors


def form_errors(form: BeneficiaryForm, *, today: date | None = None) -> list[ValidationError]:
    """Every error of the form, in form order (empty when the form is valid)."""
    return _check(form, today)[1]


def parse_form(form: BeneficiaryForm, *, today: date | None = None) -> BeneficiaryData:
    """The clean data of a whole form, or FormInvalid listing every error in form order (it is
    the first error itself, for code that shows one)."""
    values, errors = _check(form, today)
    if errors:
        raise FormInvalid(errors)
    return BeneficiaryData(**values)  # type: ignore[arg-type]


def _typed_text(field: str, value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, date):
        return format_date(value)
    if field in ("mobile", "mobile_alt") and isinstance(value, str):
        return format_mobile_local(value)
    return str(value)


def form_of(values: object) -> BeneficiaryForm:
    """The form filled with a person's values (a stored record or clean data), as the
    receptionist would have typed them: mobiles as 05…, dates as 2026/11/25."""
    return BeneficiaryForm(**{f: _typed_text(f, getattr(values, f)) for f in FIELDS})
