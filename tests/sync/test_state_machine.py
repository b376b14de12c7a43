"""A state machine over sync: 2–5 counters register people, edit them, issue tickets and log
contacts while they sync, push or pull in whatever order hypothesis picks; then every counter
syncs round-robin until nothing moves, and nothing may be lost, doubled or left apart.

What must hold once healed:

- every mutation id a counter's outbox ever held is in the server's `sync_mutation` exactly
  once, under that counter's device, and the server refused none;
- every counter holds exactly the server's rows (`assert_converged`);
- no two tickets share (service_date, prefix, number); every ticket and contact made is on the
  server, every ticket under its counter's prefix;
- every registration is on the server; per ID number exactly one row is live, and each
  tombstone has its "duplicate" conflict; field conflicts only on the fields edited here;
- no edit is silently lost: every value written to a field is the server's final value, or is
  recorded in a `sync_conflict` of that row and field (or in a whole-row one), or was replaced
  by a later edit made by someone who had that value in front of them (an edit whose old value
  it was: the same counter editing again, or another counter after pulling it).

Each hypothesis example has its own server database (a copy of the session's template) and its
own counter files (copies of the session's migrated SQLite database), removed in `teardown`.
"""

from __future__ import annotations

import functools
import json
import shutil
import tempfile
import uuid
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from itertools import count
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

import psycopg
import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    rule,
    run_state_machine_as_test,
)
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from basmat_desk.domain.beneficiary import BeneficiaryData, parse_form
from basmat_desk.domain.enums import Channel
from basmat_desk.services.beneficiaries import (
    DuplicateIdNumber,
    PossibleDuplicates,
    form_of,
    get_beneficiary,
    register_beneficiary,
    update_beneficiary,
)
from basmat_desk.services.bootstrap import open_local
from basmat_desk.services.contacts import ContactInput, log_contact
from basmat_desk.services.queue import issue_ticket
from basmat_desk.services.staff import create_first_admin, login
from basmat_desk.sync.server import init_server
from tests.conftest import PASSWORD
from tests.sync.conftest import PREFIXES, Counter, SyncServer, assert_converged, person

pytestmark = pytest.mark.slow

MAX_COUNTERS = 5
EDITABLE = ("notes", "address_city", "employment")
LABELS = {"notes": "ملاحظة", "address_city": "مدينة", "employment": "وظيفة"}
#: Rounds of "every counter syncs once" healing may take before sync counts as stuck.
HEAL_ROUNDS = 8

COUNTER = st.integers(0, MAX_COUNTERS - 1)  # taken modulo the number of counters
PICK = st.integers(0, 20)  # which of the candidate rows, modulo their number

