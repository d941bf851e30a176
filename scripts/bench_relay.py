"""Benchmark of the outbox relay: events/s from committed outbox rows to broker-acked
and marked sent, next to a bare aiokafka producer sending the same messages.

    .venv/bin/python scripts/bench_relay.py [--events 20000] [--keys 500]
        [--payload-bytes 1000] [--bootstrap HOST:PORT] [--dsn ADMIN_DSN] [--tracing]
        [--repeat 3] [--record]

Without ``--bootstrap``/``--dsn`` it starts an embedded broker and Postgres in a
temporary directory (``--dsn`` must be able to create a role and a schema). It enqueues
the events first (through ``outbox.enqueue``, 500 per transaction), then starts one relay
and times it until every row is marked sent. The bare producer (same settings: acks=all,
same linger) then sends the same keys, values and headers to another topic of the same
broker and awaits every acknowledgement. Everything it started or created, it removes.
``--repeat N`` runs the whole measurement N times on the same broker and Postgres and
prints each ratio with their mean and spread. ``--record`` writes the relay's mean rate
(``relay_traced_events_per_s`` with ``--tracing``, the figure production sees) into
docs/capacity/figures.json for the capacity model.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import cast

import asyncpg
from aiokafka import AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient

from stint.listing.v1 import events_pb2, listing_pb2
from stint_capacity.figures import record
from stint_devstack import infra, provision
from stint_runtime import db, kafka, outbox, telemetry
from stint_runtime.db import migrations
from stint_runtime.kafka.headers import envelope_headers
from stint_runtime.outbox.relay import OutboxRelay
from stint_runtime.settings import ServiceSettings
from stint_runtime.topics import dlq_topic

ENQUEUE_PER_TRANSACTION = 500


def say(message: str) -> None:
    print(f"[bench] {message}", flush=True)


def parse(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=20_000)
    parser.add_argument("--keys", type=int, default=500, help="distinct aggregate ids")
    parser.add_argument("--payload-bytes", type=int, default=1000)
    parser.add_argument("--bootstrap", default="", help="use this broker instead")
    parser.add_argument("--dsn", default="", help="admin DSN of a Postgres to use instead")
    parser.add_argument("--tracing", action="store_true", help="record spans (SDK, no export)")
    parser.add_argument("--repeat", type=int, default=1, help="measure this many times")
    parser.add_argument("--record", action="store_true", help="write the figure for capacity")
    parser.add_argument(
        "--max-batch-bytes",
        type=int,
        default=0,
        help="producer record batch size for both (default: the runtime's producer default)",
    )
    return parser.parse_args(argv)


def event(listing_id: str, version: int, payload_bytes: int) -> events_pb2.ListingPublished:
    message = events_pb2.ListingPublished(
        listing=listing_pb2.Listing(id=listing_id, title="Bench listing", version=version)
    )
    padding = max(0, payload_bytes - message.ByteSize() - 3)
    message.listing.description = "d" * padding
    return message


async def enqueue_all(
    pool: asyncpg.Pool, settings: ServiceSettings, topic: str, args: argparse.Namespace
) -> int:
    size = 0
    started = time.perf_counter()
    for first in range(0, args.events, ENQUEUE_PER_TRANSACTION):
        async with pool.acquire() as proxy, proxy.transaction():
            conn = cast(asyncpg.Connection, proxy)
            for n in range(first, min(first + ENQUEUE_PER_TRANSACTION, args.events)):
                message = event(f"lst-{n % args.keys}", n, args.payload_bytes)
                size = message.ByteSize()
                await outbox.enqueue(
                    conn,
                    topic=topic,
                    key=f"lst-{n % args.keys}",
                    event=message,
                    schema=settings.database_schema,
                )
        done = min(first + ENQUEUE_PER_TRANSACTION, args.events)
        if done % 5000 == 0 or done == args.events:
            say(f"enqueued {done}/{args.events} ({time.perf_counter() - started:.1f} s)")
    return size


def make_producer(settings: ServiceSettings, args: argparse.Namespace) -> AIOKafkaProducer:
    if args.max_batch_bytes:
        return kafka.make_producer(settings, max_batch_size=args.max_batch_bytes)
    return kafka.make_producer(settings)


async def time_relay(
    pool: asyncpg.Pool, settings: ServiceSettings, args: argparse.Namespace
) -> float:
    total = args.events
    relay = OutboxRelay(settings, pool, lambda: make_producer(settings, args))
    started = time.perf_counter()
    task = asyncio.create_task(relay.run())
    try:
        last_report = started
        while True:
            unsent = int(await pool.fetchval("SELECT count(*) FROM outbox WHERE sent_at IS NULL"))
            now = time.perf_counter()
            if unsent == 0:
                return now - started
            if task.done():
                raise RuntimeError("the relay stopped before publishing everything")
            if now - last_report >= 1.0:
                sent = total - unsent
                say(f"relay: {sent}/{total} sent ({sent / (now - started):,.0f} events/s so far)")
                last_report = now
            await asyncio.sleep(0.02)
    finally:
        await relay.stop()
        await task


async def time_bare_producer(
    settings: ServiceSettings, topic: str, args: argparse.Namespace
) -> float:
    messages = []
    for n in range(args.events):
        key = f"lst-{n % args.keys}"
        headers = envelope_headers(
            event_id=uuid.uuid4(),
            event_type="stint.listing.v1.ListingPublished",
            occurred_at=datetime.now(UTC),
            producer=settings.service_name,
            aggregate_id=key,
            trace_context={"traceparent": f"00-{uuid.uuid4().hex}-{uuid.uuid4().hex[:16]}-01"},
        )
        messages.append(
            (key.encode(), event(key, n, args.payload_bytes).SerializeToString(), headers)
        )
    producer = make_producer(settings, args)
    await producer.start()
    try:
        started = time.perf_counter()
        deliveries = []
        for n, (raw_key, value, raw_headers) in enumerate(messages, start=1):
            deliveries.append(
                await producer.send(topic, value=value, key=raw_key, headers=raw_headers)
            )
            if n % 5000 == 0:
                say(f"bare producer: {n}/{args.events} handed over")
        await asyncio.gather(*deliveries)
        return time.perf_counter() - started
    finally:
        await producer.stop()


async def bench(args: argparse.Namespace, admin_dsn: str, bootstrap: str) -> tuple[float, float]:
    name = f"bench_{uuid.uuid4().hex[:8]}"
    dbs = await provision.provision_database(admin_dsn, services=(name,))
    settings = ServiceSettings(
        env="development",
        service_name=name,
        database_url=dbs[name].dsn,
        database_schema=name,
        kafka_bootstrap_servers=bootstrap,
        outbox_poll_interval_s=0.2,
    )
    relay_topic, bare_topic = f"bench.relay.{name}.v1", f"bench.bare.{name}.v1"
    await kafka.ensure_topics(bootstrap, [relay_topic, bare_topic])
    pool = await db.create_pool(settings)
    try:
        with tempfile.TemporaryDirectory() as empty:
            conn = await db.connect(settings)
            try:
                await migrations.migrate(conn, name, Path(empty))
            finally:
                await conn.close()
        size = await enqueue_all(pool, settings, relay_topic, args)
        say(f"{args.events} events of {size} bytes over {args.keys} keys; starting the relay")
        relay_s = await time_relay(pool, settings, args)
        say("relay done; now the bare producer")
        bare_s = await time_bare_producer(settings, bare_topic, args)
    finally:
        await pool.close()
        await drop(admin_dsn, name, bootstrap, [relay_topic, bare_topic])
    relay_rate, bare_rate = args.events / relay_s, args.events / bare_s
    say(f"relay:         {relay_rate:10,.0f} events/s ({relay_s:.2f} s, until marked sent)")
    say(f"bare producer: {bare_rate:10,.0f} msgs/s   ({bare_s:.2f} s, until acked)")
    say(f"ratio relay/bare: {relay_rate / bare_rate:.2f}")
    return float(relay_rate), float(bare_rate)


async def drop(admin_dsn: str, name: str, bootstrap: str, topics: list[str]) -> None:
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        await admin.delete_topics([t for topic in topics for t in (topic, dlq_topic(topic))])
    finally:
        await admin.close()
    conn = await asyncpg.connect(provision.with_database(admin_dsn, provision.DATABASE))
    try:
        await conn.execute(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')
        await conn.execute(f'DROP OWNED BY "{name}"')
        await conn.execute(f'DROP ROLE IF EXISTS "{name}"')
    finally:
        await conn.close()


def main(argv: Sequence[str] | None = None) -> None:
    args = parse(argv)
    if args.tracing:
        telemetry.setup_tracing("bench-relay")
    with tempfile.TemporaryDirectory(prefix="stint-bench-") as root:
        pg = None if args.dsn else infra.start_postgres(Path(root) / "pg", fresh=True)
        broker = None if args.bootstrap else infra.start_broker(infra.free_port())
        try:
            admin_dsn = args.dsn or (pg.admin_dsn if pg else "")
            bootstrap = args.bootstrap or (broker.bootstrap_servers if broker else "")
            say(f"postgres: {'given' if args.dsn else 'embedded'}, broker: {bootstrap}")
            runs = [asyncio.run(bench(args, admin_dsn, bootstrap)) for _ in range(args.repeat)]
        finally:
            if broker is not None:
                broker.kill()
            if pg is not None:
                pg.stop()
    ratios = [relay / bare for relay, bare in runs]
    rate = statistics.fmean(relay for relay, _ in runs)
    if len(runs) > 1:
        mean = statistics.fmean(ratios)
        spread = max(abs(r - mean) for r in ratios) / mean
        say(
            f"{len(runs)} runs: relay/bare {', '.join(f'{r:.2f}' for r in ratios)}; "
            f"mean {mean:.2f}, within ±{spread:.0%} of it; relay {rate:,.0f} events/s"
        )
    if args.record:
        traced = "traced_" if args.tracing else ""
        record(
            f"relay_{traced}events_per_s", rate, unit="events/s", source="scripts/bench_relay.py",
            what="the outbox relay"
            + (", a span per event recorded," if args.tracing else "")
            + " until acknowledged and marked sent",
        )  # fmt: skip


if __name__ == "__main__":
    main()
