"""The first data model of DESIGN.md as SQLAlchemy 2 typed models.

Every synced table carries the same sync columns (`SyncColumns`); rows are never hard-deleted
(`deleted_at` is a tombstone). Declarations and audit entries are insert-only: triggers made
by the migrations refuse to change their content or to delete them.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    Enum,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from uuid6 import uuid7

from basmat_desk.domain.beneficiary import full_name
from basmat_desk.domain.clock import utcnow
from basmat_desk.domain.enums import (
    BeneficiaryStatus,
    Channel,
    Direction,
    FeedbackKind,
    FeedbackStatus,
    Gender,
    IdType,
    MaritalStatus,
    ReferralKind,
    ReferralStatus,
    RequestStatus,
    Role,
    SignatureKind,
    TicketStatus,
)
from basmat_desk.store.types import UTCDateTime

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def new_id() -> str:
    """A UUIDv7 as text: made where the row is born, sortable by creation time."""
    return str(uuid7())


_STABLE_NAMESPACE = uuid.UUID("6d1c2b9e-5a43-4f0e-9c61-2f7b3b0a1447")


def stable_id(*parts: str) -> str:
    """The same id wherever and whenever the row is made: for rows that two counters may create
    independently (a setting key, a counter's number sequence), so sync sees one row, not a
    clash of two."""
    return str(uuid.uuid5(_STABLE_NAMESPACE, "\x1f".join(parts)))


def enum_column(enum_cls: type[StrEnum], name: str) -> Enum:
    """A portable enum: a short string with a CHECK constraint listing the codes."""
    return Enum(
        enum_cls,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=32,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class SyncColumns:
    """Columns every synced table has (DESIGN.md, data model)."""

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    server_version: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
    server_seq: Mapped[int | None] = mapped_column(BigInteger, index=True)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_by: Mapped[str | None] = mapped_column(String(36))
    origin_device: Mapped[str | None] = mapped_column(String(64))


# Columns that sync itself maintains: an insert-only row may still receive these.
SYNC_MAINTAINED_COLUMNS = ("server_version", "server_seq")
#: Columns that describe a row rather than its content: the audit trail does not repeat them
#: and sync never merges them field by field or calls them a conflict.
BOOKKEEPING_COLUMNS = frozenset(
    {
        "id",
        "server_version",
        "server_seq",
        "created_at",
        "updated_at",
        "updated_by",
        "origin_device",
    }
)


class Staff(SyncColumns, Base):
    __tablename__ = "staff"

    username: Mapped[str] = mapped_column(String(64), unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[Role] = mapped_column(enum_column(Role, "role"))
    password_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class Beneficiary(SyncColumns, Base):
    __tablename__ = "beneficiary"
    __table_args__ = (
        Index(
            "uq_beneficiary_live_id_number",
            "id_number",
            unique=True,
            sqlite_where=text("deleted_at IS NULL"),
            postgresql_where=text("deleted_at IS NULL"),
        ),
        # Duplicate detection reads the family names of a birth year: this index answers it
        # without reading the table.
        Index("ix_beneficiary_birth_date", "birth_date", "family_name", "id"),
    )

    first_name: Mapped[str] = mapped_column(String(60))
    father_name: Mapped[str | None] = mapped_column(String(60))
    grandfather_name: Mapped[str | None] = mapped_column(String(60))
    family_name: Mapped[str] = mapped_column(String(60))
    name_search: Mapped[str] = mapped_column(String(300), index=True)
    id_type: Mapped[IdType] = mapped_column(enum_column(IdType, "id_type"))
    id_number: Mapped[str] = mapped_column(String(20))
    nationality: Mapped[str] = mapped_column(String(2), default="SA")
    gender: Mapped[Gender] = mapped_column(enum_column(Gender, "gender"))
    birth_date: Mapped[date | None] = mapped_column(Date)
    marital_status: Mapped[MaritalStatus | None] = mapped_column(
        enum_column(MaritalStatus, "marital_status")
    )
    mobile: Mapped[str | None] = mapped_column(String(16), index=True)
    mobile_alt: Mapped[str | None] = mapped_column(String(16))
    address_building_no: Mapped[str | None] = mapped_column(String(4))
    address_street: Mapped[str | None] = mapped_column(String(120))
    address_district: Mapped[str | None] = mapped_column(String(120))
    address_city: Mapped[str | None] = mapped_column(String(80))
    address_postal_code: Mapped[str | None] = mapped_column(String(5))
    address_additional_no: Mapped[str | None] = mapped_column(String(4))
    address_short: Mapped[str | None] = mapped_column(String(8))
    family_size: Mapped[int | None] = mapped_column(Integer)
    monthly_income: Mapped[int | None] = mapped_column(Integer)  # whole riyals
    income_source: Mapped[str | None] = mapped_column(String(120))
    employment: Mapped[str | None] = mapped_column(String(120))
    notes: Mapped[str | None] = mapped_column(Text)
    file_number: Mapped[str | None] = mapped_column(String(32), unique=True)
    status: Mapped[BeneficiaryStatus] = mapped_column(
        enum_column(BeneficiaryStatus, "beneficiary_status"), default=BeneficiaryStatus.APPLICANT
    )

    @property
    def full_name(self) -> str:
        """The four-part name as one line, skipping the missing parts."""
        return full_name(self.first_name, self.father_name, self.grandfather_name, self.family_name)


class Ticket(SyncColumns, Base):
    __tablename__ = "ticket"
    __table_args__ = (UniqueConstraint("service_date", "prefix", "number"),)

    service_date: Mapped[date] = mapped_column(Date, index=True)
    prefix: Mapped[str] = mapped_column(String(2))
    number: Mapped[int] = mapped_column(Integer)
    purpose: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[TicketStatus] = mapped_column(
        enum_column(TicketStatus, "ticket_status"), default=TicketStatus.WAITING
    )
    beneficiary_id: Mapped[str | None] = mapped_column(ForeignKey("beneficiary.id"))
    served_by: Mapped[str | None] = mapped_column(ForeignKey("staff.id"))
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    called_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    serving_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    no_show_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class Contact(SyncColumns, Base):
    __tablename__ = "contact"

    beneficiary_id: Mapped[str | None] = mapped_column(ForeignKey("beneficiary.id"), index=True)
    channel: Mapped[Channel] = mapped_column(enum_column(Channel, "channel"))
    direction: Mapped[Direction] = mapped_column(enum_column(Direction, "direction"))
    purpose: Mapped[str | None] = mapped_column(String(200))
    inquiry: Mapped[str | None] = mapped_column(Text)
    answer: Mapped[str | None] = mapped_column(Text)
    staff_id: Mapped[str | None] = mapped_column(ForeignKey("staff.id"))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    ticket_id: Mapped[str | None] = mapped_column(ForeignKey("ticket.id"))


class SupportRequest(SyncColumns, Base):
    __tablename__ = "support_request"

    request_number: Mapped[str] = mapped_column(String(32), unique=True)
    beneficiary_id: Mapped[str] = mapped_column(ForeignKey("beneficiary.id"), index=True)
    # The patient is the beneficiary or a family member; a member who has a record of their own
    # is linked, otherwise named here.
    patient_id: Mapped[str | None] = mapped_column(ForeignKey("beneficiary.id"))
    patient_name: Mapped[str | None] = mapped_column(String(200))
    patient_relation: Mapped[str | None] = mapped_column(String(40))
    service_type: Mapped[str] = mapped_column(String(40))
    description: Mapped[str | None] = mapped_column(Text)
    status: Mapped[RequestStatus] = mapped_column(
        enum_column(RequestStatus, "request_status"), default=RequestStatus.DRAFT, index=True
    )
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    due_date: Mapped[date | None] = mapped_column(Date, index=True)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    decided_by: Mapped[str | None] = mapped_column(ForeignKey("staff.id"))
    decision_reason: Mapped[str | None] = mapped_column(Text)
    override_reason: Mapped[str | None] = mapped_column(Text)
    file_number: Mapped[str | None] = mapped_column(String(32))
    served_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class ChecklistItem(SyncColumns, Base):
    __tablename__ = "checklist_item"
    __table_args__ = (UniqueConstraint("request_id", "item_code"),)

    request_id: Mapped[str] = mapped_column(ForeignKey("support_request.id"), index=True)
    item_code: Mapped[str] = mapped_column(String(40))
    required: Mapped[bool] = mapped_column(Boolean, default=True)
    provided: Mapped[bool] = mapped_column(Boolean, default=False)
    matches_data: Mapped[bool] = mapped_column(Boolean, default=False)
    valid_until: Mapped[date | None] = mapped_column(Date)
    verified_by: Mapped[str | None] = mapped_column(ForeignKey("staff.id"))
    verified_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    note: Mapped[str | None] = mapped_column(Text)


class Declaration(SyncColumns, Base):
    """إقرار: insert-only; the snapshot is canonical JSON of the declared data."""

    __tablename__ = "declaration"

    request_id: Mapped[str] = mapped_column(ForeignKey("support_request.id"), index=True)
    template_version: Mapped[str] = mapped_column(String(20))
    snapshot_json: Mapped[str] = mapped_column(Text)
    signature_kind: Mapped[SignatureKind] = mapped_column(
        enum_column(SignatureKind, "signature_kind")
    )
    signature_png: Mapped[bytes | None] = mapped_column(LargeBinary)
    signed_at: Mapped[datetime] = mapped_column(UTCDateTime())
    witnessed_by: Mapped[str | None] = mapped_column(ForeignKey("staff.id"))
    content_sha256: Mapped[str] = mapped_column(String(64))


class Referral(SyncColumns, Base):
    __tablename__ = "referral"

    request_id: Mapped[str | None] = mapped_column(ForeignKey("support_request.id"), index=True)
    beneficiary_id: Mapped[str | None] = mapped_column(ForeignKey("beneficiary.id"), index=True)
    kind: Mapped[ReferralKind] = mapped_column(enum_column(ReferralKind, "referral_kind"))
    target: Mapped[str | None] = mapped_column(String(120))
    reason: Mapped[str] = mapped_column(Text)
    status: Mapped[ReferralStatus] = mapped_column(
        enum_column(ReferralStatus, "referral_status"), default=ReferralStatus.OPEN
    )
    owner_id: Mapped[str | None] = mapped_column(ForeignKey("staff.id"))
    due_date: Mapped[date | None] = mapped_column(Date)
    response: Mapped[str | None] = mapped_column(Text)
    responded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    responded_by: Mapped[str | None] = mapped_column(ForeignKey("staff.id"))


class Letter(SyncColumns, Base):
    """خطاب: one row per issued letter; the table is the outgoing register (سجل الصادر)."""

    __tablename__ = "letter"

    reference_number: Mapped[str] = mapped_column(String(32), unique=True)
    template_code: Mapped[str] = mapped_column(String(40))
    template_version: Mapped[str] = mapped_column(String(20))
    request_id: Mapped[str | None] = mapped_column(ForeignKey("support_request.id"), index=True)
    beneficiary_id: Mapped[str | None] = mapped_column(ForeignKey("beneficiary.id"), index=True)
    fields_json: Mapped[str] = mapped_column(Text)
    pdf_sha256: Mapped[str] = mapped_column(String(64))
    issued_by: Mapped[str | None] = mapped_column(ForeignKey("staff.id"))
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime())
    reprints: Mapped[int] = mapped_column(Integer, default=0)
    last_reprinted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class SurveyResponse(SyncColumns, Base):
    """Satisfaction after service; may be anonymous (no beneficiary)."""

    __tablename__ = "survey_response"

    request_id: Mapped[str | None] = mapped_column(ForeignKey("support_request.id"))
    beneficiary_id: Mapped[str | None] = mapped_column(ForeignKey("beneficiary.id"))
    channel: Mapped[Channel | None] = mapped_column(enum_column(Channel, "survey_channel"))
    answers_json: Mapped[str] = mapped_column(Text)
    overall: Mapped[int | None] = mapped_column(Integer)
    comment: Mapped[str | None] = mapped_column(Text)
    collected_by: Mapped[str | None] = mapped_column(ForeignKey("staff.id"))
    answered_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Feedback(SyncColumns, Base):
    """A suggestion, complaint or praise, tracked to closure."""

    __tablename__ = "feedback"

    kind: Mapped[FeedbackKind] = mapped_column(enum_column(FeedbackKind, "feedback_kind"))
    channel: Mapped[Channel | None] = mapped_column(enum_column(Channel, "feedback_channel"))
    beneficiary_id: Mapped[str | None] = mapped_column(ForeignKey("beneficiary.id"))
    body: Mapped[str] = mapped_column(Text)
    status: Mapped[FeedbackStatus] = mapped_column(
        enum_column(FeedbackStatus, "feedback_status"), default=FeedbackStatus.OPEN
    )
    owner_id: Mapped[str | None] = mapped_column(ForeignKey("staff.id"))
    resolution: Mapped[str | None] = mapped_column(Text)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    closed_by: Mapped[str | None] = mapped_column(ForeignKey("staff.id"))


class Attachment(SyncColumns, Base):
    """A scan; its content is addressed by SHA-256, its owner is any row (table + id)."""

    __tablename__ = "attachment"
    __table_args__ = (Index("ix_attachment_owner", "owner_table", "owner_id"),)

    owner_table: Mapped[str] = mapped_column(String(40))
    owner_id: Mapped[str] = mapped_column(String(36))
    kind: Mapped[str | None] = mapped_column(String(40))
    filename: Mapped[str] = mapped_column(String(200))
    mime_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    content: Mapped[bytes] = mapped_column(LargeBinary)


class AuditEntry(SyncColumns, Base):
    """Append-only: who did what to which row, with the values before and after."""

    __tablename__ = "audit_entry"

    actor_id: Mapped[str | None] = mapped_column(String(36), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    action: Mapped[str] = mapped_column(String(64))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str | None] = mapped_column(String(36), index=True)
    before_json: Mapped[str | None] = mapped_column(Text)
    after_json: Mapped[str | None] = mapped_column(Text)
    reason: Mapped[str | None] = mapped_column(Text)


class Setting(SyncColumns, Base):
    """An association-wide setting (name, letterhead, signatory …); the value is JSON."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(64), unique=True)
    value_json: Mapped[str] = mapped_column(Text)


class NumberSequence(SyncColumns, Base):
    """The last number issued per kind, counter prefix and scope (Hijri year or service date).

    Only the counter that owns the prefix writes its rows, so offline counters never collide.
    """

    __tablename__ = "number_sequence"
    __table_args__ = (UniqueConstraint("kind", "prefix", "scope"),)

    kind: Mapped[str] = mapped_column(String(20))
    prefix: Mapped[str] = mapped_column(String(2))
    scope: Mapped[str] = mapped_column(String(10))
    last_value: Mapped[int] = mapped_column(Integer, default=0)


class SyncConflict(SyncColumns, Base):
    """A change that sync could not apply as it was: kept here, whole, for a supervisor.

    `kind` is "field" (the same field changed on the server and on a counter: the server value
    stayed, the counter's value is `counter_value`), "duplicate" (a new row clashed with a
    unique rule, such as the same ID number registered on two counters: the row was kept as a
    tombstone) or "rejected" (the server refused the change, e.g. a status change the workflow
    does not allow). Values are in sync's wire form (JSON of the stored value).
    """

    __tablename__ = "sync_conflict"

    kind: Mapped[str] = mapped_column(String(16))
    table_name: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[str] = mapped_column(String(36), index=True)
    field: Mapped[str | None] = mapped_column(String(64))
    server_value: Mapped[str | None] = mapped_column(Text)
    counter_value: Mapped[str | None] = mapped_column(Text)
    #: Why the server refused the change ("rejected"): `domain.refusals.Refusal` as JSON.
    refusal: Mapped[str | None] = mapped_column(Text)
    counter_device: Mapped[str | None] = mapped_column(String(64))
    counter_name: Mapped[str | None] = mapped_column(String(100))  # "name (prefix)"
    counter_staff: Mapped[str | None] = mapped_column(String(36))
    mutation_id: Mapped[str] = mapped_column(String(36))
    detected_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    resolution: Mapped[str | None] = mapped_column(String(16))
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    resolved_by: Mapped[str | None] = mapped_column(String(36))


class DeviceSetting(Base):
    """Settings of this PC only (device id, counter prefix); never synced."""

    __tablename__ = "device_setting"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


SYNCED_MODELS: tuple[type[Base], ...] = (
    Staff,
    Beneficiary,
    Ticket,
    Contact,
    SupportRequest,
    ChecklistItem,
    Declaration,
    Referral,
    Letter,
    SurveyResponse,
    Feedback,
    Attachment,
    AuditEntry,
    Setting,
    NumberSequence,
    SyncConflict,
)

INSERT_ONLY_TABLES: tuple[str, ...] = ("declaration", "audit_entry")

#: The full-text search index that migrations 0002 and 0004 make on SQLite: an FTS5 table and
#: the shadow tables SQLite keeps for it. No model describes them.
SEARCH_INDEX = "beneficiary_search"
SEARCH_INDEX_TABLES = frozenset(
    f"{SEARCH_INDEX}{suffix}" for suffix in ("", "_data", "_idx", "_docsize", "_config")
)


# --- sync bookkeeping (not synced themselves) ---------------------------------------------------
# Both databases get every table below, so one schema describes both; each is used on one side.


class SyncOutbox(Base):
    """Counter side: every committed local change of a synced table, in commit order.

    Written by triggers in the same SQLite transaction as the change (migration 0003), so no
    code path can forget it; a row leaves once the server has it.
    """

    __tablename__ = "sync_outbox"
    __table_args__ = (Index("ix_sync_outbox_row", "table_name", "row_id"),)

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    mutation_id: Mapped[str] = mapped_column(String(36), unique=True)
    table_name: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[str] = mapped_column(String(36))
    op: Mapped[str] = mapped_column(String(8))
    old_json: Mapped[str | None] = mapped_column(Text)
    new_json: Mapped[str] = mapped_column(Text)
    base_version: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[str] = mapped_column(String(32))


class SyncState(Base):
    """Counter side: enrolment, cursor and the last push and pull (one row per key)."""

    __tablename__ = "sync_state"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str | None] = mapped_column(Text)


