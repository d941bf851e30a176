"""Reads every partition of a topic from the beginning, without a consumer group, the
way an analyst's tool would; the tests look at exactly what reached the broker."""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

from aiokafka import AIOKafkaConsumer, TopicPartition

from tests.waiting import eventually


class TopicReader:
    def __init__(self, bootstrap_servers: str, topic: str) -> None:
        self.topic = topic
        self.records: list[Any] = []
        self._consumer = AIOKafkaConsumer(
            bootstrap_servers=bootstrap_servers,
            group_id=None,
            enable_auto_commit=False,
            auto_offset_reset="earliest",
            fetch_max_wait_ms=20,
            request_timeout_ms=10_000,
        )
        self._task: asyncio.Task[None] | None = None

    async def __aenter__(self) -> TopicReader:
        await self._consumer.start()
        await self._consumer.topics()
        partitions = self._consumer.partitions_for_topic(self.topic)
        assert partitions, f"topic {self.topic} does not exist"
        self._consumer.assign([TopicPartition(self.topic, p) for p in sorted(partitions)])
        await self._consumer.seek_to_beginning()
        self._task = asyncio.create_task(self._read())
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        await self._consumer.stop()

    async def wait_for(self, count: int, timeout_s: float = 20.0) -> list[Any]:
        await eventually(
            lambda: len(self.records) >= count,
            lambda: f"{count} messages on {self.topic} (got {len(self.records)})",
            timeout_s=timeout_s,
        )
        return list(self.records)

    async def _read(self) -> None:
        while True:
            batches = await self._consumer.getmany(timeout_ms=200)
            for records in batches.values():
                self.records.extend(records)
