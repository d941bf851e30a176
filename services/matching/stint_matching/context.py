"""What commands, queries and handlers share besides a database connection: the
schema, the clock, the rules made from settings, and the in-memory index (one per
process, caught up from the service's own tables)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from stint_matching.domain.exploration import ExplorationRules
from stint_matching.domain.index import MatchIndex
from stint_matching.settings import MatchingSettings
from stint_runtime.clock import Clock, system_clock

__all__ = ["Context"]


@dataclass(frozen=True)
class Context:
    schema: str
    """The service's schema, whose outbox the events go to."""
    clock: Clock
    match_threshold: float
    exploration: ExplorationRules
    index_staleness_s: float
    index: MatchIndex = field(default_factory=MatchIndex)
    index_lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    """One catch-up at a time; readers that find it running wait for it."""

    @classmethod
    def from_settings(cls, settings: MatchingSettings, clock: Clock = system_clock) -> Context:
        return cls(
            schema=settings.database_schema,
            clock=clock,
            match_threshold=settings.match_threshold,
            exploration=ExplorationRules(
                min_page=settings.exploration_min_page,
                min_score=settings.exploration_min_score,
            ),
            index_staleness_s=settings.index_staleness_s,
        )
