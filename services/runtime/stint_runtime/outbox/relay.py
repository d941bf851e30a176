"""The outbox relay: publishes a service's committed events to Kafka.

Guarantees (with the consumers' inbox, effects are exactly-once per service):

- at least once: a row is marked sent only after the broker acknowledged it, so a
  crash, a lost database or a lost leadership between the ack and the mark publishes
  the row again later, with the same ``event_id``;
- never reordered per key: rows of one key are published in id order (their commit
  order, as writers lock the aggregate before enqueueing) and a row leaves only after
  every earlier row of its partition was acknowledged (see ``publication``). When a
  deposed leader and its successor overlap for a moment, each publishes every key in
  order, so the first copy of each event id still arrives in order;
- one active relay per service: the leader holds a Postgres advisory lock on a
  dedicated connection; standbys retry every poll interval.

- recovery from a broker that lost what it acknowledged (the embedded broker restarts
  empty): every kept row of the topic is published again, in id order (``recall``).

A row the broker keeps refusing (say, larger than the broker accepts) holds back the
later rows of its partition, with ``attempts`` and ``last_error`` on the row for the
operator: that is the price of never reordering a key.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import timedelta

import asyncpg
from aiokafka import AIOKafkaProducer

from stint_runtime import kafka
from stint_runtime.backoff import Backoff, pause
from stint_runtime.db.leadership import DATABASE_ERRORS, LeaderLock
from stint_runtime.kafka import ProducerFactory
from stint_runtime.kafka.starting import metadata_reachable, start_client
from stint_runtime.outbox import store as outbox_store
from stint_runtime.outbox.recall import BrokerRecall
from stint_runtime.outbox.rounds import Outcome, PublishingRounds
from stint_runtime.outbox.writer import notify_channel
from stint_runtime.settings import ServiceSettings
from stint_runtime.shutdown import close_within, stop_grace_s, stop_run

__all__ = ["OutboxRelay"]

log = logging.getLogger(__name__)

PRUNE_INTERVAL_S = 300.0
PRUNE_BATCH_SIZE = 1000


class OutboxRelay:
    """Publishes a service's outbox rows to Kafka.

    - single leader per service: a dedicated connection holds
      ``pg_try_advisory_lock(hashtext('stint.relay.' || schema))``; standbys retry;
    - wakes on LISTEN ``outbox.notify_channel(schema)``, polls every
      ``settings.outbox_poll_interval_s`` as a fallback;
    - publishes unsent rows in id order with key, protobuf value and the envelope
      headers (event_id, event_type, occurred_at, producer, aggregate_id,
      schema_version, traceparent); marks a row sent only after the broker acked;
    - retries with backoff while the broker is away (never loses, never reorders a key);
    - prunes sent rows older than ``settings.outbox_retention_hours``.
    """

    def __init__(
        self,
        settings: ServiceSettings,
        pool: asyncpg.Pool,
        producer_factory: ProducerFactory,
    ) -> None:
        self._settings = settings
        self._pool = pool
        self._producer_factory = producer_factory
        self._lock = LeaderLock(
            settings,
            f"stint.relay.{settings.database_schema}",
            check_interval_s=settings.outbox_poll_interval_s,
        )
        self._producer: AIOKafkaProducer | None = None
        self._stopping = asyncio.Event()
        # Set by NOTIFY (and by stop) to end an idle wait early.
        self._wake = asyncio.Event()
        self._finished = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._backoff = Backoff()
        self._next_prune_at = 0.0
        self.recall = BrokerRecall(settings, pool)

    @property
    def is_leader(self) -> bool:
        return self._lock.held

    async def broker_healthy(self) -> bool:
        """True when this relay's producer reaches the broker (or, as a standby, when
        a broker answers a metadata request)."""
        if self._producer is not None:
            return await kafka.broker_is_healthy(self._producer)
        return await metadata_reachable(self._settings.kafka_bootstrap_servers)

    async def run(self) -> None:
        """Run until ``stop()``; survives the broker and the database going away."""
        self._task = asyncio.current_task()
        standby_logged = False
        try:
            while not self._stopping.is_set():
                if await self._lock.try_acquire():
                    standby_logged = False
                    await self._lead()
                    continue
                if not standby_logged:
                    log.info("outbox relay on standby", extra={"lock": self._lock.name})
                    standby_logged = True
                await pause(self._stopping, self._settings.outbox_poll_interval_s)
        finally:
            await self._close()
            self._finished.set()

    async def stop(self) -> None:
        """Finish the batch in flight, release leadership, close the producer."""
        self._stopping.set()
        self._wake.set()
        await stop_run(
            self._task,
            self._finished,
            stop_grace_s(self._settings),
            close=self._close,
            late="outbox relay did not stop in time; cancelling the batch in flight",
        )

    async def _lead(self) -> None:
        log.info("outbox relay leadership acquired", extra={"lock": self._lock.name})
        try:
            await self._lock.listen(notify_channel(self._settings.database_schema), self._notified)
        except DATABASE_ERRORS as exc:
            log.warning("outbox relay could not LISTEN", extra={"error": repr(exc)})
            await self._lock.release()
            return
        if self._producer is None:
            self._producer = await start_client(
                self._producer_factory, self._stopping, what="outbox relay"
            )
        if self._producer is None:
            return
        try:
            await self.recall.begin(self._producer)
        except DATABASE_ERRORS as exc:
            log.warning("outbox relay: database unreachable", extra={"error": repr(exc)})
            await self._lock.release()
            return
        rounds = PublishingRounds(
            self._pool, self._producer, self._settings.service_name, self._wake, self.recall
        )
        try:
            while not self._stopping.is_set():
                if not await self._lock.still_held():
                    log.warning("outbox relay leadership lost; publishing stops until regained")
                    return
                await self._prune_when_due()
                outcome = await rounds.next_round()
                if outcome is Outcome.IDLE and await self.recall.broker_forgot(idle=True):
                    outcome = Outcome.FORGOTTEN
                if outcome is Outcome.FORGOTTEN:
                    outcome = await self._republish(rounds)
                if outcome is Outcome.FAILED:
                    await pause(self._stopping, self._backoff.next_delay())
                    continue
                self._backoff.reset()
                if outcome is Outcome.IDLE:
                    with contextlib.suppress(TimeoutError):
                        async with asyncio.timeout(self._settings.outbox_poll_interval_s):
                            await self._wake.wait()
        finally:
            await rounds.settle()

    async def _republish(self, rounds: PublishingRounds) -> Outcome:
        await rounds.settle()
        try:
            await self.recall.republish()
        except DATABASE_ERRORS as exc:
            log.warning("outbox relay: database unreachable", extra={"error": repr(exc)})
            return Outcome.FAILED
        return Outcome.MORE

    async def _prune_when_due(self) -> None:
        now = asyncio.get_running_loop().time()
        if now < self._next_prune_at:
            return
        self._next_prune_at = now + PRUNE_INTERVAL_S
        retention = timedelta(hours=self._settings.outbox_retention_hours)
        try:
            deleted = await outbox_store.prune(self._pool, retention, PRUNE_BATCH_SIZE)
        except Exception as exc:
            log.warning("outbox prune failed", extra={"error": repr(exc)})
            return
        if deleted:
            log.info("pruned sent outbox rows", extra={"deleted": deleted})

    def _notified(self, conn: object, pid: int, channel: str, payload: object) -> None:
        self._wake.set()

    async def _close(self) -> None:
        await self._lock.release()
        await self.recall.close()
        producer, self._producer = self._producer, None
        if producer is None:
            return
        await close_within(
            producer.stop(),
            stop_grace_s(self._settings),
            late="outbox relay producer did not close in time",
        )
