"""Find a beneficiary as the receptionist types: any part of the name, the ID number, the mobile.

The GUI (on a worker thread, as the receptionist types) and `basmat-desk search` use this one
engine. It reads the FTS5 index `beneficiary_search` that migration 0002 keeps in step with the
`beneficiary` table by triggers; the index holds only live rows (a soft-deleted person is never
found), the search form of the name (`domain.arabic.normalize`), the ID number, and every mobile
in the three forms people type (05XXXXXXXX, 5XXXXXXXX, 9665XXXXXXXX).

What is typed goes through the same `normalize` as the stored names, so every spelling of a
name meets its stored form (أحمد / احمد / إحمد, عبد الله / عبدالله, فاطمة / فاطمه, tashkeel,
Arabic-Indic digits). Its words are then read as:

- letters: the start of a word of the name; several words must all match (AND), in any order,
  so "محمد القح" finds "محمد عبدالله القحطاني";
- digits: spaces, dashes and "+" between digit groups do not count ("055 123 4567" is one
  number, "00966…" is "966…"); the number is the start of the ID number or of a mobile form,
  or, from four digits to nine, the end of a mobile (its last digits, read from a caller's
  display: the index holds each mobile's last four as a term "t4567", and the people found by
  it are kept only if their mobile ends with everything typed);
- letters and digits together (a passport number): the start of the ID number.

Ranking, best first:

1. the exact ID number or mobile typed;
2. a mobile that ends with the digits typed;
3. people whose first name starts with the first word typed;
4. more words typed that are whole words of the name (علي before عليان);
5. words matched earlier in the name (first, father, grandfather, family);
6. the name's search form, alphabetically (so أحمد and احمد sort together); the same name,
   the newest record first.

Why not FTS5's bm25 rank: it is computed for every matching row (27 ms for the 9,000 people of
200,000 whose name has "محمد") after counting each word's rows for its rarity (25 ms for "ال",
which starts nearly every family name), and on four-word names it mostly favours short names.
Instead the candidates are ranked in Python: all the matches when there are at most
`CANDIDATE_WINDOW` (the ranking is then exact); otherwise the newest `CANDIDATE_WINDOW` matches
together with the newest `CANDIDATE_WINDOW` of each better tier (exact number; first name
leading), each read by an FTS5 query of its own that stops at the window. A query that matches
thousands of people is still being typed, and each further letter narrows it.

Read-only and per call: each call takes its own connection from the session factory (so it can
run on any thread), checks the permission, writes nothing and is not audited. It runs plain SQL
on the driver, no ORM objects: this is the hot path of the intake screen.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, Literal

from basmat_desk.domain.arabic import normalize
from basmat_desk.domain.beneficiary import full_name
from basmat_desk.domain.enums import BeneficiaryStatus, IdType
from basmat_desk.domain.permissions import Permission
from basmat_desk.services.context import ServiceContext, require
from basmat_desk.store.models import SEARCH_INDEX

if TYPE_CHECKING:
    from sqlalchemy import Connection

MatchKind = Literal["id", "mobile", "name"]

#: The most matches read from one tier (see the module docstring).
CANDIDATE_WINDOW = 200
DEFAULT_LIMIT = 50

SEARCH_TABLE = SEARCH_INDEX
_NUMBER_COLUMNS = "{id_number phones}"
#: "00966…" is how a Saudi number is dialled from abroad: the index holds it as "966…". Only
#: then is "00" a prefix: "0093" may be a mobile's last four digits.
_INTERNATIONAL_PREFIX = "00"
_SAUDI_INTERNATIONAL = "00966"
#: A mobile is found by its last digits from this many on; the index holds the last four.
TAIL_MIN = 4
#: A local mobile's length (05XXXXXXXX): this many digits are a whole number, not its end.
LOCAL_MOBILE_LENGTH = 10
_TAIL_TERM = "t"

# What ranking needs of the matches of one FTS5 query, newest first (FTS5 walks rowids either
# way without sorting). `deleted_at IS NULL` is the index's own rule, repeated as a safeguard.
_CANDIDATES = f"""
SELECT b.rowid, b.name_search, b.id_number, b.mobile, b.mobile_alt
FROM (SELECT rowid FROM {SEARCH_TABLE} WHERE {SEARCH_TABLE} MATCH ?
      ORDER BY rowid DESC LIMIT ?) AS found
