"""Kafka: clients configured for real Kafka and the embedded broker (``clients``),
starting them while the broker may be away (``starting``), and the event envelope
(``envelope``, ``headers``)."""

from stint_runtime.kafka.clients import (
    DEFAULT_PARTITIONS,
    ProducerFactory,
    broker_is_healthy,
    ensure_topics,
    make_consumer,
    make_offsets_reader,
    make_producer,
    wait_for_broker,
)

__all__ = [
    "DEFAULT_PARTITIONS",
    "ProducerFactory",
    "broker_is_healthy",
    "ensure_topics",
    "make_consumer",
    "make_offsets_reader",
    "make_producer",
    "wait_for_broker",
]
