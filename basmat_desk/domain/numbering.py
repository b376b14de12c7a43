"""Reference numbers that offline counters issue without asking the server.

Each counter PC has its own prefix (A, B, … AA), so "prefix + per-prefix sequence" never
collides between two counters that are offline at the same time (DESIGN.md, "Numbers issued
offline"). Formats: letters 1447/A/00017 (Hijri year / prefix / sequence), support requests
R-1447-A-00123, queue tickets A-017 (sequence per service date).
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import NamedTuple

from basmat_desk.domain.calendar import HIJRI_MAX_YEAR, HIJRI_MIN_YEAR
from basmat_desk.domain.digits import fold_digits, strip_invisible
from basmat_desk.domain.errors import ValidationError

LRI = "\u2066"  # LEFT-TO-RIGHT ISOLATE
PDI = "\u2069"  # POP DIRECTIONAL ISOLATE


class SequenceKind(StrEnum):
    """What a `number_sequence` row numbers (its scope is a service date or a Hijri year)."""

    TICKET = "ticket"  # scope: the service date, ISO (2026-11-25)
    REQUEST = "request"  # scope: the Hijri year
    LETTER = "letter"  # scope: the Hijri year
    FILE = "file"  # scope: "all" (file numbers run on for ever)


LETTER_SEQ_MAX = 99_999
REQUEST_SEQ_MAX = 99_999
TICKET_SEQ_MAX = 999

_PREFIX = re.compile(r"[A-Z]{1,2}")
_LETTER = re.compile(r"([0-9]{4})/([A-Z]{1,2})/([0-9]{5})")
_REQUEST = re.compile(r"R-([0-9]{4})-([A-Z]{1,2})-([0-9]{5})")
_TICKET = re.compile(r"([A-Z]{1,2})-([0-9]{3})")


class LetterNumber(NamedTuple):
    """Parts of an outgoing-letter reference number such as 1447/A/00017."""

    hijri_year: int
    prefix: str
    seq: int


class RequestNumber(NamedTuple):
    """Parts of a support-request number such as R-1447-A-00123."""

    hijri_year: int
    prefix: str
    seq: int


class TicketNumber(NamedTuple):
    """Parts of a queue-ticket number such as A-017."""

    prefix: str
    seq: int


def validate_prefix(prefix: str, field: str = "prefix") -> str:
    """A counter prefix: one or two Latin letters, returned upper-case ("a" → "A")."""
    label = "رمز الكاونتر"
    if prefix is None or not isinstance(prefix, str) or not prefix.strip():
        raise ValidationError(field, f"{label}: مطلوب")
    cleaned = strip_invisible(prefix).strip()
    upper = cleaned.upper() if cleaned.isascii() else cleaned
    if not _PREFIX.fullmatch(upper):
        raise ValidationError(
            field, f"{label}: يجب أن يكون حرفًا لاتينيًا واحدًا أو حرفين (من A إلى Z)"
        )
    return upper


def _check_year(hijri_year: int) -> int:
    if (
        not isinstance(hijri_year, int)
        or isinstance(hijri_year, bool)
        or not HIJRI_MIN_YEAR <= hijri_year <= HIJRI_MAX_YEAR
    ):
        raise ValidationError(
            "hijri_year",
            f"السنة الهجرية: يجب أن تكون بين {HIJRI_MIN_YEAR} و{HIJRI_MAX_YEAR}",
        )
    return hijri_year


def _check_seq(seq: int, maximum: int) -> int:
    if not isinstance(seq, int) or isinstance(seq, bool) or not 1 <= seq <= maximum:
        raise ValidationError("seq", f"الرقم التسلسلي: يجب أن يكون بين 1 و{maximum}")
    return seq


def letter_number(hijri_year: int, prefix: str, seq: int) -> str:
    """Outgoing-letter reference: "1447/A/00017"."""
    year, pfx = _check_year(hijri_year), validate_prefix(prefix)
    return f"{year}/{pfx}/{_check_seq(seq, LETTER_SEQ_MAX):05d}"


def request_number(hijri_year: int, prefix: str, seq: int) -> str:
    """Support-request number: "R-1447-A-00123"."""
    year, pfx = _check_year(hijri_year), validate_prefix(prefix)
    return f"R-{year}-{pfx}-{_check_seq(seq, REQUEST_SEQ_MAX):05d}"


def ticket_number(prefix: str, seq: int) -> str:
    """Queue-ticket number for one service date: "A-017"."""
    pfx = validate_prefix(prefix)
    return f"{pfx}-{_check_seq(seq, TICKET_SEQ_MAX):03d}"


def _clean(text: str, field: str, label: str) -> str:
    """Typed or pasted reference: isolates and marks removed, digits folded, upper-cased."""
    if text is None or not isinstance(text, str):
        raise ValidationError(field, f"{label}: مطلوب")
    cleaned = fold_digits(strip_invisible(text)).strip()
    if not cleaned:
        raise ValidationError(field, f"{label}: مطلوب")
    return cleaned.upper() if cleaned.isascii() else cleaned


def _parts(
    pattern: re.Pattern[str], text: str, field: str, label: str, example: str
) -> tuple[str, ...]:
    match = pattern.fullmatch(_clean(text, field, label))
    if match is None:
        raise ValidationError(field, f"{label}: الصيغة غير صحيحة، المتوقع مثل {example}")
    groups: tuple[str, ...] = match.groups()
    if int(groups[-1]) == 0:
        raise ValidationError(field, f"{label}: الرقم التسلسلي لا يكون صفرًا")
    return groups


def _parse_year(raw: str, field: str, label: str) -> int:
    year = int(raw)
    if not HIJRI_MIN_YEAR <= year <= HIJRI_MAX_YEAR:
        raise ValidationError(field, f"{label}: السنة الهجرية {year} خارج النطاق المدعوم")
    return year


def parse_letter_number(text: str, field: str = "letter_number") -> LetterNumber:
    """Read "1447/A/00017" back into its parts (e.g. to look a printed letter up)."""
    label = "رقم الخطاب"
    year, prefix, seq = _parts(_LETTER, text, field, label, "1447/A/00017")
    return LetterNumber(_parse_year(year, field, label), prefix, int(seq))


def parse_request_number(text: str, field: str = "request_number") -> RequestNumber:
    """Read "R-1447-A-00123" back into its parts."""
    label = "رقم الطلب"
    year, prefix, seq = _parts(_REQUEST, text, field, label, "R-1447-A-00123")
    return RequestNumber(_parse_year(year, field, label), prefix, int(seq))


def parse_ticket_number(text: str, field: str = "ticket_number") -> TicketNumber:
    """Read "A-017" back into its parts."""
    label = "رقم التذكرة"
    prefix, seq = _parts(_TICKET, text, field, label, "A-017")
    return TicketNumber(prefix, int(seq))


def isolate_ltr(text: str) -> str:
    """Wrap a reference number in LRI…PDI so it stays one left-to-right run in Arabic text.

    Without it, Qt lays "1447/A/00017" out as "A/00017/1447" inside a right-to-left
    sentence. Already isolated text is returned unchanged.
    """
    if text.startswith(LRI) and text.endswith(PDI):
        return text
    return f"{LRI}{text}{PDI}"
