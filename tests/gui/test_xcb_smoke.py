"""One start of the application on a real X server (Xvfb), through Qt's xcb platform plugin:
the other GUI tests draw off screen and would not notice a missing xcb library.

Skipped without Xvfb, unless BASMAT_REQUIRE_XVFB=1 (which `.ci/run` sets)."""

from __future__ import annotations

import os
import select
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from basmat_desk.demo import generate_demo

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[2]
XVFB_READY_SECONDS = 30


@pytest.fixture
def x_display() -> Iterator[str]:
    """A new Xvfb on a free display number (Xvfb picks it and reports it when ready)."""
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        if os.environ.get("BASMAT_REQUIRE_XVFB") == "1":
            pytest.fail("Xvfb is not installed (BASMAT_REQUIRE_XVFB=1); apt-get install xvfb")
        pytest.skip("Xvfb is not installed")
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        [xvfb, "-displayfd", str(write_end), "-nolisten", "tcp", "-screen", "0", "1280x800x24"],
        pass_fds=(write_end,),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    os.close(write_end)
    try:
        # -displayfd: the display number is written once the server accepts connections.
        ready, _, _ = select.select([read_end], [], [], XVFB_READY_SECONDS)
        number = os.read(read_end, 64).decode().strip() if ready else ""
        if not number:
            server.kill()
            _out, err = server.communicate(timeout=10)
            pytest.fail(f"Xvfb did not start: {err.decode(errors='replace')[-2000:]}")
        yield f":{number}"
    finally:
        os.close(read_end)
        if server.poll() is None:
            server.terminate()
            try:
                server.communicate(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.communicate(timeout=10)
        elif server.stderr is not None:
            server.stderr.close()


def test_the_demo_shows_its_window_on_a_real_x_server(x_display: str, tmp_path: Path) -> None:
    demo = tmp_path / "demo.sqlite"
    generate_demo(demo, beneficiaries=200, days=5)  # smaller, so faster, than --demo's own
    env = {k: v for k, v in os.environ.items() if k not in ("WAYLAND_DISPLAY",)}
    env.update(QT_QPA_PLATFORM="xcb", DISPLAY=x_display)
    result = subprocess.run(
        [sys.executable, "-m", "basmat_desk", "--demo", "--db", str(demo), "--quit-after-show"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "basmat: main window shown",
        "basmat: first screen loaded",
    ]
    assert "Traceback" not in result.stderr
