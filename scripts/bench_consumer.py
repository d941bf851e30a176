"""Benchmark of an idempotent consumer: events/s from the broker to committed effects
(the inbox insert and a projection upsert in one transaction per event, offsets
committed), next to two baselines in the same run: a bare aiokafka consumer only reading
the messages, and a bare aiokafka consumer doing the same two statements in its own
transaction per message with asyncpg (the work, without the runtime).

    .venv/bin/python scripts/bench_consumer.py [--events 20000] [--keys 500]
        [--payload-bytes 1000] [--record]

It starts an embedded broker and Postgres in a temporary directory, produces the events
(as a relay would: envelope headers, key = aggregate id), then times the bare reader, the
bare transactional consumer and the service consumer (one member of a group, the
partitions of one topic) until every event is read or handled. ``--record`` writes the
service consumer's rate and the bare transactional one (Postgres transactions per second)
into docs/capacity/figures.json, from which ``python -m stint_capacity`` computes the
capacity model.
Everything it started it stops.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path

import asyncpg
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRecord

from stint.listing.v1 import events_pb2, listing_pb2
from stint_capacity.figures import record
from stint_devstack import infra, provision
from stint_runtime import db, kafka
from stint_runtime.db import migrations
from stint_runtime.inbox.consumer import EventConsumer, Subscription
from stint_runtime.kafka.envelope import ReceivedEvent
from stint_runtime.kafka.headers import envelope_headers, received_event
from stint_runtime.settings import ServiceSettings

SOURCE = "scripts/bench_consumer.py"
PROJECTION_SQL = """CREATE TABLE listings (id text PRIMARY KEY, title text, version bigint);"""
TYPE = "stint.listing.v1.ListingPublished"


def say(message: str) -> None:
    print(f"[bench] {message}", flush=True)


def parse(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=20_000)
    parser.add_argument("--keys", type=int, default=500, help="distinct aggregate ids")
    parser.add_argument("--payload-bytes", type=int, default=1000)
    parser.add_argument("--record", action="store_true", help="write the figure for capacity")
    return parser.parse_args(argv)


async def project(conn: asyncpg.Connection, event: ReceivedEvent) -> None:
    listing = events_pb2.ListingPublished.FromString(event.payload).listing
    await conn.execute(
        """INSERT INTO listings (id, title, version) VALUES ($1, $2, $3)
           ON CONFLICT (id) DO UPDATE SET title = EXCLUDED.title, version = EXCLUDED.version
           WHERE listings.version < EXCLUDED.version""",
        listing.id,
        listing.title,
        listing.version,
    )


async def produce(bootstrap: str, topic: str, args: argparse.Namespace) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all", linger_ms=5)
    await producer.start()
    try:
        deliveries = []
        for n in range(args.events):
            key = f"lst-{n % args.keys}"
            message = events_pb2.ListingPublished(
                listing=listing_pb2.Listing(id=key, title="Bench listing", version=n)
            )
            message.listing.description = "d" * max(0, args.payload_bytes - message.ByteSize())
            headers = envelope_headers(
                event_id=uuid.uuid4(),
                event_type=TYPE,
                occurred_at=datetime.now(UTC),
                producer="bench",
                aggregate_id=key,
                trace_context={},
            )
            value = message.SerializeToString()
            deliveries.append(await producer.send(topic, value, key=key.encode(), headers=headers))
        await asyncio.gather(*deliveries)
    finally:
        await producer.stop()


Work = Callable[[ConsumerRecord[bytes, bytes]], Awaitable[None]]


async def nothing(record: ConsumerRecord[bytes, bytes]) -> None:
    return None


def same_work(pool: asyncpg.Pool) -> Work:
    """What the service consumer does per message, written directly with asyncpg."""

    async def work(record: ConsumerRecord[bytes, bytes]) -> None:
        event = received_event(record)
        async with db.transaction(pool) as conn:
            await conn.execute(
                """INSERT INTO inbox (consumer, event_id, event_type, topic, partition, "offset")
                   VALUES ('bare', $1::uuid, $2, $3, $4, $5) ON CONFLICT DO NOTHING""",
                event.event_id, event.event_type, event.topic, event.partition, event.offset,
            )  # fmt: skip
            await project(conn, event)

    return work


async def time_bare(bootstrap: str, topic: str, total: int, work: Work) -> float:
    consumer = AIOKafkaConsumer(
        topic, bootstrap_servers=bootstrap, group_id=f"bare-{uuid.uuid4().hex[:6]}",
        auto_offset_reset="earliest", enable_auto_commit=False, fetch_max_wait_ms=50,
    )  # fmt: skip
    await consumer.start()
    try:
        started, seen = time.perf_counter(), 0
        while seen < total:
            batches = await consumer.getmany(timeout_ms=500)
            for records in batches.values():
                for record in records:
                    await work(record)
                seen += len(records)
            if batches:
                await consumer.commit()
        return time.perf_counter() - started
    finally:
        await consumer.stop()


async def count(pool: asyncpg.Pool, consumer: str) -> int:
    return int(await pool.fetchval("SELECT count(*) FROM inbox WHERE consumer = $1", consumer))


async def time_service(
    settings: ServiceSettings, pool: asyncpg.Pool, topic: str, total: int
) -> float:
    subscription = Subscription(
        name="bench.listing-events", topics=(topic,), handlers={TYPE: project}
    )
    consumer = EventConsumer(settings, pool, subscription, lambda: kafka.make_producer(settings))
    started = time.perf_counter()
    task = asyncio.create_task(consumer.run())
    try:
        last = started
        while (handled := await count(pool, subscription.name)) < total:
            if time.perf_counter() - last >= 1.0:
                say(f"consumer: {handled}/{total} handled")
                last = time.perf_counter()
            await asyncio.sleep(0.05)
        return time.perf_counter() - started
    finally:
        await consumer.stop()
        await task


async def bench(args: argparse.Namespace, admin_dsn: str, bootstrap: str) -> tuple[float, float]:
    name = f"bench_{uuid.uuid4().hex[:8]}"
    dbs = await provision.provision_database(admin_dsn, services=(name,))
    settings = ServiceSettings(
        env="development", service_name=name, database_url=dbs[name].dsn,
        database_schema=name, kafka_bootstrap_servers=bootstrap,
    )  # fmt: skip
    topic = f"bench.consumer.{name}.v1"
    await kafka.ensure_topics(bootstrap, [topic])
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "0001_listings.sql").write_text(PROJECTION_SQL)
        conn = await db.connect(settings)
        try:
            await migrations.migrate(conn, name, Path(folder))
        finally:
            await conn.close()
    say(f"producing {args.events} events over {args.keys} keys")
    await produce(bootstrap, topic, args)
    read_s = await time_bare(bootstrap, topic, args.events, nothing)
    say(f"bare reader:        {args.events / read_s:10,.0f} msgs/s   ({read_s:.2f} s)")
    pool = await db.create_pool(settings)
    try:
        bare_s = await time_bare(bootstrap, topic, args.events, same_work(pool))
        say(f"bare transactional: {args.events / bare_s:10,.0f} events/s ({bare_s:.2f} s)")
        await pool.execute("TRUNCATE listings")  # the service upserts from scratch too
        service_s = await time_service(settings, pool, topic, args.events)
    finally:
        await pool.close()
    bare, service = args.events / bare_s, args.events / service_s
    say(f"service consumer:   {service:10,.0f} events/s ({service_s:.2f} s, inbox + projection)")
    say(f"ratio service/bare transactional: {service / bare:.2f}")
    say(f"ratio service/bare reader:        {service * read_s / args.events:.2f}")
    return service, bare


def main(argv: Sequence[str] | None = None) -> None:
    args = parse(argv)
    with tempfile.TemporaryDirectory(prefix="stint-bench-") as root:
        pg = infra.start_postgres(Path(root) / "pg", fresh=True)
        broker = infra.start_broker(infra.free_port())
        try:
            service, bare = asyncio.run(bench(args, pg.admin_dsn, broker.bootstrap_servers))
        finally:
            broker.kill()
            pg.stop()
    if args.record:
        record(
            "consumer_events_per_s", service, unit="events/s", source=SOURCE,
            what="an idempotent consumer: inbox insert and a projection upsert per event, "
            "one transaction each, offsets committed",
        )  # fmt: skip
        record(
            "postgres_transactions_per_s", bare, unit="transactions/s", source=SOURCE,
            what="two statements and a commit per transaction, one connection, client on "
            "the same cores",
        )  # fmt: skip


if __name__ == "__main__":
    main()
