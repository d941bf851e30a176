"""``python -m stint_devstack run`` (what ``scripts/run`` execs) started in a data
directory of its own, on free ports, without demo data: the platform as an operator
runs it, every service a supervised process, found again through ``run.json``."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from stint_devstack import run_state
from stint_devstack.infra import alive

PORT_OPTIONS = (
    "--gateway-port",
    "--broker-port",
    "--listing-port",
    "--application-port",
    "--matching-port",
    "--notification-port",
    "--reputation-port",
    "--smtp-port",
)

# Settings every service inherits from the runner: quick dead letters for the poison
# records, and a gateway that takes over a keyed request whose first attempt died
# with it after 5 s rather than a minute.
FAULT_SETTINGS = {
    "STINT_CONSUMER_MAX_ATTEMPTS": "3",
    "STINT_CONSUMER_BACKOFF_S": "0.05",
    "STINT_IDEMPOTENCY_LEASE_S": "5",
    "STINT_LOG_LEVEL": "INFO",
}


@dataclass
class Stack:
    data_dir: Path
    process: subprocess.Popen[bytes]
    output: Path

    def state(self) -> dict[str, Any]:
        return run_state.read(self.data_dir / run_state.FILE_NAME)

    @property
    def gateway_url(self) -> str:
        return str(self.state()["gateway_url"])

    @property
    def bootstrap(self) -> str:
        return f"127.0.0.1:{self.state()['ports']['broker']}"

    @property
    def admin_dsn(self) -> str:
        return f"postgresql://postgres@/stint?host={self.state()['postgres_socket_dir']}"

    @property
    def pg_data(self) -> Path:
        return self.data_dir / "pg"

    @property
    def maildir(self) -> Path:
        return self.data_dir / "mail"

    @property
    def analytics_db(self) -> Path:
        return self.data_dir / "analytics.duckdb"

    def pid(self, service: str) -> int:
        return int(self.state()["services"][service])

    def log(self, service: str) -> Path:
        return self.data_dir / "logs" / f"{service}.log"

    def tail(self, lines: int = 40) -> str:
        return "\n".join(self.output.read_text(errors="replace").splitlines()[-lines:])


def start(
    data_dir: Path, *, extra_env: dict[str, str] | None = None, timeout_s: float = 120
) -> Stack:
    data_dir.mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("STINT_")}
    env.update({"NO_COLOR": "1", **FAULT_SETTINGS, **(extra_env or {})})
    env.pop("DATABASE_URL", None)
    env.pop("KAFKA_BOOTSTRAP_SERVERS", None)
    args = [sys.executable, "-m", "stint_devstack", "run", "--data-dir", str(data_dir), "--no-demo"]
    for option in PORT_OPTIONS:
        args += [option, "0"]
    output = data_dir / "run.out"
    with output.open("wb") as sink:
        process = subprocess.Popen(args, env=env, stdout=sink, stderr=subprocess.STDOUT)
    stack = Stack(data_dir, process, output)
    deadline = time.monotonic() + timeout_s
    while "Stint is running" not in output.read_text(errors="replace"):
        if process.poll() is not None or time.monotonic() > deadline:
            stop(stack)
            raise RuntimeError(f"the platform did not start:\n{stack.tail()}")
        time.sleep(0.2)
    return stack


def stop(stack: Stack, timeout_s: float = 40) -> None:
    """SIGTERM the runner (it stops services, broker, Postgres), then anything of this
    data directory still alive (a Postgres restarted behind the runner's back)."""
    if stack.process.poll() is None:
        stack.process.send_signal(signal.SIGTERM)
        try:
            stack.process.wait(timeout_s)
        except subprocess.TimeoutExpired:
            stack.process.kill()
            stack.process.wait(5)
    for pid in _mentioning(str(stack.data_dir)):
        os.kill(pid, signal.SIGKILL)


async def ready(stack: Stack) -> bool:
    try:
        async with httpx.AsyncClient(timeout=2) as client:
            return (await client.get(f"{stack.gateway_url}/readyz")).status_code == 200
    except (httpx.HTTPError, OSError, KeyError, ValueError):
        return False


async def wait_ready(stack: Stack, timeout_s: float = 60) -> float:
    loop = asyncio.get_running_loop()
    started = loop.time()
    while not await ready(stack):
        if loop.time() - started > timeout_s:
            raise TimeoutError(f"the platform was not ready within {timeout_s} s:\n{stack.tail()}")
        await asyncio.sleep(0.2)
    return loop.time() - started


def _mentioning(text: str) -> set[int]:
    found: set[int] = set()
    for name in os.listdir("/proc"):
        if not name.isdigit() or int(name) == os.getpid():
            continue
        try:
            cmdline = Path(f"/proc/{name}/cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if text in cmdline and alive(int(name)):
            found.add(int(name))
    return found
