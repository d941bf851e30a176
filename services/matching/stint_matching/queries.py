"""Reads: a profile from its table; recommendations, candidates and applicants' scores
from the in-memory index, caught up with the tables first when it is stale."""

from __future__ import annotations

from collections.abc import Sequence

import asyncpg

from stint.matching.v1 import matching_service_pb2 as api
from stint_matching.context import Context
from stint_matching.domain.access import require_found, require_owner, require_profile_reader
from stint_matching.domain.listings import ListingView
from stint_matching.domain.profiles import Profile
from stint_matching.domain.scoring import Assessment
from stint_matching.store import profiles as store
from stint_matching.store.refresh import fresh_index
from stint_runtime.contract import field_limits
from stint_runtime.db import connection
from stint_runtime.errors import InvalidArgument, NotFound
from stint_runtime.identity import Caller
from stint_runtime.ids import resource_id

__all__ = ["Candidate", "get_profile", "rank_candidates", "recommend", "score_applicants"]

Candidate = tuple[str, str, Assessment]
"""(student id, display name, their match)."""

DEFAULT_LIMIT = 10
_RECOMMEND = field_limits(api.RecommendRequest.DESCRIPTOR)["limit"]
_CANDIDATES = field_limits(api.RankCandidatesRequest.DESCRIPTOR)["limit"]
_APPLICANTS = field_limits(api.ScoreApplicantsRequest.DESCRIPTOR)["student_ids"]


def _limit(limit: int, bounds: tuple[int, int]) -> int:
    """0 means the default; otherwise within the contract's bounds."""
    if limit == 0:
        return DEFAULT_LIMIT
    low, high = bounds
    if not low <= limit <= high:
        raise InvalidArgument.one("limit", f"must be between {low} and {high}")
    return limit


async def get_profile(pool: asyncpg.Pool, caller: Caller, student_id: str) -> Profile:
    student_id = resource_id(student_id, "profile")
    require_profile_reader(caller, student_id)
    async with connection(pool) as conn:
        return require_found(await store.get_profile(conn, student_id), "profile")


async def recommend(
    pool: asyncpg.Pool, ctx: Context, student: Caller, limit: int
) -> list[tuple[ListingView, Assessment]]:
    """Open listings the student has not applied to, best first, with the exploration
    slot filled (see ``domain.exploration``)."""
    size = _limit(limit, _RECOMMEND.bounds)
    index = await fresh_index(pool, ctx)
    return index.recommend(student.account_id, ctx.clock(), size, ctx.exploration)


async def _owned_listing(
    pool: asyncpg.Pool, ctx: Context, owner: Caller, listing_id: str
) -> ListingView:
    listing_id = resource_id(listing_id, "listing")
    index = await fresh_index(pool, ctx)
    return require_owner(owner, index.listings.view(listing_id))


async def rank_candidates(
    pool: asyncpg.Pool, ctx: Context, owner: Caller, listing_id: str, limit: int
) -> tuple[ListingView, list[Candidate]]:
    """Students with a profile, best first for the owner's listing."""
    size = _limit(limit, _CANDIDATES.bounds)
    listing = await _owned_listing(pool, ctx, owner, listing_id)
    names = ctx.index.students.display_names
    ranked = ctx.index.rank_candidates(listing, size)
    return listing, [(s, names.get(s, ""), assessment) for s, assessment in ranked]


def _uuids(values: Sequence[str]) -> list[str]:
    """The values that are ids; any other names no student, so it has no profile."""
    found: list[str] = []
    for value in values:
        try:
            found.append(resource_id(value, "student"))
        except NotFound:
            continue
    return found


async def score_applicants(
    pool: asyncpg.Pool, ctx: Context, owner: Caller, listing_id: str, student_ids: Sequence[str]
) -> tuple[ListingView, list[tuple[str, Assessment]]]:
    """The match of each given student with a profile for the owner's listing."""
    most = _APPLICANTS.max or 0
    if len(student_ids) > most:
        raise InvalidArgument.one("student_ids", f"at most {most}")
    listing = await _owned_listing(pool, ctx, owner, listing_id)
    return listing, ctx.index.score_students(listing, _uuids(student_ids))
