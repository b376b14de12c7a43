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
CORE = ("domain", "store", "services", "sync", "demo", "printing")

#: Which part of the package may import which (docs/architecture.md): domain ← store ←
#: services ← gui/cli, sync beside the services (the services use its codec and client; sync
#: never uses a service), printing on the domain alone, the demo generator over the services.
#: A part is a top-level module or package of basmat_desk; the migrations' scripts are their
#: own part, frozen history that imports nothing of ours (env.py reads the models).
ALLOWED_IMPORTS: dict[str, frozenset[str]] = {
    "basmat_desk": frozenset(),
    "paths": frozenset(),
    "domain": frozenset(),
    "store": frozenset({"domain"}),
    "store.migrations": frozenset({"store"}),
    "store.migrations.versions": frozenset(),
    "sync": frozenset({"domain", "store"}),
    "services": frozenset({"domain", "store", "sync", "paths"}),
    "printing": frozenset({"domain"}),
    "demo": frozenset({"domain", "store", "services", "sync", "paths"}),
    "gui": frozenset({"basmat_desk", "domain", "services", "sync", "printing", "demo", "paths"}),
    "cli": frozenset({"basmat_desk", "domain", "services", "sync", "demo", "gui", "paths"}),
    "__main__": frozenset({"cli"}),
}


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


def imported_modules(path: Path, root: Path = ROOT) -> set[str]:
    """Every module `path` imports, at any depth (lazy imports in functions included)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    modules: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against the file's package
                package = path.relative_to(root).with_suffix("").parts[: -node.level]
                modules.add(".".join([*package, *([node.module] if node.module else [])]))
            elif node.module:
                modules.add(node.module)
    return modules


def is_within(module: str, package: str) -> bool:
    return module == package or module.startswith(f"{package}.")


def module_of(path: Path, root: Path = ROOT) -> str:
    return ".".join(path.relative_to(root).with_suffix("").parts).removesuffix(".__init__")


def part_of(module: str) -> str | None:
    """The part of the package `module` belongs to; None for anything not ours."""
    parts = module.split(".")
    if parts[0] != "basmat_desk":
        return None
    if len(parts) == 1:
        return "basmat_desk"
    if parts[1:3] == ["store", "migrations"]:
        return "store.migrations.versions" if parts[3:4] == ["versions"] else "store.migrations"
    return parts[1]


def import_edges(package: Path = PACKAGE) -> dict[tuple[str, str], list[str]]:
    """{(importing part, imported part): ["file: module", …]} over every file of `package`."""
    root = package.parent
    edges: dict[tuple[str, str], list[str]] = {}
    for path in sorted(package.rglob("*.py")):
        source = part_of(module_of(path, root))
        assert source is not None, path
        for module in sorted(imported_modules(path, root)):
            target = part_of(module)
            if target is not None and target != source:
                where = f"{path.relative_to(root)}: {module}"
                edges.setdefault((source, target), []).append(where)
    return edges


def forbidden(edges: dict[tuple[str, str], list[str]]) -> list[str]:
    return [
        f"{source} → {target} ({where})"
        for (source, target), places in sorted(edges.items())
        if target not in ALLOWED_IMPORTS.get(source, frozenset())
        for where in places
    ]


def test_every_import_between_parts_is_in_the_table() -> None:
    assert forbidden(import_edges()) == []


def test_every_part_of_the_package_has_a_row_in_the_table() -> None:
    parts = {part_of(module_of(path)) for path in PACKAGE.rglob("*.py")}
    assert parts - set(ALLOWED_IMPORTS) == set()


def test_the_table_has_no_cycle() -> None:
    """Each part is below what imports it: the table is an order, not a web."""
    seen: dict[str, int] = {}  # 1 visiting, 2 done

    def visit(part: str, path: tuple[str, ...]) -> None:
        assert seen.get(part) != 1, " → ".join((*path, part))
        if seen.get(part) == 2:
            return
        seen[part] = 1
        for below in ALLOWED_IMPORTS[part]:
            visit(below, (*path, part))
        seen[part] = 2

    for part in ALLOWED_IMPORTS:
        visit(part, ())


def test_the_scan_finds_the_edges_the_code_has() -> None:
    """Guards the table's test: the scanner sees real edges, lazy imports included."""
    edges = import_edges()
    assert {("services", "store"), ("store", "domain"), ("gui", "services")} <= set(edges)
    # services/enrolment.py imports the sync client inside a function.
    assert ("services", "sync") in edges


def test_a_wrong_import_is_named_with_its_file(tmp_path: Path) -> None:
    """The table's test fails on an edge it does not list (shown with the file and module)."""
    package = tmp_path / "basmat_desk"
    for part, source in {
        "domain": "from basmat_desk.services.queue import issue_ticket\n",
        "store": "import basmat_desk.domain.enums\n",
        "printing": "def later():\n    from basmat_desk.store.models import Ticket\n",
    }.items():
        (package / part).mkdir(parents=True)
        (package / part / "__init__.py").write_text(source, encoding="utf-8")
    found = forbidden(import_edges(package))
    assert found == [
        "domain → services (basmat_desk/domain/__init__.py: basmat_desk.services.queue)",
        "printing → store (basmat_desk/printing/__init__.py: basmat_desk.store.models)",
    ]


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
        module_of(path)
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
