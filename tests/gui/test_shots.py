"""`basmat-desk shots`: a PNG of every screen and dialog, on (small) demo data."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from basmat_desk.gui import shots

pytestmark = [pytest.mark.gui, pytest.mark.slow]

EXPECTED = [
    "login",
    "login-refused",
    "first-admin",
    "enrol-refused",
    "intake-queue-and-results",
    "intake-person",
    "register-invalid",
    "duplicate-comparison",
    "contact-log",
    "main-dashboard",
    "users",
    "user-add-invalid",
    "settings",
    "settings-invalid",
    "idle-lock-window",
    "idle-lock",
    "change-password",
    "sync-status-local",
    "sync-status-syncing",
    "sync-status-online",
    "sync-status-pending-and-conflicts",
    "sync-status-offline",
    "sync-status-error",
    "sync-tooltip",
    "conflicts-field",
    "conflicts-duplicate",
    "conflicts-confirm",
    "conflicts-resolved",
]
#: Shots of the status bar alone: a strip across the window.
STRIPS = tuple(name for name in EXPECTED if name.startswith("sync-status-"))


def image_named(written: list[Path], name: str) -> QImage:
    (path,) = [p for p in written if p.stem.endswith(f"-{name}")]
    return QImage(str(path))


def distinct_colours(image: QImage, samples: int = 40) -> int:
    width, height = image.width(), image.height()
    return len(
        {
            image.pixel(x * width // samples, y * height // samples)
            for x in range(samples)
            for y in range(samples)
        }
    )


def test_render_all_writes_a_png_of_every_screen_at_each_counter_size(
    app: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(shots, "SHOT_BENEFICIARIES", 50)
    monkeypatch.setattr(shots, "SHOT_DAYS", 5)
    # render_all makes its demo database in a temporary directory of its own: keep it in ours.
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    out = tmp_path / "shots"

    written = shots.render_all(out)

    assert shots.DEFAULT_SIZES == ((1366, 768), (1024, 768))
    folders = {f"{w}x{h}": (w, h) for w, h in shots.DEFAULT_SIZES}
    assert sorted(p.name for p in out.iterdir()) == sorted(folders)
    for folder, (width, height) in folders.items():
        in_folder = [p for p in written if p.parent == out / folder]
        check_one_size(in_folder, out / folder, width, height)


def test_one_size_is_rendered_on_its_own(
    app: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(shots, "SHOT_BENEFICIARIES", 50)
    monkeypatch.setattr(shots, "SHOT_DAYS", 5)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))

    written = shots.render_all(tmp_path / "out", ((1280, 800),))

    assert {p.parent.name for p in written} == {"1280x800"}
    assert image_named(written, "main-dashboard").width() == 1280


def check_one_size(written: list[Path], folder: Path, width: int, height: int) -> None:
    names = [re.sub(r"^\d{2}-", "", p.stem) for p in written]
    assert names == EXPECTED
    assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in written)
    for path in written:
        image = QImage(str(path))
        assert not image.isNull(), path.name
        assert path.suffix == ".png"
        assert path.read_bytes().startswith(b"\x89PNG\r\n\x1a\n"), path.name
        assert image.width() > 300, path.name
        # The lock covers the screen and every window on it, frames included.
        if not path.stem.endswith("-idle-lock"):
            assert image.width() <= width, f"{path.name} is wider than the screen"
        if path.stem.endswith(STRIPS):
            assert image.width() == width, f"{path.name}: the status bar at full width"
            assert image.height() > 16, path.name
        else:
            assert image.height() > 150, path.name
            if not path.stem.endswith("-idle-lock"):
                assert image.height() <= height - 40, f"{path.name} is taller than the screen"
        assert distinct_colours(image) > 3, f"{path.name} is blank"
    window = image_named(written, "main-dashboard")
    assert (window.width(), window.height()) == (width, height - 40 - 30), "maximized"

    def image(name: str) -> QImage:
        return image_named(written, name)

    # The "refused" and "invalid" shots really show something the plain ones do not.
    assert image("login-refused") != image("login")
    assert image("settings-invalid") != image("settings")
    assert image("users") != image("main-dashboard")
    assert image("intake-person") != image("intake-queue-and-results")
    assert image("idle-lock-window") != image("intake-person"), "the lock hides the counter"
    strips = [image(name) for name in STRIPS]
    assert len({(s.width(), s.height()) for s in strips}) == 1
    assert all(a != b for n, a in enumerate(strips) for b in strips[n + 1 :]), (
        "each state of the indicator looks different"
    )
    assert image("conflicts-duplicate") != image("conflicts-field")
    assert image("conflicts-resolved") != image("conflicts-field")
