"""Umm al-Qura / Gregorian formatting and typed-date parsing."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from basmat_desk.domain.calendar import (
    MAX_DATE,
    MIN_DATE,
    format_dual,
    format_gregorian,
    format_hijri,
    hijri_year,
    parse_date,
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
