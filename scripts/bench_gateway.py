"""Benchmark of the gateway: GET /v1/listings/{id} through the gateway and the listing
service, next to a bare FastAPI endpoint served by the same uvicorn server.

    .venv/bin/python scripts/bench_gateway.py [--requests 2000] [--concurrency 16] [--record]

Starts an embedded Postgres and a broker in a temporary directory, the listing service
and the gateway as separate processes (the gateway with an extra ``/bench/bare`` route
returning a small JSON document), creates and publishes one listing, then measures
each endpoint with a bounded number of requests at fixed concurrency from this process
over keep-alive connections to 127.0.0.1 only. Everything it started, it stops.
``--record`` writes the read path's rate into docs/capacity/figures.json.
"""

from __future__ import annotations

import argparse
import asyncio
import inspect
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx

from stint_capacity.figures import record

HOST = "127.0.0.1"
SECRET = "bench-internal-secret-not-for-production"  # noqa: S105 - a throwaway platform
JWT_SECRET = "bench-jwt-secret-not-for-production-use"  # noqa: S105


def say(message: str) -> None:
    print(f"[bench] {message}", flush=True)


# --- the gateway process: the real app plus one bare route -------------------------


def serve_gateway() -> None:
    """The gateway app, plus on the same server: ``/bench/bare`` from a bare FastAPI app
    (no middleware at all) and ``/bench/gateway-bare``, the same handler inside the
    gateway app (its middleware, no downstream call)."""
    import uvicorn
    from fastapi import FastAPI
    from starlette.types import Receive, Scope, Send

    from stint_gateway.app import create_app
    from stint_gateway.settings import GatewaySettings

    settings = GatewaySettings()
    gateway = create_app(settings)
    # Bare: no middleware, and none of the framework's own tracing where it has some.
    quiet: dict[str, Any] = {}
    if "telemetry" in inspect.signature(FastAPI.__init__).parameters:
        quiet["telemetry"] = {"tracing": False, "metrics": False, "logs": False}
    bare = FastAPI(openapi_url=None, docs_url=None, redoc_url=None, **quiet)

    async def small_json() -> dict[str, Any]:
        return {"status": "ok", "items": [1, 2, 3], "name": "bare"}

    bare.get("/bench/bare")(small_json)
    gateway.get("/bench/gateway-bare", include_in_schema=False)(small_json)

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        target = bare if scope["type"] == "http" and scope["path"] == "/bench/bare" else gateway
        await target(scope, receive, send)

    uvicorn.Server(
        uvicorn.Config(
            app,
            host=HOST,
            port=settings.http_port,
            log_config=None,
            access_log=False,
            lifespan="on",
            http="httptools",  # as the gateway serves
            loop="asyncio",
        )
    ).run()


# --- the platform under test ---------------------------------------------------------


@dataclass
class Platform:
    base_url: str
    processes: list[subprocess.Popen[bytes]]
    logs: Path


def _spawn(args: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("ab") as out:
        return subprocess.Popen(args, env=env, stdout=out, stderr=subprocess.STDOUT)


def _service_env(dsn: str, bootstrap: str, **extra: str) -> dict[str, str]:
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


def _wait_ready(platform: Platform, timeout_s: float = 60.0) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        for process in platform.processes:
            if process.poll() is not None:
                raise RuntimeError(f"{process.args!r} exited; see the logs in {platform.logs}")
        try:
            if httpx.get(f"{platform.base_url}/readyz", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"the gateway was not ready within {timeout_s}s; logs in {platform.logs}")


@contextmanager
def platform(root: Path) -> Iterator[Platform]:
    from stint_devstack import infra, provision

    say("starting embedded Postgres and the broker")
    pg = infra.start_postgres(root / "pg", fresh=True)
    broker = infra.start_broker(infra.free_port(), log_path=root / "broker.log")
    processes: list[subprocess.Popen[bytes]] = []
    try:
        say("provisioning databases and topics")
        dbs = asyncio.run(provision.provision_database(pg.admin_dsn))
        asyncio.run(provision.provision_topics(broker.bootstrap_servers))
        listing_port, http_port = infra.free_port(), infra.free_port()
        say(
            f"starting the listing service (gRPC {listing_port}) and the gateway (HTTP {http_port})"
        )
        processes.append(
            _spawn(
                [sys.executable, "-m", "stint_listing"],
                _service_env(
                    dbs["listing"].dsn, broker.bootstrap_servers, STINT_GRPC_PORT=str(listing_port)
                ),
                root / "listing.log",
            )
        )
        processes.append(
            _spawn(
                [
                    sys.executable,
                    *os.environ.get("BENCH_PROFILE_ARGS", "").split(),
                    str(Path(__file__).resolve()),
                    "serve-gateway",
                ],
                _service_env(
                    dbs["gateway"].dsn,
                    broker.bootstrap_servers,
                    STINT_HTTP_HOST=HOST,
                    STINT_HTTP_PORT=str(http_port),
                    STINT_LISTING_ADDR=f"{HOST}:{listing_port}",
                    # Only the listing service runs: the others are not deployed.
                    STINT_APPLICATION_ADDR="",
                    STINT_MATCHING_ADDR="",
                    STINT_NOTIFICATION_ADDR="",
                    STINT_REPUTATION_ADDR="",
                    STINT_JWT_SECRET=JWT_SECRET,
                ),
                root / "gateway.log",
            )
        )
        running = Platform(f"http://{HOST}:{http_port}", processes, root)
        _wait_ready(running)
        say("gateway ready")
        yield running
    finally:
        say("stopping the gateway, the listing service, the broker and Postgres")
        for process in reversed(processes):
            process.terminate()
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(5)
        broker.stop()
        pg.stop()


def publish_one_listing(base_url: str) -> str:
    email = f"bench-{uuid.uuid4().hex[:8]}@example.com"
    with httpx.Client(base_url=base_url, timeout=10) as http:
        http.post(
            "/v1/auth/register",
            json={
                "email": email,
                "password": "benchmark password",
                "role": "employer",
                "display_name": "Bench Employer",
                "organization": {"name": "Bench Labs", "industry": "Software"},
            },
        ).raise_for_status()
        token = http.post(
            "/v1/auth/token", json={"email": email, "password": "benchmark password"}
        ).json()["access_token"]
        auth = {"Authorization": f"Bearer {token}"}
        listing = http.post(
            "/v1/listings",
            headers=auth,
            json={
                "title": "Benchmark the gateway",
                "description": "Measure how fast listings are read through the gateway.",
                "industry": "Software",
                "skills": [{"name": "Python", "required": True}],
                "estimated_hours": 10,
                "duration_days": 7,
                "pay": {"amount_cents": 50_000, "currency": "EUR"},
                "remote": True,
                "apply_by": (datetime.now(UTC) + timedelta(days=7)).isoformat(),
            },
        )
        listing.raise_for_status()
        listing_id = str(listing.json()["id"])
        http.post(f"/v1/listings/{listing_id}/publish", headers=auth).raise_for_status()
    return listing_id


# --- the load generator: raw HTTP/1.1 keep-alive, as little client work as possible --


@dataclass(frozen=True)
class Result:
    name: str
    requests: int
    seconds: float
    latencies: list[float]
    failures: int

    @property
    def rate(self) -> float:
        return self.requests / self.seconds

    def percentile(self, p: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))]


