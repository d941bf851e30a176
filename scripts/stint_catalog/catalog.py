"""What the catalog describes, gathered from the code itself: every topic
(``stint_runtime.topics``), the events of its contract (the messages of its package's
``events.proto``), who publishes it, and who consumes it: each service's consumer
groups, read from the subscriptions its ``build_spec`` declares."""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Iterator
from dataclasses import dataclass, field

from google.protobuf.descriptor import Descriptor

from stint_analytics.settings import DEFAULT_GROUP
from stint_catalog.descriptors import Contracts
from stint_runtime import topics
from stint_runtime.kafka import DEFAULT_PARTITIONS
from stint_runtime.settings import ServiceSettings

__all__ = ["PARTITIONS", "Consumer", "Topic", "gather"]

PARTITIONS = DEFAULT_PARTITIONS
SERVICES = ("listing", "application", "matching", "notification", "reputation")
# The gateway publishes the identity topic; every other topic is its service's.
PRODUCERS = {topics.IDENTITY: "gateway"}
# Consumers that are not ServiceSpec subscriptions: (service, group, topics). Analytics
# lands every event of every topic in its own store (docs/analytics.md).
OTHER_CONSUMERS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("analytics", DEFAULT_GROUP, topics.ALL),
)


@dataclass(frozen=True)
class Consumer:
    service: str
    group: str
    """The Kafka consumer group id."""
    handles: tuple[str, ...]
    """Full names of the event types it acts on (empty: every type)."""


@dataclass
class Topic:
    address: str
    producer: str
    events: list[Descriptor]
    consumers: list[Consumer] = field(default_factory=list)

    @property
    def area(self) -> str:
        return self.address.split(".")[1]

    @property
    def dlq(self) -> str:
        return topics.dlq_topic(self.address)


def _specs() -> Iterator[tuple[str, object]]:
    for name in SERVICES:
        try:
            main = importlib.import_module(f"stint_{name}.main")
            module = importlib.import_module(f"stint_{name}.settings")
        except ModuleNotFoundError:
            continue
        settings = next(
            value
            for value in vars(module).values()
            if inspect.isclass(value)
            and issubclass(value, ServiceSettings)
            and value is not ServiceSettings
        )
        yield name, main.build_spec(settings(env="development"))


def gather(contracts: Contracts) -> list[Topic]:
    found: dict[str, Topic] = {}
    for address in topics.ALL:
        area = address.split(".")[1]
        events = contracts.file(f"stint/{area}/v1/events.proto").message_types_by_name
        found[address] = Topic(address, PRODUCERS.get(address, area), list(events.values()))
    for service, spec in _specs():
        for subscription in getattr(spec, "subscriptions", ()):
            for address in subscription.topics:
                names = found[address].events
                handled = tuple(n.full_name for n in names if n.full_name in subscription.handlers)
                found[address].consumers.append(Consumer(service, subscription.name, handled))
    for service, group, addresses in OTHER_CONSUMERS:
        for address in addresses:
            found[address].consumers.append(Consumer(service, group, ()))
    return [found[address] for address in topics.ALL]
