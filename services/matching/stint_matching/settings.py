"""The matching service's settings (environment prefix ``STINT_``)."""

from __future__ import annotations

from pydantic import Field

from stint_runtime.settings import ServiceSettings

__all__ = ["MatchingSettings"]


class MatchingSettings(ServiceSettings):
    service_name: str = "matching"
    grpc_port: int = 50053
    match_threshold: float = Field(default=0.6, ge=0, le=1)
    """A newly published listing announces MatchFound to every student whose score is
    at least this (STINT_MATCH_THRESHOLD)."""
    exploration_min_page: int = Field(default=5, ge=1)
    """Pages of recommendations of at least this many items carry an exploration item."""
    exploration_min_score: float = Field(default=0.35, ge=0, le=1)
    """The least score of a listing offered in the exploration slot (a good match)."""
    index_staleness_s: float = Field(default=0.5, ge=0)
    """A read catches the in-memory index up with the tables when its last catch-up is
    older than this; a periodic job does so as often in the background."""
