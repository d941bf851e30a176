"""Noticing that the broker lost events it had acknowledged.

A Kafka partition never shrinks: its end offset only grows (retention moves its start,
never its end). So the relay holds lower bounds for every partition it published to,
and a broker that answers below one has lost records: the embedded broker keeps
everything in memory and comes back empty after a restart; a Kafka cluster can be
wiped, a topic deleted and created again. Events marked sent but not read yet by every
consumer would be gone for good, and nothing else would notice.

The bounds, per partition:

- it holds at least as many records as the outbox keeps rows marked sent to it (each
  was appended at least once), and once a batch was acknowledged at base offset ``b``
  with ``n`` records, at least ``b + n``: a later batch acknowledged at a base offset
  below that proves the loss at once;
- its reported end offset is at least ``b + 1`` for the last acknowledged batch (and 1
  for a partition with sent rows). The end offsets are asked for every
  ``outbox_broker_check_s``; the embedded broker reports the last batch's base offset
  + 1 rather than the offset past its last record, so this bound is the one it meets.

Pure bookkeeping, no I/O: ``recall`` feeds it and acts on what it finds.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

__all__ = ["AmnesiaWatch", "Evidence", "Partition"]

Partition = tuple[str, int]
"""(topic, partition)."""


@dataclass
class _Bounds:
    length: int = 0
    """The partition holds at least this many records."""
    reported_end: int = 0
    """...and reports an end offset of at least this, even on the embedded broker."""


@dataclass(frozen=True)
class Evidence:
    """What showed that ``topic`` lost records, for the operator's log."""

    topic: str
    partition: int
    seen: int
    """The base offset acknowledged, or the end offset reported."""
    expected_at_least: int
    how: str
    """``acknowledged`` (a batch's base offset) or ``end offset``."""


class AmnesiaWatch:
    def __init__(self) -> None:
        self._bounds: dict[Partition, _Bounds] = {}
        self._evidence: dict[str, Evidence] = {}

    def seed(self, sent_rows: Mapping[Partition, int]) -> None:
        """The rows the outbox keeps marked sent, counted per partition."""
        for where, count in sent_rows.items():
            if count > 0:
                bounds = self._bounds.setdefault(where, _Bounds())
                bounds.length = max(bounds.length, count)
                bounds.reported_end = max(bounds.reported_end, 1)

    def acknowledged(self, topic: str, partition: int, base_offset: int, count: int) -> None:
        """The broker acknowledged ``count`` records at ``base_offset``."""
        bounds = self._bounds.setdefault((topic, partition), _Bounds())
        if base_offset < bounds.length:
            self._found(Evidence(topic, partition, base_offset, bounds.length, "acknowledged"))
        bounds.length = max(bounds.length, base_offset + count)
        bounds.reported_end = max(bounds.reported_end, base_offset + 1)

    def partitions(self) -> list[Partition]:
        """The partitions whose end offsets are worth asking for."""
        return sorted(where for where, b in self._bounds.items() if b.reported_end > 0)

    def compare(self, end_offsets: Mapping[Partition, int]) -> None:
        """The end offsets the broker reports now."""
        for where, end in end_offsets.items():
            bounds = self._bounds.get(where)
            if bounds is not None and end < bounds.reported_end:
                topic, partition = where
                self._found(Evidence(topic, partition, end, bounds.reported_end, "end offset"))

    def forgotten(self) -> dict[str, Evidence]:
        """The topics found to have lost records, with why, until ``forget``."""
        return dict(self._evidence)

    def forget(self, topics: Iterable[str]) -> None:
        """Start the topics' bounds afresh: their rows are about to be published again."""
        gone = set(topics)
        for where in [w for w in self._bounds if w[0] in gone]:
            del self._bounds[where]
        for topic in gone:
            self._evidence.pop(topic, None)

    def _found(self, evidence: Evidence) -> None:
        self._evidence.setdefault(evidence.topic, evidence)
