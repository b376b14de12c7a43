"""The background sync loop of a counter (`sync run`, and the GUI's sync thread).

It syncs at once, then whenever something happens: a local change in the outbox (checked every
`poll` seconds: one indexed count), a NOTIFY from the server (another counter pushed), or a
`wake()`; and every `idle_sync` seconds anyway. Offline, it retries with a growing pause (up to
`max_backoff`), and keeps working: the outbox holds every change until the server has it.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psycopg

from basmat_desk.sync.client import (
    DEFAULT_TIMEOUT,
    NotEnrolled,
    Offline,
    SyncClient,
    SyncError,
)
from basmat_desk.sync.status import ERROR, IDLE, NOT_ENROLLED, OFFLINE, SYNCING, SyncStatus

log = logging.getLogger("basmat.sync")

StatusCallback = Callable[[SyncStatus, str], None]


class SyncAgent:
    def __init__(
        self,
        db_path: Path | str,
        *,
        on_status: StatusCallback | None = None,
        poll: float = 0.25,
        idle_sync: float = 30.0,
        max_backoff: float = 30.0,
        timeout: float = DEFAULT_TIMEOUT,
    ) -> None:
        self.db_path = Path(db_path)
        self.on_status = on_status
        self.poll = poll
        self.idle_sync = idle_sync
        self.max_backoff = max_backoff
        self.timeout = timeout
        self._wake = threading.Event()
        self.syncs = 0  # completed syncs, for tests

    def wake(self) -> None:
        """Sync as soon as possible (a local change, or the user asked)."""
        self._wake.set()

    def _emit(self, client: SyncClient, activity: str) -> None:
        if self.on_status is None:
            return
        try:
            self.on_status(client.status(), activity)
        except Exception:  # a broken indicator must not stop sync
            log.exception("sync status callback failed")

    def run(self, stop: threading.Event) -> None:
        with SyncClient(self.db_path, timeout=self.timeout) as client:
            own_device = client.store.device_id()
            listener: psycopg.Connection[Any] | None = None
            failures = 0
            try:
                while not stop.is_set():
                    self._emit(client, SYNCING)
                    try:
                        client.sync_once()
                        self.syncs += 1
                        failures = 0
                        if listener is None:
                            listener = client.connect()
                            listener.execute("LISTEN basmat_sync")
                            # a change pushed before LISTEN took effect sent its NOTIFY to
                            # nobody: sync once more, now listening
                            continue
                        self._emit(client, IDLE)
                    except NotEnrolled:
                        self._emit(client, NOT_ENROLLED)
                        stop.wait(self.idle_sync)
                        continue
                    except (Offline, psycopg.Error, OSError) as error:
                        log.info("sync: offline (%s)", error)
                        _close(listener)
                        listener = None
                        failures += 1
                        self._emit(client, OFFLINE)
                    except SyncError as error:
                        log.warning("sync: %s", error)
                        failures += 1
                        self._emit(client, ERROR)
                    if failures:
                        self._wait_offline(stop, client, failures)
                    else:
                        listener = self._wait_online(stop, client, listener, own_device)
            finally:
                _close(listener)

    def _wait_offline(self, stop: threading.Event, client: SyncClient, failures: int) -> None:
        pause = min(self.max_backoff, 0.5 * 2 ** min(failures, 8))
        end = time.monotonic() + pause
        while not stop.is_set() and time.monotonic() < end:
            if self._wake.wait(min(self.poll * 4, max(0.0, end - time.monotonic()))):
                self._wake.clear()
                return
        # the pending count changes while offline: keep the indicator honest
        self._emit(client, OFFLINE)

    def _wait_online(
        self,
        stop: threading.Event,
        client: SyncClient,
        listener: psycopg.Connection[Any] | None,
        own_device: str,
    ) -> psycopg.Connection[Any] | None:
        end = time.monotonic() + self.idle_sync
        while not stop.is_set() and time.monotonic() < end:
            if self._wake.is_set():
                self._wake.clear()
                return listener
            if client.store.pending_count():
                return listener
            if listener is None:
                stop.wait(self.poll)
                continue
            try:
                for note in listener.notifies(timeout=self.poll, stop_after=1):
                    if note.payload != own_device:
                        return listener
            except psycopg.Error:
                _close(listener)
                return None
        return listener


def _close(conn: psycopg.Connection[Any] | None) -> None:
    if conn is not None:
        with contextlib.suppress(psycopg.Error):
            conn.close()


class SyncThread:
    """The agent on a daemon thread (the GUI's): `start()`, `wake()`, `stop()`."""

    def __init__(self, agent: SyncAgent) -> None:
        self.agent = agent
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="basmat-sync", daemon=True)

    def _run(self) -> None:
        try:
            self.agent.run(self._stop)
        except Exception:
            log.exception("sync thread stopped")

    def start(self) -> None:
        self._thread.start()

    def wake(self) -> None:
        self.agent.wake()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self.agent.wake()
        self._thread.join(timeout)
