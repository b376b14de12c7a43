"""Where runtime files are: the source checkout, or the frozen (PyInstaller) bundle.

Fonts, templates, icons and default lists are found through this one module; user data and
logs go to the platform's user directories.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from io import TextIOWrapper
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


# --- files a command makes and takes back on failure ------------------------------------------

#: The files SQLite keeps beside a database file.
SQLITE_SIDECARS = ("-wal", "-shm", "-journal")


def missing_folders(path: Path) -> list[Path]:
    """The folders that creating `path` would create, deepest first."""
    missing = []
    for folder in path.parents:
        if folder.exists():
            break
        missing.append(folder)
    return missing


def remove_empty_folders(folders: Sequence[Path]) -> None:
    """Remove folders a command made (deepest first), as long as they are empty."""
    for folder in folders:
        try:
            folder.rmdir()
        except OSError:
            break


def remove_database_files(path: Path) -> None:
    """Remove a database file and whatever SQLite kept beside it."""
    for suffix in ("", *SQLITE_SIDECARS):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


# --- files only this user may read: logs, the fallback credential --------------------------


def private_folder(folder: Path) -> Path:
    """`folder`, made if missing, readable by this user only (0700 where modes exist)."""
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    if os.name == "posix":
        folder.chmod(0o700)
    return folder


def open_private(path: Path, mode: str = "a", encoding: str = "utf-8") -> TextIOWrapper:
    """Open a text file that only this user may read (0600), made so from its first byte."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | (os.O_APPEND if "a" in mode else 0), 0o600)
    if os.name == "posix":
        os.fchmod(fd, 0o600)
    if "w" in mode:
        os.ftruncate(fd, 0)
    stream = os.fdopen(fd, mode, encoding=encoding)
    assert isinstance(stream, TextIOWrapper)
    return stream


def log_file() -> Path:
    """The application's log file, in a folder only this user may read."""
    return private_folder(user_log_dir()) / "basmat.log"
