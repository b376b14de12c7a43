"""A local TCP proxy that misbehaves on request, for the sync fault tests.

Put it between a PostgreSQL client and a real server to play a bad network::

    with FaultProxy("127.0.0.1", server_port) as proxy:
        conn = psycopg.connect(host="127.0.0.1", port=proxy.port, ...)
        proxy.cut_on_client_bytes(b"COMMIT")  # the server commits, the client never hears

Modes (switch them from any thread, at any time; each call replaces the previous mode):

- `pass_through()`: forward bytes both ways (the default).
- `refuse()`: accept new connections and reset them at once; open ones keep working.
- `stall()`: every open connection, and every new one while the mode lasts, stops forwarding
  in both directions but stays open. Bytes sent meanwhile are dropped. A connection stalled
  once stays stalled until `cut_all()` or `stop()`; after `pass_through()`, new connections work.
- `cut_all()`: reset every open connection, both sides, now (returns once they are closed).
  Leaves the mode as it is.
- `cut_after(n)`: forward n more bytes from server to client (across connections), then cut
  the connection those bytes went to. One-shot: back to pass-through once it fires.
- `cut_on_client_bytes(pattern)`: when the client sends bytes containing `pattern`, forward
  them to the server, close the server side gracefully (so it processes them) and reset the
  client side, before any reply reaches the client. One-shot.

Only the connections the proxy has accepted are affected: a client whose connect() returned
may still be in the listen backlog (a round trip through the proxy, or `wait_accepted()`,
makes sure it is not).

Each connection is served by one thread that alone touches its two (non-blocking) sockets,
polling every POLL_SECONDS for mode changes. Whatever goes wrong in a thread is logged at
debug level and closes that connection; nothing escapes.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import select
import socket
import struct
import threading
from types import TracebackType
from typing import Literal, Self

log = logging.getLogger(__name__)

POLL_SECONDS = 0.05
CONNECT_TIMEOUT = 3.0
JOIN_TIMEOUT = 5.0
CHUNK = 65536
HIGH_WATER = 1 << 20  # stop reading a side while this much is waiting for the other

Mode = Literal["pass_through", "refuse", "stall", "cut_after", "cut_on_client_bytes"]

_link_numbers = itertools.count(1)


def _abort(sock: socket.socket) -> None:
    """Close with SO_LINGER 0: the peer gets a reset, not an orderly end of stream."""
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()


def _close_gracefully(sock: socket.socket) -> None:
    """Send what is queued, then FIN."""
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_WR)
    sock.close()


class FaultProxy:
    """Forwards 127.0.0.1:`port` to target_host:target_port, breaking on request."""

    def __init__(self, target_host: str, target_port: int) -> None:
        self.target = (target_host, target_port)
        self.port = 0
        self.connections_accepted = 0  # every accepted connection, refused ones included
        self.connections_refused = 0  # reset at once by refuse()
        self.connections_cut = 0  # cut by cut_all(), cut_after() or cut_on_client_bytes()
        self._cond = threading.Condition(threading.RLock())
        self._mode: Mode = "pass_through"
        self._budget = 0  # cut_after: server-to-client bytes still to forward
        self._pattern = b""  # cut_on_client_bytes
        self._links: set[_Link] = set()
        self._listener: socket.socket | None = None
        self._accept_thread: threading.Thread | None = None
        self._stopping = threading.Event()

    # --- life cycle ------------------------------------------------------------------------

    def start(self) -> Self:
        if self._accept_thread is not None:
            raise RuntimeError("FaultProxy already started")
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            listener.bind(("127.0.0.1", 0))
            listener.listen(64)
            listener.setblocking(False)
        except BaseException:
            listener.close()
            raise
        self.port = listener.getsockname()[1]
        self._listener = listener
        self._stopping.clear()
        self._accept_thread = threading.Thread(
            target=self._accept_loop, name=f"fault-proxy-accept-{self.port}", daemon=True
        )
        self._accept_thread.start()
        return self

    def stop(self) -> None:
        """Close the listening socket and every connection (reset), and join the threads."""
        thread = self._accept_thread
        if thread is None:
            return
        self._stopping.set()
        thread.join(JOIN_TIMEOUT)  # the accept thread closes the listener on its way out
        if thread.is_alive():
            log.debug("fault proxy: accept thread did not stop")
        with self._cond:
            links = list(self._links)
            for link in links:
                link.kill = link.kill or "stop"
        for link in links:
            link.thread.join(JOIN_TIMEOUT)
            if link.thread.is_alive():
                log.debug("fault proxy: %s did not stop", link.thread.name)
        self._accept_thread = None

    def __enter__(self) -> Self:
        return self if self._accept_thread is not None else self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # --- modes -----------------------------------------------------------------------------

    @property
    def mode(self) -> Mode:
        with self._cond:
            return self._mode

    def pass_through(self) -> None:
        self._set_mode("pass_through")

    def refuse(self) -> None:
        self._set_mode("refuse")

    def stall(self) -> None:
        """Stall every open connection and every new one until the mode changes. Once this
        returns, no byte is forwarded on the open connections."""
        with self._cond:
            self._set_mode("stall")
            for link in self._links:
                link.stalled = True

    def cut_after(self, n_bytes: int) -> None:
        if n_bytes < 0:
            raise ValueError("n_bytes must be >= 0")
        with self._cond:
            self._set_mode("cut_after")
            self._budget = n_bytes

    def cut_on_client_bytes(self, pattern: bytes) -> None:
        if not pattern:
            raise ValueError("pattern must not be empty")
        with self._cond:
            self._set_mode("cut_on_client_bytes")
            self._pattern = bytes(pattern)

    def cut_all(self) -> None:
        """Reset every open connection, both sides; returns once they are closed."""
        with self._cond:
            links = list(self._links)
            for link in links:
                link.kill = link.kill or "cut"
        for link in links:
            if not link.done.wait(JOIN_TIMEOUT):
                log.debug("fault proxy: %s was not cut in time", link.thread.name)

    def _set_mode(self, mode: Mode) -> None:
        with self._cond:
            self._mode = mode
            self._budget = 0
            self._pattern = b""

    # --- for tests -------------------------------------------------------------------------

    @property
    def open_connections(self) -> int:
        with self._cond:
            return len(self._links)

    def wait_accepted(self, n: int, timeout: float = 2.0) -> bool:
        """Wait until `connections_accepted` reaches n."""
        with self._cond:
            return self._cond.wait_for(lambda: self.connections_accepted >= n, timeout)

    # --- the threads -----------------------------------------------------------------------

    def _accept_loop(self) -> None:
        listener = self._listener
        assert listener is not None
        try:
            while not self._stopping.is_set():
                readable, _, _ = select.select([listener], [], [], POLL_SECONDS)
                if not readable:
                    continue
                try:
                    client, _ = listener.accept()
                except (BlockingIOError, InterruptedError):
                    continue
                except OSError:
                    log.debug("fault proxy: accept failed", exc_info=True)
                    continue
                self._admit(client)
        except Exception:
            log.debug("fault proxy: accept loop failed", exc_info=True)
        finally:
            listener.close()

    def _admit(self, client: socket.socket) -> None:
        with self._cond:
            self.connections_accepted += 1
            refused = self._mode == "refuse"
            if refused:
                self.connections_refused += 1
            else:
                link = _Link(self, client, stalled=self._mode == "stall")
                self._links.add(link)
                try:
                    link.thread.start()
                except BaseException:
                    self._links.discard(link)
                    _abort(client)
                    raise
            self._cond.notify_all()
        if refused:
            _abort(client)

    def _forget(self, link: _Link) -> None:
        with self._cond:
            self._links.discard(link)
            self._cond.notify_all()


class _Link:
    """One client connection and its connection to the target, served by one thread."""

    def __init__(self, proxy: FaultProxy, client: socket.socket, *, stalled: bool) -> None:
        self.proxy = proxy
        self.client = client
        self.server: socket.socket | None = None
        # Set by other threads, under the proxy's lock:
        self.stalled = stalled
        self.kill: Literal["cut", "stop"] | None = None
        # This thread's own:
        self.to_client = bytearray()
        self.to_server = bytearray()
        self.client_eof = False
        self.server_eof = False
        self.client_shut = False  # FIN sent to the client
        self.server_shut = False
        # Set when a one-shot cut fires: flush the buffer towards that side, then cut.
        self.doomed: Literal["client", "server"] | None = None
        self.client_tail = b""  # the last client bytes, to match a pattern split across reads
        self.closed = False
        self.done = threading.Event()
        self.thread = threading.Thread(
            target=self._run, name=f"fault-proxy-link-{next(_link_numbers)}", daemon=True
        )

    def _run(self) -> None:
        try:
            if self._connect():
                self._pump()
        except Exception:
            log.debug("fault proxy: %s failed", self.thread.name, exc_info=True)
        finally:
            self._close(abort=True)
            self.proxy._forget(self)
            self.done.set()

    def _connect(self) -> bool:
        try:
            server = socket.create_connection(self.proxy.target, timeout=CONNECT_TIMEOUT)
        except OSError:
            log.debug("fault proxy: cannot reach %s:%s", *self.proxy.target, exc_info=True)
            return False
        self.server = server
        server.setblocking(False)
        self.client.setblocking(False)
        return True

    def _close(self, *, abort: bool, graceful_server: bool = False) -> None:
        if self.closed:
            return
        self.closed = True
        for sock, gentle in ((self.client, not abort), (self.server, graceful_server)):
            if sock is not None:
                if gentle:
                    _close_gracefully(sock)
                else:
                    _abort(sock)

    def _cut(self, *, graceful_server: bool = False) -> None:
        """Under the lock: counted before the client can see it."""
        self.proxy.connections_cut += 1
        self._close(abort=True, graceful_server=graceful_server)

    def _pump(self) -> None:
        client, server = self.client, self.server
        assert server is not None
        lock = self.proxy._cond
        while True:
            with lock:
                if self._settle():
                    return
                stalled = self.stalled
            readable, writable = self._wait(stalled)
            for sock in readable:
                try:
                    data = sock.recv(CHUNK)
                except (BlockingIOError, InterruptedError):
                    continue
                except OSError:
                    log.debug("fault proxy: %s: recv failed", self.thread.name, exc_info=True)
                    self._close(abort=True)
                    return
                with lock:
                    if sock is client:
                        self._from_client(data)
                    else:
                        self._from_server(data)
            for sock in writable:
                with lock:  # so that nothing is forwarded once stall() or cut_all() returned
                    if self.kill is not None or self.stalled:
                        break
                    buffer = self.to_client if sock is client else self.to_server
                    if not buffer:
                        continue
                    try:
                        sent = sock.send(buffer)
                    except (BlockingIOError, InterruptedError):
                        continue
                    except OSError:
                        log.debug("fault proxy: %s: send failed", self.thread.name, exc_info=True)
                        self._close(abort=True)
                        return
                    del buffer[:sent]

    def _settle(self) -> bool:
        """Carry out what is due (under the lock); True once the link is closed."""
        if self.closed:
            return True
        if self.stalled:
            self.to_client.clear()
            self.to_server.clear()
        if self.kill is not None:
            if self.kill == "cut":
                self._cut()
            else:
                self._close(abort=True)
        elif self.doomed is not None:
            if not (self.to_client if self.doomed == "client" else self.to_server):
                self._cut(graceful_server=self.doomed == "server")
        elif self.stalled:
            if self.client_eof:  # the client left: nobody to stall any more
                self._close(abort=False)
        else:
            self._pass_half_closes_on()
        return self.closed

    def _pass_half_closes_on(self) -> None:
        """Once everything sent before an end of stream is through, pass the end on; close
        when both directions have ended."""
        server = self.server
        assert server is not None
        if self.client_eof and not self.to_server and not self.server_shut:
            self.server_shut = True
            with contextlib.suppress(OSError):
                server.shutdown(socket.SHUT_WR)
        if self.server_eof and not self.to_client and not self.client_shut:
            self.client_shut = True
            with contextlib.suppress(OSError):
                self.client.shutdown(socket.SHUT_WR)
        if self.client_shut and self.server_shut:
            self._close(abort=False, graceful_server=True)

    def _wait(self, stalled: bool) -> tuple[list[socket.socket], list[socket.socket]]:
        server = self.server
        assert server is not None
        reads: list[socket.socket] = []
        writes: list[socket.socket] = []
        if stalled:
            # Read and drop the client's bytes, only to notice when it leaves.
            if not self.client_eof:
                reads.append(self.client)
        elif self.doomed is not None:
            # Drop whatever comes in, from either side, while the last bytes go out.
            reads.extend(
                sock
                for sock, eof in ((self.client, self.client_eof), (server, self.server_eof))
                if not eof
            )
            writes.append(self.client if self.doomed == "client" else server)
        else:
            if not self.client_eof and len(self.to_server) < HIGH_WATER:
                reads.append(self.client)
            if not self.server_eof and len(self.to_client) < HIGH_WATER:
                reads.append(server)
            if self.to_server:
                writes.append(server)
            if self.to_client:
                writes.append(self.client)
        readable, writable, _ = select.select(reads, writes, [], POLL_SECONDS)
        return readable, writable

    def _from_client(self, data: bytes) -> None:
        if not data:
            self.client_eof = True
            return
        if self.stalled or self.doomed is not None or self.kill is not None:
            return
        proxy = self.proxy
        if proxy._mode == "cut_on_client_bytes":
            pattern = proxy._pattern
            seen = self.client_tail + data
            # Only matches that end in the new bytes: the tail alone was searched before.
            if seen.find(pattern, max(0, len(self.client_tail) - len(pattern) + 1)) != -1:
                proxy._set_mode("pass_through")
                self.doomed = "server"
                self.to_client.clear()
        self.client_tail = (self.client_tail + data)[-max(256, len(proxy._pattern)) :]
        self.to_server += data

    def _from_server(self, data: bytes) -> None:
        if not data:
            self.server_eof = True
            return
        if self.stalled or self.doomed is not None or self.kill is not None:
            return
        proxy = self.proxy
        if proxy._mode == "cut_after" and len(data) >= proxy._budget:
            data = data[: proxy._budget]
            proxy._set_mode("pass_through")
            self.doomed = "client"
            self.to_server.clear()
        elif proxy._mode == "cut_after":
            proxy._budget -= len(data)
        self.to_client += data
