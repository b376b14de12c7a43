"""Free text and names as the application keeps them: nothing that cannot be seen or printed.

Text arrives pasted from chats, PDFs and web pages with NUL bytes, control characters and
bidi embeddings or overrides (U+202A–U+202E, U+2066–U+2069) that reorder what follows them on
every screen and printed letter. Every free-text and name field goes through `clean_line` (one
line) or `clean_text` (several lines) before it is checked; `unclean` finds what they would
have removed, for the last check before a row is written.
"""

from __future__ import annotations

import re

from basmat_desk.domain.errors import ValidationError

#: Bidi embeddings, overrides and isolates: invisible, and they reorder everything after them
#: on a screen or a printed letter. Never kept, anywhere.
_OVERRIDES = frozenset(set(range(0x202A, 0x202F)) | set(range(0x2066, 0x206A)))
#: Direction marks and the byte-order mark: harmless, but nothing a typed field needs.
#: (Zero-width joiners stay: they shape letters.)
_MARKS = frozenset({0x061C, 0x200E, 0x200F, 0xFEFF})
#: C0 and C1 controls and DEL, except tab and line feed (handled apart).
_CONTROLS = frozenset(set(range(0x00, 0x20)) | {0x7F} | set(range(0x80, 0xA0))) - {0x09, 0x0A}
_DROP: dict[int, None] = dict.fromkeys(_OVERRIDES | _MARKS | _CONTROLS)
_NEVER = _OVERRIDES | _CONTROLS
_LINE_BREAKS = re.compile(r"\r\n|[\r\u2028\u2029\x0b\x0c\x85]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_WHITESPACE = re.compile(r"\s+")
_BLANK_LINES = re.compile(r"\n{3,}")


def clean_line(text: str) -> str:
    """One line: invisible controls removed, every run of whitespace one space, trimmed."""
    return _WHITESPACE.sub(" ", _LINE_BREAKS.sub(" ", text).translate(_DROP)).strip()


def clean_text(text: str) -> str:
    """Several lines: line breaks kept as "\\n" (at most one blank line in a row), invisible
    controls removed, spaces squeezed within each line, each line and the whole trimmed."""
    text = _LINE_BREAKS.sub("\n", text).translate(_DROP)
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def unclean(text: str) -> str | None:
    """The first control character or bidi override in `text` (what no stored text may hold,
    typed or not: a mark such as RLM may stand in a quoted document), or None."""
    for char in text:
        if ord(char) in _NEVER:
            return char
    return None


def check_length(field: str, label: str, text: str, limit: int) -> str:
    """`text`, or ValidationError(field) when it is longer than `limit` characters."""
    if len(text) > limit:
        raise ValidationError(field, f"{label}: {limit} حرفًا على الأكثر، والمدخل {len(text)}")
    return text


def optional_line(field: str, label: str, text: str | None, limit: int) -> str | None:
    """A cleaned optional one-line field: None when empty, checked against `limit`."""
    cleaned = clean_line(text or "")
    return check_length(field, label, cleaned, limit) if cleaned else None


def optional_text(field: str, label: str, text: str | None, limit: int) -> str | None:
    """A cleaned optional multi-line field: None when empty, checked against `limit`."""
    cleaned = clean_text(text or "")
    return check_length(field, label, cleaned, limit) if cleaned else None