SETTINGS = settings(
    max_examples=12,
    stateful_step_count=15,
    deadline=None,
    derandomize=True,  # the same examples on every run (CI)
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@dataclass(frozen=True, slots=True)
class Edit:
    counter: int
    row_id: str
    field: str
    old: Any  # the value the counter had before (what its outbox entry carries as old)
    new: str


def data_of(counter: Counter, beneficiary_id: str) -> BeneficiaryData:
    return parse_form(form_of(get_beneficiary(counter.ctx, beneficiary_id)))


P = ParamSpec("P")
R = TypeVar("R")


def step(fn: Callable[P, R]) -> Callable[P, R]:
    """A step of the machine: when it fails, teardown cleans up without healing and checking
    (which would only report a consequence of the failure instead of the failure)."""

    @functools.wraps(fn)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return fn(*args, **kwargs)
        except BaseException:
            machine = args[0]
            assert isinstance(machine, SyncMachine)
            machine.failed = True
            raise

    return run


class SyncMachine(RuleBasedStateMachine):
    def __init__(self, pg_url: str, template: str, migrated: Path) -> None:
        super().__init__()
        self.pg_url = pg_url
        self.template = template  # the session's initialised server database
        self.migrated = migrated  # the session's migrated SQLite database
        self.admin = create_engine(pg_url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
        self.dbname: str | None = None
        self.tmp = Path(tempfile.mkdtemp(prefix="basmat-sync-machine-"))
        self.server: SyncServer | None = None
        self.counters: list[Counter] = []
        self.failed = False
        # the model
        self.mutations: dict[str, int] = {}  # every mutation id seen in an outbox → its counter
        self.registered: list[str] = []  # beneficiary ids, in the order they were registered
        self.people: list[tuple[int, BeneficiaryData]] = []  # (counter, what it registered)
        self.edits: list[Edit] = []
        self.tickets: dict[str, int] = {}  # ticket id → counter
        self.contacts: dict[str, int] = {}  # contact id → counter
        self.years = count(1945)  # a birth year of its own for every new person
        self.values = count(1)  # every value written is new

    # --- setup and teardown ---------------------------------------------------------------

    @initialize(n=st.integers(2, MAX_COUNTERS))
    @step
    def setup(self, n: int) -> None:
        """The server's own database, then n counters as the `counters` fixture makes them."""
        self.dbname = f"basmat_sm_{uuid.uuid4().hex[:12]}"
        with self.admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{self.dbname}" TEMPLATE "{self.template}"'))
        url = make_url(self.pg_url).set(database=self.dbname).render_as_string(hide_password=False)
        init_server(url)  # the roles and privileges of this database's counters
        self.server = SyncServer(url)
        for index in range(n):
            prefix = PREFIXES[index]
            name = f"كاونتر {prefix}"
            path = self.tmp / f"counter-{prefix}.sqlite"
            shutil.copy(self.migrated, path)
            ctx = open_local(path)
            if index == 0:
                create_first_admin(ctx, "admin", "مدير النظام", PASSWORD)
            counter = Counter(name, prefix, path, ctx)
            self.counters.append(counter)
            counter.client.enroll(self.server.add_counter(name, prefix))
            counter.ctx = ctx.acting_as(login(ctx, "admin", PASSWORD))
            self.observe(index)
        self.heal()  # every counter has the administrator and everyone's sign-in

    def teardown(self) -> None:
        try:
            if not self.failed and self.counters:
                self.heal()
                self.check()
        finally:
            for counter in self.counters:
                counter.close()
            if self.dbname is not None:
                with self.admin.connect() as conn:
                    conn.execute(text(f'DROP DATABASE IF EXISTS "{self.dbname}" WITH (FORCE)'))
            self.admin.dispose()
            shutil.rmtree(self.tmp, ignore_errors=True)

    # --- helpers ----------------------------------------------------------------------------

    def counter(self, i: int) -> tuple[int, Counter]:
        index = i % len(self.counters)
        return index, self.counters[index]

    def observe(self, index: int) -> None:
        """Note every mutation id now in the counter's outbox (before a push can clear it)."""
        for entry in self.counters[index].client.store.outbox_batch(10**6):
            seen = self.mutations.setdefault(entry.mutation_id, index)
            assert seen == index, f"mutation {entry.mutation_id} in two counters' outboxes"

    def live_people(self, counter: Counter) -> list[str]:
        """The registered beneficiaries this counter has, live, in registration order."""
        rows = counter.rows("beneficiary")
        return [r for r in self.registered if r in rows and rows[r]["deleted_at"] is None]

    def heal(self) -> None:
        """Sync every counter round-robin until every outbox is empty and a whole round
        neither pushes nor pulls a row."""
        for _ in range(HEAL_ROUNDS):
            moved = 0
            for index, counter in enumerate(self.counters):
                self.observe(index)
                report = counter.sync()
                moved += report.push.pushed + report.pull.rows
            pending = sum(c.client.store.pending_count() for c in self.counters)
            if moved == 0 and pending == 0:
                return
        raise AssertionError(f"sync does not settle after {HEAL_ROUNDS} rounds")

    def write(self, index: int, row_id: str, field: str) -> None:
        """Counter `index` sets `field` of `row_id` to a value never written before."""
        counter = self.counters[index]
        old = counter.rows("beneficiary")[row_id][field]
        value = f"{LABELS[field]} {next(self.values)}"
        changed: dict[str, Any] = {field: value}
        update_beneficiary(counter.ctx, row_id, replace(data_of(counter, row_id), **changed))
        assert counter.rows("beneficiary")[row_id][field] == value
        self.edits.append(Edit(index, row_id, field, old, value))
        self.observe(index)

    # --- rules ------------------------------------------------------------------------------

    @rule(i=COUNTER, kind=st.sampled_from(["new", "same_id", "similar"]), k=PICK)
    @step
    def register(self, i: int, kind: str, k: int) -> None:
        """A new person; or one with an ID number another counter registered (a duplicate once
        both reach the server, or refused at once if this counter has it); or one with
        another's name and birth date (a possible duplicate the receptionist confirms is
        someone else)."""
        index, counter = self.counter(i)
        data = person(birth_date=date(next(self.years), 1, 1))  # nobody similar on file
        if kind == "same_id":
            here = {counter.rows("beneficiary")[r]["id_number"] for r in self.live_people(counter)}
            others = [d for c, d in self.people if c != index]
            # preferably someone this counter does not have yet: they meet on the server
            others = [d for d in others if d.id_number not in here] or others
            if others:
                data = replace(data, id_number=others[k % len(others)].id_number)
        elif kind == "similar" and self.people:
            like = self.people[k % len(self.people)][1]
            data = replace(
                data,
                first_name=like.first_name,
                family_name=like.family_name,
                birth_date=like.birth_date,
            )
        try:
            try:
                record = register_beneficiary(counter.ctx, data)
            except PossibleDuplicates as possible:
                distinct = [c.id for c in possible.candidates]
                record = register_beneficiary(counter.ctx, data, confirmed_distinct_from=distinct)
        except DuplicateIdNumber as duplicate:  # this counter has them: nothing written
            held = counter.rows("beneficiary")[duplicate.existing_id]
            assert (held["id_number"], held["deleted_at"]) == (data.id_number, None)
            return
        self.registered.append(record.id)
        self.people.append((index, data))
        self.observe(index)

    @rule(i=COUNTER, k=PICK, field=st.sampled_from(EDITABLE))
    @step
    def edit(self, i: int, k: int, field: str) -> None:
        """One field of someone a counter has on file (the i-th of the counters that have
        anyone)."""
        having = [n for n, c in enumerate(self.counters) if self.live_people(c)]
        if not having:
            return
        index = having[i % len(having)]
        live = self.live_people(self.counters[index])
        self.write(index, live[k % len(live)], field)

    @rule(k=PICK, field=st.sampled_from(EDITABLE), same_field=st.booleans())
    @step
    def edit_on_two(self, k: int, field: str, same_field: bool) -> None:
        """Two counters that both have someone change them, each unaware of the other: the
        same field (a conflict once both push) or two fields (a merge)."""
        holders: dict[str, list[int]] = defaultdict(list)
        for index, counter in enumerate(self.counters):
            for row_id in self.live_people(counter):
                holders[row_id].append(index)
        shared = [r for r in self.registered if len(holders[r]) >= 2]
        if not shared:
            return
        row_id = shared[k % len(shared)]
        first, second = holders[row_id][:2]
        self.write(first, row_id, field)
        other = field if same_field else EDITABLE[(EDITABLE.index(field) + 1) % len(EDITABLE)]
        self.write(second, row_id, other)

    @rule(
        i=COUNTER,
        k=PICK,
        what=st.sampled_from(["ticket", "contact"]),
        for_someone=st.booleans(),
    )
    @step
    def front_desk(self, i: int, k: int, what: str, for_someone: bool) -> None:
        """A queue ticket or a phone contact, for someone the counter has on file or nobody."""
        index, counter = self.counter(i)
        live = self.live_people(counter) if for_someone else []
        beneficiary_id = live[k % len(live)] if live else None
        if what == "ticket":
            ticket = issue_ticket(counter.ctx, beneficiary_id=beneficiary_id)
            self.tickets[ticket.id] = index
        else:
            contact = log_contact(
                counter.ctx,
                ContactInput(
                    channel=Channel.PHONE,
                    purpose=f"استفسار {next(self.values)}",
                    beneficiary_id=beneficiary_id,
                ),
            )
            self.contacts[contact.id] = index
        self.observe(index)

    @rule(i=COUNTER, how=st.sampled_from(["sync", "push", "pull"]))
    @step
    def exchange(self, i: int, how: str) -> None:
        """One counter talks to the server: a whole sync (push, then pull), or half of one."""
        index, counter = self.counter(i)
        self.observe(index)
        if how == "pull":
            counter.client.pull_only()
            return
        if how == "sync":
            counter.sync()
        else:
            counter.client.push_only()
        assert counter.client.store.pending_count() == 0

    # --- what must hold at the end ------------------------------------------------------------

    def check(self) -> None:
        assert self.server is not None
        self.check_mutations()
        assert_converged(self.server, self.counters)
        self.check_tickets_and_contacts()
        self.check_registrations()
        self.check_edits()

    def check_mutations(self) -> None:
        assert self.server is not None
        devices = [c.client.store.device_id() for c in self.counters]
        with psycopg.connect(self.server.conninfo) as conn:
            rows = conn.execute(
                "SELECT mutation_id, count(*), min(device_id), max(device_id), "
                "string_agg(outcome, ',') FROM sync_mutation GROUP BY mutation_id"
            ).fetchall()
        on_server = {m: (n, low, high, outcome) for m, n, low, high, outcome in rows}
        for mutation_id, index in self.mutations.items():
            prefix = self.counters[index].prefix
            assert mutation_id in on_server, f"mutation {mutation_id} of {prefix} never arrived"
            n, low, high, outcome = on_server[mutation_id]
            assert n == 1, f"mutation {mutation_id} recorded {n} times"
            assert low == high == devices[index], f"mutation {mutation_id} not under {prefix}"
            assert outcome != "rejected", f"mutation {mutation_id} of {prefix} refused"

    def check_tickets_and_contacts(self) -> None:
        assert self.server is not None
        tickets = self.server.rows("ticket")
        keys = [(t["service_date"], t["prefix"], t["number"]) for t in tickets.values()]
        assert len(keys) == len(set(keys)), f"ticket numbers collide: {sorted(keys)}"
        assert self.tickets.keys() <= tickets.keys(), "a ticket never reached the server"
        for ticket_id, index in self.tickets.items():
            assert tickets[ticket_id]["prefix"] == self.counters[index].prefix
        contacts = self.server.rows("contact")
        assert self.contacts.keys() <= contacts.keys(), "a contact never reached the server"

    def check_registrations(self) -> None:
        assert self.server is not None
        rows = self.server.rows("beneficiary")
        assert set(self.registered) <= rows.keys(), "a registration never reached the server"
        conflicts = list(self.server.rows("sync_conflict").values())
        duplicates = {
            c["row_id"]
            for c in conflicts
            if c["kind"] == "duplicate" and c["table_name"] == "beneficiary"
        }
        live: dict[str, list[str]] = defaultdict(list)
        for row_id in self.registered:
            row = rows[row_id]
            if row["deleted_at"] is None:
                live[row["id_number"]].append(row_id)
            else:
                assert row_id in duplicates, f"{row_id} is a tombstone with no duplicate conflict"
        for id_number in {rows[r]["id_number"] for r in self.registered}:
            assert len(live[id_number]) == 1, f"ID number {id_number}: live rows {live[id_number]}"
        provoked = {("field", "beneficiary", f) for f in EDITABLE}
        unexpected = [
            (c["kind"], c["table_name"], c["field"])
            for c in conflicts
            if c["kind"] != "duplicate" and (c["kind"], c["table_name"], c["field"]) not in provoked
        ]
        assert not unexpected, f"conflicts nobody provoked: {unexpected}"

    def check_edits(self) -> None:
        """Every value written is the final one, or in a conflict, or knowingly replaced."""
        assert self.server is not None
        rows = self.server.rows("beneficiary")
        recorded: dict[tuple[str, str], set[Any]] = defaultdict(set)
        for c in self.server.rows("sync_conflict").values():
            if c["table_name"] != "beneficiary":
                continue
            for raw in (c["server_value"], c["counter_value"]):
                value = None if raw is None else json.loads(raw)
                if isinstance(value, dict):  # a whole row (a duplicate, a refused insert)
                    for field in EDITABLE:
                        recorded[c["row_id"], field].add(value.get(field))
                elif c["field"] in EDITABLE:
                    recorded[c["row_id"], c["field"]].add(value)
        replaced = {(e.row_id, e.field, e.old) for e in self.edits}
        for e in self.edits:
            final = rows[e.row_id][e.field]
            kept = (
                final == e.new
                or e.new in recorded[e.row_id, e.field]
                or (e.row_id, e.field, e.new) in replaced
            )
            assert kept, (
                f"edit lost: counter {self.counters[e.counter].prefix} wrote {e.field}={e.new!r} "
                f"on {e.row_id} (was {e.old!r}); the server has {final!r}, no conflict records "
                "it and nobody who saw it replaced it"
            )


def test_counters_doing_anything_in_any_sync_order_converge_and_lose_nothing(
    pg_url: str, sync_template: str, migrated_database: Path, fast_password_hashing: None
) -> None:
    run_state_machine_as_test(
        lambda: SyncMachine(pg_url, sync_template, migrated_database), settings=SETTINGS
    )


def test_a_pull_holding_back_a_duplicate_also_holds_back_what_refers_to_it(
    pg_url: str, sync_template: str, migrated_database: Path, fast_password_hashing: None
) -> None:
    """The machine's steps for one case its random walk seldom reaches: counter A registers
    someone, logs a contact for them and pushes both; counter B, before pulling, registers the
    same ID number; then B pulls without pushing first. The pull holds A's person back (B's
    own live row has that ID number) but must not leave A's contact pointing at nobody."""
    machine = SyncMachine(pg_url, sync_template, migrated_database)
    try:
        machine.setup(n=2)
        machine.register(i=0, kind="new", k=0)
        machine.front_desk(i=0, k=0, what="contact", for_someone=True)
        machine.exchange(i=0, how="push")
        machine.register(i=1, kind="same_id", k=0)
        machine.exchange(i=1, how="pull")
        machine.exchange(i=1, how="pull")  # the counter can still sync afterwards
    finally:
        machine.teardown()
