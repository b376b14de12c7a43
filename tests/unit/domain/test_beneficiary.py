"""The registration form: each field's clean value and each field's Arabic message."""

from __future__ import annotations

import re
from dataclasses import fields, replace
from datetime import date, timedelta

import pytest

from basmat_desk.domain.beneficiary import (
    FIELDS,
    NATIONALITIES,
    BeneficiaryData,
    BeneficiaryForm,
    form_errors,
    full_name,
    parse_form,
    validate_field,
)
from basmat_desk.domain.clock import local_today as riyadh_today
from basmat_desk.domain.enums import GENDER_LABELS, MARITAL_LABELS, Gender, IdType, MaritalStatus
from basmat_desk.domain.errors import ValidationError
from basmat_desk.domain.identity import make_national_id

ARABIC = re.compile(r"[\u0600-\u06FF]")
TODAY = date(2026, 11, 25)
NATIONAL_ID = "1000000008"
IQAMA = make_national_id("212345678")

VALID = BeneficiaryForm(
    first_name="محمد",
    father_name="عبدالله",
    grandfather_name="سعد",
    family_name="القحطاني",
    id_type="national_id",
    id_number=NATIONAL_ID,
    nationality="SA",
    gender="male",
    birth_date="1985-03-14",
    marital_status="married",
    mobile="0501234567",
    mobile_alt="0551234567",
    address_building_no="2929",
    address_street="طريق الملك فهد",
    address_district="العليا",
    address_city="الرياض",
    address_postal_code="12211",
    address_additional_no="7788",
    address_short="RRRD2929",
    family_size="6",
    monthly_income="3,500",
    income_source="الضمان الاجتماعي",
    employment="لا يعمل",
    notes="يراجع عيادة الأسنان منذ سنتين",
)

EMPTY_ADDRESS = {
    "address_building_no": "",
    "address_street": "",
    "address_district": "",
    "address_city": "",
    "address_postal_code": "",
    "address_additional_no": "",
    "address_short": "",
}


def error_of(field: str, text: str, form: BeneficiaryForm | None = None) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        validate_field(field, text, form, today=TODAY)
    error = info.value
    assert error.field == field
    assert error.message.startswith(f"{FIELDS[field]}: "), error.message
    return error


# --- the vocabulary -----------------------------------------------------------------------------


def test_fields_are_the_form_in_order_with_arabic_labels() -> None:
    assert list(FIELDS) == [f.name for f in fields(BeneficiaryForm)]
    assert list(FIELDS) == [f.name for f in fields(BeneficiaryData)]
    assert list(FIELDS)[:4] == ["first_name", "father_name", "grandfather_name", "family_name"]
    assert FIELDS["id_number"] == "رقم الهوية"
    assert FIELDS["address_short"] == "العنوان المختصر"
    assert all(ARABIC.search(label) for label in FIELDS.values())


def test_the_empty_form_is_all_text_and_saudi_by_default() -> None:
    form = BeneficiaryForm()
    assert all(isinstance(getattr(form, f), str) for f in FIELDS)
    assert form.nationality == "SA"
    assert {getattr(form, f) for f in FIELDS if f != "nationality"} == {""}


def test_nationalities_saudi_first_stateless_last_all_arabic() -> None:
    codes = list(NATIONALITIES)
    assert codes[0] == "SA"
    assert NATIONALITIES["SA"] == "السعودية"
    assert NATIONALITIES["XX"] == "غير محدد الجنسية (بدون)"
    assert {"EG", "YE", "SD", "PK", "IN", "BD", "PH", "ID", "SY", "AF", "DZ"} <= set(codes)
    assert len(codes) == 26
    assert all(len(code) == 2 and code.isupper() for code in codes)
    assert all(ARABIC.search(name) for name in NATIONALITIES.values())