class SyncControl(Base):
    """Counter side: one row. `capture` turns the outbox triggers on (once enrolled);
    `applying` is set while a pull writes server rows, which are not local changes."""

    __tablename__ = "sync_control"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    capture: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
    applying: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))


class SyncMutation(Base):
    """Server side: every applied mutation id with its outcome, so a replayed push changes
    nothing and gets the same answer."""

    __tablename__ = "sync_mutation"

    mutation_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    device_id: Mapped[str] = mapped_column(String(64))
    table_name: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[str] = mapped_column(String(36))
    outcome: Mapped[str] = mapped_column(String(16))
    conflicts: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
    applied_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class SyncCounter(Base):
    """Server side: an enrolled (or invited) counter PC, with its own PostgreSQL role."""

    __tablename__ = "sync_counter"

    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    prefix: Mapped[str] = mapped_column(String(2), unique=True)
    role_name: Mapped[str] = mapped_column(String(63), unique=True)
    invited_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    enrolled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    device_id: Mapped[str | None] = mapped_column(String(64))


class SyncStaffRole(Base):
    """Server side: the PostgreSQL login role of each staff account (migration 0006), whose
    password is the account's verifier while it may sign in."""

    __tablename__ = "sync_staff_role"

    staff_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    role_name: Mapped[str] = mapped_column(String(63), unique=True)


class SyncSeqLock(Base):
    """Server side: one row, locked by every writer until it commits, so `server_seq` follows
    commit order (a row lock counters cannot take; an advisory key anyone could)."""

    __tablename__ = "sync_seq_lock"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)


class SyncTransition(Base):
    """Server side: the allowed status changes (from domain.workflow), checked by a trigger
    whatever client writes the row."""

    __tablename__ = "sync_transition"

    table_name: Mapped[str] = mapped_column(String(40), primary_key=True)
    source: Mapped[str] = mapped_column(String(32), primary_key=True)
    target: Mapped[str] = mapped_column(String(32), primary_key=True)


def row_dict(obj: Any) -> dict[str, Any]:
    return {c.name: getattr(obj, c.key) for c in obj.__table__.columns}
