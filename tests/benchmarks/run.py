"""Benchmarks: each figure against a baseline measured in the same run, on the same machine.

    python tests/benchmarks/run.py [--repeat N] [--json FILE] [--only NAME] [--work DIR]

Prints a table of figures, ratios and targets; `--json FILE` writes the same rows as a list of
objects with keys name, median_ms, baseline, baseline_median_ms, ratio, target, ok, stat. Each
row measures what its name says (ours) against what its `baseline` says, in the same run, and
`ratio` is ours ÷ baseline. A row's figures are medians unless its `stat` is "p95": then
median_ms and baseline_median_ms hold the 95th percentiles (the keys keep their names so that
readers of the JSON need not change); or "rows/s": then they hold median throughputs in rows
per second (higher is better). A target of "shown for comparison" gates nothing.
These are measurements, not tests: nothing here runs under pytest. docs/benchmarks.md says what
each row measures and against what.

The sync benchmarks (`sync-*`, measured in `sync_bench.py`) need PostgreSQL: they start a
throwaway cluster (tests/pg.py), or use the server BASMAT_TEST_PG_URL names (a superuser URL).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

MARKER = "main window shown"
LOADED_MARKER = "first screen loaded"


@dataclass(frozen=True)
class Row:
    name: str
    median_ms: float
    baseline: str
    baseline_median_ms: float
    ratio: float
    target: str
    ok: bool
    stat: str = "median"  # or "p95": what median_ms and baseline_median_ms hold


def p95(samples: list[float]) -> float:
    """The 95th percentile (interpolated between the samples around it)."""
    return statistics.quantiles(samples, n=20, method="inclusive")[-1]


STATISTICS: dict[str, Callable[[list[float]], float]] = {
    "median": statistics.median,
    "p95": p95,
    "rows/s": statistics.median,  # samples are throughputs: the ratio is ours ÷ baseline's
}


def make_row(
    name: str,
    *,
    ours: list[float],
    baseline: str,
    base: list[float],
    target: str,
    check: Callable[[float, float], bool],
    stat: str = "median",
) -> Row:
    """A row from samples in milliseconds; `check(figure_ms, ratio)` says whether it passes,
    where the figure is the `stat` of the samples (median or p95)."""
    figure = STATISTICS[stat](ours)
    base_figure = STATISTICS[stat](base)
    ratio = figure / base_figure if base_figure else float("inf")
    return Row(
        name=name,
        median_ms=round(figure, 2),
        baseline=baseline,
        baseline_median_ms=round(base_figure, 2),
        ratio=round(ratio, 2),
        target=target,
        ok=check(figure, ratio),
        stat=stat,
    )


def _child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.setdefault("XDG_STATE_HOME", tempfile.mkdtemp(prefix="basmat-bench-state-"))
    return env


def time_until_markers(command: list[str], *markers: str) -> list[float]:
    """Milliseconds from starting `command` to each line containing a marker, in order."""
    start = time.perf_counter()
    found: list[float] = []
    with subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=_child_env(),
    ) as proc:
        assert proc.stdout is not None
        for line in proc.stdout:
            if markers[len(found)] in line:
                found.append((time.perf_counter() - start) * 1000)
                if len(found) == len(markers):
                    break
        proc.wait(timeout=60)
    if len(found) < len(markers):
        missing = markers[len(found)]
        raise RuntimeError(f"{command[0]} ended (code {proc.returncode}) without «{missing}»")
    return found


BARE_WINDOW = textwrap.dedent(
    f"""
    import sys
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1180, 760)
    window.show()
    def shown():
        print("bare: {MARKER}", flush=True)
        app.quit()
    QTimer.singleShot(0, shown)
    app.exec()
    """
)


def demo_database(work: Path, beneficiaries: int) -> Path:
    """A demo database of `beneficiaries` people, made once and kept in `work`."""
    path = work / f"demo-{beneficiaries}.sqlite"
    if not path.exists():
        from basmat_desk.demo import generate_demo

        print(f"generating a demo database of {beneficiaries:,} beneficiaries …", flush=True)
        started = time.perf_counter()
        generate_demo(path, beneficiaries=beneficiaries, days=90)
        print(f"  done in {time.perf_counter() - started:.1f} s", flush=True)
    return path


def startup_rows(args: argparse.Namespace) -> list[Row]:
    db = demo_database(args.work, 100_000)
    app = [sys.executable, "-m", "basmat_desk", "--demo", "--db", str(db), "--quit-after-show"]
    bare = [sys.executable, "-c", BARE_WINDOW]
    time_until_markers(app, MARKER, LOADED_MARKER)  # warm the file cache once for both
    time_until_markers(bare, MARKER)
    shown: list[float] = []
    loaded: list[float] = []
    base: list[float] = []
    for _ in range(args.repeat):  # interleaved, so machine load hits both alike
        base += time_until_markers(bare, MARKER)
        window, figures = time_until_markers(app, MARKER, LOADED_MARKER)
        shown.append(window)
        loaded.append(figures)
    return [
        make_row(
            "startup to main window (100,000 beneficiaries)",
            ours=shown,
            baseline="bare PySide6 window",
            base=base,
            target="ratio ≤ 3",
            check=lambda _median, ratio: ratio <= 3,
        ),
        make_row(
            "startup to first screen with its data (100,000 beneficiaries)",
            ours=loaded,
            baseline="bare PySide6 window",
            base=base,
            target="ratio ≤ 4",
            check=lambda _median, ratio: ratio <= 4,
        ),
    ]


# --- search and duplicate check on 200,000 beneficiaries -----------------------------------------

SEARCH_PEOPLE = 200_000
SEARCH_QUERIES = 300  # drawn from the data: the same ones every run (fixed seed)
TAIL_QUERIES = 100  # of each kind of mobile ending (the last 4 digits; the last 5 to 9)
LIKE_QUERIES = 40  # the naive scan takes hundreds of milliseconds a query: a sample is enough
DUPLICATE_CHECKS = 200
QUERY_SEED = 1447
PAGE = 50  # what the intake screen asks for

# Shown for comparison only: FTS5 queries the engine never runs.
RAW_RANKED = (
    "SELECT rowid FROM beneficiary_search WHERE beneficiary_search MATCH ? ORDER BY rank LIMIT ?"
)
RAW_UNRANKED = "SELECT rowid FROM beneficiary_search WHERE beneficiary_search MATCH ? LIMIT ?"
NAIVE_LIKE = (
    "SELECT id FROM beneficiary WHERE deleted_at IS NULL AND name_search LIKE ? AND"
    " (id_number LIKE ? OR mobile LIKE ? OR mobile_alt LIKE ?) LIMIT ?"
)
BIRTH_YEAR = "SELECT id, family_name FROM beneficiary WHERE birth_date >= ? AND birth_date < ?"
BY_MOBILE = "SELECT id FROM beneficiary WHERE mobile = ?"

#: What the engine executed for one query: (SQL, parameters) in order.
Statements = list[tuple[str, Any]]


def _read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def _people(path: Path) -> list[tuple[Any, ...]]:
    with _read_only(path) as conn:
        return conn.execute(
            "SELECT first_name, father_name, grandfather_name, family_name, id_number, mobile,"
            " gender, birth_date FROM beneficiary WHERE deleted_at IS NULL ORDER BY rowid"
        ).fetchall()


def search_queries(people: list[tuple[Any, ...]], count: int, seed: int) -> list[str]:
    """What receptionists type, drawn from the people on file: 60 % names (1 to 3 words from
    the first name on, or the family name alone; the last word often cut short, as typed so
    far), 25 % mobiles cut short in one of the three forms, 15 % whole ID numbers."""
    rng = random.Random(seed)
    queries: list[str] = []
    for _ in range(count):
        first, father, grandfather, family, id_number, mobile = rng.choice(people)[:6]
        kind = rng.random()
        if kind < 0.6:
            if rng.random() < 0.15:
                words = family.split()
            else:
                parts = " ".join(p for p in (first, father, grandfather, family) if p).split()
                words = parts[: rng.randint(1, 3)]
            last = words[-1]
            if rng.random() < 0.6:
                words[-1] = last[: rng.randint(1, len(last))]
            queries.append(" ".join(words))
        elif kind < 0.85:
            local = "0" + mobile[4:]
            form = rng.choice([local, local[1:], mobile[1:]])
            queries.append(form[: rng.randint(4, len(form))])
        else:
            queries.append(id_number)
    return queries


def mobile_tail_queries(
    people: list[tuple[Any, ...]], count: int, seed: int, lengths: tuple[int, int]
) -> list[str]:
    """The last digits of people's mobiles, as read from a caller's display: `lengths` (the
    fewest and most digits) from 4 (`SearchQuery.tail`: the index's "t4567" term) to 9 (below
    a whole local number, 05XXXXXXXX)."""
    rng = random.Random(seed)
    mobiles = [person[5] for person in people if person[5]]
    queries = []
    for _ in range(count):
        local = "0" + rng.choice(mobiles)[4:]
        queries.append(local[-rng.randint(*lengths) :])
    return queries


def _timed(run: Callable[[], object]) -> float:
    started = time.perf_counter()
    run()
    return (time.perf_counter() - started) * 1000


def _like_parameters(query: str, limit: int) -> tuple[object, ...]:
    """The naive query's parameters: each name word anywhere in the name, the number anywhere
    in the ID or mobiles (in their stored form: a naive scan knows no local forms)."""
    from basmat_desk.services.search import SearchQuery

    parsed = SearchQuery.parse(query)
    name = "%" + "%".join(parsed.words) + "%" if parsed.words else "%"
    number = f"%{parsed.number or ''.join(parsed.codes)}%"
    return (name, number, number, number, limit)


def engine_statements(ctx: Any, queries: list[str]) -> list[Statements]:
    """The SQL the engine (`search_beneficiaries`) executes for each query, with its
    parameters, in order: recorded from the engine's own connection (SQLAlchemy's
    `before_cursor_execute`) as it searches, so the baseline is exactly what it runs (the
    candidates' FTS5 query, the better tiers' when there are too many, the page's details)."""
    from sqlalchemy import event

    from basmat_desk.services.search import search_beneficiaries

    engine = ctx.sessions.kw["bind"]
    recorded: Statements = []

    def record(
        _conn: object,
        _cursor: object,
        statement: str,
        parameters: Any,
        _context: object,
        _executemany: bool,
    ) -> None:
        recorded.append((statement, parameters))

    plans: list[Statements] = []
    event.listen(engine, "before_cursor_execute", record)
    try:
        for query in queries:
            recorded.clear()
            search_beneficiaries(ctx, query, limit=PAGE)
            plans.append(list(recorded))
    finally:
        event.remove(engine, "before_cursor_execute", record)
    if not all(plans):
        raise RuntimeError("the search engine ran no SQL for some query: nothing to compare")
    return plans


def _search(ctx: Any, query: str) -> Callable[[], object]:
    """The engine: `search_beneficiaries`, as the intake screen calls it."""
    from basmat_desk.services.search import search_beneficiaries

    return lambda: search_beneficiaries(ctx, query, limit=PAGE)


def _query(raw: sqlite3.Connection, sql: str, parameters: Any) -> Callable[[], object]:
    return lambda: raw.execute(sql, parameters).fetchall()


def _replay(raw: sqlite3.Connection, statements: Statements) -> Callable[[], object]:
    """The engine's statements alone, through plain sqlite3 on the same file, every row read."""

    def run() -> object:
        return [raw.execute(sql, parameters).fetchall() for sql, parameters in statements]

    return run


@dataclass
class SearchSamples:
    """Milliseconds of the engine and of its own SQL alone, query by query, interleaved."""

    ours: list[float]
    own_sql: list[float]
    statements: int  # statements the engine executed for all the queries, once


def measure_search(
    ctx: Any,
    raw: sqlite3.Connection,
    queries: list[str],
    repeat: int,
    extra: dict[str, Callable[[str], Callable[[], object]]] | None = None,
) -> tuple[SearchSamples, dict[str, list[float]]]:
    """Each query: `search_beneficiaries`, then the SQL it executed replayed alone, then each of
    `extra` (more baselines, for comparison), `repeat` times over; after one warming pass."""
    plans = engine_statements(ctx, queries)  # also warms the caches, with the engine
    extra = extra or {}
    runs = [
        (
            _search(ctx, query),
            _replay(raw, plan),
            {name: make(query) for name, make in extra.items()},
        )
        for query, plan in zip(queries, plans, strict=True)
    ]
    for _engine, own, others in runs:  # warm the baselines once
        own()
        for other in others.values():
            other()
    samples = SearchSamples([], [], sum(len(plan) for plan in plans))
    more: dict[str, list[float]] = {name: [] for name in extra}
    for _ in range(repeat):  # interleaved, so machine load hits all alike
        for engine, own, others in runs:
            samples.ours.append(_timed(engine))
            samples.own_sql.append(_timed(own))
            for name, other in others.items():
                more[name].append(_timed(other))
    return samples, more


OWN_SQL = "the engine's own SQL alone (recorded from it, replayed through plain sqlite3)"


def search_rows(args: argparse.Namespace) -> list[Row]:
    from basmat_desk.services.bootstrap import open_local
    from basmat_desk.services.search import match_expression
    from basmat_desk.services.staff import login_demo

    path = demo_database(args.work, SEARCH_PEOPLE)
    print("opening (and migrating, the first time) the search database …", flush=True)
    ctx = open_local(path)
    ctx = ctx.acting_as(login_demo(ctx))
    people = _people(path)
    queries = search_queries(people, SEARCH_QUERIES, QUERY_SEED)
    raw = _read_only(path)

    def ranked(query: str) -> Callable[[], object]:
        return _query(raw, RAW_RANKED, (match_expression(query), PAGE))

    def unranked(query: str) -> Callable[[], object]:
        return _query(raw, RAW_UNRANKED, (match_expression(query), PAGE))

    mixed, comparisons = measure_search(
        ctx, raw, queries, args.repeat, {"ranked": ranked, "unranked": unranked}
    )
    print(
        f"search: {len(queries)} queries, the engine executes {mixed.statements} statements"
        f" for them ({mixed.statements / len(queries):.2f} a query)"
    )
    short_tails = mobile_tail_queries(people, TAIL_QUERIES, QUERY_SEED + 4, (4, 4))
    long_tails = mobile_tail_queries(people, TAIL_QUERIES, QUERY_SEED + 9, (5, 9))
    tails4, _ = measure_search(ctx, raw, short_tails, args.repeat)
    tails9, _ = measure_search(ctx, raw, long_tails, args.repeat)

    sample = queries[:LIKE_QUERIES]
    like: list[float] = []
    ours_on_sample: list[float] = []
    for query in sample:
        parameters = _like_parameters(query, PAGE)
        like.append(_timed(_query(raw, NAIVE_LIKE, parameters)))
        ours_on_sample.append(_timed(_search(ctx, query)))
    raw.close()
    return [
        make_row(
            "search p95 (200,000 beneficiaries; names, ID numbers, mobile starts)",
            ours=mixed.ours,
            baseline=OWN_SQL,
            base=mixed.own_sql,
            target="p95 ≤ 15 ms and ratio ≤ 2",
            check=lambda figure, ratio: figure <= 15 and ratio <= 2,
            stat="p95",
        ),
        make_row(
            "search p95, last 4 digits of a mobile (e.g. 4567)",
            ours=tails4.ours,
            baseline=OWN_SQL,
            base=tails4.own_sql,
            target="p95 ≤ 15 ms",
            check=lambda figure, _ratio: figure <= 15,
            stat="p95",
        ),
        make_row(
            "search p95, last 5 to 9 digits of a mobile (e.g. 504567)",
            ours=tails9.ours,
            baseline=OWN_SQL,
            base=tails9.own_sql,
            target="p95 ≤ 15 ms",
            check=lambda figure, _ratio: figure <= 15,
            stat="p95",
        ),
        make_row(
            "search p95 (same queries as the first row)",
            ours=mixed.ours,
            baseline="not the engine's SQL: FTS5 MATCH … ORDER BY rank LIMIT 50 (bm25)",
            base=comparisons["ranked"],
            target="shown for comparison",
            check=lambda _figure, _ratio: True,
            stat="p95",
        ),
        make_row(
            "search p95 (same queries as the first row)",
            ours=mixed.ours,
            baseline="not the engine's SQL: FTS5 MATCH … LIMIT 50 (one query, unranked)",
            base=comparisons["unranked"],
            target="shown for comparison",
            check=lambda _figure, _ratio: True,
            stat="p95",
        ),
        make_row(
            f"search p95 (first {LIKE_QUERIES} queries)",
            ours=ours_on_sample,
            baseline="naive LIKE '%…%' scan of beneficiary (same queries)",
            base=like,
            target="shown for comparison",
            check=lambda _figure, _ratio: True,
            stat="p95",
        ),
        *duplicate_rows(args, path, people, ctx),
    ]


def _applicant(person: tuple[Any, ...], rng: random.Random) -> Any:
    """The same person typed again at the counter: another spelling of the names, often
    without the grandfather's name, the same birth date, a new mobile and ID number."""
    from basmat_desk.domain.beneficiary import BeneficiaryData
    from basmat_desk.domain.enums import Gender, IdType
    from basmat_desk.domain.identity import make_national_id

    first, father, grandfather, family, _id_number, _mobile, gender, birth = person
    respell = str.maketrans({"ة": "ه", "أ": "ا", "إ": "ا", "ى": "ي"})
    return BeneficiaryData(
        first_name=first.translate(respell),
        father_name=father,
        grandfather_name=None if rng.random() < 0.5 else grandfather,
        family_name=family,
        id_type=IdType.NATIONAL_ID,
        id_number=make_national_id(f"19{rng.randrange(10**7):07d}"),
        gender=Gender(gender),
        mobile=f"+96659{rng.randrange(10**7):07d}",
        birth_date=date.fromisoformat(birth) if birth else None,
    )


def duplicate_rows(
    args: argparse.Namespace, path: Path, people: list[tuple[Any, ...]], ctx: Any
) -> list[Row]:
    """The duplicate check before saving a new person (`services.duplicates.find_similar`)."""
    try:
        from basmat_desk.services.duplicates import find_similar
    except ImportError:
        print("duplicate check: services.duplicates.find_similar is not there yet; no row")
        return []
    rng = random.Random(QUERY_SEED)
    applicants = [_applicant(rng.choice(people), rng) for _ in range(DUPLICATE_CHECKS)]
    raw = _read_only(path)

    def check(data: Any) -> Callable[[], object]:
        def run() -> object:
            with ctx.sessions() as session:
                return find_similar(session, data)

        return run

    def lookups(data: Any) -> Callable[[], object]:
        year = data.birth_date.year

        def run() -> object:
            raw.execute(BY_MOBILE, (data.mobile,)).fetchall()
            return raw.execute(BIRTH_YEAR, (f"{year}-01-01", f"{year + 1}-01-01")).fetchall()

        return run

    for data in applicants[:20]:  # warm
        check(data)()
    ours: list[float] = []
    base: list[float] = []
    found = 0
    for _ in range(max(1, args.repeat // 3)):
        for data in applicants:
            ours.append(_timed(check(data)))
            base.append(_timed(lookups(data)))
    for data in applicants:
        with ctx.sessions() as session:
            found += bool(find_similar(session, data))
    raw.close()
    print(f"duplicate check: {found} of {len(applicants)} re-typed applicants were recognised")
    return [
        make_row(
            "duplicate check p95 (200,000 beneficiaries)",
            ours=ours,
            baseline="its SQL alone (birth year + mobile lookups)",
            base=base,
            target="p95 ≤ 50 ms",
            check=lambda figure, _ratio: figure <= 50,
            stat="p95",
        )
    ]


# --- sync with the shared server (PostgreSQL) -----------------------------------------------------


def sync_push_rows(args: argparse.Namespace) -> list[Row]:
    from tests.benchmarks import sync_bench as sb

    runs = max(1, min(args.repeat, 5))
    samples = sb.measure_push(args.work, runs)
    mix = ", ".join(f"{count} {kind}" for kind, count in samples.tables.items())
    print(f"sync push: {samples.changes[0]:,} changes a run ({mix})")
    print(sb.summary("  push_only()", samples.ours))
    print(sb.summary("  bare upsert", samples.base))
    return [
        make_row(
            "sync push of 1,000 queued changes",
            ours=samples.ours,
            baseline="bare psycopg executemany upsert of the same rows (1 transaction)",
            base=samples.base,
            target="median ≤ 5 s",
            check=lambda figure, _ratio: figure <= 5_000,
        )
    ]


def sync_pull_rows(args: argparse.Namespace) -> list[Row]:
    from tests.benchmarks import sync_bench as sb

    demo = demo_database(args.work, 100_000)
    runs = max(3, args.repeat // 3)  # each run takes tens of seconds; a median needs three
    samples = sb.measure_first_pull(args.work, demo, runs)
    tables = ", ".join(f"{count:,} {name}" for name, count in samples.tables.items())
    print(f"first pull: {samples.rows:,} rows on the server ({tables}); timed: enroll()")
    print(sb.summary("  enroll() of a fresh counter", samples.ours))
    print(sb.summary("  bare SELECT + sqlite3 executemany, index rebuilt", samples.base))
    return [
        make_row(
            f"first pull of 100,000 rows ({runs} runs)",
            ours=samples.ours,
            baseline="bare psycopg SELECT + sqlite3 executemany into an empty file, search"
            " index triggers dropped and the index rebuilt once (as the pull does)",
            base=samples.base,
            target="median ≤ 30 s",
            check=lambda figure, _ratio: figure <= 30_000,
        )
    ]


def sync_throughput_rows(args: argparse.Namespace) -> list[Row]:
    from tests.benchmarks import sync_bench as sb

    runs = max(1, min(args.repeat, 3))
    samples = sb.measure_throughput(args.work, runs)
    print(f"sync throughput: {samples.rows:,} new beneficiaries a run")
    print(sb.summary("  push_only()", samples.ours_ms))
    print(sb.summary("  bare COPY", samples.base_ms))
    return [
        make_row(
            "sync push throughput (5,000 new beneficiaries)",
            ours=samples.ours,
            baseline="bare psycopg COPY of the same 5,000 rows into the same table (1 transaction)",
            base=samples.base,
            target="ratio ≥ 0.5 (rows/s: ours ÷ COPY)",
            check=lambda _figure, ratio: ratio >= 0.5,
            stat="rows/s",
        )
    ]


def sync_propagation_rows(args: argparse.Namespace) -> list[Row]:
    from tests.benchmarks import sync_bench as sb

    samples = sb.measure_propagation(args.work)
    print(sb.summary("propagation with both agents running", samples.ours))
    print(sb.summary("propagation by hand (push_only on A, pull_only on B)", samples.base))
    return [
        make_row(
            "propagation between online counters p95",
            ours=samples.ours,
            baseline="push_only on A, then pull_only on B, by hand",
            base=samples.base,
            target="p95 ≤ 2,000 ms",
            check=lambda figure, _ratio: figure <= 2_000,
            stat="p95",
        )
    ]


def stop_sync_server() -> None:
    """Stop the PostgreSQL cluster the sync benchmarks started, if they ran."""
    sync_bench = sys.modules.get("tests.benchmarks.sync_bench")
    if sync_bench is not None:
        sync_bench.stop_server()


# Each benchmark returns its rows; `--only` picks benchmarks by name.
BENCHMARKS: dict[str, Callable[[argparse.Namespace], list[Row]]] = {
    "startup": startup_rows,
    "search": search_rows,
    "sync-push": sync_push_rows,
    "sync-pull": sync_pull_rows,
    "sync-throughput": sync_throughput_rows,
    "sync-propagation": sync_propagation_rows,
}


def _figure(row: Row, value: float) -> str:
    return f"{value:,.0f} rows/s" if row.stat == "rows/s" else f"{value:,.1f} ms"


def print_table(rows: list[Row]) -> None:
    headers = ("name", "stat", "figure", "baseline", "baseline figure", "ratio", "target", "pass")
    cells = [
        (
            r.name,
            "median" if r.stat == "rows/s" else r.stat,
            _figure(r, r.median_ms),
            r.baseline,
            _figure(r, r.baseline_median_ms),
            f"{r.ratio:.2f}",
            r.target,
            "yes" if r.ok else "NO",
        )
        for r in rows
    ]
    widths = [max(len(h), *(len(c[i]) for c in cells)) for i, h in enumerate(headers)]
    line = " | ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))
    print(line)
    print("-+-".join("-" * w for w in widths))
    for c in cells:
        print(" | ".join(v.ljust(w) for v, w in zip(c, widths, strict=True)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7, help="runs per figure (default 7)")
    parser.add_argument("--json", type=Path, help="also write the rows to this JSON file")
    parser.add_argument("--only", choices=sorted(BENCHMARKS), help="run only this benchmark")
    parser.add_argument(
        "--work",
        type=Path,
        default=Path(tempfile.gettempdir()) / "basmat-bench",
        help="where generated databases are kept between runs",
    )
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    try:
        rows = [
            row
            for name, benchmark in BENCHMARKS.items()
            if not args.only or args.only == name
            for row in benchmark(args)
        ]
    finally:
        stop_sync_server()
    print_table(rows)
    if args.json:
        args.json.write_text(
            json.dumps([asdict(r) for r in rows], ensure_ascii=False, indent=2), encoding="utf-8"
        )
    return 0 if all(r.ok for r in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
