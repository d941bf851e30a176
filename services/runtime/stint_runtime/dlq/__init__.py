"""Dead letters: events a consumer gave up on, kept in ``<topic>.dlq`` (``letters``),
and the command line that lists and replays them (``cli``, ``python -m
stint_runtime.dlq``)."""

from stint_runtime.dlq.letters import (
    DLQ_CONSUMER,
    DLQ_ERROR,
    DLQ_ERROR_TYPE,
    DLQ_FAILED_AT,
    DLQ_ORIGINAL_OFFSET,
    DLQ_ORIGINAL_PARTITION,
    DLQ_ORIGINAL_TOPIC,
    DeadLetter,
    dead_letter_headers,
    dlq_name,
    original_headers,
    read_dead_letters,
    replay,
)

__all__ = [
    "DLQ_CONSUMER",
    "DLQ_ERROR",
    "DLQ_ERROR_TYPE",
    "DLQ_FAILED_AT",
    "DLQ_ORIGINAL_OFFSET",
    "DLQ_ORIGINAL_PARTITION",
    "DLQ_ORIGINAL_TOPIC",
    "DeadLetter",
    "dead_letter_headers",
    "dlq_name",
    "original_headers",
    "read_dead_letters",
    "replay",
]
