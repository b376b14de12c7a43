"""Where a counter keeps its server password: the operating system's credential store.

The password of a counter's PostgreSQL role is what lets it push and pull, so it is not kept
in the counter's SQLite file (which is copied, backed up and read by anyone who can read the
file). It goes to the credential store of the operating system through `keyring` (Windows
Credential Manager, macOS Keychain, the Secret Service on a Linux desktop), under the
database's device id. Where there is none (a Linux PC with no keyring daemon), it goes to a
file beside the database that only this user may read (0600), written whole or not at all.
"""

from __future__ import annotations

import contextlib
import logging
import os
import tempfile
from pathlib import Path

log = logging.getLogger("basmat.sync")

SERVICE = "basmat-desk"
FILE_SUFFIX = ".credential"
KEYRING = "keyring"


class CredentialStore:
    """The server password of the counter whose database is `db_path` (device `device_id`)."""

    def __init__(self, db_path: Path | str, device_id: str) -> None:
        self.file = Path(f"{db_path}{FILE_SUFFIX}")
        self.device_id = device_id

    def _keyring(self) -> object | None:
        """The keyring module when a real credential store is there, else None."""
        try:
            import keyring
            from keyring.backends import fail
        except ImportError:
            return None
        try:
            if isinstance(keyring.get_keyring(), fail.Keyring):
                return None
        except Exception:  # a broken backend configuration: fall back to the file
            log.warning("credentials: the keyring cannot be used", exc_info=True)
            return None
        return keyring

    def get(self) -> str | None:
        ring = self._keyring()
        if ring is not None:
            try:
                found = ring.get_password(SERVICE, self.device_id)  # type: ignore[attr-defined]
            except Exception:
                log.warning("credentials: reading the keyring failed", exc_info=True)
                found = None
            if found:
                return str(found)
        try:
            return self.file.read_text(encoding="utf-8").strip() or None
        except FileNotFoundError:
            return None

    def set(self, password: str) -> str:
        """Keep `password`; returns where: "keyring", or the file's path."""
        ring = self._keyring()
        if ring is not None:
            try:
                ring.set_password(SERVICE, self.device_id, password)  # type: ignore[attr-defined]
            except Exception:
                log.warning("credentials: writing the keyring failed", exc_info=True)
            else:
                self.file.unlink(missing_ok=True)
                return KEYRING
        self._write_file(password)
        return str(self.file)

    def delete(self) -> None:
        ring = self._keyring()
        if ring is not None:
            with contextlib.suppress(Exception):  # nothing there to delete
                ring.delete_password(SERVICE, self.device_id)  # type: ignore[attr-defined]
        self.file.unlink(missing_ok=True)

    def _write_file(self, password: str) -> None:
        fd, name = tempfile.mkstemp(dir=self.file.parent, prefix=f".{self.file.name}.")
        try:
            if os.name == "posix":
                os.fchmod(fd, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as stream:
                stream.write(password + "\n")
                stream.flush()
                os.fsync(stream.fileno())
            os.replace(name, self.file)
        except BaseException:
            Path(name).unlink(missing_ok=True)
            raise