def test_gender_and_marital_labels_cover_their_enums() -> None:
    assert set(GENDER_LABELS) == set(Gender)
    assert GENDER_LABELS[Gender.FEMALE] == "أنثى"
    assert set(MARITAL_LABELS) == set(MaritalStatus)
    assert all(
        ARABIC.search(label) for label in (*GENDER_LABELS.values(), *MARITAL_LABELS.values())
    )


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        (("محمد", "عبدالله", "سعد", "القحطاني"), "محمد عبدالله سعد القحطاني"),
        (("محمد", None, None, "القحطاني"), "محمد القحطاني"),
        (("محمد", "", " ", "القحطاني"), "محمد القحطاني"),
        (("فاطمة", "علي", None, "الغامدي"), "فاطمة علي الغامدي"),
    ],
)
def test_full_name_skips_missing_parts(
    parts: tuple[str | None, str | None, str | None, str | None], expected: str
) -> None:
    assert full_name(*parts) == expected


# --- the whole form -----------------------------------------------------------------------------


def test_a_complete_form_gives_clean_typed_data() -> None:
    data = parse_form(VALID, today=TODAY)
    assert data == BeneficiaryData(
        first_name="محمد",
        father_name="عبدالله",
        grandfather_name="سعد",
        family_name="القحطاني",
        id_type=IdType.NATIONAL_ID,
        id_number=NATIONAL_ID,
        nationality="SA",
        gender=Gender.MALE,
        birth_date=date(1985, 3, 14),
        marital_status=MaritalStatus.MARRIED,
        mobile="+966501234567",
        mobile_alt="+966551234567",
        address_building_no="2929",
        address_street="طريق الملك فهد",
        address_district="العليا",
        address_city="الرياض",
        address_postal_code="12211",
        address_additional_no="7788",
        address_short="RRRD2929",
        family_size=6,
        monthly_income=3500,
        income_source="الضمان الاجتماعي",
        employment="لا يعمل",
        notes="يراجع عيادة الأسنان منذ سنتين",
    )
    assert data.full_name == "محمد عبدالله سعد القحطاني"
    assert form_errors(VALID, today=TODAY) == []


def test_the_smallest_valid_form_leaves_every_optional_field_empty() -> None:
    form = BeneficiaryForm(
        first_name="نورة",
        family_name="العتيبي",
        id_type="iqama",
        id_number=IQAMA,
        nationality="YE",
        gender="female",
        mobile="0551234567",
    )
    data = parse_form(form, today=TODAY)
    assert (data.first_name, data.family_name, data.id_type, data.nationality) == (
        "نورة",
        "العتيبي",
        IdType.IQAMA,
        "YE",
    )
    optional = set(FIELDS) - {
        "first_name",
        "family_name",
        "id_type",
        "id_number",
        "nationality",
        "gender",
        "mobile",
    }
    assert {f: getattr(data, f) for f in optional} == dict.fromkeys(optional)


def test_parse_form_raises_the_first_error_in_form_order() -> None:
    form = replace(VALID, monthly_income="abc", mobile="123", family_name="Smith")
    with pytest.raises(ValidationError) as info:
        parse_form(form, today=TODAY)
    assert info.value.field == "family_name"

    form = replace(VALID, family_size="0", birth_date="2090-01-01")
    with pytest.raises(ValidationError) as info:
        parse_form(form, today=TODAY)
    assert info.value.field == "birth_date"


def test_form_errors_lists_every_bad_field_in_form_order() -> None:
    form = replace(
        VALID,
        first_name="Ali",
        id_type="iqama",  # with a national ID number
        gender="",
        birth_date="2090-01-01",
        mobile_alt="0501234567",  # the mobile again
        address_building_no="123",
        address_city="",
        family_size="-2",
        monthly_income="abc",
        address_short="RRR2929",
    )
    errors = form_errors(form, today=TODAY)
    assert [e.field for e in errors] == [
        "first_name",
        "id_number",
        "gender",
        "birth_date",
        "mobile_alt",
        "address_building_no",
        "address_city",
        "address_short",
        "family_size",
        "monthly_income",
    ]
    assert all(e.message.startswith(FIELDS[e.field] + ": ") for e in errors)


def test_an_empty_form_names_every_required_field() -> None:
    errors = form_errors(BeneficiaryForm(), today=TODAY)
    assert [e.field for e in errors] == [
        "first_name",
        "family_name",
        "id_type",
        "id_number",
        "gender",
        "mobile",
    ]
    assert all(e.message.startswith(FIELDS[e.field] + ": مطلوب") for e in errors)


def test_unknown_field_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="unknown beneficiary field"):
        validate_field("favourite_colour", "أزرق")


