"""The marketplace report, read from the store."""

from __future__ import annotations

from datetime import date

from stint_analytics.context import Context
from stint_analytics.domain.composition import marketplace_report
from stint_analytics.domain.report import MarketplaceReport
from stint_analytics.store import reading
from stint_analytics.store.connection import opened

__all__ = ["report"]


def report(ctx: Context, since: date | None = None, until: date | None = None) -> MarketplaceReport:
    """The report of the listings published in [since, until) (every listing without
    either); the file is held only while the facts are read."""
    with opened(ctx.db_path, read_only=True, wait_s=ctx.lock_wait_s) as conn:
        listings = reading.listing_facts(conn)
        applications = reading.application_facts(conn)
        engagements = reading.engagement_facts(conn)
        store = reading.store_summary(conn)
    return marketplace_report(
        listings,
        applications,
        engagements,
        store=store,
        generated_at=ctx.clock(),
        since=since,
        until=until,
    )
