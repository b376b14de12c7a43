"""The sync commands as an administrator and a counter use them, and the background agent
that brings another counter's change over LISTEN/NOTIFY."""

from __future__ import annotations

import io
import json
import threading
import time
from dataclasses import replace
from pathlib import Path

import psycopg
import pytest

from basmat_desk.cli import main
from basmat_desk.domain.settings import SyncKey
from basmat_desk.services.beneficiaries import register_beneficiary, update_beneficiary
from basmat_desk.services.bootstrap import open_local
from basmat_desk.sync.agent import IDLE, OFFLINE, SYNCING, SyncAgent, SyncThread
from basmat_desk.sync.local import LocalStore
from tests.pg import free_port
from tests.sync.conftest import person, sync_all

pytestmark = pytest.mark.slow


def code_from(output: str) -> str:
    (code,) = [line for line in output.splitlines() if line.startswith("BASMAT1-")]
    return code


def enroll_with(monkeypatch, code: str, db: Path) -> int:
    """`sync enroll` with the code on standard input, as a script passes it."""
    monkeypatch.setattr("sys.stdin", io.StringIO(code + "\n"))
    return main(["sync", "enroll", "--db", str(db)])


def test_an_administrator_sets_up_the_server_and_a_counter_enrols(
    sync_server, tmp_path, capsys, monkeypatch, fast_password_hashing
) -> None:
    assert main(["server", "init", sync_server.url]) == 0
    assert "الخادم جاهز" in capsys.readouterr().out

    assert (
        main(
            [
                "server",
                "add-counter",
                "كاونتر الاستقبال",
                "--prefix",
                "k",
                "--url",
                sync_server.url,
                "--sslmode",
                "disable",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "برمز K" in out
    code = code_from(out)

    db = tmp_path / "counter.sqlite"
    assert enroll_with(monkeypatch, code, db) == 0
    assert "كاونتر الاستقبال" in capsys.readouterr().out

    assert main(["sync", "status", "--json", "--db", str(db)]) == 0
    status = json.loads(capsys.readouterr().out)
    assert status["enrolled"] is True
    assert (status["prefix"], status["pending"], status["online"]) == ("K", 0, True)

    assert main(["sync", "status", "--db", str(db)]) == 0
    text = capsys.readouterr().out
    assert "الحالة: متصل" in text
    assert "تغييرات بانتظار الإرسال: 0" in text

    assert main(["sync", "run", "--once", "--db", str(db)]) == 0
    assert "أُرسل 0" in capsys.readouterr().out

    # the same code again, on another PC: refused, in Arabic
    assert enroll_with(monkeypatch, code, tmp_path / "other.sqlite") == 1
    assert "مستخدم من قبل" in capsys.readouterr().err


def test_bad_input_gets_an_arabic_message_naming_the_field(
    sync_server, tmp_path, capsys, monkeypatch
) -> None:
    assert enroll_with(monkeypatch, "not-a-code", tmp_path / "x.sqlite") == 2
    assert "رمز التسجيل" in capsys.readouterr().err
    # the code holds a password: never on the command line, where `ps` shows it
    with pytest.raises(SystemExit) as refused:
        main(["sync", "enroll", "BASMAT1-xyz", "--db", str(tmp_path / "x.sqlite")])
    assert refused.value.code == 2
    assert "معطيات غير معروفة: BASMAT1-xyz" in capsys.readouterr().err
    assert not (tmp_path / "x.sqlite").exists()

    assert main(["server", "add-counter", "ب", "--prefix", "99", "--url", sync_server.url]) == 2
    assert "رمز الكاونتر" in capsys.readouterr().err

    main(["server", "add-counter", "أ", "--prefix", "A", "--url", sync_server.url])
    capsys.readouterr()
    assert main(["server", "add-counter", "آخر", "--prefix", "A", "--url", sync_server.url]) == 2
    assert "مستخدم للكاونتر «أ»" in capsys.readouterr().err

    assert main(["sync", "status", "--db", str(tmp_path / "missing.sqlite")]) == 2
    assert "غير موجود" in capsys.readouterr().err

    nobody = f"postgresql://postgres@127.0.0.1:{free_port()}/basmat"
    assert main(["server", "init", nobody]) == 1
    assert "تعذّر الاتصال بالخادم" in capsys.readouterr().err


def test_a_counter_that_is_not_enrolled_says_so(tmp_path, capsys) -> None:
    db = tmp_path / "alone.sqlite"
    open_local(db)
    assert main(["sync", "status", "--db", str(db)]) == 0
    assert "غير مسجَّل" in capsys.readouterr().out
    assert main(["sync", "run", "--once", "--db", str(db)]) == 1
    assert "sync enroll" in capsys.readouterr().err


#: The agents' idle sync in the test below: far beyond anything the test waits for.
IDLE_SYNC_S = 3600.0
WAIT_S = 30.0


def wait_until(predicate, timeout: float = WAIT_S) -> bool:
    """Poll until `predicate()` holds; False if it still does not after `timeout` (a bound on
    how long to wait before failing, not a measurement)."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.01)  # polling, not timing: only the predicate decides
    return bool(predicate())


def test_an_online_counter_pulls_another_counters_change_when_the_server_notifies_it(
    sync_server, counters
) -> None:
    """a's agent pushes its change; the server's NOTIFY wakes b's agent, which pulls. Nothing
    else can start b's next sync within this test: its idle sync is an hour away (the test
    gives up after WAIT_S), it has nothing of its own to push, and nobody calls wake()."""
    a, b = counters(2)
    record = register_beneficiary(a.ctx, person())
    sync_all([a, b])
    listening = {a.name: threading.Event(), b.name: threading.Event()}
    b_activities: list[str] = []

    def reporter(counter):
        def on_status(_status, activity: str) -> None:
            if counter is b:
                b_activities.append(activity)
            if activity == IDLE:  # synced, and listening for the server's notifications
                listening[counter.name].set()

        return on_status

    threads = {
        c.name: SyncThread(
            SyncAgent(c.path, poll=0.1, idle_sync=IDLE_SYNC_S, on_status=reporter(c))
        )
        for c in (a, b)
    }
    b_agent = threads[b.name].agent
    witness = psycopg.connect(sync_server.conninfo, autocommit=True)
    witness.execute("LISTEN basmat_sync")
    for thread in threads.values():
        thread.start()
    try:
        assert listening[a.name].wait(WAIT_S)
        assert listening[b.name].wait(WAIT_S)
        syncs_before = b_agent.syncs
        activities_before = len(b_activities)
        with LocalStore(b.path) as store:
            assert store.pending_count() == 0, "b has nothing of its own to push"
        from basmat_desk.domain.beneficiary import parse_form
        from basmat_desk.services.beneficiaries import form_of, get_beneficiary

        data = parse_form(form_of(get_beneficiary(a.ctx, record.id)))
        update_beneficiary(a.ctx, record.id, replace(data, notes="وصلت"))

        def arrived() -> bool:
            with LocalStore(b.path) as store:
                return store.rows("beneficiary")[record.id]["notes"] == "وصلت"

        assert wait_until(arrived), "b never pulled a's change"
        assert wait_until(lambda: b_agent.syncs > syncs_before)
    finally:
        for thread in threads.values():
            thread.stop()
    try:
        notified = [note.payload for note in witness.notifies(timeout=2.0, stop_after=50)]
    finally:
        witness.close()
    # the server notified once, naming a's device as the pusher …
    assert notified == [a.client.store.device_id()]
    # … and b ran one sync for it: woken, synced, idle again
    assert b_agent.syncs == syncs_before + 1
    assert b_activities[activities_before:] == [SYNCING, IDLE]
    with LocalStore(b.path) as store:
        assert store.rows("beneficiary")[record.id]["notes"] == "وصلت"


def test_the_agent_reports_offline_and_keeps_the_changes(sync_server, counters) -> None:
    (a,) = counters(1)
    with LocalStore(a.path) as store:
        store.set_state({SyncKey.PORT: str(free_port())})  # a server that is not there
    register_beneficiary(a.ctx, person())
    statuses = []
    offline = threading.Event()

    def on_status(status, activity: str) -> None:
        statuses.append((status, activity))
        if activity == OFFLINE:
            offline.set()

    agent = SyncThread(SyncAgent(a.path, poll=0.1, timeout=3, on_status=on_status))
    agent.start()
    try:
        assert offline.wait(15)
    finally:
        agent.stop()
    status, _ = next(s for s in statuses if s[1] == OFFLINE)
    assert not status.online
    assert status.pending > 0
    assert "الاتصال" in status.last_error