# --- accepted values, field by field -----------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "typed", "expected"),
    [
        ("first_name", "مُحَمَّد", "محمد"),  # harakat stripped
        ("first_name", "محـــمد", "محمد"),  # tatweel removed
        ("first_name", "  عبد   الله ", "عبد الله"),  # compound name, spaces squeezed
        ("first_name", "عبد رب الرسول", "عبد رب الرسول"),
        ("first_name", "\u200fأحمد\u200e", "أحمد"),  # bidi marks from a copied name
        ("first_name", "ﻋﺒﺪ ﷲ", "عبد الله"),  # presentation forms pasted from a PDF
        ("first_name", "پرویز", "پرویز"),  # Persian letters (Afghan and Pakistani names)
        ("father_name", "", None),
        ("grandfather_name", "   ", None),
        ("family_name", "آل الشيخ", "آل الشيخ"),
        ("id_type", "passport", IdType.PASSPORT),
        ("nationality", "eg", "EG"),
        ("nationality", "XX", "XX"),
        ("gender", "female", Gender.FEMALE),
        ("birth_date", "1985/03/14", date(1985, 3, 14)),
        ("birth_date", "١٩٨٥-٠٣-١٤", date(1985, 3, 14)),
        ("birth_date", "1900-01-01", date(1900, 1, 1)),
        ("birth_date", TODAY.isoformat(), TODAY),
        ("birth_date", "", None),
        ("marital_status", "widowed", MaritalStatus.WIDOWED),
        ("marital_status", "", None),
        ("mobile", "٠٥٠١٢٣٤٥٦٧", "+966501234567"),
        ("mobile", "+966 50 123 4567", "+966501234567"),
        ("mobile_alt", "", None),
        ("address_building_no", "٢٩٢٩", "2929"),
        ("address_building_no", "", None),
        ("address_postal_code", "12 211", "12211"),
        ("address_additional_no", "۷۷۸۸", "7788"),
        ("address_short", "rrrd2929", "RRRD2929"),
        ("address_short", "RRRD ٢٩٢٩", "RRRD2929"),
        ("address_street", "  شارع   الأمير سلطان ", "شارع الأمير سلطان"),
        ("address_district", "", None),
        ("family_size", "١", 1),
        ("family_size", "30", 30),
        ("family_size", "", None),
        ("monthly_income", "0", 0),
        ("monthly_income", "3500", 3500),
        ("monthly_income", "3,500", 3500),
        ("monthly_income", "٣٬٥٠٠", 3500),  # Arabic-Indic digits, Arabic thousands separator
        ("monthly_income", "1,000,000", 1_000_000),
        ("monthly_income", "", None),
        ("income_source", "تقاعد", "تقاعد"),
        ("employment", "", None),
        ("notes", "  سطر أول\nسطر ثان  ", "سطر أول\nسطر ثان"),
    ],
)
def test_accepted_values(field: str, typed: str, expected: object) -> None:
    assert validate_field(field, typed, today=TODAY) == expected


@pytest.mark.parametrize(
    ("id_type", "typed", "expected"),
    [
        ("national_id", "١٠٠٠٠٠٠٠٠٨", NATIONAL_ID),
        ("iqama", IQAMA, IQAMA),
        ("passport", "a1234567", "A1234567"),
        ("border_number", "3123456789", "3123456789"),
    ],
)
def test_id_number_is_checked_by_its_type(id_type: str, typed: str, expected: str) -> None:
    form = replace(VALID, id_type=id_type, id_number=typed)
    assert validate_field("id_number", typed, form, today=TODAY) == expected


def test_id_number_without_a_type_is_checked_as_a_national_id_or_iqama() -> None:
    assert validate_field("id_number", IQAMA) == IQAMA
    assert "رقم التحقق" in error_of("id_number", "1000000009").message


