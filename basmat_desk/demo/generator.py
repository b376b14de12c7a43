"""A demo database full of realistic synthetic data, for training, screenshots and load tests.

Everything here is invented: names are drawn from lists of common names
(`resources/demo/names.toml`), ID numbers are random nine digits completed with their check
digit, mobiles are random numbers in Saudi mobile ranges. The same seed gives the same data.

Seeding writes hundreds of thousands of rows, so it uses Core `INSERT … executemany` in
batches instead of ORM objects. That bypasses the per-row audit hook on purpose: the whole
generation is recorded as ONE audit entry (`demo.generate`) in the same transaction.
"""

from __future__ import annotations

import os
import random
import sqlite3
import tempfile
import time
import tomllib
from bisect import bisect
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, Generic, TypeVar

from basmat_desk.domain.arabic import normalize
from basmat_desk.domain.clock import RIYADH
from basmat_desk.domain.demo import DEMO_PASSWORD, DEMO_SUPERVISOR
from basmat_desk.domain.enums import (
    BeneficiaryStatus,
    Channel,
    Direction,
    Gender,
    IdType,
    MaritalStatus,
    Role,
    TicketStatus,
)
from basmat_desk.domain.errors import ValidationError, os_error_reason
from basmat_desk.domain.identity import make_national_id
from basmat_desk.domain.numbering import SequenceKind, isolate_ltr
from basmat_desk.paths import (
    SQLITE_SIDECARS,
    missing_folders,
    remove_database_files,
    remove_empty_folders,
    resources_dir,
)
from basmat_desk.services.bootstrap import close_local, open_local
from basmat_desk.services.bulk import bulk_load
from basmat_desk.services.passwords import hash_password
from basmat_desk.services.settings import mark_as_demo
from basmat_desk.services.startup import database_contents
from basmat_desk.store.models import (
    Base,
    Beneficiary,
    Contact,
    NumberSequence,
    Staff,
    Ticket,
    new_id,
    stable_id,
)

DEMO_PREFIX = "A"

#: Rows per INSERT batch: big enough to amortise statement overhead, small enough for memory.
BATCH_SIZE = 5_000
#: SQLite page cache while seeding, in KiB (only for the seeding connection).
SEED_CACHE_KIB = 256 * 1024

#: Saudi Arabia has kept UTC+3 without daylight saving since 1957; a fixed offset avoids
#: needing the IANA database (absent on Windows without the tzdata package).
OPENING_MINUTE = 8 * 60
CLOSING_MINUTE = 16 * 60
#: Friday and Saturday are the Saudi weekend (date.weekday(): Monday is 0).
WEEKEND = frozenset({4, 5})

#: How busy a weekday is compared with an ordinary one (date.weekday(): Sunday 6, Thursday 3).
_WEEKDAY_LOAD = {6: 1.3, 3: 0.8}

#: File numbers given on registration in the demo data: "F-A-000123".
FILE_NUMBER_FORMAT = "F-{prefix}-{seq:06d}"

#: The largest demo asked for: a million people (minutes to make), ten years of contacts.
MAX_BENEFICIARIES = 1_000_000
MAX_DAYS = 3650

#: Share of iqama holders, of beneficiaries registered with a file number, and of
#: beneficiaries without a grandfather's name.
IQAMA_SHARE = 0.15
REGISTERED_SHARE = 0.30
INACTIVE_SHARE = 0.03
NO_GRANDFATHER_SHARE = 0.12
NOTE_SHARE = 0.08
ALT_MOBILE_SHARE = 0.2
NO_SHOW_SHARE = 0.08

#: Saudi mobile ranges that are fully allocated (05X with X in this list).
_MOBILE_RANGES = "0345689"
_BIRTH_FIRST = date(1945, 1, 1).toordinal()
_BIRTH_LAST = date(2020, 12, 31).toordinal()
_SHORT_ADDRESS_LETTERS = "ABDEFGHJKLMNPRSTWXYZ"

