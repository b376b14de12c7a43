"""Open a local database ready for use cases: schema migrated, device known, audit installed."""

from __future__ import annotations

from pathlib import Path

from basmat_desk.services.context import ServiceContext, make_context
from basmat_desk.services.settings import open_device
from basmat_desk.store.db import open_database


def open_local(path: Path | str) -> ServiceContext:
    _engine, sessions = open_database(path)
    device = open_device(sessions)
    return make_context(sessions, device.device_id)
