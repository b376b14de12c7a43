"""What the first window needs to know about a database, read before SQLAlchemy has loaded.

The GUI asks this module, not the store: the answers come from a read-only peek with the
standard `sqlite3` module (`store.peek`), so the login dialog or the main window can be shown
while the database layer loads in the background.
"""

from __future__ import annotations

from pathlib import Path

from basmat_desk.store.peek import (
    DatabaseContents,
    StaffIdentity,
    StartupPeek,
    SyncPeek,
    peek_contents,
    peek_startup,
    peek_sync,
)

__all__ = [
    "DatabaseContents",
    "StaffIdentity",
    "StartupPeek",
    "SyncPeek",
    "database_contents",
    "database_start",
    "sync_start",
]


def database_start(path: Path) -> StartupPeek | None:
    """The settings, staff presence and demo supervisor of a database already at this schema
    version; None when it must first be created or migrated."""
    return peek_startup(path)


def sync_start(path: Path | str) -> SyncPeek:
    """Whether this PC syncs with a server and how many conflicts are open."""
    return peek_sync(path)


def database_contents(path: Path) -> DatabaseContents:
    """What an existing file holds (another application's tables, rows, the demo's mark), read
    without writing to it; sqlite3.DatabaseError when it is not a database."""
    return peek_contents(path)