# Usernames of the demo staff by role: the first supervisor is DEMO_SUPERVISOR, the one the
# application signs in with under `--demo`.
_USERNAMES: dict[Role, str] = {
    Role.RECEPTIONIST: "reception{n}",
    Role.RESEARCHER: "researcher{n}",
    Role.SUPERVISOR: "supervisor{n}",
    Role.ADMIN: "admin{n}",
}

# Which roles answer each channel (receptionists at the counter and on the phone, the social
# researcher for help requests and letters, supervisors for volunteering).
_CHANNEL_ROLES: dict[Channel, tuple[Role, ...]] = {
    Channel.INTERVIEW: (Role.RECEPTIONIST,),
    Channel.PHONE: (Role.RECEPTIONIST, Role.RECEPTIONIST, Role.RESEARCHER),
    Channel.SOCIAL_MEDIA: (Role.RECEPTIONIST,),
    Channel.LETTERS: (Role.RESEARCHER, Role.RECEPTIONIST),
    Channel.HELP_REQUESTS: (Role.RESEARCHER, Role.RECEPTIONIST),
    Channel.VOLUNTEERING: (Role.SUPERVISOR, Role.RECEPTIONIST),
    Channel.WEBSITE: (Role.RECEPTIONIST,),
}


# --------------------------------------------------------------------------- the result


@dataclass(frozen=True, slots=True)
class DemoSummary:
    """What was generated, and how to sign in to it."""

    path: Path
    staff: int
    beneficiaries: int
    contacts: int
    tickets: int
    #: First and last day (Riyadh) of the contacts' window; None when no days were asked for.
    since: date | None
    until: date | None
    seed: int
    seconds: float
    username: str = DEMO_SUPERVISOR
    password: str = DEMO_PASSWORD

    def arabic(self) -> str:
        """A short summary for the command line."""
        return "\n".join(
            (
                "أُنشئت قاعدة بيانات تجريبية ببيانات مصطنعة في:",
                f"  {self.path}",
                f"عدد المستفيدين: {self.beneficiaries}",
                f"عدد التواصلات: {self.contacts}"
                + (f" (من {self.since} إلى {self.until})" if self.since and self.until else ""),
                f"عدد تذاكر الانتظار: {self.tickets}",
                f"عدد الموظفين: {self.staff}",
                f"المدة: {self.seconds:.1f} ثانية",
                f"للدخول: اسم المستخدم {self.username} وكلمة المرور {self.password}"
                " (كلمة المرور نفسها لكل الحسابات التجريبية)",
            )
        )


# --------------------------------------------------------------------------- randomness

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class _Weighted(Generic[T]):
    """Items with weights, ready for drawing by bisection."""

    items: tuple[T, ...]
    cumulative: tuple[float, ...]

    @classmethod
    def of(cls, items: Sequence[T], weights: Sequence[float]) -> _Weighted[T]:
        total, cumulative = 0.0, []
        for weight in weights:
            total += weight
            cumulative.append(total)
        return cls(tuple(items), tuple(cumulative))


class _Dice(random.Random):
    """`random.Random` with cheaper draws for the hot loop of 100,000s of rows.

    Each draw costs one `random()` call (no rejection sampling as in `randrange`), which makes
    the generator several times faster and is uniform enough for synthetic data.
    """

    def pick(self, items: Sequence[T]) -> T:
        return items[int(self.random() * len(items))]

    def below(self, n: int) -> int:
        return int(self.random() * n)

    def between(self, low: int, high: int) -> int:
        """An integer in [low, high)."""
        return low + int(self.random() * (high - low))

    def weighted(self, table: _Weighted[T]) -> T:
        return table.items[bisect(table.cumulative, self.random() * table.cumulative[-1])]


_MARITAL = (
    MaritalStatus.MARRIED,
    MaritalStatus.SINGLE,
    MaritalStatus.DIVORCED,
    MaritalStatus.WIDOWED,
)
_MARITAL_ADULT = _Weighted.of(_MARITAL, (60, 20, 10, 10))
_MARITAL_ELDER = _Weighted.of(_MARITAL, (55, 5, 10, 30))


# --------------------------------------------------------------------------- the lists


