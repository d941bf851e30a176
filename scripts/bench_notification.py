"""Benchmark: a listing published -> the matching student's "new project for you" on
the live stream through the gateway, end to end over the real broker.

    .venv/bin/python scripts/bench_notification.py [--listings 200] [--warmup 20]
        [--synthetic-matches]

Starts an embedded Postgres, the broker, a local SMTP catcher, and as separate
processes the listing, matching and notification services and the gateway. A student
with a profile follows ``GET /v1/me/notifications/stream``; an employer publishes one
listing at a time, and each is timed from the publish request to its notification on
the stream. Each hop is timed from what the platform records and signals:

  listing commit     the publish request until the listing's outbox NOTIFY (its commit)
  to matching        that commit until the matching consumer took the event (its inbox
                     row: relay, broker, consumer fetch)
  matching           scoring and committing MatchFound (the matching outbox NOTIFY)
  to notification    that commit until the notification consumer took MatchFound
                     (relay, broker, consumer fetch)
  notification       making the notification and committing it (its live-stream NOTIFY)
  stream             that commit until the event reached the client (the stream's
                     read, gRPC to the gateway, SSE)

``--synthetic-matches`` leaves the matching service out and answers each
ListingPublished with a MatchFound produced from this process, as the matching service
would produce it (same topic, key, envelope); the "matching" hop is then that stand-in.
Everything it started, it stops; only 127.0.0.1 is used.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import platform as host
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import asyncpg
import httpx

HOST = "127.0.0.1"
SECRET = "bench-internal-secret-not-for-production"  # noqa: S105 - a throwaway platform
JWT_SECRET = "bench-jwt-secret-not-for-production-use"  # noqa: S105
PASSWORD = "benchmark password"  # noqa: S105
HOPS = ("listing commit", "to matching", "matching", "to notification", "notification", "stream")
CHANNELS = {
    "stint_outbox_listing": "listing",
    "stint_outbox_matching": "matching",
    "stint_notifications_notification": "notification",
}


def say(message: str) -> None:
    print(f"[bench] {message}", flush=True)


@dataclass
class Platform:
    base_url: str
    admin_dsn: str
    bootstrap: str
    processes: list[subprocess.Popen[bytes]]
    logs: Path


def _spawn(module: str, env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("ab") as out:
        return subprocess.Popen(
            [sys.executable, "-m", module], env=env, stdout=out, stderr=subprocess.STDOUT
        )


def _env(name: str, dsn: str, bootstrap: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("STINT_")}
    env.update(
        STINT_ENV="development",
        STINT_SERVICE_NAME=name,
        STINT_DATABASE_URL=dsn,
        STINT_DATABASE_SCHEMA=name,
        STINT_KAFKA_BOOTSTRAP_SERVERS=bootstrap,
        STINT_INTERNAL_SECRET=SECRET,
        STINT_LOG_LEVEL="WARNING",
        STINT_METRICS_PORT="0",
        **extra,
    )
    return env


def _wait_ready(running: Platform, timeout_s: float = 90.0) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        for process in running.processes:
            if process.poll() is not None:
                raise RuntimeError(f"{process.args!r} exited; see the logs in {running.logs}")
        with contextlib.suppress(httpx.TransportError):
            if httpx.get(f"{running.base_url}/readyz", timeout=2).status_code == 200:
                return
        time.sleep(0.3)
    raise RuntimeError(f"the gateway was not ready within {timeout_s}s; logs in {running.logs}")


@contextlib.contextmanager
def platform(root: Path, smtp_port: int, with_matching: bool) -> Iterator[Platform]:
    from stint_devstack import infra, provision

    say("starting embedded Postgres and the broker")
    pg = infra.start_postgres(root / "pg", fresh=True)
    broker = infra.start_broker(infra.free_port(), log_path=root / "broker.log")
    processes: list[subprocess.Popen[bytes]] = []
    try:
        dbs = asyncio.run(provision.provision_database(pg.admin_dsn))
        asyncio.run(provision.provision_topics(broker.bootstrap_servers))
        bootstrap = broker.bootstrap_servers
        ports = {name: infra.free_port() for name in ("listing", "matching", "notification")}
        backends = ["listing", "notification"] + (["matching"] if with_matching else [])
        extra = {
            "notification": {"STINT_SMTP_HOST": HOST, "STINT_SMTP_PORT": str(smtp_port)},
        }
        for name in backends:
            say(f"starting the {name} service (gRPC {ports[name]})")
            env = _env(
                name,
                dbs[name].dsn,
                bootstrap,
                STINT_GRPC_PORT=str(ports[name]),
                **extra.get(name, {}),
            )
            processes.append(_spawn(f"stint_{name}", env, root / f"{name}.log"))
        http_port = infra.free_port()
        addresses = {
            f"STINT_{name.upper()}_ADDR": f"{HOST}:{ports[name]}" if name in backends else ""
            for name in ("listing", "matching", "notification")
        }
        gateway_env = _env(
            "gateway",
            dbs["gateway"].dsn,
            bootstrap,
            STINT_HTTP_HOST=HOST,
            STINT_HTTP_PORT=str(http_port),
            STINT_JWT_SECRET=JWT_SECRET,
            STINT_APPLICATION_ADDR="",
            STINT_REPUTATION_ADDR="",
            **addresses,
        )
        say(f"starting the gateway (HTTP {http_port})")
        processes.append(_spawn("stint_gateway", gateway_env, root / "gateway.log"))
        admin = provision.with_database(pg.admin_dsn, provision.DATABASE)
        running = Platform(f"http://{HOST}:{http_port}", admin, bootstrap, processes, root)
        _wait_ready(running)
        say("the gateway is ready")
        yield running
    finally:
        say("stopping the services, the broker and Postgres")
        for process in reversed(processes):
            process.terminate()
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(5)
        broker.stop()
        pg.stop()


# --- the people and the listings ------------------------------------------------------


async def account(http: httpx.AsyncClient, role: str) -> tuple[str, dict[str, str]]:
    email = f"bench-{role}-{uuid.uuid4().hex[:8]}@example.com"
    body: dict[str, Any] = {
        "email": email,
        "password": PASSWORD,
        "role": role,
        "display_name": f"Bench {role}",
    }
    if role == "employer":
        body["organization"] = {"name": "Bench Labs", "industry": "Software"}
    registered = await http.post("/v1/auth/register", json=body)
    registered.raise_for_status()
    token = await http.post("/v1/auth/token", json={"email": email, "password": PASSWORD})
    return str(registered.json()["id"]), {"Authorization": f"Bearer {token.json()['access_token']}"}


PROFILE = {
    "headline": "Data student",
    "interests": ["software"],
    "availability_hours_per_week": 20,
    "remote_ok": True,
    "skills": [
        {"name": "Python", "level": 5},
        {"name": "SQL", "level": 4},
        {"name": "data visualization", "level": 4},
    ],
}


def listing_body(n: int) -> dict[str, Any]:
    return {
        "title": f"Churn dashboard number {n}",
        "description": "Turn our subscription data into a weekly churn dashboard.",
        "industry": "Software",
        "skills": [{"name": "Python", "required": True}, {"name": "SQL", "required": True}],
        "estimated_hours": 20,
        "duration_days": 14,
        "pay": {"amount_cents": 60_000, "currency": "EUR"},
        "remote": True,
        "apply_by": (datetime.now(UTC) + timedelta(days=10)).isoformat(),
    }


# --- what is observed -----------------------------------------------------------------


@dataclass
class Observed:
    """Moments this process saw, as time.time() seconds."""

    arrived: dict[str, float] = field(default_factory=dict)
    """Listing id -> when its notification reached the stream's client."""
    signals: dict[str, list[float]] = field(default_factory=dict)
    """Service -> when each of its commits was signalled (NOTIFY)."""
    wake: asyncio.Event = field(default_factory=asyncio.Event)


