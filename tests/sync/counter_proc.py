"""One counter PC, as a process of its own, for the sync fault tests.

    python -m tests.sync.counter_proc --db PATH --password PW <command> [options]

Commands (each prints one line of JSON on stdout):

- `changes --n N --seed S`: sign in as "admin" and work as a receptionist would: register N
  people, issue each a ticket, log a contact, edit every other record, open a support request
  with its signed declaration and an outgoing letter. Prints what was made.
- `edit --id ID --field FIELD --value VALUE`: change one field of a beneficiary.
- `sync` / `push` / `pull`: one `SyncClient.sync_once()` / `push_only()` / `pull_only()`.
  Exit 0 on success, 3 when the server cannot be reached or the connection broke
  (`Offline`, or a psycopg OperationalError outside `sync_once`), 4 on another `SyncError`.
- `enroll --code CODE`: enrol the counter (its first push and pull).
- `now`: the time this process sees (to check a clock skew took).

`python -m tests.sync.counter_proc --zygote` is a fork server for these commands (see
`zygote`), so that a test can start dozens of counter processes without paying Python's
start-up and the application's imports each time.

Faults come from the environment the test gives the process: `BASMAT_SYNC_FAULT` (see
`basmat_desk.sync.faults`), and a skewed clock, either libfaketime (LD_PRELOAD + FAKETIME,
which also moves SQLite's own clock) or, where libfaketime is missing,
`BASMAT_TEST_CLOCK_SKEW_HOURS`, which moves the application's one clock
(`basmat_desk.domain.clock.utcnow`, from which the Riyadh day follows) from inside this process.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import sys
import time
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

SKEW_ENV = "BASMAT_TEST_CLOCK_SKEW_HOURS"
EXIT_OFFLINE = 3
EXIT_SYNC_ERROR = 4
HIJRI_YEAR = 1447

FIRST_NAMES = ("سارة", "نورة", "هند", "ريم", "لمى", "دانة", "جود", "رهف", "شهد", "غادة")
FAMILY_NAMES = ("القحطاني", "الدوسري", "الشهري", "العتيبي", "الزهراني", "الغامدي", "المطيري")


# --- a skewed clock without libfaketime --------------------------------------------------------
# The replacement body runs with the globals of `domain.clock` (which has `datetime` and `UTC`);
# `_BASMAT_TEST_SKEW` is set there too. Swapping `__code__` reaches every `from … import utcnow`
# and the column defaults alike, and the Riyadh day is computed from it.


def _skewed_utcnow() -> datetime:
    return datetime.now(UTC) + _BASMAT_TEST_SKEW  # type: ignore[name-defined]  # noqa: F821


def skew_clocks(hours: float) -> None:
    from basmat_desk.domain import clock

    clock._BASMAT_TEST_SKEW = timedelta(hours=hours)  # type: ignore[attr-defined]
    clock.utcnow.__code__ = _skewed_utcnow.__code__


def application_now() -> datetime:
    from basmat_desk.domain.clock import utcnow

    return utcnow()


# --- signing in ---------------------------------------------------------------------------------


def open_counter(db: Path, password: str) -> Any:
    """The counter's database, opened as the application opens it, acting as its admin."""
    from basmat_desk.services import passwords
    from basmat_desk.services.bootstrap import open_local
    from basmat_desk.services.staff import login

    # The tests' accounts were hashed with few iterations: verifying with the same count keeps
    # sign-in fast and needs no rehash (which would be a change of its own).
    passwords.ITERATIONS = 1000
    ctx = open_local(db)
    return ctx.acting_as(login(ctx, "admin", password))


# --- changes -------------------------------------------------------------------------------------


def _next_number(session: Any, kind: str, prefix: str, scope: str) -> int:
    """Advance this counter's own sequence of `kind` (as the queue does for tickets)."""
    from sqlalchemy import select

    from basmat_desk.store.models import NumberSequence, stable_id

    sequence = session.scalars(
        select(NumberSequence).where(
            NumberSequence.kind == kind,
            NumberSequence.prefix == prefix,
            NumberSequence.scope == scope,
        )
    ).first()
    if sequence is None:
        sequence = NumberSequence(
            id=stable_id("number_sequence", kind, prefix, scope),
            kind=kind,
            prefix=prefix,
            scope=scope,
            last_value=0,
        )
        session.add(sequence)
    sequence.last_value += 1
    return int(sequence.last_value)


