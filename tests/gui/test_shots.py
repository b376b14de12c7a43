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


def test_render_all_writes_a_png_of_every_screen(
    app: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(shots, "SHOT_BENEFICIARIES", 50)
    monkeypatch.setattr(shots, "SHOT_DAYS", 5)
    # render_all makes its demo database in a temporary directory of its own: keep it in ours.
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    out = tmp_path / "shots"

    written = shots.render_all(out)

    assert [p.parent for p in written] == [out] * len(written)
    names = [re.sub(r"^\d{2}-", "", p.stem) for p in written]
    assert names == EXPECTED
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in written)
    for path in written:
        image = QImage(str(path))
        assert not image.isNull(), path.name
        assert path.suffix == ".png"
        assert path.read_bytes().startswith(b"\x89PNG\r\n\x1a\n"), path.name
        assert image.width() > 300, path.name
        if path.stem.endswith(STRIPS):
            assert image.width() >= 1280, f"{path.name}: the status bar at full width"
            assert image.height() > 16, path.name
        else:
            assert image.height() > 150, path.name
        assert distinct_colours(image) > 3, f"{path.name} is blank"
    assert image_named(written, "main-dashboard").width() >= 1280

    def image(name: str) -> QImage:
        return image_named(written, name)

    # The "refused" and "invalid" shots really show something the plain ones do not.
    assert image("login-refused") != image("login")
    assert image("settings-invalid") != image("settings")
    assert image("users") != image("main-dashboard")
    assert image("intake-person") != image("intake-queue-and-results")
    strips = [image(name) for name in STRIPS]
    assert len({(s.width(), s.height()) for s in strips}) == 1
    assert all(a != b for n, a in enumerate(strips) for b in strips[n + 1 :]), (
        "each state of the indicator looks different"
    )
    assert image("conflicts-duplicate") != image("conflicts-field")
    assert image("conflicts-resolved") != image("conflicts-field")
