"""Can Qt open a window here? Asked before the QApplication exists, in plain Python.

When Qt's xcb platform plugin cannot load (a system library missing) or there is no screen,
Qt prints its reason to its log and aborts the process: the user sees only «Aborted». This
module finds the same reasons first and says them in Arabic, with the package to install.

It must not import Qt's widgets: only the location of the PySide6 package is looked up.
"""

from __future__ import annotations

import ctypes
import importlib.util
import os
import re
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

from basmat_desk.domain.numbering import isolate_ltr

#: Shared libraries Qt's xcb plugin needs, and the Debian/Ubuntu package that has each.
XCB_LIBRARY_PACKAGES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb.so.1": "libxcb1",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libGLX.so.0": "libglx0",
    "libOpenGL.so.0": "libopengl0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
}

#: What README.md tells to install for a real display, in one command.
GUI_PACKAGES = (
    "libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxkbcommon-x11-0 "
    "libegl1 libgl1 libfontconfig1 libdbus-1-3 libglib2.0-0"
)

#: glibc's words for a shared library it cannot find: "libfoo.so.1: cannot open shared …".
_MISSING_LIBRARY = re.compile(r"([^\s:/]+\.so[.\d]*): cannot open shared object file")

Loader = Callable[[str], object]
Connector = Callable[[str], bool]


def qt_platform_plugin(name: str = "xcb") -> Path:
    """Where PySide6 keeps Qt's platform plugin `name` (the file may be missing)."""
    spec = importlib.util.find_spec("PySide6")
    folders = list(spec.submodule_search_locations or []) if spec else []
    base = Path(folders[0]) if folders else Path(sys.prefix)
    return base / "Qt" / "plugins" / "platforms" / f"libq{name}.so"


def _platforms(env: Mapping[str, str]) -> list[str]:
    """The platform names QT_QPA_PLATFORM asks for, in Qt's order ("wayland;xcb", "xcb:opt")."""
    value = env.get("QT_QPA_PLATFORM", "").strip()
    return [part.split(":", 1)[0].strip() for part in value.split(";") if part.strip()]


def _xcb_connects(display: str) -> bool:
    """Whether an X server answers at `display` (libxcb, as Qt's xcb plugin will connect)."""
    try:
        xcb = ctypes.CDLL("libxcb.so.1")
    except OSError:
        return True  # the plugin check names the missing library
    xcb.xcb_connect.restype = ctypes.c_void_p
    xcb.xcb_connect.argtypes = [ctypes.c_char_p, ctypes.c_void_p]
    xcb.xcb_connection_has_error.argtypes = [ctypes.c_void_p]
    xcb.xcb_disconnect.argtypes = [ctypes.c_void_p]
    connection = xcb.xcb_connect(display.encode(), None)
    try:
        return connection is not None and xcb.xcb_connection_has_error(connection) == 0
    finally:
        if connection is not None:
            xcb.xcb_disconnect(connection)


def no_screen_message(*, wayland_too: bool = True) -> str:
    unset = (
        "المتغيران DISPLAY وWAYLAND_DISPLAY غير معرَّفين"
        if wayland_too
        else ("المتغير DISPLAY غير معرَّف وQT_QPA_PLATFORM=xcb")
    )
    return (
        f"لا توجد شاشة لعرض نافذة التطبيق: {unset}.\n"
        "شغّل التطبيق من جلسة سطح المكتب على الجهاز نفسه (أو عبر ssh -X)."
    )


def missing_library_message(error: OSError, plugin: Path) -> str:
    """The Arabic explanation of the loader's OSError for Qt's xcb plugin."""
    text = str(error)
    found = _MISSING_LIBRARY.search(text)
    library = found.group(1) if found else None
    if library is None or library == plugin.name:
        return (
            "لا يمكن فتح نافذة التطبيق: تعذّر تحميل مكوّن العرض في Qt "
            f"«{isolate_ltr(str(plugin))}».\n"
            f"السبب: {isolate_ltr(text)}\n"
            "أعد تثبيت التطبيق، أو ثبّت مكتبات العرض:\n"
            f"sudo apt-get install {GUI_PACKAGES}"
        )
    package = XCB_LIBRARY_PACKAGES.get(library)
    how = (
        f"ثبّتها بالأمر:\nsudo apt-get install {package}\n"
        if package
        else f"ثبّت الحزمة التي فيها هذه المكتبة (ابحث عنها بالأمر: apt-file search {library}).\n"
    )
    return (
        f"لا يمكن فتح نافذة التطبيق: مكتبة النظام «{isolate_ltr(library)}» التي تحتاجها Qt "
        "للعرض غير مثبتة.\n"
        + how
        + "أو ثبّت كل مكتبات العرض التي يحتاجها التطبيق مرة واحدة:\n"
        + f"sudo apt-get install {GUI_PACKAGES}"
    )


def _xcb_display(env: Mapping[str, str]) -> str | None:
    """The X display Qt's xcb plugin would connect to ("" when none is set); None when Qt
    would use another platform (asked for by name, or a Wayland session)."""
    asked = _platforms(env)
    if asked and asked[0] != "xcb":
        return None
    display = env.get("DISPLAY", "").strip()
    wayland = env.get("WAYLAND_DISPLAY", "").strip()
    if not asked and wayland and (not display or env.get("XDG_SESSION_TYPE") == "wayland"):
        return None  # Qt prefers wayland there (and falls back to xcb only if it fails)
    return display


def _xcb_problem(display: str, plugin: Path, load: Loader, connects: Connector) -> str | None:
    if not plugin.is_file():
        return (
            "لا يمكن فتح نافذة التطبيق: مكوّن العرض في Qt غير موجود في "
            f"«{isolate_ltr(str(plugin))}»؛ أعد تثبيت التطبيق."
        )
    try:
        load(str(plugin))
    except OSError as error:
        return missing_library_message(error, plugin)
    if not connects(display):
        return (
            f"لا يمكن الاتصال بشاشة العرض «{isolate_ltr(display)}» (المتغير DISPLAY): "
            "الشاشة غير موجودة أو لا يُسمح لهذا المستخدم بفتح نوافذ عليها."
        )
    return None


def display_problem(
    env: Mapping[str, str] | None = None,
    *,
    system: str | None = None,
    plugin: Path | None = None,
    load: Loader = ctypes.CDLL,
    connects: Connector = _xcb_connects,
) -> str | None:
    """Why Qt could not show a window here, in Arabic; None when nothing is known to be wrong.

    Only Linux with Qt's xcb platform (QT_QPA_PLATFORM unset on an X session, or "xcb") is
    checked; a platform asked for by name (offscreen, wayland, …) is Qt's to judge. `load`
    (the shared library loader) and `connects` (can an X server be reached at DISPLAY?) are
    replaced by tests.
    """
    env = os.environ if env is None else env
    if (system or sys.platform) != "linux":
        return None
    display = _xcb_display(env)
    if display is None:
        return None
    if not display:
        return no_screen_message(wayland_too=not env.get("WAYLAND_DISPLAY", "").strip())
    return _xcb_problem(display, plugin or qt_platform_plugin("xcb"), load, connects)