def snapshot_text(seed: int, person_id: str, name: str) -> str:
    """A declaration's canonical JSON: Arabic, marks, an emoji, a line separator."""
    snapshot = {
        "beneficiary_id": person_id,
        "declared": f"أقر أنا {name} بأن البيانات صحيحة\u200f\u2028(نص «مقتبس»)",
        "income": 1500 + seed,
        "note": "✓ 🌙 e\u0301 \\ \" '",
        "seed": seed,
    }
    return json.dumps(snapshot, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def make_request(ctx: Any, person_id: str, name: str, seed: int) -> dict[str, Any]:
    """A support request, its signed declaration and a letter, in one transaction, numbered
    from this counter's own sequences."""
    from basmat_desk.domain.clock import utcnow
    from basmat_desk.domain.enums import SignatureKind
    from basmat_desk.domain.numbering import letter_number, request_number
    from basmat_desk.services.context import unit_of_work
    from basmat_desk.services.settings import ensure_device
    from basmat_desk.store.models import Declaration, Letter, SupportRequest

    rng = random.Random(seed)
    signature = bytes([0, 0x89, 0x50, 0x4E, 0x47, 0xFF, 0x00]) + rng.randbytes(64)
    snapshot = snapshot_text(seed, person_id, name)
    with unit_of_work(ctx, "request.create") as session:
        prefix = ensure_device(session).counter_prefix
        request = SupportRequest(
            request_number=request_number(
                HIJRI_YEAR, prefix, _next_number(session, "request", prefix, str(HIJRI_YEAR))
            ),
            beneficiary_id=person_id,
            service_type="treatment",
            description="طلب علاج",
        )
        session.add(request)
        session.flush()
        declaration = Declaration(
            request_id=request.id,
            template_version="v1",
            snapshot_json=snapshot,
            signature_kind=SignatureKind.PAD,
            signature_png=signature,
            signed_at=utcnow(),
            witnessed_by=ctx.actor.staff_id,
            content_sha256=hashlib.sha256(snapshot.encode()).hexdigest(),
        )
        letter = Letter(
            reference_number=letter_number(
                HIJRI_YEAR, prefix, _next_number(session, "letter", prefix, str(HIJRI_YEAR))
            ),
            template_code="treatment",
            template_version="v1",
            request_id=request.id,
            beneficiary_id=person_id,
            fields_json=json.dumps({"name": name}, ensure_ascii=False),
            pdf_sha256=hashlib.sha256(signature).hexdigest(),
            issued_by=ctx.actor.staff_id,
            issued_at=utcnow(),
        )
        session.add_all([declaration, letter])
        session.flush()
        return {
            "request": {"id": request.id, "number": request.request_number},
            "letter": {"id": letter.id, "number": letter.reference_number},
            "declaration": {
                "id": declaration.id,
                "snapshot_sha256": hashlib.sha256(snapshot.encode()).hexdigest(),
                "signature_sha256": hashlib.sha256(signature).hexdigest(),
            },
        }


def register(ctx: Any, seed: int, i: int) -> Any:
    from basmat_desk.domain.beneficiary import BeneficiaryData
    from basmat_desk.domain.enums import Gender, IdType
    from basmat_desk.domain.identity import make_national_id
    from basmat_desk.services.beneficiaries import PossibleDuplicates, register_beneficiary

    data = BeneficiaryData(
        first_name=FIRST_NAMES[i % len(FIRST_NAMES)],
        father_name="محمد",
        grandfather_name="علي",
        family_name=FAMILY_NAMES[(seed + i) % len(FAMILY_NAMES)],
        id_type=IdType.NATIONAL_ID,
        id_number=make_national_id(f"1{seed % 10_000:04d}{i:04d}"),
        gender=Gender.FEMALE,
        birth_date=date(1960 + (seed * 7 + i) % 40, 1 + i % 12, 1 + seed % 28),
        mobile=f"+96655{seed % 1000:03d}{i:04d}",
    )
    try:
        return register_beneficiary(ctx, data)
    except PossibleDuplicates as similar:  # another person of the same name: say so, as staff do
        confirmed = [c.id for c in similar.candidates]
        return register_beneficiary(ctx, data, confirmed_distinct_from=confirmed)


def edit_field(ctx: Any, beneficiary_id: str, field: str, value: str) -> None:
    from basmat_desk.domain.beneficiary import parse_form
    from basmat_desk.services.beneficiaries import form_of, get_beneficiary, update_beneficiary

    data = parse_form(form_of(get_beneficiary(ctx, beneficiary_id)))
    update_beneficiary(ctx, beneficiary_id, replace(data, **{field: value}))


def make_changes(ctx: Any, n: int, seed: int, requests: int = 1) -> dict[str, Any]:
    """What a receptionist does in a while, through the services (`ctx` acts as a member of
    staff): returns the ids and numbers of what was made."""
    from basmat_desk.domain.enums import Channel
    from basmat_desk.services.contacts import ContactInput, log_contact
    from basmat_desk.services.queue import issue_ticket

    made: dict[str, Any] = {
        "beneficiaries": [],
        "tickets": [],
        "contacts": [],
        "edited": [],
        "requests": [],
        "letters": [],
        "declarations": [],
    }
    for i in range(n):
        person = register(ctx, seed, i)
        made["beneficiaries"].append(person.id)
        ticket = issue_ticket(ctx, purpose=f"زيارة {i}", beneficiary_id=person.id)
        made["tickets"].append(
            {
                "id": ticket.id,
                "service_date": ticket.service_date.isoformat(),
                "number": ticket.number,
                "label": ticket.label,
            }
        )
        contact = log_contact(
            ctx,
            ContactInput(
                channel=Channel.INTERVIEW,
                purpose="استفسار",
                inquiry=f"سؤال رقم {i}",
                answer="أجيب",
                beneficiary_id=person.id,
                ticket_id=ticket.id,
            ),
        )
        made["contacts"].append(contact.id)
        if i % 2 == 0:
            edit_field(ctx, person.id, "notes", f"ملاحظة {seed}-{i}")
            made["edited"].append(person.id)
        if i < requests:
            one = make_request(ctx, person.id, person.full_name, seed * 100 + i)
            made["requests"].append(one["request"])
            made["letters"].append(one["letter"])
            made["declarations"].append(one["declaration"])
    made["now"] = application_now().isoformat()
    return made


def cmd_changes(args: argparse.Namespace) -> dict[str, Any]:
    return make_changes(open_counter(args.db, args.password), args.n, args.seed, args.requests)


def cmd_edit(args: argparse.Namespace) -> dict[str, Any]:
    ctx = open_counter(args.db, args.password)
    edit_field(ctx, args.id, args.field, args.value)
    return {"id": args.id, "field": args.field, "value": args.value}


# --- sync ----------------------------------------------------------------------------------------


def _push_json(report: Any) -> dict[str, Any]:
    return {
        "pushed": report.pushed,
        "replayed": report.replayed,
        "conflicts": report.conflicts,
        "rejected": report.rejected,
    }


def _pull_json(report: Any) -> dict[str, Any]:
    return {"rows": report.rows, "cursor": report.cursor, "skipped": report.skipped_pending}


def cmd_sync(args: argparse.Namespace) -> dict[str, Any]:
    from basmat_desk.sync.client import SyncClient

    with SyncClient(args.db, timeout=args.timeout) as client:
        if args.command == "sync":
            report = client.sync_once()
            return {"push": _push_json(report.push), "pull": _pull_json(report.pull)}
        if args.command == "push":
            return {"push": _push_json(client.push_only())}
        return {"pull": _pull_json(client.pull_only())}


def cmd_enroll(args: argparse.Namespace) -> dict[str, Any]:
    from basmat_desk.sync.client import SyncClient

    with SyncClient(args.db, timeout=args.timeout) as client:
        report = client.enroll(args.code)
        return {"push": _push_json(report.push), "pull": _pull_json(report.pull)}


def cmd_now(args: argparse.Namespace) -> dict[str, Any]:
    return {"now": application_now().isoformat()}


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="counter_proc")
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--password", required=True)
    sub = parser.add_subparsers(dest="command", required=True)
    changes = sub.add_parser("changes")
    changes.add_argument("--n", type=int, default=3)
    changes.add_argument("--seed", type=int, required=True)
    changes.add_argument("--requests", type=int, default=1)
    changes.set_defaults(run=cmd_changes)
    edit = sub.add_parser("edit")
    edit.add_argument("--id", required=True)
    edit.add_argument("--field", required=True)
    edit.add_argument("--value", required=True)
    edit.set_defaults(run=cmd_edit)
    for name in ("sync", "push", "pull"):
        one = sub.add_parser(name)
        one.add_argument("--timeout", type=float, default=10.0)
        one.set_defaults(run=cmd_sync)
    enroll = sub.add_parser("enroll")
    enroll.add_argument("--code", required=True)
    enroll.add_argument("--timeout", type=float, default=10.0)
    enroll.set_defaults(run=cmd_enroll)
    sub.add_parser("now").set_defaults(run=cmd_now)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    import logging

    import psycopg

    from basmat_desk.sync.client import Offline, SyncError

    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    args = parse_args(sys.argv[1:] if argv is None else argv)
    hours = os.environ.get(SKEW_ENV)
    if hours:
        skew_clocks(float(hours))
    started = time.monotonic()
    code = 0
    try:
        result = args.run(args)
    except Offline as error:
        code, result = EXIT_OFFLINE, {"error": "offline", "message": str(error)}
    except psycopg.OperationalError as error:  # push_only/pull_only do not wrap these
        code, result = EXIT_OFFLINE, {"error": "connection", "message": str(error)}
    except SyncError as error:
        code, result = EXIT_SYNC_ERROR, {"error": "sync", "message": str(error)}
    result["elapsed"] = round(time.monotonic() - started, 3)
    print(json.dumps(result, ensure_ascii=False), flush=True)
    return code


