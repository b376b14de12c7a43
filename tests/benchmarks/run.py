"""Benchmarks: each figure against a baseline measured in the same run, on the same machine.

    python tests/benchmarks/run.py [--repeat N] [--json FILE] [--only NAME] [--work DIR]

Prints a table of medians, ratios and targets; `--json FILE` writes the same rows as a list of
objects with keys name, median_ms, baseline, baseline_median_ms, ratio, target, ok.
These are measurements, not tests: nothing here runs under pytest.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

MARKER = "main window shown"
LOADED_MARKER = "dashboard loaded"


@dataclass(frozen=True)
class Row:
    name: str
    median_ms: float
    baseline: str
    baseline_median_ms: float
    ratio: float
    target: str
    ok: bool


def make_row(
    name: str,
    *,
    ours: list[float],
    baseline: str,
    base: list[float],
    target: str,
    check: Callable[[float, float], bool],
) -> Row:
    """A row from samples in milliseconds; `check(median_ms, ratio)` says whether it passes."""
    median = statistics.median(ours)
    base_median = statistics.median(base)
    ratio = median / base_median if base_median else float("inf")
    return Row(
        name=name,
        median_ms=round(median, 2),
        baseline=baseline,
        baseline_median_ms=round(base_median, 2),
        ratio=round(ratio, 2),
        target=target,
        ok=check(median, ratio),
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
        from basmat_desk.services.demo import generate_demo

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
            "startup to dashboard figures (100,000 beneficiaries)",
            ours=loaded,
            baseline="bare PySide6 window",
            base=base,
            target="shown for comparison",
            check=lambda _median, _ratio: True,
        ),
    ]


# Each benchmark returns its rows; `--only` picks benchmarks by name.
BENCHMARKS: dict[str, Callable[[argparse.Namespace], list[Row]]] = {
    "startup": startup_rows,
}


def print_table(rows: list[Row]) -> None:
    headers = ("name", "median ms", "baseline", "baseline ms", "ratio", "target", "pass")
    cells = [
        (
            r.name,
            f"{r.median_ms:.1f}",
            r.baseline,
            f"{r.baseline_median_ms:.1f}",
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
    rows = [
        row
        for name, benchmark in BENCHMARKS.items()
        if not args.only or args.only == name
        for row in benchmark(args)
    ]
    print_table(rows)
    if args.json:
        args.json.write_text(
            json.dumps([asdict(r) for r in rows], ensure_ascii=False, indent=2), encoding="utf-8"
        )
    return 0 if all(r.ok for r in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