JOIN beneficiary AS b ON b.rowid = found.rowid
WHERE b.deleted_at IS NULL
"""
_NAME_SEARCH, _ID_NUMBER, _MOBILE, _MOBILE_ALT = range(1, 5)

# What a hit shows, for the page only.
_DETAILS = """
SELECT rowid, id, first_name, father_name, grandfather_name, family_name, id_type, id_number,
       mobile, birth_date, file_number, status
FROM beneficiary
WHERE rowid IN (SELECT value FROM json_each(?))
"""


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One person found, as plain data for a table row or JSON."""

    id: str
    full_name: str
    id_type: IdType
    id_number: str
    mobile: str | None  # E.164
    birth_date: date | None
    file_number: str | None
    status: BeneficiaryStatus
    match: MatchKind  # what the query matched: the ID number, a mobile, or the name


@dataclass(frozen=True, slots=True)
class SearchQuery:
    """What was typed, in search form: name words, one number, and letter-digit codes."""

    words: tuple[str, ...]
    number: str
    codes: tuple[str, ...]

    @classmethod
    def parse(cls, text: str) -> SearchQuery:
        words: list[str] = []
        digits: list[str] = []
        codes: list[str] = []
        for token in normalize(text).split():
            if token.isascii() and token.isdigit():
                digits.append(token)
            elif any(char.isdigit() for char in token):
                codes.append(token)
            else:
                words.append(token)
        number = "".join(digits)
        if number.startswith(_SAUDI_INTERNATIONAL):
            number = number[len(_INTERNATIONAL_PREFIX) :]
        return cls(tuple(words), number, tuple(codes))

    def __bool__(self) -> bool:
        return bool(self.words or self.number or self.codes)

    @property
    def tail(self) -> str:
        """The last four digits to look a mobile up by its end ("" when the number typed is
        too short or is a whole number)."""
        if TAIL_MIN <= len(self.number) < LOCAL_MOBILE_LENGTH:
            return self.number[-TAIL_MIN:]
        return ""

    def match(
        self,
        *,
        exact_number: bool = False,
        first_name_leads: bool = False,
        tail_only: bool = False,
    ) -> str:
        """The FTS5 query: every part must match. Each term is a quoted string, so nothing
        typed is read as FTS5 syntax (AND, OR, NOT, NEAR, quotes, stars, brackets)."""
        parts: list[str] = []
        if self.words:
            terms = [f"{_quote(word)}*" for word in self.words]
            if first_name_leads:
                terms[0] = f"^{terms[0]}"
            parts.append(f"name : ({' AND '.join(terms)})")
        if self.number:
            star = "" if exact_number else "*"
            start = f"{_NUMBER_COLUMNS} : {_quote(self.number)}{star}"
            end = f"phones : {_quote(_TAIL_TERM + self.tail)}" if self.tail else ""
            if tail_only and end:
                parts.append(end)
            elif end and not exact_number:
                parts.append(f"({start} OR {end})")
            else:
                parts.append(start)
        parts.extend(f"id_number : {_quote(code)}*" for code in self.codes)
        return " AND ".join(parts)

    def best_tiers(self) -> Iterator[str]:
        """The FTS5 queries of the tiers that rank above other matches (exact number, a mobile
        ending with it, first name leading), for when there are too many to rank them all."""
        if self.number:
            yield self.match(exact_number=True)
        if self.tail:
            yield self.match(tail_only=True)
        if self.words:
            yield self.match(first_name_leads=True)


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def match_expression(text: str) -> str:
    """The plain FTS5 query for `text` (every term a prefix, all of them required), or "" when
    there is nothing to search. The benchmark runs it on SQLite directly, as its baseline."""
    query = SearchQuery.parse(text)
    return query.match() if query else ""


def mobile_forms(e164: str | None) -> tuple[str, ...]:
    """The forms a stored mobile is typed in, as indexed: 05…, 5… and 9665…."""
    if not e164:
        return ()
    return ("0" + e164[4:], e164[4:], e164[1:])


