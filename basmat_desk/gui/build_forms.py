"""Compile the Designer sources in `ui/` into `basmat_desk/gui/forms/` (never edit those by hand).

Run: `python -m basmat_desk.gui.build_forms`. A test compiles them again and fails if the
committed forms differ.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from basmat_desk.paths import ui_dir

FORMS_DIR = Path(__file__).with_name("forms")


def uic_executable() -> str:
    found = shutil.which("pyside6-uic", path=str(Path(sys.executable).parent))
    return found or "pyside6-uic"


def form_module_name(ui_file: Path) -> str:
    return f"ui_{ui_file.stem}.py"


def compile_form(ui_file: Path) -> str:
    result = subprocess.run(
        [uic_executable(), "--generator", "python", str(ui_file)],
        check=True,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    return result.stdout


def build(out_dir: Path = FORMS_DIR) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "__init__.py").write_text('"""Generated from ui/*.ui by build_forms."""\n')
    written = []
    for ui_file in sorted(ui_dir().glob("*.ui")):
        target = out_dir / form_module_name(ui_file)
        target.write_text(compile_form(ui_file), encoding="utf-8")
        written.append(target)
    return written


if __name__ == "__main__":
    for path in build():
        print(path)