async def follow(
    http: httpx.AsyncClient, auth: dict[str, str], seen: Observed, ready: asyncio.Event
) -> None:
    async with http.stream("GET", "/v1/me/notifications/stream", headers=auth) as response:
        response.raise_for_status()
        ready.set()
        async for line in response.aiter_lines():
            if line.startswith("data: "):
                at = time.time()
                found = json.loads(line[6:])
                seen.arrived[found["data"].get("listing_id", "")] = at
                seen.wake.set()


async def listen(dsn: str, seen: Observed) -> asyncpg.Connection:
    conn: asyncpg.Connection = await asyncpg.connect(dsn)

    def note(_c: object, _pid: int, channel: str, _payload: object) -> None:
        seen.signals.setdefault(CHANNELS[channel], []).append(time.time())

    for channel in CHANNELS:
        await conn.add_listener(channel, note)
    return conn


def _first_after(moments: list[float], after: float) -> float:
    return min((m for m in moments if m >= after), default=float("nan"))


async def hops(
    conn: asyncpg.Connection, listing_id: str, started: float, seen: Observed, matching_schema: str
) -> dict[str, float]:
    """The moments of one listing's path, from the rows and signals it left."""
    from stint.matching.v1 import events_pb2 as matching_events

    published = await conn.fetchrow(
        "SELECT event_id FROM listing.outbox WHERE key = $1 "
        "AND event_type = 'stint.listing.v1.ListingPublished'",
        listing_id,
    )
    if published is None:
        return dict.fromkeys(HOPS, float("nan"))
    taken = await conn.fetchval(
        f"SELECT handled_at FROM {matching_schema}.inbox WHERE event_id = $1",  # noqa: S608
        published["event_id"],
    )
    match_id, match_taken = None, None
    for row in await conn.fetch(
        f"SELECT event_id, payload FROM {matching_schema}.outbox "  # noqa: S608
        "WHERE event_type = 'stint.matching.v1.MatchFound' ORDER BY id DESC LIMIT 20"
    ):
        if matching_events.MatchFound.FromString(row["payload"]).match.listing_id == listing_id:
            match_id = row["event_id"]
    if match_id is not None:
        match_taken = await conn.fetchval(
            "SELECT handled_at FROM notification.inbox WHERE event_id = $1", match_id
        )
    listing_commit = _first_after(seen.signals.get("listing", []), started)
    matching_taken = taken.timestamp() if taken else float("nan")
    matching_commit = _first_after(seen.signals.get("matching", []), matching_taken)
    notification_taken = match_taken.timestamp() if match_taken else float("nan")
    notification_commit = _first_after(seen.signals.get("notification", []), notification_taken)
    return {
        "listing commit": listing_commit - started,
        "to matching": matching_taken - listing_commit,
        "matching": matching_commit - matching_taken,
        "to notification": notification_taken - matching_commit,
        "notification": notification_commit - notification_taken,
        "stream": seen.arrived[listing_id] - notification_commit,
    }


