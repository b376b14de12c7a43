"""A counter's server password lives in the OS credential store (or a 0600 file), not in its
SQLite file; it reaches the server over TLS unless enrolled without; logs are private."""

from __future__ import annotations

import logging
import stat
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend

from basmat_desk.domain.settings import SyncKey
from basmat_desk.sync.client import Offline, SyncClient
from basmat_desk.sync.credentials import FILE_SUFFIX, SERVICE, CredentialStore
from basmat_desk.sync.server import EnrolmentCode
from tests.sync.conftest import Counter, MakeCounters

pytestmark = pytest.mark.slow


class MemoryKeyring(KeyringBackend):
    """A credential store of the operating system, as keyring sees one."""

    priority = -1  # type: ignore[assignment]  # never chosen by itself: only when set

    def __init__(self) -> None:
        super().__init__()
        self.kept: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.kept.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.kept[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.kept.pop((service, username), None)


@pytest.fixture
def os_keyring() -> MemoryKeyring:
    before = keyring.get_keyring()
    ring = MemoryKeyring()
    keyring.set_keyring(ring)
    yield ring
    keyring.set_keyring(before)


@pytest.fixture
def no_keyring() -> None:
    """A PC with no credential store (keyring's own "fail" backend)."""
    from keyring.backends import fail

    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(before)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_without_a_keyring_the_password_is_a_0600_file_not_in_the_database(
    no_keyring: None, counters: MakeCounters
) -> None:
    (a,) = counters(1)
    password = a.client.secrets().get()
    assert password
    kept = Path(f"{a.path}{FILE_SUFFIX}")
    assert kept.read_text(encoding="utf-8").strip() == password
    assert mode(kept) == 0o600
    assert SyncKey.PASSWORD not in {k for k, v in a.client.store.state().items() if v}
    assert password.encode() not in a.path.read_bytes()
    a.sync()  # and it is the one the counter signs in with


def test_with_a_keyring_the_password_goes_there_and_no_file_is_left(
    counters: MakeCounters, os_keyring: MemoryKeyring
) -> None:
    (a,) = counters(1)
    device = a.client.store.device_id()
    assert os_keyring.kept[(SERVICE, device)] == a.client.secrets().get()
    assert not Path(f"{a.path}{FILE_SUFFIX}").exists()
    a.sync()


def test_a_first_versions_password_in_the_database_moves_out_at_the_next_sync(
    no_keyring: None, counters: MakeCounters
) -> None:
    (a,) = counters(1)
    password = a.client.secrets().get()
    a.client.secrets().delete()
    a.client.store.set_state({SyncKey.PASSWORD: password})  # as the first versions kept it

    a.sync()

    assert a.client.store.state().get(SyncKey.PASSWORD) is None
    assert a.client.secrets().get() == password


def test_the_fallback_file_is_written_whole_and_private(no_keyring: None, tmp_path: Path) -> None:
    store = CredentialStore(tmp_path / "counter.sqlite", "device-1")
    store.set("first")
    store.set("second")
    assert store.get() == "second"
    assert mode(store.file) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["counter.sqlite.credential"]
    store.delete()
    assert store.get() is None


def test_an_enrolment_code_asks_for_tls_unless_the_administrator_said_otherwise() -> None:
    code = EnrolmentCode("h", 5432, "d", "r", "pw", "كاونتر", "A")
    assert EnrolmentCode.decode(code.encode()).sslmode == "require"
    relaxed = EnrolmentCode("h", 5432, "d", "r", "pw", "كاونتر", "A", sslmode="disable")
    assert EnrolmentCode.decode(relaxed.encode()).sslmode == "disable"


def test_a_counter_that_requires_tls_does_not_talk_to_a_server_without_it(
    counters: MakeCounters,
) -> None:
    (a,) = counters(1)
    a.client.store.set_state({SyncKey.SSLMODE: "require"})  # the test server has no TLS
    with pytest.raises(Offline, match="لا يقبل الاتصال المشفّر"):
        a.client.sync_once()


def test_the_log_is_readable_by_its_user_only(tmp_path: Path) -> None:
    from basmat_desk.gui.app import PrivateRotatingFileHandler
    from basmat_desk.paths import private_folder

    folder = private_folder(tmp_path / "logs")
    handler = PrivateRotatingFileHandler(folder / "basmat.log", maxBytes=200, backupCount=2)
    logger = logging.getLogger("basmat.test.private")
    logger.addHandler(handler)
    try:
        for n in range(20):  # enough to roll over twice
            logger.warning("سطر %d من السجل فيه اسم ورقم هوية", n)
    finally:
        logger.removeHandler(handler)
        handler.close()
    assert mode(folder) == 0o700
    files = sorted(folder.iterdir())
    assert len(files) == 3
    assert {mode(f) for f in files} == {0o600}


@pytest.fixture
def counter(counters: MakeCounters) -> Counter:
    (made,) = counters(1)
    return made


def test_sync_client_reads_the_password_from_the_store(counter: Counter) -> None:
    with SyncClient(counter.path) as client:
        assert client.credentials()[SyncKey.PASSWORD] == counter.client.secrets().get()
