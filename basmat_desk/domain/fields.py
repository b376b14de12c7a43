"""What users call each table and each field: the one catalogue of their Arabic names.

Forms name their own fields with these labels in their messages, and every screen that shows a
record or a change to it (the sync conflicts, the audit trail, the review screens to come) names
the table and the field from here. A table's form fields keep their own module (the beneficiary
form's `FIELDS`, the contact form's `CONTACT_FIELDS` here) and are merged in.
"""

from __future__ import annotations

from collections.abc import Mapping

from basmat_desk.domain.beneficiary import FIELDS as BENEFICIARY_FIELDS

#: The contact form's fields: code → Arabic label.
CONTACT_FIELDS: dict[str, str] = {
    "channel": "قناة التواصل",
    "direction": "اتجاه التواصل",
    "purpose": "الغرض من التواصل",
    "inquiry": "الاستفسار",
    "answer": "الإجابة",
    "started_at": "وقت البدء",
    "ended_at": "وقت الانتهاء",
}

#: A table as one of its rows is called ("a beneficiary", "a ticket" …).
TABLE_LABELS: dict[str, str] = {
    "staff": "موظف",
    "beneficiary": "مستفيد",
    "ticket": "تذكرة",
    "contact": "تواصل",
    "support_request": "طلب دعم",
    "checklist_item": "بند تحقق",
    "declaration": "إقرار",
    "referral": "إحالة",
    "letter": "خطاب",
    "survey_response": "استبيان رضا",
    "feedback": "ملاحظة أو شكوى",
    "attachment": "مرفق",
    "audit_entry": "سجل التدقيق",
    "setting": "إعداد",
    "number_sequence": "تسلسل الأرقام",
    "sync_conflict": "تعارض مزامنة",
}

#: Columns several tables share, named the same everywhere unless the table says otherwise.
COMMON_FIELDS: dict[str, str] = {
    "status": "الحالة",
    "deleted_at": "الحذف",
    "beneficiary_id": "المستفيد",
    "request_id": "الطلب",
    "staff_id": "الموظف",
    "owner_id": "المسؤول",
    "ticket_id": "التذكرة",
    "channel": "القناة",
    "kind": "النوع",
    "purpose": "الغرض",
    "notes": "ملاحظات",
    "note": "ملاحظة",
    "file_number": "رقم الملف",
    "due_date": "تاريخ الاستحقاق",
}

#: Each table's own field names (merged over COMMON_FIELDS by `field_label`).
FIELD_LABELS: dict[str, dict[str, str]] = {
    "beneficiary": {
        **BENEFICIARY_FIELDS,
        "name_search": "صيغة الاسم للبحث",
        "status": "حالة المستفيد",
        "file_number": "رقم الملف",
    },
    "ticket": {
        "service_date": "تاريخ الخدمة",
        "prefix": "رمز الكاونتر",
        "number": "رقم التذكرة",
        "purpose": "الغرض",
        "status": "حالة التذكرة",
        "served_by": "الموظف",
        "issued_at": "وقت الإصدار",
        "called_at": "وقت النداء",
        "serving_at": "وقت بدء الخدمة",
        "done_at": "وقت انتهاء الخدمة",
        "no_show_at": "وقت تسجيل عدم الحضور",
        "cancelled_at": "وقت الإلغاء",
    },
    "contact": CONTACT_FIELDS,
    "support_request": {
        "request_number": "رقم الطلب",
        "patient_id": "المريض",
        "patient_name": "اسم المريض",
        "patient_relation": "صلة المريض بالمستفيد",
        "service_type": "نوع الخدمة",
        "description": "الوصف",
        "status": "حالة الطلب",
        "submitted_at": "تاريخ الرفع للجنة",
        "due_date": "موعد رد اللجنة",
        "decided_at": "تاريخ القرار",
        "decided_by": "صاحب القرار",
        "decision_reason": "سبب القرار",
        "override_reason": "سبب الاستثناء",
        "served_at": "تاريخ تقديم الخدمة",
    },
    "staff": {
        "username": "اسم المستخدم",
        "full_name": "الاسم الكامل",
        "role": "الدور",
        "active": "الحساب مفعّل",
    },
    "checklist_item": {
        "item_code": "البند",
        "required": "مطلوب",
        "provided": "مقدَّم",
        "matches_data": "مطابق للبيانات",
        "valid_until": "صالح حتى",
        "verified_by": "تحقق منه",
        "verified_at": "وقت التحقق",
    },
    "referral": {
        "kind": "نوع الإحالة",
        "target": "الجهة المحال إليها",
        "reason": "سبب الإحالة",
        "response": "الرد",
        "responded_at": "وقت الرد",
        "responded_by": "صاحب الرد",
    },
    "feedback": {
        "body": "النص",
        "resolution": "المعالجة",
        "closed_at": "وقت الإغلاق",
        "closed_by": "أغلقه",
    },
    "letter": {"reprints": "مرات إعادة الطباعة", "last_reprinted_at": "آخر إعادة طباعة"},
    "setting": {"key": "الإعداد", "value_json": "القيمة"},
    "number_sequence": {"last_value": "آخر رقم صادر"},
}

#: The unique rules of the schema, by constraint or index name: what must not repeat (in words)
#: and the columns that hold it.
UNIQUE_RULES: dict[str, tuple[str, tuple[str, ...]]] = {
    "uq_beneficiary_live_id_number": ("رقم الهوية", ("id_number",)),
    "uq_beneficiary_file_number": ("رقم الملف", ("file_number",)),
    "uq_support_request_request_number": ("رقم الطلب", ("request_number",)),
    "uq_letter_reference_number": ("رقم الخطاب", ("reference_number",)),
    "uq_staff_username": ("اسم المستخدم", ("username",)),
    "uq_ticket_service_date_prefix_number": (
        "رقم التذكرة في اليوم",
        ("service_date", "prefix", "number"),
    ),
    "uq_setting_key": ("اسم الإعداد", ("key",)),
    "uq_checklist_item_request_id_item_code": ("بند التحقق في الطلب", ("request_id", "item_code")),
    "uq_number_sequence_kind_prefix_scope": ("تسلسل الأرقام", ("kind", "prefix", "scope")),
}

#: What a whole row is summed up by (a duplicate kept aside, a refused new row): the fields a
#: supervisor compares with the record that stayed. Tables not listed show their labelled fields.
SUMMARY_FIELDS: dict[str, tuple[str, ...]] = {
    "beneficiary": (
        "id_number",
        "birth_date",
        "mobile",
        "address_city",
        "address_district",
        "file_number",
        "notes",
    ),
}


def table_label(table: str) -> str:
    return TABLE_LABELS.get(table, table)


def table_fields(table: str) -> Mapping[str, str]:
    """A table's own labelled fields, in form order."""
    return FIELD_LABELS.get(table, {})


def field_label(table: str, field: str) -> str:
    """The Arabic name of a column: the table's own, the shared one, or the code itself."""
    return FIELD_LABELS.get(table, {}).get(field) or COMMON_FIELDS.get(field) or field
