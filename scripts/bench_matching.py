"""Benchmark of the matching service against the issue's targets, on this machine.

    .venv/bin/python scripts/bench_matching.py [--profiles 100000] [--listings 10000]
        [--requests 4000] [--concurrency 16] [--seed 7] [--record]

It starts an embedded Postgres and broker in a temporary directory, provisions them
as ``scripts/run`` does, writes synthetic profiles and open listings straight into the
matching service's tables (COPY), starts the real service (gRPC, consumers, relay) and
measures:

1. the index rebuilt from the tables (as the service does at start), and its memory;
2. scoring one newly published listing against every profile (compute only, numpy);
3. the service started as its own process (``python -m stint_matching``); a
   ListingPublished event produced to the broker until every MatchFound of it is
   committed to the outbox (consume, score, claim, write the events);
4. ``Recommend`` over real gRPC from ``--concurrency`` concurrent callers in this
   process: p50/p99 as the callers see them (the service's own time is less);
5. the service process's memory with everything loaded.

Everything it started it stops; the temporary directory is removed. ``--record`` writes
the scoring rate, the share of students matched, the index's memory per profile and the
``Recommend`` rate into docs/capacity/figures.json for the capacity model.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

import asyncpg
import psutil
from aiokafka import AIOKafkaProducer
from google.protobuf.timestamp_pb2 import Timestamp

from stint.common.v1 import common_pb2
from stint.listing.v1 import events_pb2, listing_pb2
from stint.matching.v1 import matching_service_pb2 as api
from stint.matching.v1 import matching_service_pb2_grpc
from stint_capacity.figures import record
from stint_devstack import infra, provision
from stint_matching.domain.index import MatchIndex
from stint_matching.main import MIGRATIONS
from stint_matching.settings import MatchingSettings
from stint_matching.store.refresh import catch_up
from stint_matching.wire import listing_view
from stint_runtime import db, identity, topics
from stint_runtime.identity import Caller
from stint_runtime.kafka.headers import envelope_headers
from stint_runtime.rpc.client import open_channel
from stint_runtime.service import migrate_only
from stint_runtime.timestamps import to_timestamp

SECRET = "bench-internal-secret-of-enough-length"  # noqa: S105 (a local benchmark's)
POOLS = {
    "software": ["python", "sql", "javascript", "typescript", "react", "go", "docker", "ci"],
    "design": ["figma", "ux research", "prototyping", "illustration", "css", "accessibility"],
    "marketing": ["seo", "copywriting", "social media", "market research", "presentation"],
    "finance": ["microsoft excel", "bookkeeping", "financial modeling", "accounting", "sql"],
    "climate": ["gis", "python", "data analysis", "policy research", "writing"],
    "health care": ["statistics", "r", "writing", "data analysis", "python"],
    "education": ["writing", "presentation", "video editing", "research"],
    "media and publishing": ["writing", "copywriting", "video editing", "seo", "photography"],
}
INDUSTRIES = list(POOLS)
PLACES = ["berlin", "leipzig", "rotterdam", "lisbon", "", "", ""]
PROFILE_COLUMNS = [
    "student_id", "headline", "skill_names", "skill_levels", "interests",
    "availability_hours_per_week", "remote_ok", "location", "updated_at", "version",
]  # fmt: skip
LISTING_COLUMNS = [
    "listing_id", "organization_id", "organization_name", "title", "industry", "skill_names",
    "skill_required", "estimated_hours", "duration_days", "remote", "location", "status",
    "apply_by", "published_at", "version", "message",
]  # fmt: skip


def say(message: str) -> None:
    print(f"[bench] {message}", flush=True)


def parse(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--profiles", type=int, default=100_000)
    parser.add_argument("--listings", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=4000)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--record", action="store_true", help="write the figures for capacity")
    return parser.parse_args(argv)


def profile_rows(count: int, rng: random.Random, now: datetime) -> list[tuple[object, ...]]:
    rows: list[tuple[object, ...]] = []
    for _ in range(count):
        home = rng.choice(INDUSTRIES)
        names = rng.sample(POOLS[home], k=min(len(POOLS[home]), rng.randint(2, 5)))
        names += rng.sample(POOLS[rng.choice(INDUSTRIES)], k=1)
        skills = list(dict.fromkeys(names))
        rows.append((
            uuid.uuid4(), "", skills, [rng.randint(1, 5) for _ in skills],
            [home] + ([rng.choice(INDUSTRIES)] if rng.random() < 0.3 else []),
            rng.choice([5, 10, 15, 20, 30]), rng.random() < 0.8, rng.choice(PLACES), now, 1,
        ))  # fmt: skip
    return rows


def listing_message(rng: random.Random, now: datetime, industry: str) -> listing_pb2.Listing:
    names = rng.sample(POOLS[industry], k=min(len(POOLS[industry]), rng.randint(2, 4)))
    remote = rng.random() < 0.7
    return listing_pb2.Listing(
        id=str(uuid.uuid4()), organization_id=str(uuid.uuid4()), organization_name="Bench Org",
        title=f"{industry} project", description="A synthetic project.", industry=industry,
        skills=[listing_pb2.SkillRequirement(name=n, required=i < 2) for i, n in enumerate(names)],
        estimated_hours=rng.choice([10, 20, 30, 40]), duration_days=rng.choice([7, 14, 21]),
        pay=common_pb2.Money(amount_cents=100_000, currency="EUR"), remote=remote,
        location="" if remote else rng.choice(PLACES[:4]).capitalize(),
        apply_by=_stamp(now + timedelta(days=30)), slots=1,
        status=listing_pb2.LISTING_STATUS_OPEN, created_at=_stamp(now),
        published_at=_stamp(now), updated_at=_stamp(now), version=2,
    )  # fmt: skip


def _stamp(moment: datetime) -> Timestamp:
    return to_timestamp(moment)


def listing_rows(count: int, rng: random.Random, now: datetime) -> list[tuple[object, ...]]:
    rows: list[tuple[object, ...]] = []
    for _ in range(count):
        view = listing_view(listing_message(rng, now, rng.choice(INDUSTRIES)))
        rows.append((
            uuid.UUID(view.id), uuid.UUID(view.organization_id), view.organization_name,
            view.title, view.industry, [s.name for s in view.skills],
            [s.required for s in view.skills], view.estimated_hours, view.duration_days,
            view.remote, view.location, view.status.value, view.apply_by, view.published_at,
            view.version, view.message,
        ))  # fmt: skip
    return rows


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


async def bench(args: argparse.Namespace, root: Path, measured: dict[str, float]) -> None:
    rng, now = random.Random(args.seed), datetime.now(UTC)  # noqa: S311 (synthetic data)
    pg = infra.start_postgres(root / "pg", fresh=True)
    broker = infra.start_broker(infra.free_port(), log_path=root / "broker.log")
    service: subprocess.Popen[bytes] | None = None
    try:
        dbs = await provision.provision_database(pg.admin_dsn, services=("matching",))
        await provision.provision_topics(broker.bootstrap_servers)
        settings = MatchingSettings(
            env="test", database_url=dbs["matching"].dsn, internal_secret=SECRET,
            kafka_bootstrap_servers=broker.bootstrap_servers, grpc_port=infra.free_port(),
        )  # fmt: skip
        await migrate_only(settings, MIGRATIONS)
        conn = await db.connect(settings)
        students = await seed(conn, args, rng, now)
        popular = await measure_index(conn, args, settings, rng, now, measured)
        service = start_subprocess(settings, root)
        await wait_until_consuming(conn, settings, rng, now)
        await end_to_end(conn, settings, popular)
        measured["recommend"] = await recommend_load(settings.grpc_port, students, args)
        memory = psutil.Process(service.pid).memory_info().rss
        say(f"service process RSS with the data loaded: {memory / 2**20:.0f} MiB")
        await conn.close()
    finally:
        if service is not None:
            service.send_signal(signal.SIGTERM)
            service.wait(30)
        broker.stop()
        pg.stop()


async def seed(
    conn: asyncpg.Connection, args: argparse.Namespace, rng: random.Random, now: datetime
) -> list[str]:
    started = time.perf_counter()
    students = profile_rows(args.profiles, rng, now)
    await conn.copy_records_to_table("profiles", records=students, columns=PROFILE_COLUMNS)
    listings = listing_rows(args.listings, rng, now)
    await conn.copy_records_to_table("listings", records=listings, columns=LISTING_COLUMNS)
    elapsed = time.perf_counter() - started
    say(f"wrote {args.profiles} profiles and {args.listings} open listings in {elapsed:.1f} s")
    return [str(row[0]) for row in students]


async def measure_index(
    conn: asyncpg.Connection,
    args: argparse.Namespace,
    settings: MatchingSettings,
    rng: random.Random,
    now: datetime,
    measured: dict[str, float],
) -> listing_pb2.Listing:
    """The index as the service builds it at start, in this process: its build time,
    its memory, and the compute of scoring one listing against every profile. Returns
    the listing that matched the most students, for the end-to-end run."""
    gc.collect()
    before = psutil.Process().memory_info().rss
    started = time.perf_counter()
    index = MatchIndex()
    await catch_up(conn, index)
    say(f"index rebuilt from the tables in {time.perf_counter() - started:.2f} s")
    grown = psutil.Process().memory_info().rss - before
    arrays = index.nbytes() / 2**20
    say(f"index memory: {grown / 2**20:.0f} MiB (of which numpy columns {arrays:.1f} MiB)")
    measured["bytes_per_profile"] = grown / (args.profiles + args.listings)
    timings, matched = [], []
    popular, most = listing_message(rng, now, "software"), -1
    for _ in range(30):
        message = listing_message(rng, now, rng.choice(INDUSTRIES))
        view = listing_view(message)
        started = time.perf_counter()
        found = index.matching_students(view, settings.match_threshold)
        timings.append((time.perf_counter() - started) * 1000)
        matched.append(len(found))
        if len(found) > most:
            popular, most = message, len(found)
    say(
        f"score one listing vs {args.profiles} profiles (compute): "
        f"median {statistics.median(timings):.1f} ms, max {max(timings):.1f} ms; "
        f"students >= {settings.match_threshold}: median {statistics.median(matched):.0f}"
    )
    measured["pairs_per_s"] = args.profiles / (statistics.median(timings) / 1000)
    measured["share"] = statistics.median(matched) / args.profiles
    return popular


def start_subprocess(settings: MatchingSettings, root: Path) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "STINT_ENV": "development",
        "STINT_DATABASE_URL": settings.database_url,
        "STINT_KAFKA_BOOTSTRAP_SERVERS": settings.kafka_bootstrap_servers,
        "STINT_INTERNAL_SECRET": SECRET,
        "STINT_GRPC_PORT": str(settings.grpc_port),
        "STINT_OUTBOX_POLL_INTERVAL_S": "0.2",
        "STINT_LOG_LEVEL": "WARNING",
    }
    log = (root / "matching.log").open("wb")
    command = [sys.executable, "-m", "stint_matching"]
    return subprocess.Popen(command, env=env, stdout=log, stderr=log)


async def publish(settings: MatchingSettings, message: listing_pb2.Listing) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=settings.kafka_bootstrap_servers)
    await producer.start()
    headers = envelope_headers(
        event_id=uuid.uuid4(),
        event_type="stint.listing.v1.ListingPublished",
        occurred_at=datetime.now(UTC),
        producer="listing",
        aggregate_id=message.id,
        trace_context={},
    )
    try:
        value = events_pb2.ListingPublished(listing=message).SerializeToString()
        key = message.id.encode()
        await producer.send_and_wait(topics.LISTING, value, key=key, headers=headers)
    finally:
        await producer.stop()


async def wait_until_consuming(
    conn: asyncpg.Connection, settings: MatchingSettings, rng: random.Random, now: datetime
) -> None:
    """The service runs and its listing consumer has joined: a first listing went in."""
    started = time.perf_counter()
    first = listing_message(rng, now, "education")
    await publish(settings, first)
    await until_handled(conn, first.id, started, 120)
    say(f"service started and consuming after {time.perf_counter() - started:.1f} s")


async def end_to_end(
    conn: asyncpg.Connection, settings: MatchingSettings, message: listing_pb2.Listing
) -> None:
    """The listing that matched the most students, published again under a new id."""
    message.id = str(uuid.uuid4())
    started = time.perf_counter()
    await publish(settings, message)
    await until_handled(conn, message.id, started, 60)
    elapsed = time.perf_counter() - started
    found = await conn.fetchval(
        "SELECT count(*) FROM matches_found WHERE listing_id = $1", uuid.UUID(message.id)
    )
    say(f"ListingPublished produced -> its {found} MatchFound committed: {elapsed:.2f} s")
    await until_sent(conn)
    elapsed = time.perf_counter() - started
    say(f"... and every MatchFound acknowledged by the broker after {elapsed:.2f} s")


async def until_handled(
    conn: asyncpg.Connection, listing_id: str, started: float, limit_s: float
) -> None:
    """Until matching's handler of the listing's publication committed."""
    query = "SELECT 1 FROM listings WHERE listing_id = $1"
    while not await conn.fetchval(query, uuid.UUID(listing_id)):
        if time.perf_counter() - started > limit_s:
            raise RuntimeError(f"listing {listing_id} was not handled within {limit_s} s")
        await asyncio.sleep(0.005)


async def until_sent(conn: asyncpg.Connection) -> None:
    while await conn.fetchval("SELECT count(*) FROM outbox WHERE sent_at IS NULL"):  # noqa: ASYNC110
        await asyncio.sleep(0.05)


async def recommend_load(port: int, students: list[str], args: argparse.Namespace) -> float:
    latencies: list[float] = []
    async with open_channel(f"127.0.0.1:{port}", SECRET) as channel:
        stub = matching_service_pb2_grpc.MatchingServiceStub(channel)

        async def caller(n: int, count: int) -> None:
            rng = random.Random(n)  # noqa: S311 (synthetic load)
            for _ in range(count):
                identity.set_current_caller(Caller(rng.choice(students), "student"))
                started = time.perf_counter()
                await stub.Recommend(api.RecommendRequest(limit=10))
                latencies.append((time.perf_counter() - started) * 1000)

        await caller(-1, 50)  # warm up the channel and the service
        latencies.clear()
        started = time.perf_counter()
        each = args.requests // args.concurrency
        await asyncio.gather(*(caller(n, each) for n in range(args.concurrency)))
        elapsed = time.perf_counter() - started
    say(
        f"Recommend x{len(latencies)}, concurrency {args.concurrency}: "
        f"p50 {percentile(latencies, 0.5):.1f} ms, p99 {percentile(latencies, 0.99):.1f} ms, "
        f"{len(latencies) / elapsed:.0f} req/s (as the callers see it)"
    )
    return len(latencies) / elapsed


def record_figures(measured: dict[str, float], args: argparse.Namespace) -> None:
    source, size = (
        "scripts/bench_matching.py",
        f"{args.profiles} profiles, {args.listings} listings",
    )
    record(
        "matching_pairs_scored_per_s", measured["pairs_per_s"], unit="pairs/s", source=source,
        what=f"profile-listing pairs scored (numpy, one listing against {args.profiles} profiles)",
    )  # fmt: skip
    record(
        "matching_match_share", measured["share"], unit="of students", source=source,
        what="students above the match threshold for a newly published listing (median of 30)",
    )  # fmt: skip
    record(
        "matching_index_bytes_per_profile", measured["bytes_per_profile"], unit="bytes",
        source=source, what=f"the matching index's memory per profile or listing ({size})",
    )  # fmt: skip
    record(
        "matching_recommend_per_s", measured["recommend"], unit="requests/s", source=source,
        what=f"Recommend over gRPC at concurrency {args.concurrency} ({size})",
    )  # fmt: skip


def main(argv: Sequence[str] | None = None) -> None:
    args = parse(argv)
    root = Path(tempfile.mkdtemp(prefix="stint-bench-matching-"))
    measured: dict[str, float] = {}
    try:
        asyncio.run(bench(args, root, measured))
    finally:
        shutil.rmtree(root, ignore_errors=True)
    if args.record:
        record_figures(measured, args)


if __name__ == "__main__":
    main()
