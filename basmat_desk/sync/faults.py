"""Named points in push and pull where the fault tests stop a counter.

`BASMAT_SYNC_FAULT` = "STEP=kill" kills this process (SIGKILL, as a power cut would) when
sync reaches STEP; "STEP=pause:DIR" writes DIR/paused and waits until DIR/resume exists (the
test then restarts the server, cuts the network …). Unset, a checkpoint costs one dict lookup.
The steps are listed in `STEPS`; a test naming another fails loudly.
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

STEPS = (
    "push.read_outbox",  # the outbox batch is read, nothing sent yet
    "push.applied",  # every mutation applied on the server, not committed
    "push.server_committed",  # the server committed, the outbox still holds the batch
    "push.done",  # the outbox is cleared
    "pull.fetched",  # the server's rows are read, nothing written locally
    "pull.applied",  # rows written locally, not committed
    "pull.done",  # rows and cursor committed
)

ENV = "BASMAT_SYNC_FAULT"


def _plan() -> tuple[str, str] | None:
    value = os.environ.get(ENV)
    if not value:
        return None
    step, _, action = value.partition("=")
    if step not in STEPS:
        raise RuntimeError(f"{ENV}: unknown step {step!r}")
    return step, action


def checkpoint(step: str) -> None:
    plan = _plan()
    if plan is None or plan[0] != step:
        return
    action = plan[1]
    if action == "kill":
        os.kill(os.getpid(), signal.SIGKILL)
    elif action.startswith("pause:"):
        folder = Path(action.removeprefix("pause:"))
        (folder / "paused").write_text(step)
        while not (folder / "resume").exists():
            time.sleep(0.02)
        (folder / "resume").unlink()
    else:
        raise RuntimeError(f"{ENV}: unknown action {action!r}")
