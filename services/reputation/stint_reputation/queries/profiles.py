"""A user's public record: published reviews about them, their reputation and their
portfolio. An employer's is its organization's. Nothing unpublished is read here, so
that neither the replies nor their timing depend on reviews still hidden."""

from __future__ import annotations

import asyncpg

from stint_reputation.domain.portfolio import PortfolioEntry
from stint_reputation.domain.reviews import Review
from stint_reputation.domain.scoring import Reputation
from stint_reputation.domain.subjects import Subject, subject_of
from stint_reputation.store import reviews, standing
from stint_reputation.store.portfolio import portfolio_of
from stint_reputation.store.projections import get_account, organization_known
from stint_runtime.db import connection
from stint_runtime.ids import resource_id
from stint_runtime.paging import Page, decode_cursor, page_limit

__all__ = ["get_portfolio", "get_reputation", "list_reviews", "subject_named"]


async def subject_named(conn: asyncpg.Connection, user_id: str) -> Subject:
    user_id = resource_id(user_id, "user")
    account = await get_account(conn, user_id)
    known = account is None and await organization_known(conn, user_id)
    return subject_of(user_id, account, known)


async def list_reviews(pool: asyncpg.Pool, user_id: str, limit: int, cursor: str) -> Page[Review]:
    size, after = page_limit(limit), decode_cursor(cursor)
    async with connection(pool) as conn:
        subject = await subject_named(conn, user_id)
        return await reviews.page_published_about(conn, subject.id, after, size)


async def get_reputation(pool: asyncpg.Pool, user_id: str) -> Reputation:
    async with connection(pool) as conn:
        return await standing.reputation_for(conn, await subject_named(conn, user_id))


async def get_portfolio(pool: asyncpg.Pool, user_id: str) -> list[PortfolioEntry]:
    async with connection(pool) as conn:
        return await portfolio_of(conn, await subject_named(conn, user_id))
