"""Where runtime files are: the source checkout, or the frozen (PyInstaller) bundle.

Fonts, templates, icons and default lists are found through this one module; user data and
logs go to the platform's user directories.
"""

from __future__ import annotations

import sys
from pathlib import Path

from platformdirs import PlatformDirs

APP_NAME = "BasmatDesk"
_dirs = PlatformDirs(APP_NAME, appauthor=False)


def bundle_root() -> Path:
    """The folder holding `resources/`, `reports/` and `ui/`."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parent.parent


def resources_dir() -> Path:
    return bundle_root() / "resources"


def fonts_dir() -> Path:
    return resources_dir() / "fonts"


def ui_dir() -> Path:
    return bundle_root() / "ui"


def user_data_dir() -> Path:
    return Path(_dirs.user_data_dir)


def user_log_dir() -> Path:
    return Path(_dirs.user_log_dir)


def default_database() -> Path:
    return user_data_dir() / "basmat.sqlite"
