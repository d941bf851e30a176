"""The leader's publishing, round after round, with the database work overlapped.

While round N is on the wire, the rows of round N-1 (all acknowledged) are marked sent
and round N+1 is read, leaving out round N's rows. Round N+1 leaves only after round N
was acknowledged entirely; if any of round N failed, the rows read ahead are dropped
(they may hold later rows of a failed key) and the next round reads afresh. So the
overlap never lets a row pass an earlier unacknowledged row of its key.

With a ``BrokerRecall``, a round first makes sure that the broker still holds
what it acknowledged, and reports ``FORGOTTEN`` instead of publishing into a log that
lost earlier events of the same keys; the relay then puts the kept rows back.
"""

from __future__ import annotations

import asyncio
import enum
import logging

import asyncpg
from aiokafka import AIOKafkaProducer

from stint_runtime.db.leadership import DATABASE_ERRORS
from stint_runtime.metrics import OUTBOX_PUBLISHED
from stint_runtime.outbox import store as outbox_store
from stint_runtime.outbox.publication import RoundResult, publish_round
from stint_runtime.outbox.recall import BrokerRecall
from stint_runtime.outbox.store import OutboxRow

__all__ = ["BATCH_SIZE", "Outcome", "PublishingRounds"]

log = logging.getLogger(__name__)

BATCH_SIZE = 1000
"""Rows per round: enough to fill the producer's record batches of every partition."""


class Outcome(enum.Enum):
    MORE = "more"
    """A full round went out: more rows are probably waiting."""
    IDLE = "idle"
    FAILED = "failed"
    """Broker or database trouble: back off before the next round."""
    FORGOTTEN = "forgotten"
    """The broker lost events it had acknowledged: republish before anything else."""


class PublishingRounds:
    def __init__(
        self,
        pool: asyncpg.Pool,
        producer: AIOKafkaProducer,
        producer_name: str,
        wake: asyncio.Event,
        recall: BrokerRecall | None = None,
    ) -> None:
        self._pool = pool
        self._recall = recall
        self._producer = producer
        self._producer_name = producer_name
        # Cleared before every read, so that a NOTIFY arriving later wakes the next one.
        self._wake = wake
        self._read_ahead: list[OutboxRow] | None = None
        self._marking: asyncio.Task[None] | None = None

    async def next_round(self) -> Outcome:
        try:
            rows, self._read_ahead = self._read_ahead, None
            if rows is None:
                await self.settle()
                self._wake.clear()
                rows = await outbox_store.fetch_unsent(self._pool, BATCH_SIZE)
            if not rows:
                return Outcome.IDLE
            if self._recall is not None and await self._recall.broker_forgot():
                return Outcome.FORGOTTEN
            full = len(rows) == BATCH_SIZE
            result, upcoming = await asyncio.gather(
                publish_round(self._producer, rows, self._producer_name),
                self._read_next([r.id for r in rows]) if full else _nothing(),
            )
            forgotten = self._recall is not None and self._recall.acknowledged(result)
            if result.failures:
                await self._record_failures(result)
                return Outcome.FORGOTTEN if forgotten else Outcome.FAILED
        except DATABASE_ERRORS as exc:
            log.warning("outbox relay: database unreachable", extra={"error": repr(exc)})
            return Outcome.FAILED
        except Exception:
            log.exception("outbox relay round failed")
            return Outcome.FAILED
        self._marking = asyncio.create_task(self._mark(result.acked))
        if forgotten:
            return Outcome.FORGOTTEN
        self._read_ahead = upcoming
        return Outcome.MORE if full else Outcome.IDLE

    async def settle(self) -> None:
        """Wait for the marking in progress (before reading afresh, and when stopping)."""
        marking, self._marking = self._marking, None
        if marking is not None:
            await marking

    async def _read_next(self, in_flight: list[int]) -> list[OutboxRow] | None:
        await self.settle()
        self._wake.clear()
        try:
            return await outbox_store.fetch_unsent(self._pool, BATCH_SIZE, exclude=in_flight)
        except Exception as exc:
            log.warning("outbox relay could not read ahead", extra={"error": repr(exc)})
            return None

    async def _mark(self, ids: list[int]) -> None:
        OUTBOX_PUBLISHED.labels(self._producer_name).inc(len(ids))
        try:
            await outbox_store.mark_sent(self._pool, ids)
        except Exception as exc:
            # At least once: these rows will be published again.
            log.warning(
                "outbox relay could not mark published rows sent",
                extra={"rows": len(ids), "error": repr(exc)},
            )

    async def _record_failures(self, result: RoundResult) -> None:
        await self.settle()
        OUTBOX_PUBLISHED.labels(self._producer_name).inc(len(result.acked))
        await outbox_store.mark_sent(self._pool, result.acked)
        for failure in result.failures:
            await outbox_store.record_failure(self._pool, failure.row_ids, failure.error)
        first = result.failures[0]
        log.warning(
            "outbox publication failed; the rows stay unsent and are retried",
            extra={
                "published": len(result.acked),
                "failed_partitions": len(result.failures),
                "topic": first.topic,
                "error": first.error,
            },
        )


async def _nothing() -> None:
    return None
