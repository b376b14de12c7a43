"""The closed vocabularies of the data model, with their Arabic labels: the one place for them.

Values are stored in the database as the English code; labels are what users see (`member.label`).
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    RECEPTIONIST = "receptionist"
    RESEARCHER = "researcher"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS: dict[Role, str] = {
    Role.RECEPTIONIST: "موظف استقبال",
    Role.RESEARCHER: "مسؤول البحث الاجتماعي",
    Role.SUPERVISOR: "مشرف",
    Role.ADMIN: "مدير النظام",
}


class Channel(StrEnum):
    """The seven contact channels of the policy, in its order."""

    INTERVIEW = "interview"
    PHONE = "phone"
    SOCIAL_MEDIA = "social_media"
    LETTERS = "letters"
    HELP_REQUESTS = "help_requests"
    VOLUNTEERING = "volunteering"
    WEBSITE = "website"

    @property
    def label(self) -> str:
        return CHANNEL_LABELS[self]


CHANNEL_LABELS: dict[Channel, str] = {
    Channel.INTERVIEW: "المقابلة",
    Channel.PHONE: "الاتصالات الهاتفية",
    Channel.SOCIAL_MEDIA: "وسائل التواصل الاجتماعي",
    Channel.LETTERS: "الخطابات",
    Channel.HELP_REQUESTS: "خدمات طلب المساعدة",
    Channel.VOLUNTEERING: "خدمة التطوع",
    Channel.WEBSITE: "الموقع الإلكتروني",
}


class Direction(StrEnum):
    INBOUND = "in"
    OUTBOUND = "out"

    @property
    def label(self) -> str:
        return DIRECTION_LABELS[self]


DIRECTION_LABELS: dict[Direction, str] = {
    Direction.INBOUND: "وارد (من المستفيد)",
    Direction.OUTBOUND: "صادر (من الجمعية)",
}


class IdType(StrEnum):
    NATIONAL_ID = "national_id"
    IQAMA = "iqama"
    PASSPORT = "passport"
    BORDER_NUMBER = "border_number"

    @property
    def label(self) -> str:
        return ID_TYPE_LABELS[self]


ID_TYPE_LABELS: dict[IdType, str] = {
    IdType.NATIONAL_ID: "هوية وطنية",
    IdType.IQAMA: "إقامة",
    IdType.PASSPORT: "جواز سفر",
    IdType.BORDER_NUMBER: "رقم حدود",
}


class Gender(StrEnum):
    MALE = "male"
    FEMALE = "female"

    @property
    def label(self) -> str:
        return GENDER_LABELS[self]


GENDER_LABELS: dict[Gender, str] = {Gender.MALE: "ذكر", Gender.FEMALE: "أنثى"}


class MaritalStatus(StrEnum):
    SINGLE = "single"
    MARRIED = "married"
    DIVORCED = "divorced"
    WIDOWED = "widowed"

    @property
    def label(self) -> str:
        return MARITAL_LABELS[self]


MARITAL_LABELS: dict[MaritalStatus, str] = {
    MaritalStatus.SINGLE: "أعزب / عزباء",
    MaritalStatus.MARRIED: "متزوج / متزوجة",
    MaritalStatus.DIVORCED: "مطلق / مطلقة",
    MaritalStatus.WIDOWED: "أرمل / أرملة",
}


class BeneficiaryStatus(StrEnum):
    APPLICANT = "applicant"
    REGISTERED = "registered"
    INACTIVE = "inactive"

    @property
    def label(self) -> str:
        return BENEFICIARY_STATUS_LABELS[self]


BENEFICIARY_STATUS_LABELS: dict[BeneficiaryStatus, str] = {
    BeneficiaryStatus.APPLICANT: "متقدم",
    BeneficiaryStatus.REGISTERED: "مسجل",
    BeneficiaryStatus.INACTIVE: "غير نشط",
}


class TicketStatus(StrEnum):
    WAITING = "waiting"
    CALLED = "called"
    SERVING = "serving"
    DONE = "done"
    NO_SHOW = "no_show"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return TICKET_STATUS_LABELS[self]


TICKET_STATUS_LABELS: dict[TicketStatus, str] = {
    TicketStatus.WAITING: "في الانتظار",
    TicketStatus.CALLED: "تم النداء",
    TicketStatus.SERVING: "قيد الخدمة",
    TicketStatus.DONE: "انتهت الخدمة",
    TicketStatus.NO_SHOW: "لم يحضر",
    TicketStatus.CANCELLED: "ملغاة",
}


class TicketAction(StrEnum):
    """What the counter does with a queue ticket."""

    CALL = "call"
    START = "start"
    FINISH = "finish"
    NO_SHOW = "no_show"
    CANCEL = "cancel"
    REQUEUE = "requeue"
    RESUME = "resume"

    @property
    def label(self) -> str:
        return TICKET_ACTION_LABELS[self]


TICKET_ACTION_LABELS: dict[TicketAction, str] = {
    TicketAction.CALL: "نداء",
    TicketAction.START: "بدء الخدمة",
    TicketAction.FINISH: "إنهاء الخدمة",
    TicketAction.NO_SHOW: "لم يحضر",
    TicketAction.CANCEL: "إلغاء التذكرة",
    TicketAction.REQUEUE: "إعادة إلى الانتظار",
    TicketAction.RESUME: "استئناف الخدمة",
}


class RequestStatus(StrEnum):
    DRAFT = "draft"
    VERIFYING = "verifying"
    READY = "ready"
    SUBMITTED = "submitted"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    REGISTERED = "registered"
    SERVED = "served"
    ON_HOLD = "on_hold"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        return REQUEST_STATUS_LABELS[self]


REQUEST_STATUS_LABELS: dict[RequestStatus, str] = {
    RequestStatus.DRAFT: "مسودة",
    RequestStatus.VERIFYING: "قيد التحقق",
    RequestStatus.READY: "جاهز للرفع",
    RequestStatus.SUBMITTED: "مرفوع للجنة",
    RequestStatus.ACCEPTED: "مقبول",
    RequestStatus.REJECTED: "مرفوض",
    RequestStatus.REGISTERED: "مسجل",
    RequestStatus.SERVED: "تمت الخدمة",
    RequestStatus.ON_HOLD: "معلق",
    RequestStatus.WITHDRAWN: "منسحب",
}


class RequestAction(StrEnum):
    """What a staff member does to a support request (stored in the audit as this code)."""

    START_VERIFICATION = "start_verification"
    MARK_READY = "mark_ready"
    SUBMIT = "submit"
    SUBMIT_WITH_OVERRIDE = "submit_with_override"
    ACCEPT = "accept"
    REJECT = "reject"
    REGISTER = "register"
    SERVE = "serve"
    HOLD = "hold"
    RESUME = "resume"
    WITHDRAW = "withdraw"

    @property
    def label(self) -> str:
        return REQUEST_ACTION_LABELS[self]


REQUEST_ACTION_LABELS: dict[RequestAction, str] = {
    RequestAction.START_VERIFICATION: "بدء التحقق من المستندات",
    RequestAction.MARK_READY: "اعتماد اكتمال الطلب",
    RequestAction.SUBMIT: "رفع الطلب للجنة",
    RequestAction.SUBMIT_WITH_OVERRIDE: "رفع الطلب للجنة مع استثناء",
    RequestAction.ACCEPT: "تسجيل قبول اللجنة",
    RequestAction.REJECT: "تسجيل رفض اللجنة",
    RequestAction.REGISTER: "تسجيل المستفيد وفتح ملف",
    RequestAction.SERVE: "تسجيل تقديم الخدمة",
    RequestAction.HOLD: "تعليق الطلب",
    RequestAction.RESUME: "استئناف الطلب",
    RequestAction.WITHDRAW: "انسحاب المستفيد",
}


class ReferralKind(StrEnum):
    SOCIAL_RESEARCH = "social_research"
    COMMITTEE = "committee"
    CLINIC = "clinic"
    OTHER = "other"

    @property
    def label(self) -> str:
        return REFERRAL_KIND_LABELS[self]


REFERRAL_KIND_LABELS: dict[ReferralKind, str] = {
    ReferralKind.SOCIAL_RESEARCH: "البحث الاجتماعي",
    ReferralKind.COMMITTEE: "اللجنة",
    ReferralKind.CLINIC: "العيادة",
    ReferralKind.OTHER: "أخرى",
}


class ReferralStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    ANSWERED = "answered"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return REFERRAL_STATUS_LABELS[self]


REFERRAL_STATUS_LABELS: dict[ReferralStatus, str] = {
    ReferralStatus.OPEN: "مفتوحة",
    ReferralStatus.IN_PROGRESS: "قيد المتابعة",
    ReferralStatus.ANSWERED: "تم الرد",
    ReferralStatus.CLOSED: "مغلقة",
}


class FeedbackKind(StrEnum):
    SUGGESTION = "suggestion"
    COMPLAINT = "complaint"
    PRAISE = "praise"

    @property
    def label(self) -> str:
        return FEEDBACK_KIND_LABELS[self]


FEEDBACK_KIND_LABELS: dict[FeedbackKind, str] = {
    FeedbackKind.SUGGESTION: "اقتراح",
    FeedbackKind.COMPLAINT: "شكوى",
    FeedbackKind.PRAISE: "شكر",
}


class FeedbackStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return FEEDBACK_STATUS_LABELS[self]


FEEDBACK_STATUS_LABELS: dict[FeedbackStatus, str] = {
    FeedbackStatus.OPEN: "مفتوحة",
    FeedbackStatus.IN_PROGRESS: "قيد المعالجة",
    FeedbackStatus.CLOSED: "مغلقة",
}


class SignatureKind(StrEnum):
    PAD = "pad"
    WET_INK = "wet_ink"

    @property
    def label(self) -> str:
        return SIGNATURE_KIND_LABELS[self]


SIGNATURE_KIND_LABELS: dict[SignatureKind, str] = {
    SignatureKind.PAD: "توقيع إلكتروني",
    SignatureKind.WET_INK: "توقيع بالحبر",
}


class ConflictKind(StrEnum):
    """What sync could not apply as it was (the `sync_conflict` table's kinds)."""

    FIELD = "field"  # the same field changed on the server and on a counter
    DUPLICATE = "duplicate"  # a new row clashed with a unique rule: kept as a tombstone
    REJECTED = "rejected"  # the server refused the change

    @property
    def label(self) -> str:
        return CONFLICT_KIND_LABELS[self]


CONFLICT_KIND_LABELS: dict[ConflictKind, str] = {
    ConflictKind.FIELD: "تعديل على الجانبين",
    ConflictKind.DUPLICATE: "سجل مكرر",
    ConflictKind.REJECTED: "تغيير رفضه الخادم",
}


class ConflictChoice(StrEnum):
    """How a supervisor settles a conflict."""

    SERVER = "server"
    COUNTER = "counter"

    @property
    def label(self) -> str:
        return CONFLICT_CHOICE_LABELS[self]


CONFLICT_CHOICE_LABELS: dict[ConflictChoice, str] = {
    ConflictChoice.SERVER: "أُبقيت قيمة الخادم",
    ConflictChoice.COUNTER: "اعتُمدت قيمة الكاونتر",
}
