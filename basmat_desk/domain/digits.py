"""Digits as users type them: Arabic-Indic and Persian digits folded to ASCII.

Receptionists type on Arabic keyboards, so IDs, mobiles and dates arrive with ٠–٩ (U+0660…)
or ۰–۹ (U+06F0…). Every parser folds them here first, so there is one rule for the whole
application.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

#: Code point → ASCII digit, for Arabic-Indic (U+0660…U+0669) and Persian (U+06F0…U+06F9).
#: Exposed so that `arabic.normalize` can merge it into its own single translation table.
DIGIT_FOLDS: Mapping[int, str] = MappingProxyType(
    {0x0660 + i: str(i) for i in range(10)} | {0x06F0 + i: str(i) for i in range(10)}
)

#: Invisible direction and joining marks that come along when text is copied from RTL
#: documents, chats or our own UI (which wraps reference numbers in LRI…PDI).
INVISIBLE_MARKS: frozenset[int] = frozenset(
    {0x061C, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0xFEFF}
    | set(range(0x202A, 0x202F))
    | set(range(0x2066, 0x206A))
)

_DIGIT_TABLE: dict[int, str] = dict(DIGIT_FOLDS)
_INVISIBLE_TABLE: dict[int, None] = dict.fromkeys(INVISIBLE_MARKS)


def fold_digits(text: str) -> str:
    """Return `text` with Arabic-Indic and Persian digits replaced by ASCII 0–9."""
    return text.translate(_DIGIT_TABLE)


def strip_invisible(text: str) -> str:
    """Remove bidi controls and zero-width marks, which are invisible but break parsing."""
    return text.translate(_INVISIBLE_TABLE)


def is_ascii_digits(text: str) -> bool:
    """True if `text` is non-empty and only ASCII 0–9 (unlike str.isdigit, which takes ², ৩ …)."""
    return text.isascii() and text.isdigit()
