"""Umm al-Qura / Gregorian formatting and typed-date parsing."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from basmat_desk.domain.calendar import (
    MAX_DATE,
    MIN_DATE,
    format_date,
    format_date_time,
    format_dual,
    format_gregorian,
    format_hijri,
    hijri_year,
    parse_date,
    parse_hijri_or_gregorian,
)
from basmat_desk.domain.errors import ValidationError


def test_format_dual_reference_date() -> None:
    assert format_dual(date(2026, 11, 25)) == "1448/06/15 هـ الموافق 2026/11/25 م"


@pytest.mark.parametrize(
    ("gregorian", "hijri"),
    [
        # Dates announced in Saudi Arabia (Umm al-Qura): 1 Ramadan 1446, 1 Shawwal 1446,
        # 1 Muharram 1447.
        (date(2025, 3, 1), "1446/09/01 هـ"),
        (date(2025, 3, 30), "1446/10/01 هـ"),
        (date(2025, 6, 26), "1447/01/01 هـ"),
    ],
)
def test_format_hijri_umm_al_qura(gregorian: date, hijri: str) -> None:
    assert format_hijri(gregorian) == hijri


def test_hijri_year_changes_on_1_muharram() -> None:
    assert hijri_year(date(2025, 6, 25)) == 1446
    assert hijri_year(date(2025, 6, 26)) == 1447
    assert hijri_year(date(2026, 11, 25)) == 1448


def test_format_gregorian_zero_padded() -> None:
    assert format_gregorian(date(2026, 1, 5)) == "2026/01/05 م"


def test_datetime_is_accepted_as_its_date() -> None:
    assert format_dual(datetime(2026, 11, 25, 23, 59)) == "1448/06/15 هـ الموافق 2026/11/25 م"


def test_supported_range_edges() -> None:
    assert format_hijri(MIN_DATE) == "1343/01/01 هـ"
    assert format_hijri(MAX_DATE) == "1500/12/30 هـ"


@pytest.mark.parametrize(
    "outside", [MIN_DATE - timedelta(days=1), MAX_DATE + timedelta(days=1), date(1, 1, 1)]
)
@pytest.mark.parametrize("function", [format_dual, format_hijri, hijri_year])
def test_outside_range_refused(outside: date, function: object) -> None:
    with pytest.raises(ValidationError) as info:
        function(outside)  # type: ignore[operator]
    assert info.value.field == "date"
    assert info.value.message.startswith("التاريخ:")
    assert "خارج نطاق" in info.value.message


def test_outside_range_names_the_given_field() -> None:
    with pytest.raises(ValidationError) as info:
        format_dual(date(2100, 1, 1), "birth_date", label="تاريخ الميلاد")
    assert info.value.field == "birth_date"
    assert info.value.message.startswith("تاريخ الميلاد:")


def test_missing_date_refused() -> None:
    with pytest.raises(ValidationError) as info:
        format_dual(None)  # type: ignore[arg-type]
    assert info.value.message == "التاريخ: مطلوب"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2026-11-25", date(2026, 11, 25)),
        ("2026/11/25", date(2026, 11, 25)),
        ("٢٠٢٦/١١/٢٥", date(2026, 11, 25)),
        ("۲۰۲۶-۱۱-۲۵", date(2026, 11, 25)),
        (" 2026-1-5 ", date(2026, 1, 5)),
        ("2024-02-29", date(2024, 2, 29)),
        ("\u20662026/11/25\u2069", date(2026, 11, 25)),
    ],
)
def test_parse_date_accepted(typed: str, expected: date) -> None:
    assert parse_date(typed) == expected


@pytest.mark.parametrize(
    ("typed", "hint"),
    [
        ("", "مطلوب"),
        ("   ", "مطلوب"),
        ("25/11/2026", "السنة أولًا"),
        ("25-11-2026", "السنة أولًا"),
        ("2026-11/25", "الصيغة غير صحيحة"),
        ("2026.11.25", "الصيغة غير صحيحة"),
        ("20261125", "الصيغة غير صحيحة"),
        ("26/11/25", "الصيغة غير صحيحة"),
        ("أمس", "الصيغة غير صحيحة"),
        ("2026-13-01", "الشهر"),
        ("2026-00-10", "الشهر"),
        ("2026-02-30", "غير موجود"),
        ("2025-02-29", "غير موجود"),
        ("2026-04-31", "غير موجود"),
        ("0000-01-01", "السنة"),
    ],
)
def test_parse_date_refused(typed: str, hint: str) -> None:
    with pytest.raises(ValidationError) as info:
        parse_date(typed)
    assert info.value.field == "date"
    assert info.value.message.startswith("التاريخ:")
    assert hint in info.value.message


def test_parse_date_names_the_given_field() -> None:
    with pytest.raises(ValidationError) as info:
        parse_date("x", "birth_date", label="تاريخ الميلاد")
    assert info.value.field == "birth_date"
    assert info.value.message.startswith("تاريخ الميلاد:")


# --- either calendar, as Saudi papers carry them ------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "gregorian", "was_hijri"),
    [
        ("1410/03/14", date(1989, 10, 13), True),  # a year in the Hijri range is Hijri
        ("1410-03-14", date(1989, 10, 13), True),
        ("١٤١٠/٠٣/١٤", date(1989, 10, 13), True),
        ("1410/03/14 هـ", date(1989, 10, 13), True),
        ("1410/03/14هـ", date(1989, 10, 13), True),
        ("1448/06/05", date(2026, 11, 15), True),
        ("1989/10/13", date(1989, 10, 13), False),
        ("1989/10/13 م", date(1989, 10, 13), False),
        ("2026-11-25", date(2026, 11, 25), False),
    ],
)
def test_either_calendar_is_read_into_its_gregorian_date(
    typed: str, gregorian: date, was_hijri: bool
) -> None:
    assert parse_hijri_or_gregorian(typed) == (gregorian, was_hijri)


def test_a_hijri_date_converts_back_to_the_same_hijri_text() -> None:
    born, _ = parse_hijri_or_gregorian("1405/06/22")
    assert format_hijri(born) == "1405/06/22 هـ"


@pytest.mark.parametrize(
    ("typed", "hint"),
    [
        ("1410/02/30", "اليوم 30 غير موجود في الشهر 2 من سنة 1410 هـ"),  # Safar 1410 has 29
        ("1410/13/01", "الشهر"),
        ("1342/01/01 هـ", "خارج النطاق"),
        ("14/03/1410", "السنة أولًا"),
        ("أمس", "الصيغة غير صحيحة"),
        ("", "مطلوب"),
    ],
)
def test_either_calendar_refused_with_its_reason(typed: str, hint: str) -> None:
    with pytest.raises(ValidationError) as info:
        parse_hijri_or_gregorian(typed, "birth_date", label="تاريخ الميلاد")
    assert info.value.field == "birth_date"
    assert info.value.message.startswith("تاريخ الميلاد:")
    assert hint in info.value.message


def test_one_date_format_everywhere() -> None:
    assert format_date(date(1993, 11, 28)) == "1993/11/28"
    # 06:40 UTC is 09:40 in Riyadh, and the day changes at Riyadh's midnight.
    assert format_date_time(datetime(2026, 11, 25, 6, 40, tzinfo=UTC)) == "2026/11/25 09:40"
    assert format_date_time(datetime(2026, 11, 25, 21, 5, tzinfo=UTC)) == "2026/11/26 00:05"