@dataclass(frozen=True, slots=True)
class _City:
    name: str
    letter: str
    postal: tuple[str, ...]
    districts: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _Topic:
    purpose: str
    inquiry: str
    answer: str
    direction: Direction


@dataclass(frozen=True, slots=True)
class _ChannelPlan:
    channel: Channel
    weight: float
    anonymous: float
    minutes: tuple[int, int]
    topics: tuple[_Topic, ...]


@dataclass(frozen=True, slots=True)
class _Lists:
    male: tuple[str, ...]
    female: tuple[str, ...]
    elders: tuple[str, ...]
    saudi_family: tuple[str, ...]
    resident_family: tuple[str, ...]
    headcount: dict[Role, int]
    nationalities: _Weighted[str]
    cities: _Weighted[_City]
    streets: tuple[str, ...]
    income_sources: tuple[str, ...]
    no_income: str
    employment_male: tuple[str, ...]
    employment_female: tuple[str, ...]
    student: tuple[str, str]
    child: tuple[str, str]
    notes: tuple[str, ...]
    channels: tuple[_ChannelPlan, ...]


def _table(data: dict[str, Any], key: str) -> dict[str, Any]:
    value = data.get(key)
    if not isinstance(value, dict):
        raise ValueError(f"demo lists: [{key}] is missing")
    return value


def _strings(data: dict[str, Any], key: str) -> tuple[str, ...]:
    value = data.get(key)
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        raise ValueError(f"demo lists: {key} must be a non-empty list of strings")
    return tuple(value)


def _string(data: dict[str, Any], key: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value:
        raise ValueError(f"demo lists: {key} must be a string")
    return value


def _number(data: dict[str, Any], key: str) -> float:
    value = data.get(key)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"demo lists: {key} must be a number")
    return float(value)


def _channel_plan(channel: Channel, data: dict[str, Any]) -> _ChannelPlan:
    minutes = data.get("minutes")
    if not (
        isinstance(minutes, list) and len(minutes) == 2 and all(isinstance(m, int) for m in minutes)
    ):
        raise ValueError(f"demo lists: channels.{channel}.minutes must be [min, max]")
    raw_topics = data.get("topics")
    if not isinstance(raw_topics, list) or not raw_topics:
        raise ValueError(f"demo lists: channels.{channel}.topics is missing")
    topics = tuple(
        _Topic(
            purpose=_string(t, "purpose"),
            inquiry=_string(t, "inquiry"),
            answer=_string(t, "answer"),
            direction=Direction(t.get("direction", Direction.INBOUND.value)),
        )
        for t in raw_topics
    )
    return _ChannelPlan(
        channel=channel,
        weight=_number(data, "weight"),
        anonymous=_number(data, "anonymous"),
        minutes=(minutes[0], minutes[1]),
        topics=topics,
    )


def _load_lists(path: Path | None = None) -> _Lists:
    path = path or resources_dir() / "demo" / "names.toml"
    with path.open("rb") as f:
        data = tomllib.load(f)
    names = _table(data, "names")
    staff = _table(data, "staff")
    residents = _table(data, "residents")
    household = _table(data, "household")
    channels = _table(data, "channels")
    raw_cities = data.get("cities")
    if not isinstance(raw_cities, list) or not raw_cities:
        raise ValueError("demo lists: [[cities]] is missing")
    cities = tuple(
        _City(
            name=_string(c, "name"),
            letter=_string(c, "letter"),
            postal=_strings(c, "postal"),
            districts=_strings(c, "districts"),
        )
        for c in raw_cities
    )
    return _Lists(
        male=_strings(names, "male"),
        female=_strings(names, "female"),
        elders=_strings(names, "male") + _strings(names, "elders"),
        saudi_family=_strings(names, "saudi_family"),
        resident_family=_strings(names, "resident_family"),
        headcount={role: int(_number(staff, role.value)) for role in Role},
        nationalities=_Weighted.of(tuple(residents), [_number(residents, k) for k in residents]),
        cities=_Weighted.of(cities, [_number(c, "weight") for c in raw_cities]),
        streets=_strings(_table(data, "address"), "streets"),
        income_sources=_strings(household, "income_sources"),
        no_income=_string(household, "no_income"),
        employment_male=_strings(household, "employment_male"),
        employment_female=_strings(household, "employment_female"),
        student=(_string(household, "student"), _string(household, "student_female")),
        child=(_string(household, "child"), _string(household, "child_female")),
        notes=_strings(household, "notes"),
        channels=tuple(_channel_plan(ch, _table(channels, ch.value)) for ch in Channel),
    )


