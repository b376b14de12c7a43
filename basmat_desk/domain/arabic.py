"""The search form of Arabic text, so that every common spelling of a name finds it.

The same name reaches the front office written many ways: أحمد / احمد / إحمد, فاطمة / فاطمه,
مصطفى / مصطفي, with or without harakat or tatweel, عبد الله / عبدالله, and from Persian
keyboards (ی, ک). `normalize` maps all of them to one form; it is applied both to stored
names (the search index of ~200,000 names) and to what the user types, so it is built for
speed (a few microseconds a name): one `str.translate` table, a regex for separators only when a
word is not all letters and digits, and one pass over the words for compound names.

Folding decisions:

- أ إ آ ٱ → ا; ى → ي; ة → ه; ؤ → و; ئ → ي. Hamza seats are folded too (فائز / فايز,
  لؤي / لوي meet), since people write names with and without the hamza far more often than
  two different names differ only by it. Bare ء is kept.
- Persian ی ک → Arabic ي ك; Arabic presentation forms (text pasted from PDFs, ﻻ ﷲ) → letters.
- Harakat (U+064B–U+065F, U+0670) and tatweel removed; digits folded to ASCII; Latin
  lower-cased; any other character (punctuation, symbols, ، ؛ ؟) becomes a space; spaces
  collapsed and trimmed. Zero-width and bidi marks are removed (they do not split words).
- Compound names take the joined form: "عبد X" → "عبدX" for any X (عبد الله, عبد الرحمن,
  عبد العزيز …), "ابو بكر" → "ابوبكر", and "X الله" / "X الدين" → "Xالله" / "Xالدين"
  (نور الدين, سيف الدين, جار الله, فضل الله …). Other "ابو X" family names are left apart,
  because people search them by the second word.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from basmat_desk.domain.digits import DIGIT_FOLDS, INVISIBLE_MARKS

#: Harakat and other combining Arabic marks (tanween, fatha … sukun, maddah, hamza marks,
#: superscript alef). Removed both for search and for printing names.
HARAKAT: frozenset[int] = frozenset({*range(0x064B, 0x0660), 0x0670})
TATWEEL = 0x0640

_LETTER_FOLDS: dict[int, str] = {
    0x0623: "ا",  # أ
    0x0625: "ا",  # إ
    0x0622: "ا",  # آ
    0x0671: "ا",  # ٱ alef wasla
    0x0672: "ا",  # ٲ
    0x0673: "ا",  # ٳ
    0x0649: "ي",  # ى alef maqsura
    0x0629: "ه",  # ة taa marbuta
    0x0624: "و",  # ؤ
    0x0626: "ي",  # ئ
    0x06CC: "ي",  # ی Persian yeh
    0x06D2: "ي",  # ے yeh barree
    0x06A9: "ك",  # ک Persian keheh
    0x06C0: "ه",  # ۀ
    0x06C1: "ه",  # ہ
    0x06D5: "ه",  # ە
}


def _build_search_table() -> dict[int, str | None]:
    base: dict[int, str | None] = {}
    base.update(dict.fromkeys(HARAKAT))
    base[TATWEEL] = None
    base.update(dict.fromkeys(INVISIBLE_MARKS))
    base.update(DIGIT_FOLDS)
    base.update(_LETTER_FOLDS)
    table = dict(base)
    # Presentation forms (FB50–FDFF, FE70–FEFF) map to their letters, already folded, so a
    # single translate pass is enough. E.g. ﻷ → لا, ﷲ → الله.
    for code in (*range(0xFB50, 0xFE00), *range(0xFE70, 0xFEFF)):
        char = chr(code)
        compat = unicodedata.normalize("NFKC", char)
        if compat != char:
            table[code] = compat.translate(base)
    return table


_SEARCH_TABLE = _build_search_table()
# The same table as a list indexed by code point for the Arabic block and below: list lookup
# is about twice as fast as dict lookup in str.translate. Text with any character past the
# Arabic block (presentation forms, bidi marks, other scripts) uses the dict table.
_FAST_LIMIT = 0x0700
_FAST_TABLE: list[str | None] = [_SEARCH_TABLE.get(code, chr(code)) for code in range(_FAST_LIMIT)]
_FAST_MAX_CHAR = chr(_FAST_LIMIT - 1)
_HARAKAT_TABLE: dict[int, None] = dict.fromkeys(HARAKAT)
_SEPARATORS = re.compile(r"[\W_]+")
_JOIN_NEXT = "عبد"  # "عبد X" → "عبدX"
_ABU, _BAKR = "ابو", "بكر"  # "ابو بكر" → "ابوبكر"
_JOIN_PREVIOUS = frozenset({"الله", "الدين"})  # "X الله" → "Xالله"


def _join_compounds(words: list[str]) -> list[str]:
    """Join the words of compound names (عبد الله, ابو بكر, نور الدين …)."""
    out: list[str] = []
    count = len(words)
    index = 0
    while index < count:
        word = words[index]
        if index + 1 < count and (
            word == _JOIN_NEXT or (word == _ABU and words[index + 1] == _BAKR)
        ):
            out.append(word + words[index + 1])
            index += 2
            continue
        if out and word in _JOIN_PREVIOUS:
            out[-1] += word
        else:
            out.append(word)
        index += 1
    return out


def normalize(text: str) -> str:
    """Return the search form of `text` (see the module docstring for the rules)."""
    if not text:
        return ""
    table = _FAST_TABLE if max(text) <= _FAST_MAX_CHAR else _SEARCH_TABLE
    folded = text.translate(table).lower()
    words = folded.split()
    if not "".join(words).isalnum():
        words = _SEPARATORS.sub(" ", folded).split()
    if len(words) > 1:
        words = _join_compounds(words)
    return " ".join(words)


def tokens(text: str) -> list[str]:
    """The words of the search form of `text`, for indexing and matching."""
    return normalize(text).split()


def strip_harakat(text: str) -> str:
    """Remove harakat only, for printing names: letters, tatweel and lam-alef stay as typed."""
    return text.translate(_HARAKAT_TABLE)


# --- counted nouns ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CountForms:
    """The forms of an Arabic counted noun: 1, 2, 3–10, 11–99, and round hundreds (100, 1000 …).

    `few`, `many` and `hundreds` hold "{n}" where the number goes."""

    one: str
    two: str
    few: str
    many: str
    hundreds: str

    def of(self, n: int) -> str:
        if n == 1:
            return self.one
        if n == 2:
            return self.two
        rest = n % 100
        if 3 <= rest <= 10:
            form = self.few
        elif 11 <= rest <= 99:
            form = self.many
        else:
            form = self.hundreds
        return form.format(n=f"{n:,}")


MINUTES = CountForms("دقيقة واحدة", "دقيقتان", "{n} دقائق", "{n} دقيقة", "{n} دقيقة")
