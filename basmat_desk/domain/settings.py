"""The settings' shapes, defaults and rules (declared once; stored by services.settings).

Association settings (name, letterhead, signatory, idle lock) are shared by every counter;
device settings (this PC's id and counter prefix) belong to one PC.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields, replace
from enum import StrEnum
from typing import Any

from basmat_desk.domain.errors import ValidationError
from basmat_desk.domain.text import clean_line

MAX_LETTERHEAD_LINES = 4
MAX_LETTERHEAD_LINE_LENGTH = 120
MAX_IDLE_MINUTES = 240


@dataclass(frozen=True, slots=True)
class AssociationSettings:
    association_name: str = "جمعية بسمات للعناية بالأسنان"
    letterhead_lines: tuple[str, ...] = (
        "جمعية بسمات للعناية بالأسنان",
        "مسجلة لدى المركز الوطني لتنمية القطاع غير الربحي",
    )
    signatory_name: str = ""
    signatory_title: str = "المدير التنفيذي"
    idle_lock_minutes: int = 5  # 0 turns the lock off


class DeviceKey(StrEnum):
    """The keys of `device_setting`: what belongs to this PC only and never syncs."""

    DEVICE_ID = "device_id"  # made the first time the database is opened
    COUNTER_PREFIX = "counter_prefix"  # the letter(s) of this counter's numbers
    DEMO = "demo"  # "1" on a database made by the demo generator


#: A counter's prefix until one is set (an enrolled counter gets its own from the server).
DEFAULT_COUNTER_PREFIX = "A"
#: The value of DeviceKey.DEMO on a demo database.
DEMO_FLAG = "1"


class SyncKey(StrEnum):
    """The keys of `sync_state`: a counter's enrolment, its server, its cursor, its last sync."""

    ENROLLED = "enrolled"  # ENROLLED_YES once enrolled; ENROLLING between code and claim
    ENROLLED_AT = "enrolled_at"
    COUNTER_NAME = "counter_name"
    PREFIX = "prefix"
    HOST = "host"
    PORT = "port"
    DBNAME = "dbname"
    ROLE = "role"
    PASSWORD = "password"  # first versions only: read once, moved to the credential store
    SSLMODE = "sslmode"  # libpq's sslmode towards the server: "require" unless enrolled without
    CURSOR = "cursor"  # the highest server_seq pulled
    LAST_PUSH_AT = "last_push_at"
    LAST_PULL_AT = "last_pull_at"
    LAST_SUCCESS_AT = "last_success_at"
    LAST_ATTEMPT_AT = "last_attempt_at"
    LAST_ERROR = "last_error"


#: TLS to the server unless the enrolment said otherwise (a test server without it).
DEFAULT_SSLMODE = "require"
SSLMODES = ("disable", "allow", "prefer", "require", "verify-ca", "verify-full")

ENROLLED_YES = "yes"
ENROLLING = "pending"


@dataclass(frozen=True, slots=True)
class DeviceSettings:
    device_id: str
    counter_prefix: str = DEFAULT_COUNTER_PREFIX


def _squeeze(text: str) -> str:
    return clean_line(text)


def validate_association(s: AssociationSettings) -> AssociationSettings:
    """The settings cleaned (spaces squeezed, empty letterhead lines dropped), or an error."""
    name = _squeeze(s.association_name)
    if not name:
        raise ValidationError("association_name", "اسم الجمعية: مطلوب")
    lines = tuple(line for line in map(_squeeze, s.letterhead_lines) if line)
    if len(lines) > MAX_LETTERHEAD_LINES:
        raise ValidationError(
            "letterhead_lines", f"سطور الترويسة: {MAX_LETTERHEAD_LINES} سطور على الأكثر"
        )
    if any(len(line) > MAX_LETTERHEAD_LINE_LENGTH for line in lines):
        raise ValidationError(
            "letterhead_lines",
            f"سطور الترويسة: السطر أطول من {MAX_LETTERHEAD_LINE_LENGTH} حرفاً",
        )
    if not 0 <= s.idle_lock_minutes <= MAX_IDLE_MINUTES:
        raise ValidationError(
            "idle_lock_minutes",
            f"مدة القفل عند الخمول: من 0 (بلا قفل) إلى {MAX_IDLE_MINUTES} دقيقة",
        )
    return replace(
        s,
        association_name=name,
        letterhead_lines=lines,
        signatory_name=_squeeze(s.signatory_name),
        signatory_title=_squeeze(s.signatory_title),
    )


def association_from_stored(stored: dict[str, str]) -> AssociationSettings:
    """Decode stored key → JSON text pairs; missing keys keep their defaults."""
    defaults = AssociationSettings()
    values: dict[str, Any] = {}
    for f in fields(AssociationSettings):
        if f.name not in stored:
            continue
        value = json.loads(stored[f.name])
        if isinstance(getattr(defaults, f.name), tuple):
            value = tuple(value)
        values[f.name] = value
    return replace(defaults, **values)


def association_to_stored(settings: AssociationSettings) -> dict[str, str]:
    return {
        key: json.dumps(list(value) if isinstance(value, tuple) else value, ensure_ascii=False)
        for key, value in asdict(settings).items()
    }
