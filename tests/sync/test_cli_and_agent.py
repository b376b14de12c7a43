"""The sync commands as an administrator and a counter use them, and the background agent
that brings another counter's change over LISTEN/NOTIFY."""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from dataclasses import replace

import pytest

from basmat_desk.cli import main
from basmat_desk.domain.settings import SyncKey
from basmat_desk.services.beneficiaries import register_beneficiary, update_beneficiary
from basmat_desk.services.bootstrap import open_local
from basmat_desk.sync.agent import IDLE, OFFLINE, SyncAgent, SyncThread
from basmat_desk.sync.local import LocalStore
from tests.pg import free_port
from tests.sync.conftest import person, sync_all

pytestmark = pytest.mark.slow


def code_from(output: str) -> str:
    (code,) = [line for line in output.splitlines() if line.startswith("BASMAT1-")]
    return code


def test_an_administrator_sets_up_the_server_and_a_counter_enrols(
    sync_server, tmp_path, capsys, fast_password_hashing
) -> None:
    assert main(["server", "init", sync_server.url]) == 0
    assert "الخادم جاهز" in capsys.readouterr().out

    assert (
        main(
            ["server", "add-counter", "كاونتر الاستقبال", "--prefix", "k", "--url", sync_server.url]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "برمز K" in out
    code = code_from(out)

    db = tmp_path / "counter.sqlite"
    assert main(["sync", "enroll", code, "--db", str(db)]) == 0
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
    assert main(["sync", "enroll", code, "--db", str(tmp_path / "other.sqlite")]) == 1
    assert "مستخدم من قبل" in capsys.readouterr().err


def test_bad_input_gets_an_arabic_message_naming_the_field(sync_server, tmp_path, capsys) -> None:
    assert main(["sync", "enroll", "not-a-code", "--db", str(tmp_path / "x.sqlite")]) == 2
    assert "رمز التسجيل" in capsys.readouterr().err

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


def test_an_online_counter_sees_another_counters_change_within_seconds(
    sync_server, counters
) -> None:
    a, b = counters(2)
    record = register_beneficiary(a.ctx, person())
    sync_all([a, b])
    seen: list[str] = []
    synced = threading.Event()

    def on_status(_status, activity: str) -> None:
        seen.append(activity)
        if activity == IDLE:
            synced.set()

    agents = [
        SyncThread(SyncAgent(c.path, poll=0.1, idle_sync=60, on_status=on_status)) for c in (a, b)
    ]
    for agent in agents:
        agent.start()
    try:
        assert synced.wait(10)
        from basmat_desk.domain.beneficiary import parse_form
        from basmat_desk.services.beneficiaries import form_of, get_beneficiary

        data = parse_form(form_of(get_beneficiary(a.ctx, record.id)))
        update_beneficiary(a.ctx, record.id, replace(data, notes="وصلت"))
        started = time.monotonic()
        with sqlite3.connect(b.path) as con:
            while time.monotonic() - started < 10:
                row = con.execute("SELECT notes FROM beneficiary WHERE id = ?", (record.id,))
                if row.fetchone()[0] == "وصلت":
                    break
                time.sleep(0.01)
        elapsed = time.monotonic() - started
    finally:
        for agent in agents:
            agent.stop()
    # a's agent notices its outbox, pushes; the server's NOTIFY wakes b, which pulls. The idle
    # sync is a minute away, so only the notification can explain a quick arrival.
    assert elapsed < 5, f"took {elapsed:.1f} s"
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