def search_beneficiaries(
    ctx: ServiceContext, query: str, *, limit: int = DEFAULT_LIMIT
) -> list[SearchHit]:
    """The people matching `query`, best first, at most `limit` (see the module docstring)."""
    require(ctx, Permission.VIEW_BENEFICIARIES)
    parsed = SearchQuery.parse(query)
    if not parsed or limit <= 0:
        return []
    window = max(CANDIDATE_WINDOW, limit)
    with ctx.sessions() as session:
        connection = session.connection()
        found = _candidates(connection, parsed.match(), window + 1)
        if len(found) > window:
            # Too many to rank them all: make sure the better tiers' own matches are ranked.
            for match in parsed.best_tiers():
                found |= _candidates(connection, match, window)
        rows = [row for row in found.values() if _number_fits(parsed, row)]
        best = sorted(rows, key=_ranking(parsed))[:limit]
        rowids = [row[0] for row in best]
        details = {
            row[0]: row for row in connection.exec_driver_sql(_DETAILS, (json.dumps(rowids),)).all()
        }
    return [_hit(details[row[0]], _match_kind(parsed, row)) for row in best if row[0] in details]


def _candidates(connection: Connection, match: str, window: int) -> dict[int, Sequence[Any]]:
    """The newest `window` matches of an FTS5 query, by rowid."""
    return {row[0]: row for row in connection.exec_driver_sql(_CANDIDATES, (match, window)).all()}


_RankKey = tuple[bool, bool, bool, int, int, str, int]


def _ranking(query: SearchQuery) -> Callable[[Sequence[Any]], _RankKey]:
    """The sort key of a candidate for `query`: smaller is better (see the module docstring).

    Called for every candidate, so it does no work the query does not need."""
    words, numbered = query.words, bool(query.number or query.codes)
    first_word = words[0] if words else ""

    def key(row: Sequence[Any]) -> _RankKey:
        name: str = row[_NAME_SEARCH]
        not_exact = not (numbered and _is_exact(query, row))
        not_ending = not (query.tail and _mobile_ends(query, row))
        if not words:
            return not_exact, not_ending, False, 0, 0, name, -row[0]
        parts = name.split()
        whole_words = positions = 0
        for word in words:
            if word in parts:
                whole_words -= 1
            for position, part in enumerate(parts):
                if part.startswith(word):
                    positions += position
                    break
            else:
                positions += len(parts)
        leads = parts[0].startswith(first_word)
        return not_exact, not_ending, not leads, whole_words, positions, name, -row[0]

    return key


def _is_exact(query: SearchQuery, row: Sequence[Any]) -> bool:
    id_number = row[_ID_NUMBER].lower()
    if query.number:
        return query.number == id_number or query.number in (
            mobile_forms(row[_MOBILE]) + mobile_forms(row[_MOBILE_ALT])
        )
    return id_number in query.codes


def _local_mobiles(row: Sequence[Any]) -> tuple[str, ...]:
    return tuple(
        forms[0] for forms in (mobile_forms(row[_MOBILE]), mobile_forms(row[_MOBILE_ALT])) if forms
    )


def _mobile_ends(query: SearchQuery, row: Sequence[Any]) -> bool:
    """A mobile of the row ends with the number typed."""
    return any(local.endswith(query.number) for local in _local_mobiles(row))


def _number_fits(query: SearchQuery, row: Sequence[Any]) -> bool:
    """A row the index found by a mobile's last four digits ends with every digit typed (or
    matched the number's start as well); others are kept as they are."""
    if not query.tail:
        return True
    starts = row[_ID_NUMBER].lower().startswith(query.number) or any(
        form.startswith(query.number)
        for form in mobile_forms(row[_MOBILE]) + mobile_forms(row[_MOBILE_ALT])
    )
    return starts or _mobile_ends(query, row)


def _match_kind(query: SearchQuery, row: Sequence[Any]) -> MatchKind:
    """What the query matched in this row: a number (the ID's or a mobile's) before the name."""
    if not query.number:
        return "id" if query.codes else "name"
    number, id_number = query.number, row[_ID_NUMBER].lower()
    forms = mobile_forms(row[_MOBILE]) + mobile_forms(row[_MOBILE_ALT])
    if number == id_number:
        return "id"
    if number in forms or not id_number.startswith(number):
        return "mobile"
    return "id"


def _hit(row: Sequence[Any], match: MatchKind) -> SearchHit:
    _rowid, hit_id, first, father, grandfather, family, id_type, id_number = row[:8]
    mobile, birth, file_number, status = row[8:]
    return SearchHit(
        id=hit_id,
        full_name=full_name(first, father, grandfather, family),
        id_type=IdType(id_type),
        id_number=id_number,
        mobile=mobile,
        birth_date=date.fromisoformat(birth) if birth else None,
        file_number=file_number,
        status=BeneficiaryStatus(status),
        match=match,
    )