# --------------------------------------------------------------------------- the target file


def _refuse_existing(path: Path) -> None:
    """Refuse a path that is not a new or empty database: demo data never mixes with real data.

    The file is only read (the start-up peek's read-only connection), so nothing is written to
    a file we are going to refuse.
    """
    if not path.exists():
        return
    named = isolate_ltr(str(path))
    if not path.is_file():
        raise ValidationError("db", f"المسار «{named}» ليس ملفاً؛ اختر ملفاً جديداً للقاعدة التجريبية")
    try:
        contents = database_contents(path)
    except sqlite3.DatabaseError:
        raise ValidationError(
            "db", f"الملف «{named}» موجود وليس قاعدة بيانات؛ اختر مساراً جديداً للقاعدة التجريبية"
        ) from None
    if contents.foreign:
        raise ValidationError(
            "db", f"الملف «{named}» قاعدة بيانات لتطبيق آخر؛ اختر مساراً جديداً للقاعدة التجريبية"
        )
    if contents.filled and contents.demo:
        raise ValidationError(
            "db",
            f"الملف «{named}» قاعدة بيانات تجريبية فيها بيانات من قبل؛ احذفه أو اختر مساراً جديداً",
        )
    if contents.filled:
        raise ValidationError(
            "db",
            f"الملف «{named}» قاعدة بيانات فيها بيانات؛ لا تُكتب البيانات التجريبية فوق بيانات "
            "قائمة. اختر مساراً جديداً",
        )


# --------------------------------------------------------------------------- generation


@dataclass(frozen=True, slots=True)
class _StaffMember:
    id: str
    role: Role