async def _read_response(reader: asyncio.StreamReader) -> int:
    status = int((await reader.readline()).split()[1])
    length = 0
    while (line := await reader.readline()) not in (b"\r\n", b""):
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    await reader.readexactly(length)
    return status


async def _worker(port: int, path: str, left: list[int], latencies: list[float]) -> int:
    reader, writer = await asyncio.open_connection(HOST, port)
    request = f"GET {path} HTTP/1.1\r\nHost: {HOST}:{port}\r\n\r\n".encode()
    failures = 0
    try:
        while left[0] > 0:
            left[0] -= 1
            started = time.perf_counter()
            writer.write(request)
            status = await _read_response(reader)
            latencies.append(time.perf_counter() - started)
            failures += status != 200
    finally:
        writer.close()
        await writer.wait_closed()
    return failures


async def load(name: str, port: int, path: str, requests: int, concurrency: int) -> Result:
    latencies: list[float] = []
    left = [requests]
    started = time.perf_counter()
    failures = await asyncio.gather(
        *(_worker(port, path, left, latencies) for _ in range(concurrency))
    )
    return Result(name, requests, time.perf_counter() - started, latencies, sum(failures))


def measure(base_url: str, paths: dict[str, str], requests: int, concurrency: int) -> list[Result]:
    port = int(base_url.rsplit(":", 1)[1])
    results = []
    for name, path in paths.items():
        say(f"warming up {name} ({path})")
        asyncio.run(load(name, port, path, max(200, requests // 10), concurrency))
        say(f"measuring {name}: {requests} requests at concurrency {concurrency}")
        result = asyncio.run(load(name, port, path, requests, concurrency))
        if result.failures:
            raise RuntimeError(f"{name}: {result.failures} responses were not 200")
        results.append(result)
    return results


def report(results: list[Result]) -> None:
    print(
        f"\n{'endpoint':<24}{'req/s':>10}{'p50 ms':>10}{'p90 ms':>10}{'p99 ms':>10}{'mean ms':>10}"
    )
    for r in results:
        print(
            f"{r.name:<24}{r.rate:>10.0f}{r.percentile(50) * 1e3:>10.2f}"
            f"{r.percentile(90) * 1e3:>10.2f}{r.percentile(99) * 1e3:>10.2f}"
            f"{statistics.fmean(r.latencies) * 1e3:>10.2f}"
        )
    bare = results[0]
    for r in results[1:]:
        print(
            f"{r.name} vs {bare.name}: throughput x{r.rate / bare.rate:.2f}, "
            f"p50 x{r.percentile(50) / bare.percentile(50):.1f}, "
            f"p99 x{r.percentile(99) / bare.percentile(99):.1f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", nargs="?", choices=("run", "serve-gateway"), default="run")
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    parser.add_argument("--record", action="store_true", help="write the figure for capacity")
    args = parser.parse_args()
    if args.command == "serve-gateway":
        serve_gateway()
        return
    root = Path(tempfile.mkdtemp(prefix="stint-bench-"))
    try:
        with platform(root) as running:
            say("registering an employer, creating and publishing one listing")
            listing_id = publish_one_listing(running.base_url)
            paths = {
                "bare FastAPI": "/bench/bare",
                "gateway middleware": "/bench/gateway-bare",
                "GET /v1/listings/{id}": f"/v1/listings/{listing_id}",
            }
            results = measure(running.base_url, paths, args.requests, args.concurrency)
        report(results)
        if args.record:
            record(
                "gateway_read_requests_per_s", results[-1].rate, unit="requests/s",
                source="scripts/bench_gateway.py",
                what="GET /v1/listings/{id} through the gateway and the listing service at "
                f"concurrency {args.concurrency}",
            )  # fmt: skip
    finally:
        if args.keep:
            say(f"logs and data kept in {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
