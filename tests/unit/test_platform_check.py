"""Before Qt starts: why no window could be shown, in Arabic, instead of Qt's bare «Aborted».

The loader is replaced (a missing library is simulated by its OSError) or pointed at a fake
plugin file; no library is uninstalled."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from basmat_desk.domain.numbering import LRI, PDI
from basmat_desk.gui.platform_check import (
    GUI_PACKAGES,
    XCB_LIBRARY_PACKAGES,
    display_problem,
    qt_platform_plugin,
)

ROOT = Path(__file__).resolve().parents[2]
X_SESSION = {"DISPLAY": ":0"}


def missing(library: str):  # type: ignore[no-untyped-def]
    """A loader that fails as glibc does when a dependency of the plugin is not installed."""

    def load(path: str) -> object:
        raise OSError(f"{library}: cannot open shared object file: No such file or directory")

    return load


def loads(_path: str) -> object:
    return object()


@pytest.fixture
def plugin(tmp_path: Path) -> Path:
    """A stand-in for Qt's libqxcb.so (only its existence matters when the loader is fake)."""
    path = tmp_path / "libqxcb.so"
    path.write_bytes(b"\x7fELF fake")
    return path


@pytest.mark.parametrize(
    ("library", "package"),
    [
        ("libxcb-cursor.so.0", "libxcb-cursor0"),
        ("libxcb-icccm.so.4", "libxcb-icccm4"),
        ("libxcb-keysyms.so.1", "libxcb-keysyms1"),
        ("libxcb-shape.so.0", "libxcb-shape0"),
        ("libxcb-render-util.so.0", "libxcb-render-util0"),
        ("libxcb-image.so.0", "libxcb-image0"),
        ("libxcb-xkb.so.1", "libxcb-xkb1"),
        ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0"),
        ("libEGL.so.1", "libegl1"),
        ("libGL.so.1", "libgl1"),
        ("libfontconfig.so.1", "libfontconfig1"),
        ("libdbus-1.so.3", "libdbus-1-3"),
    ],
)
def test_a_missing_library_is_named_with_its_package(
    plugin: Path, library: str, package: str
) -> None:
    message = display_problem(X_SESSION, system="linux", plugin=plugin, load=missing(library))
    assert message is not None
    assert f"«{LRI}{library}{PDI}»" in message
    assert "غير مثبتة" in message
    assert f"\nsudo apt-get install {package}\n" in message, "the command on a line of its own"
    assert f"sudo apt-get install {GUI_PACKAGES}" in message


def test_an_unknown_library_is_still_named(plugin: Path) -> None:
    message = display_problem(
        X_SESSION, system="linux", plugin=plugin, load=missing("libfoo-bar.so.7")
    )
    assert message is not None
    assert f"«{LRI}libfoo-bar.so.7{PDI}»" in message
    assert "apt-file search libfoo-bar.so.7" in message


def test_a_plugin_that_is_not_a_library_is_reported_with_the_real_loader(plugin: Path) -> None:
    message = display_problem(X_SESSION, system="linux", plugin=plugin)  # ctypes.CDLL itself
    assert message is not None
    assert f"«{LRI}{plugin}{PDI}»" in message
    assert "تعذّر تحميل مكوّن العرض" in message


def test_a_missing_plugin_file_is_reported(tmp_path: Path) -> None:
    absent = tmp_path / "platforms" / "libqxcb.so"
    message = display_problem(X_SESSION, system="linux", plugin=absent, load=loads)
    assert message is not None
    assert f"«{LRI}{absent}{PDI}»" in message
    assert "غير موجود" in message


def test_an_x_server_that_does_not_answer_is_named(plugin: Path) -> None:
    message = display_problem(
        {"DISPLAY": ":77"}, system="linux", plugin=plugin, load=loads, connects=lambda _d: False
    )
    assert message is not None
    assert f"«{LRI}:77{PDI}»" in message


def test_all_is_well_when_the_plugin_loads_and_the_display_answers(plugin: Path) -> None:
    asked: list[str] = []

    def connects(display: str) -> bool:
        asked.append(display)
        return True

    assert (
        display_problem(
            {"DISPLAY": ":3", "QT_QPA_PLATFORM": "xcb"},
            system="linux",
            plugin=plugin,
            load=loads,
            connects=connects,
        )
        is None
    )
    assert asked == [":3"]


