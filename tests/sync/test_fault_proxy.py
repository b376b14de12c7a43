"""The fault proxy does to a connection what each mode says, checked against a tiny echo
server, then once in front of a real PostgreSQL server."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Callable, Iterator
from types import TracebackType
from typing import Self

import psycopg
import pytest
from sqlalchemy.engine import make_url

from tests.sync.fault_proxy import FaultProxy

TIMEOUT = 0.25  # how long a client waits for bytes that a stalled proxy must not deliver
WAIT = 2.0  # the longest any wait for something that should happen may take


class EchoServer:
    """Sends back whatever it receives; remembers everything it received."""

    def __init__(self) -> None:
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.05)
        self.port: int = self._listener.getsockname()[1]
        self._cond = threading.Condition()
        self._received = bytearray()
        self._open: set[socket.socket] = set()
        self._threads: list[threading.Thread] = []
        self._stopping = threading.Event()
        self._acceptor = threading.Thread(target=self._accept, daemon=True)

    def __enter__(self) -> Self:
        self._acceptor.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._stopping.set()
        self._acceptor.join(WAIT)
        with self._cond:
            for conn in self._open:
                with contextlib.suppress(OSError):
                    conn.shutdown(socket.SHUT_RDWR)  # wakes its thread, which closes it
        for thread in self._threads:
            thread.join(WAIT)

    @property
    def received(self) -> bytes:
        with self._cond:
            return bytes(self._received)

    def wait_received(self, needle: bytes) -> bool:
        with self._cond:
            return self._cond.wait_for(lambda: needle in self._received, WAIT)

    def wait_no_connections(self) -> bool:
        with self._cond:
            return self._cond.wait_for(lambda: not self._open, WAIT)

    def _accept(self) -> None:
        with self._listener:
            while not self._stopping.is_set():
                try:
                    conn, _ = self._listener.accept()
                except TimeoutError:
                    continue
                conn.settimeout(None)
                with self._cond:
                    self._open.add(conn)
                thread = threading.Thread(target=self._echo, args=(conn,), daemon=True)
                self._threads.append(thread)
                thread.start()

    def _echo(self, conn: socket.socket) -> None:
        try:
            with conn:
                while data := conn.recv(65536):
                    with self._cond:
                        self._received += data
                        self._cond.notify_all()
                    conn.sendall(data)
        except OSError:
            pass
        finally:
            with self._cond:
                self._open.discard(conn)
                self._cond.notify_all()


@pytest.fixture
def echo() -> Iterator[EchoServer]:
    with EchoServer() as server:
        yield server


@pytest.fixture
def proxy(echo: EchoServer) -> Iterator[FaultProxy]:
    with FaultProxy("127.0.0.1", echo.port) as fault_proxy:
        yield fault_proxy


@pytest.fixture
def connect(proxy: FaultProxy) -> Iterator[Callable[[], socket.socket]]:
    """Opens client connections to the proxy; closes them at the end of the test."""
    with contextlib.ExitStack() as stack:

        def open_client() -> socket.socket:
            client = stack.enter_context(socket.create_connection(("127.0.0.1", proxy.port)))
            client.settimeout(WAIT)
            return client

        yield open_client


def recv_exactly(sock: socket.socket, n: int) -> bytes:
    data = bytearray()
    while len(data) < n:
        chunk = sock.recv(n - len(data))
        if not chunk:
            break
        data += chunk
    return bytes(data)


def round_trip(sock: socket.socket, payload: bytes = b"ping") -> bytes:
    sock.sendall(payload)
    return recv_exactly(sock, len(payload))


def recv_until_closed(sock: socket.socket) -> bytes:
    """Everything the socket receives before an end of stream or a reset."""
    data = bytearray()
    with contextlib.suppress(ConnectionError):
        while chunk := sock.recv(65536):
            data += chunk
    return bytes(data)


def closed_at_once(port: int) -> bool:
    """Whether a new connection to `port` ends (end of stream or reset) before any byte.
    A reset can come so soon that connect() itself reports it."""
    try:
        client = socket.create_connection(("127.0.0.1", port), timeout=WAIT)
    except ConnectionResetError:
        return True
    with client:
        return recv_until_closed(client) == b""


def assert_stalled(sock: socket.socket) -> None:
    sock.settimeout(TIMEOUT)
    with pytest.raises(TimeoutError):
        sock.recv(1)


def test_passes_bytes_through_both_ways(
    proxy: FaultProxy, echo: EchoServer, connect: Callable[[], socket.socket]
) -> None:
    first, second = connect(), connect()
    assert round_trip(first, b"hello") == b"hello"
    big = bytes(range(256)) * 4096  # 1 MiB: more than one read, and than a socket buffer
    sender = threading.Thread(target=second.sendall, args=(big,))
    sender.start()
    assert recv_exactly(second, len(big)) == big
    sender.join(WAIT)
    assert proxy.mode == "pass_through"
    assert proxy.connections_accepted == 2
    assert proxy.connections_cut == 0
    # A half-close travels through: the server sees the end of stream and closes too.
    first.shutdown(socket.SHUT_WR)
    assert recv_until_closed(first) == b""


def test_refuse_closes_new_connections_and_keeps_open_ones(
    proxy: FaultProxy, connect: Callable[[], socket.socket]
) -> None:
    before = connect()
    assert round_trip(before) == b"ping"
    proxy.refuse()
    assert closed_at_once(proxy.port)
    assert proxy.connections_refused == 1
    assert round_trip(before, b"still here") == b"still here"
    proxy.pass_through()
    assert round_trip(connect()) == b"ping"
    assert proxy.connections_accepted == 3


def test_stall_holds_every_connection_open_without_forwarding(
    proxy: FaultProxy, echo: EchoServer, connect: Callable[[], socket.socket]
) -> None:
    before = connect()
    assert round_trip(before) == b"ping"
    proxy.stall()
    before.sendall(b"lost-1")
    assert_stalled(before)
    during = connect()
    during.sendall(b"lost-2")
    assert_stalled(during)
    assert b"lost" not in echo.received

    # New connections work again after pass_through(); the stalled ones stay stalled...
    proxy.pass_through()
    assert round_trip(connect(), b"after") == b"after"
    assert b"lost" not in echo.received
    # ...until they are cut.
    proxy.cut_all()
    for client in (before, during):
        client.settimeout(WAIT)
        assert recv_until_closed(client) == b""


def test_cut_all_resets_every_open_connection(
    proxy: FaultProxy, echo: EchoServer, connect: Callable[[], socket.socket]
) -> None:
    clients = [connect(), connect()]
    for client in clients:
        assert round_trip(client) == b"ping"
    proxy.cut_all()
    assert proxy.open_connections == 0
    for client in clients:
        with pytest.raises(ConnectionResetError):
            client.recv(1)
    assert echo.wait_no_connections()  # the server side was closed too
    assert proxy.connections_cut == 2
    assert proxy.mode == "pass_through"
    assert round_trip(connect()) == b"ping"


def test_cut_after_delivers_exactly_n_more_bytes_then_cuts(
    proxy: FaultProxy, connect: Callable[[], socket.socket]
) -> None:
    client = connect()
    assert round_trip(client) == b"ping"  # not counted: before cut_after()
    proxy.cut_after(150)
    assert round_trip(client, b"a" * 100) == b"a" * 100
    client.sendall(b"b" * 100)
    assert recv_until_closed(client) == b"b" * 50
    assert proxy.connections_cut == 1
    assert proxy.mode == "pass_through"  # one-shot
    assert round_trip(connect(), b"c" * 100) == b"c" * 100


def test_cut_after_zero_cuts_before_the_next_reply(
    proxy: FaultProxy, connect: Callable[[], socket.socket]
) -> None:
    client = connect()
    proxy.cut_after(0)
    client.sendall(b"ping")
    assert recv_until_closed(client) == b""
    assert proxy.connections_cut == 1


def test_cut_on_client_bytes_forwards_them_but_no_reply_comes_back(
    proxy: FaultProxy, echo: EchoServer, connect: Callable[[], socket.socket]
) -> None:
    client = connect()
    proxy.cut_on_client_bytes(b"COMMIT")
    assert round_trip(client, b"INSERT") == b"INSERT"  # armed, but no match yet
    client.sendall(b"UPDATE; COMMIT;")
    assert recv_until_closed(client) == b""
    assert echo.wait_received(b"INSERTUPDATE; COMMIT;")
    assert echo.wait_no_connections()
    assert proxy.connections_cut == 1
    assert proxy.mode == "pass_through"  # one-shot
    assert round_trip(connect(), b"COMMIT") == b"COMMIT"


def test_cut_on_client_bytes_matches_across_reads(
    proxy: FaultProxy, echo: EchoServer, connect: Callable[[], socket.socket]
) -> None:
    client = connect()
    proxy.cut_on_client_bytes(b"COMMIT")
    assert round_trip(client, b"COM") == b"COM"
    client.sendall(b"MIT")
    assert recv_until_closed(client) == b""
    assert echo.wait_received(b"COMMIT")


def test_an_unreachable_target_closes_the_client() -> None:
    with socket.socket() as reserved:
        reserved.bind(("127.0.0.1", 0))  # bound, not listening: connecting is refused
        with FaultProxy("127.0.0.1", reserved.getsockname()[1]) as proxy:
            assert closed_at_once(proxy.port)
            assert proxy.wait_accepted(1)


def test_stop_closes_connections_listener_and_threads(echo: EchoServer) -> None:
    with FaultProxy("127.0.0.1", echo.port) as proxy:
        client = socket.create_connection(("127.0.0.1", proxy.port), timeout=WAIT)
        with client:
            assert round_trip(client) == b"ping"
            proxy.stop()
            assert recv_until_closed(client) == b""
    assert not [t for t in threading.enumerate() if t.name.startswith("fault-proxy")]
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", proxy.port), timeout=WAIT).close()
    assert echo.wait_no_connections()


# --- in front of a real PostgreSQL server ---------------------------------------------------


def wait_until(condition: Callable[[], bool], timeout: float = 5.0) -> bool:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


def test_against_postgresql(pg_url: str) -> None:
    url = make_url(pg_url)
    direct_args = {
        "host": url.host or "127.0.0.1",
        "port": url.port or 5432,
        "user": url.username or "postgres",
        "dbname": url.database or "postgres",
        "password": url.password or "",
        "connect_timeout": 3,
    }
    with (
        psycopg.connect(**direct_args, autocommit=True) as direct,
        FaultProxy(direct_args["host"], direct_args["port"]) as proxy,
    ):

        def through_proxy() -> psycopg.Connection:
            return psycopg.connect(
                host="127.0.0.1",
                port=proxy.port,
                user=direct_args["user"],
                password=direct_args["password"],
                dbname=direct_args["dbname"],
                connect_timeout=3,
            )

        # cut_all(): the next query fails.
        conn = through_proxy()
        try:
            assert conn.execute("SELECT 1").fetchone() == (1,)
            proxy.cut_all()
            with pytest.raises(psycopg.OperationalError):
                conn.execute("SELECT 1")
        finally:
            conn.close()

        # cut_on_client_bytes(b"COMMIT"): the server commits, the client hears an error.
        direct.execute("DROP TABLE IF EXISTS proxy_probe")
        direct.execute("CREATE TABLE proxy_probe (x int)")
        try:
            conn = through_proxy()
            try:
                backend = conn.info.backend_pid
                conn.execute("INSERT INTO proxy_probe VALUES (42)")
                proxy.cut_on_client_bytes(b"COMMIT")
                with pytest.raises(psycopg.OperationalError):
                    conn.commit()
            finally:
                conn.close()

            def backend_gone() -> bool:
                row = direct.execute(
                    "SELECT count(*) FROM pg_stat_activity WHERE pid = %s", (backend,)
                ).fetchone()
                return row == (0,)

            assert wait_until(backend_gone)  # it has done all it was going to do
            assert direct.execute("SELECT x FROM proxy_probe").fetchall() == [(42,)]
            assert proxy.connections_cut == 2
        finally:
            direct.execute("DROP TABLE IF EXISTS proxy_probe")