# --- a fork server -------------------------------------------------------------------------------
# Starting Python and importing the application takes a second or two, most of a short command.
# `--zygote` imports it once, then forks one child per request read from stdin (a JSON line:
# id, argv, env, stdout and stderr paths); each child is a process of its own, with its own
# environment, files and connections, that runs `main(argv)` and exits. The zygote reports
# {"id", "pid"} when a child starts and {"id", "status"} when it ends (minus a signal number
# when killed by one). It opens no file or connection itself, so children share nothing.


def _say(message: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def _child(request: dict[str, Any]) -> None:
    code = 1
    try:
        os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
        flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC
        os.dup2(os.open(request["stdout"], flags, 0o600), 1)
        os.dup2(os.open(request["stderr"], flags, 0o600), 2)
        os.environ.clear()
        os.environ.update(request["env"])
        code = main(request["argv"])
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else 1
    except BaseException:
        import traceback

        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def zygote() -> int:
    import importlib
    import select

    for name in (  # what the commands use, imported once for every child
        "argon2",
        "psycopg",
        "basmat_desk.domain.beneficiary",
        "basmat_desk.services.beneficiaries",
        "basmat_desk.services.bootstrap",
        "basmat_desk.services.contacts",
        "basmat_desk.services.queue",
        "basmat_desk.services.staff",
        "basmat_desk.store.db",
        "basmat_desk.sync.client",
    ):
        importlib.import_module(name)

    children: dict[int, int] = {}
    pending = b""
    stdin = sys.stdin.fileno()
    while True:
        ready, _, _ = select.select([stdin], [], [], 0.01)
        if ready:
            chunk = os.read(stdin, 65536)
            if not chunk:
                return 0
            pending += chunk
            while b"\n" in pending:
                line, pending = pending.split(b"\n", 1)
                request = json.loads(line)
                pid = os.fork()
                if pid == 0:
                    _child(request)
                children[pid] = request["id"]
                _say({"id": request["id"], "pid": pid})
        while children:
            pid, status = os.waitpid(-1, os.WNOHANG)
            if pid == 0:
                break
            _say({"id": children.pop(pid), "status": os.waitstatus_to_exitcode(status)})


if __name__ == "__main__":
    sys.exit(zygote() if sys.argv[1:] == ["--zygote"] else main())