# --- refused values, field by field -----------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "typed", "problem"),
    [
        ("first_name", "", "مطلوب"),
        ("family_name", "  ", "مطلوب"),
        ("first_name", "Mohammed", "بالحروف العربية، دون حروف لاتينية"),
        ("father_name", "عبدالله Ali", "دون حروف لاتينية"),
        ("first_name", "محمد2", "لا يقبل الأرقام"),
        ("grandfather_name", "سعد ٣", "لا يقبل الأرقام"),
        ("family_name", "القحطاني-", "والرمز «-» غير مقبول"),
        ("first_name", "م", "حرفان على الأقل"),
        ("family_name", "ا" * 41, "40 حرفًا على الأكثر، والمدخل 41"),
        ("first_name", "محمد عبدالله سعد القحطاني", "لكل جزء من الاسم الرباعي خانة"),
        ("id_type", "", "مطلوب"),
        ("id_type", "driving_licence", "غير معروف"),
        ("nationality", "", "مطلوبة"),
        ("nationality", "FR", "غير معروفة؛ اختر من القائمة"),
        ("gender", "", "مطلوب"),
        ("gender", "m", "غير معروف"),
        ("birth_date", (TODAY + timedelta(days=1)).isoformat(), "لا يكون في المستقبل"),
        ("birth_date", "1899-12-31", "قبل سنة 1900"),
        ("birth_date", "14/03/1985", "اكتب السنة أولًا"),
        ("birth_date", "1985-02-30", "اليوم 30 غير موجود"),
        ("birth_date", "أمس", "الصيغة غير صحيحة"),
        ("marital_status", "engaged", "غير معروفة"),
        ("mobile", "", "مطلوب"),
        ("mobile", "0114123456", "هاتف ثابت"),
        ("mobile", "05012345", "الرقم غير صحيح"),
        ("mobile", "abc", "أرقام فقط"),
        ("mobile_alt", "+201001234567", "السعودية فقط"),
        ("address_building_no", "123", "4 أرقام، وعدد الأرقام المدخلة 3"),
        ("address_building_no", "12a4", "أرقام فقط"),
        ("address_postal_code", "1221", "5 أرقام، وعدد الأرقام المدخلة 4"),
        ("address_additional_no", "77889", "4 أرقام، وعدد الأرقام المدخلة 5"),
        ("address_short", "RRR2929", "4 حروف لاتينية ثم 4 أرقام"),
        ("address_short", "RRRD292", "مثل RRRD2929"),
        ("address_short", "رررد2929", "4 حروف لاتينية"),
        ("address_street", "ش" * 121, "120 حرفًا على الأكثر، والمدخل 121"),
        ("address_district", "ح" * 121, "120 حرفًا على الأكثر"),
        ("address_city", "م" * 81, "80 حرفًا على الأكثر"),
        ("family_size", "-2", "لا يكون سالبًا"),
        ("family_size", "0", "بين 1 و30"),
        ("family_size", "31", "بين 1 و30"),
        ("family_size", "2.5", "عدد صحيح دون كسور"),
        ("family_size", "خمسة", "بالأرقام فقط"),
        ("monthly_income", "abc", "بالأرقام فقط، مثل 3500 أو 3,500"),
        ("monthly_income", "-100", "لا يكون سالبًا"),
        ("monthly_income", "3500.50", "دون هللات"),
        ("monthly_income", "٣٥٠٠ ريال", "بالأرقام فقط"),
        ("monthly_income", "35,00", "بالأرقام فقط"),  # misplaced separator
        ("monthly_income", "1,000,001", "لا يزيد على 1,000,000 ريال"),
        ("income_source", "م" * 121, "120 حرفًا على الأكثر"),
        ("employment", "و" * 121, "120 حرفًا على الأكثر"),
        ("notes", "ن" * 2001, "2000 حرفًا على الأكثر"),
    ],
)
def test_refused_values_say_what_is_wrong(field: str, typed: str, problem: str) -> None:
    assert problem in error_of(field, typed).message


@pytest.mark.parametrize(
    ("id_type", "typed", "problem"),
    [
        ("national_id", IQAMA, "رقم الهوية الوطنية يبدأ بالرقم 1، وهذا رقم إقامة"),
        ("iqama", NATIONAL_ID, "رقم الإقامة يبدأ بالرقم 2، وهذا رقم هوية وطنية"),
        ("national_id", "1000000009", "رقم التحقق لا يطابق"),
        ("national_id", "٣٠٠٠٠٠٠٠٠٨", "يجب أن يبدأ بالرقم 1"),
        ("iqama", "21234567", "10 أرقام"),
        ("national_id", "", "مطلوب"),
        ("passport", "A12-345", "حروف لاتينية (A–Z) وأرقام فقط"),
        ("passport", "A123", "من 6 إلى 12"),
        ("border_number", "312345678", "10 أرقام"),
    ],
)
def test_id_number_not_matching_its_type(id_type: str, typed: str, problem: str) -> None:
    form = replace(VALID, id_type=id_type, id_number=typed)
    error = error_of("id_number", typed, form)
    assert problem in error.message