@pytest.mark.parametrize(
    "env",
    [{}, {"QT_QPA_PLATFORM": "xcb"}, {"QT_QPA_PLATFORM": "xcb", "WAYLAND_DISPLAY": "wayland-0"}],
    ids=["nothing", "xcb-asked", "xcb-asked-on-wayland"],
)
def test_no_screen_at_all_is_said(env: dict[str, str]) -> None:
    message = display_problem(env, system="linux", load=missing("never.so"))
    assert message is not None
    assert message.startswith("لا توجد شاشة لعرض نافذة التطبيق")
    assert "DISPLAY" in message


@pytest.mark.parametrize(
    ("env", "system"),
    [
        ({"QT_QPA_PLATFORM": "offscreen"}, "linux"),
        ({"QT_QPA_PLATFORM": "minimal"}, "linux"),
        ({"QT_QPA_PLATFORM": "wayland", "DISPLAY": ":0"}, "linux"),
        ({"QT_QPA_PLATFORM": "wayland;xcb"}, "linux"),
        ({"WAYLAND_DISPLAY": "wayland-0"}, "linux"),
        (
            {"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0", "XDG_SESSION_TYPE": "wayland"},
            "linux",
        ),
        ({}, "win32"),
        ({}, "darwin"),
    ],
    ids=[
        "offscreen",
        "minimal",
        "wayland",
        "wayland-first",
        "wayland-session",
        "wayland-with-xwayland",
        "windows",
        "macos",
    ],
)
def test_other_platforms_are_left_to_qt(env: dict[str, str], system: str) -> None:
    assert display_problem(env, system=system, load=missing("libxcb-cursor.so.0")) is None


def test_the_plugin_is_found_in_pyside6_without_importing_qt() -> None:
    code = (
        "import sys\n"
        "from basmat_desk.gui.platform_check import qt_platform_plugin\n"
        "print(qt_platform_plugin().is_file())\n"
        "print(sorted(m for m in sys.modules if m.startswith('PySide6')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.splitlines() == ["True", "[]"]
    assert qt_platform_plugin("xcb").name == "libqxcb.so"


def test_the_command_line_says_why_before_qt_aborts(tmp_path: Path) -> None:
    """`basmat-desk --db FILE` with Qt's xcb plugin unloadable: the Arabic reason, exit 1,
    and Qt's widgets never loaded (without the check Qt would abort the process)."""
    fake = tmp_path / "libqxcb.so"
    fake.write_bytes(b"not a shared library")
    db = tmp_path / "basmat.sqlite"
    db.touch()
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "import basmat_desk.gui.platform_check as check\n"
        f"check.qt_platform_plugin = lambda name='xcb': Path({str(fake)!r})\n"
        "from basmat_desk.cli import main\n"
        f"status = main(['--db', {str(db)!r}])\n"
        "print('widgets loaded' if 'PySide6.QtWidgets' in sys.modules else 'no widgets')\n"
        "sys.exit(status)\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("WAYLAND_DISPLAY",)}
    env.update(QT_QPA_PLATFORM="xcb", DISPLAY=":0")
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
        cwd=ROOT,
    )
    assert result.returncode == 1, result.stderr
    assert result.stdout == "no widgets\n"
    assert result.stderr.startswith("خطأ: لا يمكن فتح نافذة التطبيق")
    assert f"«{LRI}{fake}{PDI}»" in result.stderr


@pytest.mark.skipif(sys.platform != "linux", reason="the check is for Linux")
def test_the_command_line_says_there_is_no_screen(tmp_path: Path) -> None:
    db = tmp_path / "basmat.sqlite"
    db.touch()
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    result = subprocess.run(
        [sys.executable, "-m", "basmat_desk", "--db", str(db)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
        cwd=ROOT,
    )
    assert result.returncode == 1
    assert result.stderr.startswith("خطأ: لا توجد شاشة لعرض نافذة التطبيق")
    assert "Aborted" not in result.stderr


def test_the_readme_installs_what_the_xcb_plugin_needs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"apt-get install python3-venv {GUI_PACKAGES}" in readme
    for package in GUI_PACKAGES.split():
        assert package in XCB_LIBRARY_PACKAGES.values()