# --- the stand-in matching service (--synthetic-matches) ------------------------------


async def synthetic_matching(
    bootstrap: str, student_id: str, stop: asyncio.Event, conn: asyncpg.Connection
) -> None:
    """Answers every ListingPublished with a MatchFound for the student, produced as the
    matching service's relay would (topic, key, envelope headers), and records an inbox
    and outbox row in the bench's own table so that the hops can be read the same way."""
    from aiokafka import AIOKafkaConsumer, AIOKafkaProducer

    from stint.listing.v1 import events_pb2 as listing_events
    from stint.matching.v1 import events_pb2 as matching_events
    from stint.matching.v1 import matching_pb2
    from stint_runtime.kafka.headers import envelope_headers, received_event

    await conn.execute("SELECT pg_notify('stint_outbox_matching', '')")  # channel warm-up
    consumer = AIOKafkaConsumer(
        "stint.listing.v1",
        bootstrap_servers=bootstrap,
        group_id=None,
        auto_offset_reset="earliest",
        fetch_max_wait_ms=50,
    )
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all", linger_ms=0)
    await consumer.start()
    await producer.start()
    try:
        while not stop.is_set():
            batches = await consumer.getmany(timeout_ms=200)
            for records in batches.values():
                for record in records:
                    event = received_event(record)
                    if event.event_type != "stint.listing.v1.ListingPublished":
                        continue
                    taken = datetime.now(UTC)
                    listing = listing_events.ListingPublished.FromString(event.payload).listing
                    found = matching_events.MatchFound(
                        match=matching_pb2.Match(
                            listing_id=listing.id,
                            student_id=student_id,
                            score=0.9,
                            reasons=["You know Python."],
                        ),
                        listing_title=listing.title,
                        organization_name=listing.organization_name,
                        industry=listing.industry,
                        apply_by=listing.apply_by,
                        match_id=str(uuid.uuid5(uuid.NAMESPACE_URL, listing.id + student_id)),
                    )
                    event_id = uuid.uuid4()
                    await conn.execute(
                        "INSERT INTO bench_matching.inbox (event_id, handled_at) VALUES ($1, $2)",
                        uuid.UUID(event.event_id),
                        taken,
                    )
                    await conn.execute(
                        "INSERT INTO bench_matching.outbox (event_id, event_type, payload) "
                        "VALUES ($1, 'stint.matching.v1.MatchFound', $2)",
                        event_id,
                        found.SerializeToString(),
                    )
                    await conn.execute("SELECT pg_notify('stint_outbox_matching', '')")
                    headers = envelope_headers(
                        event_id=event_id,
                        event_type=found.DESCRIPTOR.full_name,
                        occurred_at=datetime.now(UTC),
                        producer="matching",
                        aggregate_id=student_id,
                        trace_context={},
                    )
                    await producer.send_and_wait(
                        "stint.matching.v1",
                        found.SerializeToString(),
                        key=student_id.encode(),
                        headers=headers,
                    )
    finally:
        await consumer.stop()
        await producer.stop()


async def _stand_in_tables(conn: asyncpg.Connection) -> None:
    await conn.execute("CREATE SCHEMA IF NOT EXISTS bench_matching")
    await conn.execute(
        "CREATE TABLE IF NOT EXISTS bench_matching.inbox "
        "(event_id uuid PRIMARY KEY, handled_at timestamptz NOT NULL)"
    )
    await conn.execute(
        "CREATE TABLE IF NOT EXISTS bench_matching.outbox (id bigserial "
        "PRIMARY KEY, event_id uuid, event_type text, payload bytea)"
    )