class _Generator:
    """One generation run: the random source, the lists and the moment it pretends it is."""

    def __init__(self, lists: _Lists, rng: _Dice, now: datetime) -> None:
        self.lists = lists
        self.rng = rng
        self.now = now
        self.staff: list[_StaffMember] = []

    # ------------------------------------------------------------------ people

    def _person_name(self, gender: Gender) -> str:
        rng, lists = self.rng, self.lists
        first = rng.pick(lists.male if gender is Gender.MALE else lists.female)
        return f"{first} {rng.pick(lists.elders)} {rng.pick(lists.saudi_family)}"

    def staff_rows(self, password_hash: str) -> Iterator[dict[str, Any]]:
        for role in (Role.ADMIN, Role.SUPERVISOR, Role.RESEARCHER, Role.RECEPTIONIST):
            for n in range(1, self.lists.headcount[role] + 1):
                if role is Role.SUPERVISOR and n == 1:
                    username = DEMO_SUPERVISOR
                elif role is Role.ADMIN and n == 1:
                    username = "admin"
                else:
                    username = _USERNAMES[role].format(n=n)
                gender = Gender.FEMALE if self.rng.random() < 0.4 else Gender.MALE
                staff_id = new_id()
                self.staff.append(_StaffMember(staff_id, role))
                yield {
                    "id": staff_id,
                    "username": username,
                    "full_name": self._person_name(gender),
                    "role": role,
                    "password_hash": password_hash,
                    "active": True,
                    "failed_logins": 0,
                }

    def _national_id(self, taken: set[str], iqama: bool) -> str:
        rng = self.rng
        while True:
            # Citizens' numbers start 10/11; residents' 2 then 0–5, as real ones do.
            head = f"2{rng.below(6)}" if iqama else f"1{rng.below(2)}"
            prefix9 = f"{head}{rng.below(10_000_000):07d}"
            if prefix9 not in taken:
                taken.add(prefix9)
                return make_national_id(prefix9)

    def _mobile(self) -> str:
        rng = self.rng
        return f"+9665{rng.pick(_MOBILE_RANGES)}{rng.below(10_000_000):07d}"

    def _short_address(self, city: _City) -> str:
        rng = self.rng
        pick, letters = rng.pick, _SHORT_ADDRESS_LETTERS
        return (
            f"{city.letter}{pick(letters)}{pick(letters)}{pick(letters)}{rng.between(1000, 10_000)}"
        )

    def beneficiary_rows(self, count: int, ids: list[str]) -> Iterator[dict[str, Any]]:
        """`count` beneficiaries; their ids are appended to `ids` as they are made."""
        rng, lists = self.rng, self.lists
        taken: set[str] = set()
        file_seq = 0
        today = self.now.astimezone(RIYADH).date()
        for _ in range(count):
            iqama = rng.random() < IQAMA_SHARE
            gender = Gender.MALE if rng.random() < 0.55 else Gender.FEMALE
            is_male = gender is Gender.MALE
            first = rng.pick(lists.male if is_male else lists.female)
            father = rng.pick(lists.elders)
            grandfather = None if rng.random() < NO_GRANDFATHER_SHARE else rng.pick(lists.elders)
            family = rng.pick(lists.resident_family if iqama else lists.saudi_family)
            parts = (first, father, grandfather, family) if grandfather else (first, father, family)
            nationality = rng.weighted(lists.nationalities) if iqama else "SA"
            birth = date.fromordinal(rng.between(_BIRTH_FIRST, _BIRTH_LAST + 1))
            age = today.year - birth.year
            marital, employment, income = self._household(age, is_male)
            city = rng.weighted(lists.cities)
            registered = rng.random() < REGISTERED_SHARE
            if registered:
                file_seq += 1
                status = BeneficiaryStatus.REGISTERED
                file_number: str | None = FILE_NUMBER_FORMAT.format(
                    prefix=DEMO_PREFIX, seq=file_seq
                )
            else:
                status = (
                    BeneficiaryStatus.INACTIVE
                    if rng.random() < INACTIVE_SHARE
                    else BeneficiaryStatus.APPLICANT
                )
                file_number = None
            beneficiary_id = new_id()
            ids.append(beneficiary_id)
            yield {
                "id": beneficiary_id,
                "first_name": first,
                "father_name": father,
                "grandfather_name": grandfather,
                "family_name": family,
                "name_search": normalize(" ".join(parts)),
                "id_type": IdType.IQAMA if iqama else IdType.NATIONAL_ID,
                "id_number": self._national_id(taken, iqama),
                "nationality": nationality,
                "gender": gender,
                "birth_date": birth,
                "marital_status": marital,
                "mobile": self._mobile(),
                "mobile_alt": self._mobile() if rng.random() < ALT_MOBILE_SHARE else None,
                "address_building_no": str(rng.between(1000, 10_000)),
                "address_street": rng.pick(lists.streets),
                "address_district": rng.pick(city.districts),
                "address_city": city.name,
                "address_postal_code": f"{rng.pick(city.postal)}{rng.below(1000):03d}",
                "address_additional_no": str(rng.between(1000, 10_000)),
                "address_short": self._short_address(city),
                "family_size": 1 if age < 18 and rng.random() < 0.5 else self._family_size(),
                "monthly_income": income,
                "income_source": self._income_source(income),
                "employment": employment,
                "notes": rng.pick(lists.notes) if rng.random() < NOTE_SHARE else None,
                "file_number": file_number,
                "status": status,
            }

    def _household(self, age: int, is_male: bool) -> tuple[MaritalStatus, str, int]:
        """Marital status, employment and monthly income (whole riyals) that fit the age."""
        rng, lists = self.rng, self.lists
        sex = 0 if is_male else 1
        if age < 12:
            return MaritalStatus.SINGLE, lists.child[sex], 0
        if age < 22:
            return MaritalStatus.SINGLE, lists.student[sex], 0
        marital = rng.weighted(_MARITAL_ADULT if age < 60 else _MARITAL_ELDER)
        employment = rng.pick(lists.employment_male if is_male else lists.employment_female)
        # Applicants to a charity are mostly low-income: a third have no income at all.
        roll = rng.random()
        if roll < 0.3:
            income = 0
        elif roll < 0.85:
            income = rng.between(20, 120) * 50
        else:
            income = rng.between(60, 151) * 100
        return marital, employment, income

    def _family_size(self) -> int:
        return min(12, max(1, round(self.rng.triangular(1, 12, 5))))

    def _income_source(self, income: int) -> str:
        return self.rng.pick(self.lists.income_sources) if income else self.lists.no_income

    # ------------------------------------------------------------------ contacts and tickets

    def _working_intervals(self, days: int) -> list[tuple[datetime, datetime]]:
        """Opening hours (UTC) of the last `days` days, today up to now; weekends left out.

        When the window has no working day at all (a short window over a weekend), its
        calendar days are used instead, so contacts still fall inside the requested window.
        """
        now_local = self.now.astimezone(RIYADH)
        today = now_local.date()
        calendar = [today - timedelta(days=back) for back in range(days - 1, -1, -1)]

        def hours(day: date, first: int, last: int) -> tuple[datetime, datetime]:
            midnight = datetime.combine(day, datetime.min.time(), RIYADH)
            start = midnight + timedelta(minutes=first)
            end = min(midnight + timedelta(minutes=last), now_local)
            return start.astimezone(UTC), end.astimezone(UTC)

        working = [
            (start, end)
            for start, end in (
                hours(d, OPENING_MINUTE, CLOSING_MINUTE)
                for d in calendar
                if d.weekday() not in WEEKEND
            )
            if end - start >= timedelta(minutes=30)
        ]
        if working:
            return working
        whole_days = [hours(d, 0, 24 * 60) for d in calendar]
        return [(start, end) for start, end in whole_days if end > start] or [(self.now, self.now)]

    def contacts_and_tickets(
        self, count: int, days: int, beneficiary_ids: Sequence[str]
    ) -> tuple[list[dict[str, Any]], list[dict[str, Any]], dict[date, int]]:
        """`count` contacts over the last `days` days, and the queue tickets of the walk-ins."""
        if count == 0 or days == 0:
            return [], [], {}
        rng = self.rng
        plans = self.lists.channels
        intervals = self._working_intervals(days)
        # Busier at the start of the week (Sunday), quieter on Thursday.
        day_weights = [
            (e - s).total_seconds() * _WEEKDAY_LOAD.get(s.astimezone(RIYADH).weekday(), 1.0) + 1.0
            for s, e in intervals
        ]
        # Every channel at least once when there is room; the rest by the channels' weights.
        weights = [p.weight for p in plans]
        chosen = list(plans[:count]) + rng.choices(plans, weights, k=max(0, count - len(plans)))
        rng.shuffle(chosen)
        by_role: dict[Role, list[str]] = {}
        for member in self.staff:
            by_role.setdefault(member.role, []).append(member.id)

        contacts: list[dict[str, Any]] = []
        walk_ins: dict[date, list[dict[str, Any]]] = {}
        for plan in chosen:
            start, end = rng.choices(intervals, day_weights)[0]
            span = (end - start).total_seconds()
            started = start + timedelta(seconds=int(rng.random() * span))
            low, high = plan.minutes
            ended = min(started + timedelta(minutes=rng.randint(low, high)), end)
            topic = rng.choice(plan.topics)
            anonymous = not beneficiary_ids or (
                topic.direction is Direction.INBOUND and rng.random() < plan.anonymous
            )
            roles = [r for r in _CHANNEL_ROLES[plan.channel] if r in by_role] or list(by_role)
            staff_id = rng.choice(by_role[rng.choice(roles)]) if roles else None
            contact = {
                "id": new_id(),
                "beneficiary_id": None if anonymous else rng.choice(beneficiary_ids),
                "channel": plan.channel,
                "direction": topic.direction,
                "purpose": topic.purpose,
                "inquiry": topic.inquiry,
                "answer": topic.answer,
                "staff_id": staff_id,
                "started_at": started,
                "ended_at": ended,
                "ticket_id": None,
            }
            contacts.append(contact)
            if plan.channel is Channel.INTERVIEW:
                walk_ins.setdefault(started.astimezone(RIYADH).date(), []).append(contact)
        contacts.sort(key=lambda c: c["started_at"])
        tickets: list[dict[str, Any]] = []
        last_numbers: dict[date, int] = {}
        for service_date in sorted(walk_ins):
            day_tickets = self._tickets_of_day(service_date, walk_ins[service_date], intervals)
            tickets.extend(day_tickets)
            if day_tickets:
                last_numbers[service_date] = len(day_tickets)
        return contacts, tickets, last_numbers

    def _tickets_of_day(
        self,
        service_date: date,
        interviews: list[dict[str, Any]],
        intervals: Sequence[tuple[datetime, datetime]],
    ) -> list[dict[str, Any]]:
        """Tickets of one service date: one per interview (done), plus visitors who left."""
        rng = self.rng
        opening = next(s for s, _e in intervals if s.astimezone(RIYADH).date() == service_date)
        closing = next(e for s, e in intervals if s.astimezone(RIYADH).date() == service_date)
        day: list[tuple[datetime, dict[str, Any]]] = []
        for contact in interviews:
            serving = contact["started_at"]
            issued = max(opening, serving - timedelta(minutes=rng.randint(3, 45)))
            issued = min(issued, serving)
            called = max(issued, serving - timedelta(minutes=1))
            ticket_id = new_id()
            contact["ticket_id"] = ticket_id
            day.append(
                (
                    issued,
                    {
                        "id": ticket_id,
                        "purpose": contact["purpose"],
                        "status": TicketStatus.DONE,
                        "beneficiary_id": contact["beneficiary_id"],
                        "served_by": contact["staff_id"],
                        "called_at": called,
                        "serving_at": serving,
                        "done_at": contact["ended_at"],
                        "no_show_at": None,
                    },
                )
            )
        span = (closing - opening).total_seconds()
        for _ in range(sum(rng.random() < NO_SHOW_SHARE for _ in interviews)):
            issued = opening + timedelta(seconds=int(rng.random() * span))
            called = min(issued + timedelta(minutes=rng.randint(5, 40)), closing)
            day.append(
                (
                    issued,
                    {
                        "id": new_id(),
                        "purpose": None,
                        "status": TicketStatus.NO_SHOW,
                        "beneficiary_id": None,
                        "served_by": None,
                        "called_at": called,
                        "serving_at": None,
                        "done_at": None,
                        "no_show_at": min(called + timedelta(minutes=3), closing),
                    },
                )
            )
        day.sort(key=lambda pair: pair[0])
        tickets: list[dict[str, Any]] = []
        for number, (issued, fields) in enumerate(day, start=1):
            tickets.append(
                {
                    **fields,
                    "service_date": service_date,
                    "prefix": DEMO_PREFIX,
                    "number": number,
                    "issued_at": issued,
                    "cancelled_at": None,
                }
            )
        return tickets


