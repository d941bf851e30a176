"""What the consumers, commands and queries share, made once from the settings."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from stint_analytics.settings import AnalyticsSettings
from stint_runtime import topics
from stint_runtime.clock import Clock, system_clock

__all__ = ["Context", "is_dead_letter_topic"]

_DLQ_SUFFIX = topics.dlq_topic("")


def is_dead_letter_topic(topic: str) -> bool:
    return topic.endswith(_DLQ_SUFFIX)


@dataclass(frozen=True)
class Context:
    db_path: Path
    lock_wait_s: float
    topics: tuple[str, ...]
    """Every topic landed: the platform's, and their DLQs when asked."""
    group: str
    land_batch: int
    land_interval_s: float
    clock: Clock

    @classmethod
    def from_settings(cls, settings: AnalyticsSettings, clock: Clock = system_clock) -> Context:
        landed = list(topics.ALL)
        if settings.analytics_include_dlq:
            landed += [topics.dlq_topic(t) for t in topics.ALL]
        return cls(
            db_path=settings.analytics_db,
            lock_wait_s=settings.analytics_lock_wait_s,
            topics=tuple(landed),
            group=settings.analytics_group,
            land_batch=settings.analytics_land_batch,
            land_interval_s=settings.analytics_land_interval_s,
            clock=clock,
        )

    @property
    def event_topics(self) -> tuple[str, ...]:
        """The topics whose records are events (not dead letters)."""
        return tuple(t for t in self.topics if not is_dead_letter_topic(t))