# --- the run --------------------------------------------------------------------------


async def run(running: Platform, listings: int, warmup: int, synthetic: bool) -> dict[str, Any]:
    seen = Observed()
    async with (
        httpx.AsyncClient(base_url=running.base_url, timeout=15) as http,
        httpx.AsyncClient(
            base_url=running.base_url, timeout=httpx.Timeout(15, read=None)
        ) as streaming,
    ):
        _, owner = await account(http, "employer")
        student_id, student = await account(http, "student")
        if not synthetic:
            (await http.put("/v1/me/profile", json=PROFILE, headers=student)).raise_for_status()
        listener = await listen(running.admin_dsn, seen)
        reader: asyncpg.Connection = await asyncpg.connect(running.admin_dsn)
        stop = asyncio.Event()
        tasks: list[asyncio.Task[None]] = []
        if synthetic:
            await _stand_in_tables(reader)
            stand_in = await asyncpg.connect(running.admin_dsn)
            tasks.append(
                asyncio.create_task(
                    synthetic_matching(running.bootstrap, student_id, stop, stand_in)
                )
            )
        ready = asyncio.Event()
        tasks.append(asyncio.create_task(follow(streaming, student, seen, ready)))
        await asyncio.wait_for(ready.wait(), 15)
        totals: list[float] = []
        parts: dict[str, list[float]] = {hop: [] for hop in HOPS}
        lost = 0
        try:
            for n in range(warmup + listings):
                draft = await http.post("/v1/listings", json=listing_body(n), headers=owner)
                draft.raise_for_status()
                listing_id = str(draft.json()["id"])
                seen.wake.clear()
                started = time.time()
                (
                    await http.post(f"/v1/listings/{listing_id}/publish", headers=owner)
                ).raise_for_status()
                try:
                    async with asyncio.timeout(10):
                        while listing_id not in seen.arrived:
                            await seen.wake.wait()
                            seen.wake.clear()
                except TimeoutError:
                    lost += 1
                    say(f"listing {n}: no notification within 10 s")
                    continue
                if n < warmup:
                    continue
                totals.append(seen.arrived[listing_id] - started)
                schema = "bench_matching" if synthetic else "matching"
                for hop, seconds in (await hops(reader, listing_id, started, seen, schema)).items():
                    parts[hop].append(seconds)
                if (n - warmup + 1) % 50 == 0:
                    say(f"{n - warmup + 1} listings timed")
        finally:
            stop.set()
            for task in tasks:
                task.cancel()
            for task in tasks:
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await task
            await listener.close()
            await reader.close()
    return {"totals": totals, "parts": parts, "lost": lost}


def _percentile(values: list[float], p: float) -> float:
    clean = sorted(v for v in values if v == v)
    if not clean:
        return float("nan")
    return clean[min(len(clean) - 1, int(p / 100 * len(clean)))]


def report(found: dict[str, Any], synthetic: bool) -> None:
    totals: list[float] = found["totals"]
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        host.processor(),
    )
    print(
        f"\nmachine: {os.cpu_count()} CPUs ({cpu}), Python {host.python_version()}, "
        f"embedded Postgres and Tansu broker"
    )
    print(f"matching: {'synthetic stand-in' if synthetic else 'the real matching service'}")
    print(f"listings timed: {len(totals)}, without a notification: {found['lost']}\n")
    print(f"{'hop':<18}{'p50 ms':>10}{'p99 ms':>10}{'mean ms':>10}")
    for hop, values in found["parts"].items():
        clean = [v for v in values if v == v]
        mean = statistics.fmean(clean) * 1e3 if clean else float("nan")
        print(
            f"{hop:<18}{_percentile(values, 50) * 1e3:>10.1f}"
            f"{_percentile(values, 99) * 1e3:>10.1f}{mean:>10.1f}"
        )
    print(
        f"{'end to end':<18}{_percentile(totals, 50) * 1e3:>10.1f}"
        f"{_percentile(totals, 99) * 1e3:>10.1f}{statistics.fmean(totals) * 1e3:>10.1f}"
    )


@contextlib.contextmanager
def mail_catcher(root: Path) -> Iterator[int]:
    from aiosmtpd.controller import Controller
    from aiosmtpd.handlers import Mailbox

    from stint_devstack import infra

    port = infra.free_port()
    controller = Controller(Mailbox(root / "mail"), hostname=HOST, port=port)
    controller.start()
    try:
        yield port
    finally:
        controller.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--listings", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--synthetic-matches", action="store_true")
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="stint-bench-notification-"))
    try:
        with (
            mail_catcher(root) as smtp_port,
            platform(root, smtp_port, with_matching=not args.synthetic_matches) as running,
        ):
            found = asyncio.run(run(running, args.listings, args.warmup, args.synthetic_matches))
        report(found, args.synthetic_matches)
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