def contact_count(beneficiaries: int, days: int) -> int:
    """How many contacts a demo of this size gets: 3 to 40 a day, scaled with its people."""
    if days <= 0:
        return 0
    return max(3 * days, min(beneficiaries // 3, 40 * days))


def _check_size(field: str, label: str, value: int, limit: int) -> None:
    if value < 0:
        raise ValidationError(field, f"{label}: يجب ألا يكون سالباً")
    if value > limit:
        raise ValidationError(field, f"{label}: يجب ألا يزيد على {limit}")


def _partial_file(path: Path) -> tuple[Path, list[Path]]:
    """A new, empty, private file beside `path` to write the database into, and the folders
    made for it (deepest first)."""
    missing = missing_folders(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".partial")
    except OSError as error:
        remove_empty_folders(missing)
        raise ValidationError(
            "db",
            f"ملف قاعدة البيانات: تعذّر إنشاء «{isolate_ltr(str(path))}»: {os_error_reason(error)}",
        ) from error
    os.close(fd)
    return Path(name), missing


def _move_into_place(partial: Path, path: Path) -> None:
    """Rename the finished database to `path`, in one step."""
    for suffix in SQLITE_SIDECARS:
        sidecar = Path(f"{partial}{suffix}")
        if suffix != "-shm" and sidecar.exists() and sidecar.stat().st_size:
            raise RuntimeError(f"{sidecar} still holds data after the checkpoint")
        sidecar.unlink(missing_ok=True)
        # A journal left by an earlier file at `path` must never be read with this one.
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    os.replace(partial, path)


def generate_demo(
    path: Path,
    *,
    beneficiaries: int,
    days: int,
    seed: int = 1447,
    now: datetime | None = None,
) -> DemoSummary:
    """Create a new demo database at `path` full of synthetic data; refuse an existing one.

    `now` (UTC-aware; default the current time) is the end of the contacts' window: tests pass
    it to get the same data on any day.
    """
    started = time.perf_counter()
    _check_size("beneficiaries", "عدد المستفيدين", beneficiaries, MAX_BENEFICIARIES)
    _check_size("days", "عدد الأيام", days, MAX_DAYS)
    if now is not None and now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    path = Path(path)
    _refuse_existing(path)
    lists = _load_lists()
    rng = _Dice(seed)
    now = (now or datetime.now(UTC)).astimezone(UTC)
    today = now.astimezone(RIYADH).date()
    # Hashing is slow by design: one hash serves every demo account.
    password_hash = hash_password(DEMO_PASSWORD)

    # Written into a new file beside the target and renamed into place at the end: an error
    # or Ctrl+C leaves no half-made database.
    partial, made_folders = _partial_file(path)
    ctx = None
    try:
        ctx = open_local(partial)
        mark_as_demo(ctx, DEMO_PREFIX)
        gen = _Generator(lists, rng, now)
        ids: list[str] = []
        made: dict[str, int] = {}

        def loads() -> Iterator[tuple[type[Base], Iterable[dict[str, Any]]]]:
            yield Staff, gen.staff_rows(password_hash)
            yield Beneficiary, gen.beneficiary_rows(beneficiaries, ids)  # fills `ids`
            contacts, tickets, last_numbers = gen.contacts_and_tickets(
                contact_count(beneficiaries, days), days, ids
            )
            yield Ticket, tickets
            yield Contact, contacts
            yield (
                NumberSequence,
                (
                    {
                        "id": stable_id(
                            "number_sequence",
                            SequenceKind.TICKET,
                            DEMO_PREFIX,
                            service_date.isoformat(),
                        ),
                        "kind": SequenceKind.TICKET,
                        "prefix": DEMO_PREFIX,
                        "scope": service_date.isoformat(),
                        "last_value": last,
                    }
                    for service_date, last in sorted(last_numbers.items())
                ),
            )

        def described(counts: Mapping[str, int]) -> dict[str, int]:
            made.update(counts)
            return {
                "staff": counts.get("staff", 0),
                "beneficiaries": counts.get("beneficiary", 0),
                "contacts": counts.get("contact", 0),
                "tickets": counts.get("ticket", 0),
                "days": days,
                "seed": seed,
            }

        bulk_load(
            ctx,
            "demo.generate",
            loads(),
            details=described,
            reason="قاعدة بيانات تجريبية ببيانات مصطنعة",
            at=now,
        )
        # Everything in the one file that is renamed into place (no WAL left beside it).
        close_local(ctx, checkpoint=True)
        ctx = None
        _move_into_place(partial, path)
    except BaseException:
        if ctx is not None:
            close_local(ctx)
        remove_database_files(partial)
        remove_empty_folders(made_folders)
        raise
    return DemoSummary(
        path=path,
        staff=made.get("staff", 0),
        beneficiaries=made.get("beneficiary", 0),
        contacts=made.get("contact", 0),
        tickets=made.get("ticket", 0),
        since=today - timedelta(days=days - 1) if days else None,
        until=today if days else None,
        seed=seed,
        seconds=time.perf_counter() - started,
    )