def test_mobile_is_required_because_the_association_calls_back() -> None:
    assert "للتواصل" in error_of("mobile", "").message


def test_alternate_mobile_must_differ_from_the_mobile_however_written() -> None:
    form = replace(VALID, mobile="0501234567")
    error = error_of("mobile_alt", "+966 50 123 4567", form)
    assert "هو رقم الجوال نفسه" in error.message
    assert validate_field("mobile_alt", "0551234567", form) == "+966551234567"
    # Without the rest of the form, or with a bad mobile, only the number itself is checked.
    assert validate_field("mobile_alt", "0501234567") == "+966501234567"
    assert validate_field("mobile_alt", "0501234567", replace(form, mobile="12")) == (
        "+966501234567"
    )


@pytest.mark.parametrize("given", sorted(set(EMPTY_ADDRESS) - {"address_city"}))
def test_city_is_required_when_any_part_of_the_address_is_given(given: str) -> None:
    form = replace(VALID, **{**EMPTY_ADDRESS, given: getattr(VALID, given)})
    error = error_of("address_city", "", form)
    assert "مطلوبة عند إدخال أي جزء من العنوان" in error.message
    assert [e.field for e in form_errors(form, today=TODAY)] == ["address_city"]


def test_the_address_is_optional_as_a_whole() -> None:
    form = replace(VALID, **EMPTY_ADDRESS)
    data = parse_form(form, today=TODAY)
    assert {f: getattr(data, f) for f in EMPTY_ADDRESS} == dict.fromkeys(EMPTY_ADDRESS)
    only_city = replace(form, address_city="جدة")
    assert parse_form(only_city, today=TODAY).address_city == "جدة"


def test_birth_date_in_the_future_is_refused_without_a_given_today() -> None:
    tomorrow = riyadh_today() + timedelta(days=1)
    with pytest.raises(ValidationError, match="المستقبل"):
        validate_field("birth_date", tomorrow.isoformat())
    assert validate_field("birth_date", riyadh_today().isoformat()) == riyadh_today()


def test_every_message_of_a_bad_form_is_arabic_and_names_its_field() -> None:
    form = BeneficiaryForm(
        first_name="A",
        father_name="1",
        grandfather_name="#",
        family_name="x",
        id_type="?",
        id_number="abc",
        nationality="ZZ",
        gender="?",
        birth_date="x",
        marital_status="?",
        mobile="x",
        mobile_alt="x",
        address_building_no="x",
        address_street="ش" * 200,
        address_district="ح" * 200,
        address_city="م" * 200,
        address_postal_code="x",
        address_additional_no="x",
        address_short="x",
        family_size="x",
        monthly_income="x",
        income_source="م" * 200,
        employment="و" * 200,
        notes="ن" * 3000,
    )
    errors = form_errors(form, today=TODAY)
    assert [e.field for e in errors] == list(FIELDS)
    for error in errors:
        label, _, problem = error.message.partition(": ")
        assert label == FIELDS[error.field]
        assert ARABIC.search(problem), error.message


def test_a_hijri_birth_date_from_the_family_record_is_stored_as_its_gregorian_day() -> None:
    assert validate_field("birth_date", "1405/06/23", today=TODAY) == date(1985, 3, 14)
    assert validate_field("birth_date", "١٤٠٥/٠٦/٢٣ هـ", today=TODAY) == date(1985, 3, 14)
    data = parse_form(replace(VALID, birth_date="1405/06/23"), today=TODAY)
    assert data.birth_date == date(1985, 3, 14)


def test_a_hijri_birth_date_in_the_future_is_refused() -> None:
    with pytest.raises(ValidationError) as info:
        validate_field("birth_date", "1449/01/01", today=TODAY)
    assert "لا يكون في المستقبل" in info.value.message
