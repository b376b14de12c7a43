"""The code base's own rules: lint, types, and which layer may import what."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "basmat_desk"
GUI = PACKAGE / "gui"
# The layers DESIGN.md keeps free of Qt and of the GUI (cli and __main__ may start the GUI).
CORE = ("domain", "store", "services", "printing", "sync")


def run_tool(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=280,
        check=False,
    )


@pytest.mark.slow
def test_ruff_finds_nothing() -> None:
    result = run_tool("ruff", "check", "--no-cache", ".")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
def test_mypy_finds_nothing() -> None:
    # Files and strictness come from pyproject.toml.
    result = run_tool("mypy")
    assert result.returncode == 0, result.stdout + result.stderr


def imported_modules(path: Path) -> set[str]:
    """Every module `path` imports, at any depth (lazy imports in functions included)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    modules: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against the file's package
                package = path.relative_to(ROOT).with_suffix("").parts[: -node.level]
                modules.add(".".join([*package, *([node.module] if node.module else [])]))
            elif node.module:
                modules.add(node.module)
    return modules


def is_within(module: str, package: str) -> bool:
    return module == package or module.startswith(f"{package}.")


def python_files_outside_gui() -> list[Path]:
    return [p for p in sorted(PACKAGE.rglob("*.py")) if GUI not in p.parents]


def test_the_scan_sees_the_gui_importing_qt() -> None:
    """Guards the two tests below: the scanner does find Qt imports where they are."""
    gui_imports = set().union(*(imported_modules(p) for p in GUI.rglob("*.py")))
    assert any(is_within(m, "PySide6") for m in gui_imports)
    assert len(python_files_outside_gui()) > 10


def test_only_the_gui_imports_pyside6() -> None:
    offenders = {}
    for path in python_files_outside_gui():
        qt = sorted(m for m in imported_modules(path) if is_within(m, "PySide6"))
        if qt:
            offenders[str(path.relative_to(ROOT))] = qt
    assert offenders == {}


def test_the_core_does_not_import_the_gui_or_the_command_line() -> None:
    offenders = {}
    for layer in CORE:
        for path in sorted((PACKAGE / layer).rglob("*.py")):
            bad = sorted(
                m
                for m in imported_modules(path)
                if is_within(m, "basmat_desk.gui") or is_within(m, "basmat_desk.cli")
            )
            if bad:
                offenders[str(path.relative_to(ROOT))] = bad
    assert offenders == {}


def test_importing_the_core_loads_no_qt() -> None:
    """Catches what a scan cannot: Qt pulled in through a third-party module."""
    modules = [
        ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        for layer in CORE
        for path in sorted((PACKAGE / layer).rglob("*.py"))
        if "migrations" not in path.parts
    ]
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'PySide6'))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
