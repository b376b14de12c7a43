"""Dates in both calendars: Umm al-Qura Hijri (official in Saudi Arabia) and Gregorian.

Conversion uses hijridate, which implements the Umm al-Qura tables; Qt's QCalendar offers
only the tabular Islamic calendar, which differs by a day or two from the dates people see
on official papers. hijridate covers 1343/01/01–1500/12/30 H (1924/08/01–2077/11/16); a date
outside that range is refused with a message instead of a wrong Hijri date.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from hijridate import Gregorian, Hijri
from hijridate.ummalqura import GREGORIAN_RANGE, HIJRI_RANGE

from basmat_desk.domain.clock import RIYADH
from basmat_desk.domain.digits import fold_digits, strip_invisible
from basmat_desk.domain.errors import ValidationError

#: First and last Gregorian dates that have an Umm al-Qura Hijri date.
MIN_DATE = date(*GREGORIAN_RANGE[0])
MAX_DATE = date(*GREGORIAN_RANGE[1])
#: First and last supported Hijri years.
HIJRI_MIN_YEAR = HIJRI_RANGE[0][0]
HIJRI_MAX_YEAR = HIJRI_RANGE[1][0]

_DATE = re.compile(r"(\d{4})([-/])(\d{1,2})\2(\d{1,2})", re.ASCII)
#: What marks a typed date as Hijri ("1410/03/14 هـ") or Gregorian ("1989/10/13 م").
_HIJRI_MARKS = ("هـ", "ه")
_GREGORIAN_MARK = "م"
_DAY_FIRST = re.compile(r"\d{1,2}([-/])\d{1,2}\1\d{4}", re.ASCII)


def _gregorian_text(d: date) -> str:
    return f"{d.year:04d}/{d.month:02d}/{d.day:02d}"


def format_date(d: date) -> str:
    """How the application writes a Gregorian date everywhere: "2026/11/25"."""
    return _gregorian_text(d)


def format_date_time(moment: datetime) -> str:
    """An aware instant as the Riyadh date and time: "2026/11/25 09:40"."""
    local = moment.astimezone(RIYADH)
    return f"{_gregorian_text(local.date())} {local:%H:%M}"


def _to_hijri(d: date, field: str, label: str) -> Hijri:
    """Umm al-Qura date of `d`, or a ValidationError naming the field if out of range."""
    if not isinstance(d, date):
        raise ValidationError(field, f"{label}: مطلوب")
    try:
        return Gregorian(d.year, d.month, d.day).to_hijri()
    except (OverflowError, ValueError):
        raise ValidationError(
            field,
            f"{label}: {_gregorian_text(d)} م خارج نطاق التقويم الهجري المدعوم "
            f"(من {_gregorian_text(MIN_DATE)} إلى {_gregorian_text(MAX_DATE)} م)",
        ) from None


def hijri_year(d: date, field: str = "date", *, label: str = "التاريخ") -> int:
    """The Umm al-Qura year of `d`, which numbers letters and requests (1447/A/00017)."""
    return int(_to_hijri(d, field, label).year)


def format_hijri(d: date, field: str = "date", *, label: str = "التاريخ") -> str:
    """Format as "YYYY/MM/DD هـ" in the Umm al-Qura calendar, ASCII digits, zero-padded."""
    h = _to_hijri(d, field, label)
    return f"{h.year:04d}/{h.month:02d}/{h.day:02d} هـ"


def format_gregorian(d: date, field: str = "date", *, label: str = "التاريخ") -> str:
    """Format as "YYYY/MM/DD م", ASCII digits, zero-padded, year first as in official letters."""
    if not isinstance(d, date):
        raise ValidationError(field, f"{label}: مطلوب")
    return f"{_gregorian_text(d)} م"


def format_dual(d: date, field: str = "date", *, label: str = "التاريخ") -> str:
    """Both calendars, as printed on letters: "1448/06/15 هـ الموافق 2026/11/25 م"."""
    return (
        f"{format_hijri(d, field, label=label)} الموافق {format_gregorian(d, field, label=label)}"
    )


def parse_date(text: str, field: str = "date", *, label: str = "التاريخ") -> date:
    """Read a Gregorian date typed as YYYY-MM-DD or YYYY/MM/DD (Arabic-Indic digits too)."""
    if text is None or not isinstance(text, str):
        raise ValidationError(field, f"{label}: مطلوب")
    cleaned = fold_digits(strip_invisible(text)).strip()
    if not cleaned:
        raise ValidationError(field, f"{label}: مطلوب")
    match = _DATE.fullmatch(cleaned)
    if match is None:
        if _DAY_FIRST.fullmatch(cleaned):
            raise ValidationError(
                field,
                f"{label}: اكتب السنة أولًا ثم الشهر ثم اليوم، مثل 2026/11/25",
            )
        raise ValidationError(
            field, f"{label}: الصيغة غير صحيحة، اكتب التاريخ الميلادي مثل 2026/11/25"
        )
    year, month, day = int(match[1]), int(match[3]), int(match[4])
    if year < 1:
        raise ValidationError(field, f"{label}: السنة غير صحيحة")
    if not 1 <= month <= 12:
        raise ValidationError(field, f"{label}: الشهر يجب أن يكون بين 1 و12")
    try:
        return date(year, month, day)
    except ValueError:
        raise ValidationError(
            field, f"{label}: اليوم {day} غير موجود في الشهر {month} من سنة {year}"
        ) from None


def _date_parts(cleaned: str, field: str, label: str, example: str) -> tuple[int, int, int]:
    match = _DATE.fullmatch(cleaned)
    if match is None:
        if _DAY_FIRST.fullmatch(cleaned):
            raise ValidationError(
                field, f"{label}: اكتب السنة أولًا ثم الشهر ثم اليوم، مثل {example}"
            )
        raise ValidationError(field, f"{label}: الصيغة غير صحيحة، اكتب التاريخ مثل {example}")
    year, month, day = int(match[1]), int(match[3]), int(match[4])
    if not 1 <= month <= 12:
        raise ValidationError(field, f"{label}: الشهر يجب أن يكون بين 1 و12")
    return year, month, day


def parse_hijri_or_gregorian(
    text: str, field: str = "date", *, label: str = "التاريخ"
) -> tuple[date, bool]:
    """Read a date typed in either calendar; return its Gregorian date and whether it was Hijri.

    Saudi IDs and family records carry Hijri dates, so both are accepted, year first:
    "1410/03/14" is Umm al-Qura (its year is in the Hijri range, 1343–1500), "1989/10/13" is
    Gregorian; "هـ" or "م" after the date says which outright. Arabic-Indic digits too.
    """
    if text is None or not isinstance(text, str):
        raise ValidationError(field, f"{label}: مطلوب")
    cleaned = fold_digits(strip_invisible(text)).strip()
    if not cleaned:
        raise ValidationError(field, f"{label}: مطلوب")
    marked_hijri = cleaned.endswith(_HIJRI_MARKS)
    marked_gregorian = cleaned.endswith(_GREGORIAN_MARK)
    for mark in (*_HIJRI_MARKS, _GREGORIAN_MARK):
        cleaned = cleaned.removesuffix(mark).strip()
    example = "2026/11/25 أو 1448/06/05 هـ"
    year, month, day = _date_parts(cleaned, field, label, example)
    hijri = marked_hijri or (not marked_gregorian and HIJRI_MIN_YEAR <= year <= HIJRI_MAX_YEAR)
    if not hijri:
        return parse_date(f"{year:04d}/{month:02d}/{day:02d}", field, label=label), False
    try:
        converted = Hijri(year, month, day).to_gregorian()
    except OverflowError:
        raise ValidationError(
            field,
            f"{label}: السنة الهجرية {year} خارج النطاق المدعوم "
            f"(من {HIJRI_MIN_YEAR} إلى {HIJRI_MAX_YEAR} هـ)",
        ) from None
    except ValueError:
        raise ValidationError(
            field, f"{label}: اليوم {day} غير موجود في الشهر {month} من سنة {year} هـ"
        ) from None
    return date(converted.year, converted.month, converted.day), True
