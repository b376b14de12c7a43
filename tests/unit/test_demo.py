"""The demo database: realistic synthetic data, valid by the domain's own rules, reproducible."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import tomllib
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from basmat_desk.demo import (
    DEMO_PASSWORD,
    DEMO_SUPERVISOR,
    DemoSummary,
    contact_count,
    generate_demo,
)
from basmat_desk.domain.arabic import normalize
from basmat_desk.domain.clock import RIYADH
from basmat_desk.domain.enums import (
    BeneficiaryStatus,
    Channel,
    Gender,
    IdType,
    Role,
    TicketStatus,
)
from basmat_desk.domain.errors import ValidationError
from basmat_desk.domain.identity import parse_national_id
from basmat_desk.domain.numbering import ticket_number
from basmat_desk.domain.phone import parse_mobile
from basmat_desk.paths import resources_dir
from basmat_desk.services.bootstrap import open_local
from basmat_desk.services.context import ServiceContext
from basmat_desk.services.settings import is_demo as is_demo_database
from basmat_desk.services.staff import create_first_admin, login
from basmat_desk.store.db import open_database
from basmat_desk.store.models import (
    AuditEntry,
    Beneficiary,
    Contact,
    DeviceSetting,
    NumberSequence,
    Staff,
    Ticket,
)

# A Sunday morning in Riyadh (10:30 UTC = 13:30 local): the window ends inside working hours.
NOW = datetime(2026, 3, 15, 10, 30, tzinfo=UTC)
BENEFICIARIES = 900
DAYS = 30
ARABIC_NAME = re.compile(r"[\u0621-\u064A ]+")
NAMES_FILE = resources_dir() / "demo" / "names.toml"


@contextmanager
def opened(path: Path) -> Iterator[sessionmaker[Session]]:
    engine, sessions = open_database(path)
    try:
        yield sessions
    finally:
        engine.dispose()


def rows(path: Path, model: Any) -> list[Any]:
    with opened(path) as sessions, sessions() as session:
        return list(session.scalars(select(model)))


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, DemoSummary]:
    """One demo database shared by the read-only checks of this module."""
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    summary = generate_demo(path, beneficiaries=BENEFICIARIES, days=DAYS, seed=7, now=NOW)
    return path, summary


@pytest.fixture(scope="module")
def people(demo: tuple[Path, DemoSummary]) -> list[Beneficiary]:
    return rows(demo[0], Beneficiary)


@pytest.fixture(scope="module")
def contacts(demo: tuple[Path, DemoSummary]) -> list[Contact]:
    return rows(demo[0], Contact)


@pytest.fixture(scope="module")
def tickets(demo: tuple[Path, DemoSummary]) -> list[Ticket]:
    return rows(demo[0], Ticket)


# --- what was asked for --------------------------------------------------------------------------


def test_counts_match_the_request_and_the_summary(
    demo: tuple[Path, DemoSummary],
    people: list[Beneficiary],
    contacts: list[Contact],
    tickets: list[Ticket],
) -> None:
    path, summary = demo
    staff = rows(path, Staff)
    assert summary.beneficiaries == len(people) == BENEFICIARIES
    assert summary.contacts == len(contacts) == contact_count(BENEFICIARIES, DAYS)
    assert 3 * DAYS <= summary.contacts <= 40 * DAYS
    assert summary.tickets == len(tickets) > 0
    assert summary.staff == len(staff)
    assert (summary.username, summary.password) == (DEMO_SUPERVISOR, DEMO_PASSWORD)
    assert summary.since == date(2026, 2, 14)
    assert summary.until == date(2026, 3, 15)


def test_contact_count_scales_with_people_within_three_to_forty_a_day() -> None:
    assert contact_count(0, 10) == 30
    assert contact_count(300, 10) == 100
    assert contact_count(100_000, 10) == 400
    assert contact_count(100_000, 0) == 0


def test_the_arabic_summary_gives_the_counts_and_how_to_sign_in(
    demo: tuple[Path, DemoSummary],
) -> None:
    text = demo[1].arabic()
    assert "تجريبية" in text
    assert f"عدد المستفيدين: {BENEFICIARIES}" in text
    assert f"عدد التواصلات: {demo[1].contacts}" in text
    assert DEMO_SUPERVISOR in text
    assert DEMO_PASSWORD in text
    assert not re.search(r"[\u0660-\u0669]", text), "numbers are printed with ASCII digits"


def test_marked_as_a_demo_database_with_counter_prefix_a(demo: tuple[Path, DemoSummary]) -> None:
    with opened(demo[0]) as sessions, sessions() as session:
        assert is_demo_database(session)
        assert session.get(DeviceSetting, "counter_prefix").value == "A"  # type: ignore[union-attr]
        assert session.get(DeviceSetting, "device_id") is not None


def test_an_ordinary_database_is_not_a_demo_database(ctx: ServiceContext) -> None:
    with ctx.sessions() as session:
        assert not is_demo_database(session)


def test_one_audit_entry_records_the_whole_generation(demo: tuple[Path, DemoSummary]) -> None:
    path, summary = demo
    entries = rows(path, AuditEntry)
    assert [(e.action, e.entity) for e in entries] == [("demo.generate", "database")]
    counts = json.loads(entries[0].after_json or "{}")
    assert counts["beneficiaries"] == summary.beneficiaries
    assert counts["contacts"] == summary.contacts
    assert counts["tickets"] == summary.tickets
    assert counts["staff"] == summary.staff


def test_every_row_carries_its_sync_columns(demo: tuple[Path, DemoSummary]) -> None:
    path = demo[0]
    with opened(path) as sessions, sessions() as session:
        device = session.get(DeviceSetting, "device_id")
        assert device is not None
        for model in (Staff, Beneficiary, Contact, Ticket, NumberSequence, AuditEntry):
            for row in session.scalars(select(model).limit(50)):
                assert row.origin_device == device.value
                assert row.server_version == 0
                assert row.server_seq is None
                assert row.deleted_at is None
                assert row.created_at == row.updated_at == NOW
                assert len(row.id) == 36


# --- people --------------------------------------------------------------------------------------


def test_identity_numbers_are_valid_unique_and_match_the_id_type(
    people: list[Beneficiary],
) -> None:
    numbers = [p.id_number for p in people]
    assert len(set(numbers)) == len(numbers)
    for person in people:
        assert parse_national_id(person.id_number) == person.id_number
        expected = {"1": IdType.NATIONAL_ID, "2": IdType.IQAMA}[person.id_number[0]]
        assert person.id_type is expected
        assert (person.nationality == "SA") == (person.id_type is IdType.NATIONAL_ID)
    residents = sum(p.id_type is IdType.IQAMA for p in people)
    assert 0.05 < residents / len(people) < 0.30
    assert len({p.nationality for p in people}) >= 5


def test_mobiles_are_valid_saudi_mobiles_in_e164(people: list[Beneficiary]) -> None:
    for person in people:
        assert person.mobile is not None
        assert parse_mobile(person.mobile) == person.mobile
        if person.mobile_alt is not None:
            assert parse_mobile(person.mobile_alt) == person.mobile_alt
    assert any(p.mobile_alt for p in people)


def test_names_are_four_part_arabic_names_with_their_search_form(
    people: list[Beneficiary],
) -> None:
    for person in people:
        parts = [person.first_name, person.father_name, person.grandfather_name, person.family_name]
        present = [part for part in parts if part is not None]
        assert person.first_name
        assert person.father_name
        assert person.family_name
        for part in present:
            assert ARABIC_NAME.fullmatch(part), part
        assert person.name_search == normalize(" ".join(present))
    without_grandfather = sum(p.grandfather_name is None for p in people)
    assert 0 < without_grandfather < len(people) * 0.3


def test_gender_follows_the_first_name(people: list[Beneficiary]) -> None:
    names = tomllib.loads(NAMES_FILE.read_text(encoding="utf-8"))["names"]
    male, female = set(names["male"]), set(names["female"])
    for person in people:
        assert person.first_name in (male if person.gender is Gender.MALE else female)
    genders = Counter(p.gender for p in people)
    assert genders[Gender.MALE]
    assert genders[Gender.FEMALE]


def test_name_lists_are_large_and_include_the_spellings_search_must_handle() -> None:
    names = tomllib.loads(NAMES_FILE.read_text(encoding="utf-8"))["names"]
    assert len(set(names["male"])) >= 40
    assert len(set(names["female"])) >= 40
    assert len(set(names["saudi_family"])) >= 60
    for variants in (("عبدالله", "عبد الله"), ("أحمد", "احمد"), ("مصطفى", "مصطفي")):
        assert set(variants) <= set(names["male"])
        assert len({normalize(v) for v in variants}) == 1
    for variants in (("فاطمة", "فاطمه"), ("نورة", "نوره")):
        assert set(variants) <= set(names["female"])
        assert len({normalize(v) for v in variants}) == 1
    for family in ("القحطاني", "العتيبي", "الشهري", "الغامدي", "الزهراني", "الدوسري"):
        assert family in names["saudi_family"]


def test_the_rest_of_the_record_is_plausible(people: list[Beneficiary]) -> None:
    for person in people:
        assert person.birth_date is not None
        assert date(1945, 1, 1) <= person.birth_date <= date(2020, 12, 31)
        assert person.marital_status is not None
        assert person.family_size is not None
        assert 1 <= person.family_size <= 12
        assert person.monthly_income is not None
        assert 0 <= person.monthly_income <= 15_000
        assert person.income_source
        assert person.employment
        assert re.fullmatch(r"[1-9][0-9]{3}", person.address_building_no or "")
        assert re.fullmatch(r"[0-9]{5}", person.address_postal_code or "")
        assert re.fullmatch(r"[0-9]{4}", person.address_additional_no or "")
        assert re.fullmatch(r"[A-Z]{4}[0-9]{4}", person.address_short or "")
        assert person.address_street
        assert person.address_district
        assert person.address_city
        if person.file_number is None:
            assert person.status is not BeneficiaryStatus.REGISTERED
        else:
            assert person.status is BeneficiaryStatus.REGISTERED
    assert len({p.address_city for p in people}) >= 8
    assert any(p.notes for p in people)
    files = [p.file_number for p in people if p.file_number]
    assert len(set(files)) == len(files)
    assert 0.2 < len(files) / len(people) < 0.4


# --- contacts and tickets ------------------------------------------------------------------------


def test_all_seven_channels_are_used_and_interview_and_phone_lead(
    contacts: list[Contact],
) -> None:
    channels = Counter(c.channel for c in contacts)
    assert set(channels) == set(Channel)
    top_two = {channel for channel, _n in channels.most_common(2)}
    assert top_two == {Channel.INTERVIEW, Channel.PHONE}


def test_even_a_small_demo_uses_every_channel(tmp_path: Path) -> None:
    path = tmp_path / "small.sqlite"
    generate_demo(path, beneficiaries=30, days=3, seed=3, now=NOW)
    assert {c.channel for c in rows(path, Contact)} == set(Channel)


def test_contacts_fall_in_the_window_in_working_hours(contacts: list[Contact]) -> None:
    window_start = datetime.combine(date(2026, 2, 14), time(0), RIYADH)
    for contact in contacts:
        assert contact.ended_at is not None
        assert window_start <= contact.started_at <= contact.ended_at <= NOW
        local_start = contact.started_at.astimezone(RIYADH)
        local_end = contact.ended_at.astimezone(RIYADH)
        assert local_start.weekday() not in (4, 5), "the association is closed Friday/Saturday"
        assert time(8) <= local_start.time()
        assert local_end.time() <= time(16)
        assert contact.purpose
        assert contact.inquiry
        assert contact.answer
        assert contact.staff_id is not None
    days = {c.started_at.astimezone(RIYADH).date() for c in contacts}
    assert len(days) > DAYS // 2


def test_some_contacts_are_anonymous_and_the_rest_name_a_beneficiary(
    contacts: list[Contact], people: list[Beneficiary]
) -> None:
    ids = {p.id for p in people}
    anonymous = [c for c in contacts if c.beneficiary_id is None]
    assert 0 < len(anonymous) < len(contacts) / 2
    assert all(c.beneficiary_id in ids for c in contacts if c.beneficiary_id is not None)
    assert {c.direction.value for c in contacts} == {"in", "out"}


def test_walk_in_interviews_have_their_queue_tickets(
    demo: tuple[Path, DemoSummary], contacts: list[Contact], tickets: list[Ticket]
) -> None:
    by_id = {t.id: t for t in tickets}
    interviews = [c for c in contacts if c.channel is Channel.INTERVIEW]
    assert interviews
    for contact in interviews:
        assert contact.ticket_id is not None
        ticket = by_id[contact.ticket_id]
        assert ticket.status is TicketStatus.DONE
        assert ticket.beneficiary_id == contact.beneficiary_id
        assert ticket.served_by == contact.staff_id
        assert ticket.serving_at == contact.started_at
        assert ticket.done_at == contact.ended_at
        assert ticket.service_date == contact.started_at.astimezone(RIYADH).date()
    others = [c for c in contacts if c.channel is not Channel.INTERVIEW]
    assert all(c.ticket_id is None for c in others)
    linked = {c.ticket_id for c in interviews}
    assert all(t.status is TicketStatus.NO_SHOW for t in tickets if t.id not in linked)
    assert {t.status for t in tickets} == {TicketStatus.DONE, TicketStatus.NO_SHOW}


def test_tickets_are_numbered_per_service_date_in_order_of_issue(
    demo: tuple[Path, DemoSummary], tickets: list[Ticket]
) -> None:
    by_date: dict[date, list[Ticket]] = defaultdict(list)
    for ticket in tickets:
        assert ticket.prefix == "A"
        ticket_number(ticket.prefix, ticket.number)  # a valid A-017 number
        by_date[ticket.service_date].append(ticket)
        steps = [ticket.issued_at, ticket.called_at]
        if ticket.status is TicketStatus.DONE:
            steps += [ticket.serving_at, ticket.done_at]
            assert ticket.no_show_at is None
        else:
            steps += [ticket.no_show_at]
            assert ticket.serving_at is None
            assert ticket.done_at is None
        assert None not in steps
        assert steps == sorted(steps)  # type: ignore[type-var]
        assert ticket.issued_at.astimezone(RIYADH).date() == ticket.service_date
    for day in by_date.values():
        day.sort(key=lambda t: t.number)
        assert [t.number for t in day] == list(range(1, len(day) + 1))
        issued = [t.issued_at for t in day]
        assert issued == sorted(issued)
    # The next ticket the application issues on a demo day continues after the last one.
    sequences = {
        s.scope: s.last_value
        for s in rows(demo[0], NumberSequence)
        if (s.kind, s.prefix) == ("ticket", "A")
    }
    assert sequences == {d.isoformat(): len(day) for d, day in by_date.items()}


# --- staff ---------------------------------------------------------------------------------------


def test_demo_staff_cover_every_role_and_sign_in_with_the_demo_password(tmp_path: Path) -> None:
    path = tmp_path / "staff.sqlite"
    generate_demo(path, beneficiaries=5, days=1, seed=11, now=NOW)
    staff = rows(path, Staff)
    assert {s.role for s in staff} == set(Role)
    assert len({s.password_hash for s in staff}) == 1, "one hash serves every demo account"
    usernames = {s.username: s.role for s in staff}
    assert usernames[DEMO_SUPERVISOR] is Role.SUPERVISOR
    assert usernames["admin"] is Role.ADMIN
    assert usernames["reception1"] is Role.RECEPTIONIST
    assert usernames["researcher1"] is Role.RESEARCHER
    for member in staff:
        assert ARABIC_NAME.fullmatch(member.full_name)
    ctx = open_local(path)
    try:
        # One account of each role (they share one hash), the GUI's demo supervisor among them.
        for username in (DEMO_SUPERVISOR, "admin", "reception1", "researcher1"):
            actor = login(ctx, username, DEMO_PASSWORD)
            assert (actor.username, actor.role) == (username, usernames[username])
    finally:
        ctx.sessions.kw["bind"].dispose()


# --- reproducible --------------------------------------------------------------------------------


def _content(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """The generated data without what differs between runs (row ids, device id)."""
    with opened(path) as sessions, sessions() as session:
        people = list(session.scalars(select(Beneficiary).order_by(Beneficiary.id)))
        id_number = {p.id: p.id_number for p in people}
        staff = list(session.scalars(select(Staff).order_by(Staff.id)))
        username = {s.id: s.username for s in staff}
        skip = {"id", "origin_device"}
        contacts = session.scalars(select(Contact).order_by(Contact.started_at, Contact.id))
        tickets = session.scalars(select(Ticket).order_by(Ticket.service_date, Ticket.number))
        return {
            "people": [
                tuple(getattr(p, c.key) for c in Beneficiary.__table__.columns if c.key not in skip)
                for p in people
            ],
            "staff": [(s.username, s.full_name, s.role) for s in staff],
            "contacts": [
                (
                    id_number.get(c.beneficiary_id or ""),
                    c.channel,
                    c.direction,
                    c.purpose,
                    username[c.staff_id or ""],
                    c.started_at,
                    c.ended_at,
                    c.ticket_id is not None,
                )
                for c in contacts
            ],
            "tickets": [
                (t.service_date, t.number, t.status, t.issued_at, t.called_at, t.done_at)
                for t in tickets
            ],
        }


def test_the_same_seed_gives_the_same_data_and_another_seed_other_data(tmp_path: Path) -> None:
    first, second, other = (tmp_path / f"{name}.sqlite" for name in ("a", "b", "c"))
    generate_demo(first, beneficiaries=200, days=10, seed=99, now=NOW)
    generate_demo(second, beneficiaries=200, days=10, seed=99, now=NOW)
    generate_demo(other, beneficiaries=200, days=10, seed=100, now=NOW)
    assert _content(first) == _content(second)
    assert _content(first)["people"] != _content(other)["people"]


# --- the target file -----------------------------------------------------------------------------


def test_refuses_to_write_over_a_database_with_data(ctx: ServiceContext, db_path: Path) -> None:
    create_first_admin(ctx, "admin", "مدير النظام", "correct horse 1")
    ctx.sessions.kw["bind"].dispose()
    before = file_digest(db_path)
    with pytest.raises(ValidationError) as error:
        generate_demo(db_path, beneficiaries=10, days=1, now=NOW)
    assert error.value.field == "db"
    assert "بيانات" in error.value.message
    assert file_digest(db_path) == before


def test_refuses_to_write_over_an_existing_demo_database(tmp_path: Path) -> None:
    path = tmp_path / "demo.sqlite"
    generate_demo(path, beneficiaries=5, days=1, now=NOW)
    with pytest.raises(ValidationError, match="تجريبية") as error:
        generate_demo(path, beneficiaries=5, days=1, now=NOW)
    assert error.value.field == "db"
    assert len(rows(path, Beneficiary)) == 5


def test_refuses_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_text("ملاحظات مهمة\n" * 100, encoding="utf-8")
    with pytest.raises(ValidationError) as error:
        generate_demo(path, beneficiaries=5, days=1, now=NOW)
    assert error.value.field == "db"
    assert path.read_text(encoding="utf-8") == "ملاحظات مهمة\n" * 100


def test_refuses_a_directory(tmp_path: Path) -> None:
    with pytest.raises(ValidationError) as error:
        generate_demo(tmp_path, beneficiaries=5, days=1, now=NOW)
    assert error.value.field == "db"


@pytest.mark.parametrize("kind", ["empty file", "migrated, no data"])
def test_accepts_an_empty_file_or_an_empty_database(
    kind: str, tmp_path: Path, migrated_database: Path
) -> None:
    path = tmp_path / "new.sqlite"
    if kind == "empty file":
        path.touch()
    else:
        shutil.copy(migrated_database, path)
    summary = generate_demo(path, beneficiaries=5, days=1, now=NOW)
    assert summary.beneficiaries == len(rows(path, Beneficiary)) == 5


def test_creates_missing_folders(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "demo.sqlite"
    generate_demo(path, beneficiaries=3, days=1, now=NOW)
    assert len(rows(path, Beneficiary)) == 3


@pytest.mark.parametrize(
    ("beneficiaries", "days", "field"), [(-1, 5, "beneficiaries"), (5, -1, "days")]
)
def test_refuses_negative_sizes(beneficiaries: int, days: int, field: str, tmp_path: Path) -> None:
    path = tmp_path / "demo.sqlite"
    with pytest.raises(ValidationError) as error:
        generate_demo(path, beneficiaries=beneficiaries, days=days, now=NOW)
    assert error.value.field == field
    assert not path.exists()


def test_no_days_means_no_contacts_and_no_people_means_anonymous_contacts(tmp_path: Path) -> None:
    quiet = generate_demo(tmp_path / "quiet.sqlite", beneficiaries=10, days=0, now=NOW)
    assert (quiet.contacts, quiet.tickets, quiet.since) == (0, 0, None)
    nobody = tmp_path / "nobody.sqlite"
    summary = generate_demo(nobody, beneficiaries=0, days=2, now=NOW)
    assert summary.contacts == 6
    assert all(c.beneficiary_id is None for c in rows(nobody, Contact))


def test_a_window_that_is_all_weekend_still_gets_its_contacts(tmp_path: Path) -> None:
    saturday_evening = datetime(2026, 3, 14, 17, 0, tzinfo=UTC)
    path = tmp_path / "weekend.sqlite"
    summary = generate_demo(path, beneficiaries=30, days=2, now=saturday_evening)
    window_start = datetime.combine(date(2026, 3, 13), time(0), RIYADH)
    found = rows(path, Contact)
    assert len(found) == summary.contacts == contact_count(30, 2)
    for contact in found:
        assert contact.ended_at is not None
        assert window_start <= contact.started_at <= contact.ended_at <= saturday_evening


def test_database_counts_agree_with_a_count_query(demo: tuple[Path, DemoSummary]) -> None:
    with opened(demo[0]) as sessions, sessions() as session:
        total = session.scalar(select(func.count()).select_from(Beneficiary))
        registered = session.scalar(
            select(func.count())
            .select_from(Beneficiary)
            .where(Beneficiary.file_number.is_not(None))
        )
    assert total == BENEFICIARIES
    assert registered is not None
    assert 0 < registered < BENEFICIARIES


def test_today_is_included_up_to_now(contacts: list[Contact]) -> None:
    today = NOW.astimezone(RIYADH).date()
    todays = [c for c in contacts if c.started_at.astimezone(RIYADH).date() == today]
    assert todays
    assert max(c.ended_at for c in todays if c.ended_at) <= NOW
    assert min(c.started_at for c in todays) >= datetime.combine(today, time(8), RIYADH)
    assert NOW - timedelta(hours=6) < max(c.started_at for c in todays)
