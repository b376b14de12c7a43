"""What a counter's sync is doing and where it stands, as plain data.

Imports nothing heavy (no psycopg, no SQLAlchemy): the GUI's status bar reads these while the
window is being built.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

#: What the background loop is doing, for the indicator.
SYNCING, IDLE, OFFLINE, ERROR, NOT_ENROLLED = "syncing", "idle", "offline", "error", "not_enrolled"


@dataclass(frozen=True, slots=True)
class SyncStatus:
    enrolled: bool
    counter_name: str | None
    prefix: str | None
    server: str | None
    pending: int
    conflicts: int
    cursor: int
    last_push_at: str | None
    last_pull_at: str | None
    last_success_at: str | None
    last_attempt_at: str | None
    last_error: str | None

    @property
    def online(self) -> bool:
        """Whether the last attempt reached the server."""
        return self.enrolled and self.last_error is None and self.last_attempt_at is not None

    def as_json(self) -> dict[str, Any]:
        return {**asdict(self), "online": self.online}
