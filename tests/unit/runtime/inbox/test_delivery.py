"""The delivery policy against doubles of the pool and the DLQ producer: retries,
dead letters, duplicates, and a database outage that never counts against a message."""

from __future__ import annotations

import asyncio
import functools
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import pytest

from stint_runtime.backoff import Backoff
from stint_runtime.inbox import delivery as inbox_delivery
from stint_runtime.inbox.delivery import MessageDelivery
from stint_runtime.kafka.envelope import ReceivedEvent
from stint_runtime.settings import ServiceSettings

EVENT_TYPE = "stint.listing.v1.ListingPublished"


@dataclass
class Record:
    topic: str = "stint.listing.v1"
    partition: int = 0
    offset: int = 5
    timestamp: int = 0
    key: bytes | None = b"lst-1"
    value: bytes | None = b"payload"
    headers: list[tuple[str, bytes]] = field(
        default_factory=lambda: [
            ("event_id", str(uuid.uuid4()).encode()),
            ("event_type", EVENT_TYPE.encode()),
        ]
    )


class Connection:
    """Inbox inserts that count only when the transaction commits."""

    def __init__(self, receipts: set[tuple[str, str]]) -> None:
        self._receipts = receipts
        self._pending: set[tuple[str, str]] = set()

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[None]:
        self._pending.clear()
        yield
        self._receipts |= self._pending

    async def execute(self, sql: str, *args: Any) -> str:
        receipt = (args[0], args[1])
        if receipt in self._receipts or receipt in self._pending:
            return "INSERT 0 0"
        self._pending.add(receipt)
        return "INSERT 0 1"


class Pool:
    """Unreachable while ``outage`` > 0; every refused call uses one unit of it."""

    def __init__(self, outage: int = 0) -> None:
        self.outage = outage
        self.receipts: set[tuple[str, str]] = set()

    def _refuse(self) -> None:
        if self.outage > 0:
            self.outage -= 1
            raise ConnectionRefusedError("database is down")

    @asynccontextmanager
    async def acquire(self) -> AsyncIterator[Connection]:
        self._refuse()
        yield Connection(self.receipts)

    async def fetchval(self, sql: str) -> int:
        self._refuse()
        return 1


class Producer:
    def __init__(self) -> None:
        self.sent: list[dict[str, Any]] = []

    async def start(self) -> None:
        return None

    async def stop(self) -> None:
        return None

    async def send(self, topic: str, **message: Any) -> asyncio.Future[None]:
        self.sent.append({"topic": topic, **message})
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        done.set_result(None)
        return done


@dataclass
class Setup:
    pool: Pool
    producer: Producer
    handled: list[str]
    stopping: asyncio.Event
    delivery: MessageDelivery


def setup(*, outage: int = 0, failing: bool = False) -> Setup:
    settings = ServiceSettings(env="test", consumer_max_attempts=3, consumer_backoff_s=0.001)
    pool, producer, handled, stopping = Pool(outage), Producer(), [], asyncio.Event()

    async def handler(conn: Any, event: ReceivedEvent) -> None:
        handled.append(event.event_id)
        if failing:
            raise LookupError("no such listing")

    doubles: Any = (pool, lambda: producer)
    delivery = MessageDelivery(
        settings, doubles[0], "matching", {EVENT_TYPE: handler}, doubles[1], stopping
    )
    return Setup(pool, producer, handled, stopping, delivery)


@pytest.fixture(autouse=True)
def quick_outage_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(inbox_delivery, "Backoff", functools.partial(Backoff, 0.001, 0.01))


async def test_a_duplicate_is_handled_once() -> None:
    s = setup()
    record = Record()
    assert await s.delivery.deliver(record) and await s.delivery.deliver(record)
    assert len(s.handled) == 1


async def test_a_failing_handler_is_retried_then_dead_lettered() -> None:
    s = setup(failing=True)
    record = Record()
    assert await s.delivery.deliver(record)
    assert len(s.handled) == 3
    (letter,) = s.producer.sent
    headers = dict(letter["headers"])
    assert letter["topic"] == "stint.listing.v1.dlq"
    assert (letter["key"], letter["value"]) == (record.key, record.value)
    assert headers["dlq_error"] == b"no such listing"
    assert headers["dlq_error_type"] == b"LookupError"
    assert headers["dlq_original_offset"] == b"5"
    assert headers["dlq_consumer"] == b"matching"


async def test_a_message_without_an_event_id_goes_straight_to_the_dlq() -> None:
    s = setup()
    assert await s.delivery.deliver(Record(headers=[]))
    assert s.handled == []
    assert dict(s.producer.sent[0]["headers"])["dlq_error_type"] == b"InvalidEnvelope"


async def test_a_database_outage_is_waited_out_without_using_attempts() -> None:
    # Far more refusals than attempts: an outage must not send the event to the DLQ.
    s = setup(outage=12)
    assert await s.delivery.deliver(Record())
    assert len(s.handled) == 1
    assert s.producer.sent == []


async def test_stopping_interrupts_the_retries_and_nothing_is_dead_lettered() -> None:
    s = setup(outage=10**6)
    asyncio.get_running_loop().call_later(0.05, s.stopping.set)
    async with asyncio.timeout(5):
        assert await s.delivery.deliver(Record()) is False
    assert s.producer.sent == []
