"""The committed forms are exactly what pyside6-uic makes of the Designer sources in ui/."""

from __future__ import annotations

from pathlib import Path

import pytest

from basmat_desk.gui.build_forms import FORMS_DIR, compile_form, form_module_name
from basmat_desk.paths import ui_dir

UI_FILES = sorted(ui_dir().glob("*.ui"))
UIC_HEADER = "Created by: Qt User Interface Compiler"


def without_uic_header(source: str) -> list[str]:
    """The form's lines, minus the one that names the uic version."""
    return [line for line in source.splitlines() if UIC_HEADER not in line]


def test_there_are_forms_to_check() -> None:
    assert len(UI_FILES) >= 9
    assert {f.stem for f in UI_FILES} >= {"login_dialog", "main_window", "settings_page"}


@pytest.mark.parametrize("ui_file", UI_FILES, ids=lambda p: p.name)
def test_committed_form_matches_its_ui_file(ui_file: Path) -> None:
    committed = FORMS_DIR / form_module_name(ui_file)
    assert committed.is_file(), (
        f"{ui_file.name} has no compiled form; run `python -m basmat_desk.gui.build_forms`"
    )
    fresh = without_uic_header(compile_form(ui_file))
    assert len(fresh) > 20, "uic produced (almost) nothing"
    assert without_uic_header(committed.read_text(encoding="utf-8")) == fresh, (
        f"{committed.name} differs from what {ui_file.name} compiles to; "
        "run `python -m basmat_desk.gui.build_forms` and do not edit forms by hand"
    )


def test_no_form_without_its_ui_file() -> None:
    expected = {form_module_name(f) for f in UI_FILES}
    committed = {p.name for p in FORMS_DIR.glob("ui_*.py")}
    assert committed == expected, (
        f"stale forms: {sorted(committed - expected)}; missing: {sorted(expected - committed)}"
    )
