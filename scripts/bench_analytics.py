"""Benchmark: how fast the analytics service lands the stream, against a bare read.

    .venv/bin/python scripts/bench_analytics.py [--histories 600] [--record]

Starts the embedded broker on 127.0.0.1, publishes scripted marketplace histories (35
events each, the same as the integration tests') onto the platform's topics, then in
the same run: (1) a bare aiokafka consumer reads every record from offset 0 (no
decoding, no store): the baseline; (2) ``rebuild`` lands every record from offset 0
into a fresh DuckDB file (decoding, raw and typed tables, one transaction per batch);
(3) the report is read from the store. Prints records/s of both and their ratio.
``--record`` writes the landing rate into docs/capacity/figures.json.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from pathlib import Path

from aiokafka import AIOKafkaConsumer, TopicPartition

# The scripted histories are the integration tests' own.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from stint_analytics import queries
from stint_analytics.context import Context
from stint_analytics.handlers.replaying import replay_from_zero
from stint_analytics.settings import AnalyticsSettings
from stint_capacity.figures import record
from stint_devstack import infra
from stint_runtime import topics
from stint_runtime.kafka import ensure_topics
from tests.integration.analytics.conftest import publish
from tests.integration.analytics.history import march_history


async def bare_read(bootstrap: str, expected: int) -> float:
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, group_id=None, fetch_max_wait_ms=50)
    await consumer.start()
    try:
        await consumer.topics()
        partitions = [
            TopicPartition(t, p) for t in topics.ALL for p in consumer.partitions_for_topic(t) or ()
        ]
        consumer.assign(partitions)
        await consumer.seek_to_beginning(*partitions)
        started, seen = time.perf_counter(), 0
        while seen < expected:
            batches = await consumer.getmany(timeout_ms=500, max_records=2000)
            seen += sum(len(records) for records in batches.values())
        return time.perf_counter() - started
    finally:
        await consumer.stop()


async def run(histories: int, workdir: Path) -> float:
    broker = infra.start_broker(infra.free_port(), log_path=workdir / "broker.log")
    try:
        bootstrap = broker.bootstrap_servers
        await ensure_topics(bootstrap, topics.ALL)
        events = [e for year in range(histories) for e in march_history(2100 + year).events]
        await publish(bootstrap, events)
        bare_s = await bare_read(bootstrap, len(events))
        settings = AnalyticsSettings(
            env="test", kafka_bootstrap_servers=bootstrap, analytics_db=workdir / "a.duckdb"
        )
        ctx = Context.from_settings(settings)
        started = time.perf_counter()
        replayed = await replay_from_zero(settings, ctx)
        landed_s = time.perf_counter() - started
        assert replayed.events == len(events), replayed
        started = time.perf_counter()
        report = await asyncio.to_thread(queries.report, ctx)
        report_s = time.perf_counter() - started
        assert report.overall.applied == 10 * histories
        size_mb = (workdir / "a.duckdb").stat().st_size / 1e6
        print(f"events: {len(events)}; store file {size_mb:.1f} MB")
        print(f"bare read:   {len(events) / bare_s:10,.0f} records/s ({bare_s:.2f} s)")
        print(f"rebuild:     {len(events) / landed_s:10,.0f} records/s ({landed_s:.2f} s)")
        print(f"rebuild / bare: {bare_s / landed_s:.2f}")
        print(f"report over the store: {report_s:.2f} s")
        return len(events) / landed_s
    finally:
        broker.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--histories", type=int, default=600, help="35 events each")
    parser.add_argument("--record", action="store_true", help="write the figure for capacity")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="stint-bench-analytics-") as workdir:
        rate = asyncio.run(run(args.histories, Path(workdir)))
    if args.record:
        record(
            "analytics_landing_events_per_s", rate, unit="events/s",
            source="scripts/bench_analytics.py",
            what=f"the analytics store landing events read from the broker (a rebuild, "
            f"{35 * args.histories:,} events)",
        )  # fmt: skip


if __name__ == "__main__":
    main()
