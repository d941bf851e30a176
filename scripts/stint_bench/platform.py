"""The part of the platform the gateway benchmark reads through, as separate processes
on 127.0.0.1: embedded Postgres and broker, the listing and application services, and
the benchmark's gateway app (``stint_bench.gateway_app``). Everything it starts, it
stops."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from stint_devstack import infra, provision

__all__ = ["HOST", "Platform", "platform"]

HOST = "127.0.0.1"
SECRET = "bench-internal-secret-not-for-production"  # noqa: S105 - a throwaway platform
JWT_SECRET = "bench-jwt-secret-not-for-production-use"  # noqa: S105


@dataclass
class Platform:
    base_url: str
    pids: dict[str, int]
    logs: Path


def say(message: str) -> None:
    print(f"[bench] {message}", flush=True)


def _environment(dsn: str, bootstrap: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("STINT_")}
    env.update(
        STINT_ENV="development",
        STINT_DATABASE_URL=dsn,
        STINT_KAFKA_BOOTSTRAP_SERVERS=bootstrap,
        STINT_INTERNAL_SECRET=SECRET,
        STINT_LOG_LEVEL="WARNING",
        **extra,
    )
    return env


@contextmanager
def platform(root: Path) -> Iterator[Platform]:
    say("starting embedded Postgres and the broker")
    pg = infra.start_postgres(root / "pg", fresh=True)
    broker = infra.start_broker(infra.free_port(), log_path=root / "broker.log")
    processes: dict[str, subprocess.Popen[bytes]] = {}
    try:
        dbs = asyncio.run(provision.provision_database(pg.admin_dsn))
        asyncio.run(provision.provision_topics(broker.bootstrap_servers))
        ports = {name: infra.free_port() for name in ("listing", "application", "gateway")}
        for name in ("listing", "application"):
            env = _environment(
                dbs[name].dsn, broker.bootstrap_servers, STINT_GRPC_PORT=str(ports[name])
            )
            processes[name] = _spawn([sys.executable, "-m", f"stint_{name}"], env, root)
        env = _environment(
            dbs["gateway"].dsn,
            broker.bootstrap_servers,
            STINT_HTTP_HOST=HOST,
            STINT_HTTP_PORT=str(ports["gateway"]),
            STINT_JWT_SECRET=JWT_SECRET,
            STINT_LISTING_ADDR=f"{HOST}:{ports['listing']}",
            STINT_APPLICATION_ADDR=f"{HOST}:{ports['application']}",
            # Not deployed for this benchmark.
            STINT_MATCHING_ADDR="",
            STINT_NOTIFICATION_ADDR="",
            STINT_REPUTATION_ADDR="",
        )
        processes["gateway"] = _spawn([sys.executable, "-m", "stint_bench.gateway_app"], env, root)
        say(f"services started: {', '.join(f'{n} :{p}' for n, p in ports.items())}")
        running = Platform(
            f"http://{HOST}:{ports['gateway']}", {n: p.pid for n, p in processes.items()}, root
        )
        _wait_ready(running, processes)
        yield running
    finally:
        say("stopping the services, the broker and Postgres")
        for process in reversed(processes.values()):
            process.terminate()
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(5)
        broker.stop()
        pg.stop()


def _spawn(args: list[str], env: dict[str, str], root: Path) -> subprocess.Popen[bytes]:
    log = root / f"{args[-1].rsplit('.', 1)[-1]}.log"
    with log.open("ab") as out:
        return subprocess.Popen(args, env=env, stdout=out, stderr=subprocess.STDOUT)


def _wait_ready(
    running: Platform, processes: dict[str, subprocess.Popen[bytes]], timeout_s: float = 60.0
) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        for name, process in processes.items():
            if process.poll() is not None:
                raise RuntimeError(f"{name} exited; see the logs in {running.logs}")
        try:
            if httpx.get(f"{running.base_url}/readyz", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"the gateway was not ready within {timeout_s}s; logs in {running.logs}")
