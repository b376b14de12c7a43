"""A throwaway PostgreSQL cluster for the tests that need a real server.

The cluster lives in a temporary directory, listens on a free loopback port with password
(SCRAM) authentication over TCP as a real server does (the superuser's password is in `url`),
runs with fsync off, and is stopped (immediately) and removed at the end of the test session.
When the tests run as root (CI containers), PostgreSQL refuses to run as root, so `initdb` and
`pg_ctl` run as the `postgres` user through `runuser`.
"""

from __future__ import annotations

import os
import pwd
import re
import secrets
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

PG_USER = "postgres"
DEBIAN_PG_ROOT = Path("/usr/lib/postgresql")


class ClusterError(RuntimeError):
    """The PostgreSQL cluster could not be created or started."""


def _version_key(bin_dir: Path) -> tuple[int, ...]:
    """`/usr/lib/postgresql/15/bin` → (15,); unknown layouts sort first."""
    return tuple(int(part) for part in re.findall(r"\d+", bin_dir.parent.name))


def find_pg_bin_dir() -> Path | None:
    """The directory holding `initdb` and `pg_ctl`: PATH first, then Debian's newest version."""
    initdb = shutil.which("initdb")
    if initdb:
        bin_dir = Path(initdb).resolve().parent
        if (bin_dir / "pg_ctl").exists():
            return bin_dir
    candidates = [
        d
        for d in DEBIAN_PG_ROOT.glob("*/bin")
        if (d / "initdb").exists() and (d / "pg_ctl").exists()
    ]
    if not candidates:
        return None
    return max(candidates, key=_version_key)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _running_as_root() -> bool:
    return os.geteuid() == 0


@dataclass
class TempCluster:
    """One `initdb`-made cluster; `start()` then `stop()` (which also removes its files)."""

    bin_dir: Path
    root: Path = field(init=False)
    port: int = field(init=False, default=0)
    password: str = field(init=False, default_factory=lambda: secrets.token_urlsafe(18))

    def __post_init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="basmat-pg-"))
        if _running_as_root():
            try:
                pwd.getpwnam(PG_USER)
            except KeyError:
                shutil.rmtree(self.root, ignore_errors=True)
                raise ClusterError(
                    f"running as root, but there is no '{PG_USER}' user to run PostgreSQL as"
                ) from None
            if shutil.which("runuser") is None:
                shutil.rmtree(self.root, ignore_errors=True)
                raise ClusterError("running as root, but 'runuser' is not installed")
            shutil.chown(self.root, user=PG_USER, group=None)

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def socket_dir(self) -> Path:
        return self.root

    @property
    def log_file(self) -> Path:
        return self.root / "server.log"

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://{PG_USER}:{self.password}@127.0.0.1:{self.port}/postgres"

    def _run(self, tool: str, *args: str) -> subprocess.CompletedProcess[str]:
        command = [str(self.bin_dir / tool), *args]
        if _running_as_root():
            command = ["runuser", "-u", PG_USER, "--", *command]
        return subprocess.run(
            command,
            cwd=self.root,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    def _initdb(self) -> None:
        errors = []
        pwfile = self.root / "pwfile"
        pwfile.write_text(self.password + "\n", encoding="utf-8")
        if _running_as_root():
            shutil.chown(pwfile, user=PG_USER, group=None)
        # C.UTF-8 when the system has it (Unicode-aware lower/upper), plain C otherwise.
        for locale in ("C.UTF-8", "C"):
            shutil.rmtree(self.data_dir, ignore_errors=True)
            result = self._run(
                "initdb",
                "-D",
                str(self.data_dir),
                "-U",
                PG_USER,
                f"--pwfile={pwfile}",
                "--auth-local=trust",
                "--auth-host=scram-sha-256",
                "-E",
                "UTF8",
                f"--locale={locale}",
            )
            if result.returncode == 0:
                return
            errors.append(f"initdb --locale={locale}:\n{result.stdout}\n{result.stderr}")
        raise ClusterError("\n".join(errors))

    def start(self) -> None:
        self._initdb()
        self.port = free_port()
        self._start_server()

    def _start_server(self) -> None:
        options = f"-p {self.port} -k {self.socket_dir} -c listen_addresses=127.0.0.1 -c fsync=off"
        result = self._run(
            "pg_ctl",
            "-D",
            str(self.data_dir),
            "-l",
            str(self.log_file),
            "-w",
            "-t",
            "60",
            "-o",
            options,
            "start",
        )
        if result.returncode != 0:
            log = self.log_file.read_text(errors="replace") if self.log_file.exists() else ""
            raise ClusterError(
                f"pg_ctl start failed ({result.returncode}):\n"
                f"{result.stdout}\n{result.stderr}\n{log}"
            )

    def stop_server(self) -> None:
        """Stop the server (fast: open connections are cut, as in a reboot); files stay."""
        result = self._run("pg_ctl", "-D", str(self.data_dir), "-m", "fast", "-w", "stop")
        if result.returncode != 0:
            raise ClusterError(f"pg_ctl stop failed:\n{result.stdout}\n{result.stderr}")

    def start_server(self) -> None:
        """Start a stopped server again on the same port."""
        self._start_server()

    def restart(self) -> None:
        self.stop_server()
        self._start_server()

    def stop(self) -> None:
        try:
            if (self.data_dir / "postmaster.pid").exists():
                self._run("pg_ctl", "-D", str(self.data_dir), "-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)
