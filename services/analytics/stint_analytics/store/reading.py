"""The report's facts, from the typed tables: one row per listing, application and
engagement, joined and folded by DuckDB over every event of each.

The typed tables are those an analyst queries; the columns are the flattened fields
(``domain.columns``): ``application_listing_id`` is ``application.listing_id``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import duckdb

from stint_analytics.domain.facts import (
    UNKNOWN,
    ApplicationFact,
    EngagementFact,
    ListingFact,
    Outcome,
)
from stint_analytics.domain.report import StoreSummary
from stint_analytics.store.connection import StoreOutdated

__all__ = ["application_facts", "engagement_facts", "listing_facts", "store_summary"]

_LISTINGS = """
WITH changes AS (
    SELECT listing_id, listing_version, listing_industry, listing_organization_id,
           listing_organization_name, occurred_at, 'published' AS kind, NULL AS reason
    FROM listing_v1.listing_published
    UNION ALL
    SELECT listing_id, listing_version, listing_industry, listing_organization_id,
           listing_organization_name, occurred_at, 'updated', NULL
    FROM listing_v1.listing_updated
    UNION ALL
    SELECT listing_id, listing_version, listing_industry, listing_organization_id,
           listing_organization_name, occurred_at, 'closed', reason
    FROM listing_v1.listing_closed
),
hires AS (
    SELECT application_listing_id AS listing_id, min(occurred_at) AS first_hire_at
    FROM application_v1.application_hired GROUP BY ALL
)
SELECT c.listing_id,
       arg_max(c.listing_industry, c.listing_version),
       arg_max(c.listing_organization_id, c.listing_version),
       arg_max(c.listing_organization_name, c.listing_version),
       min(c.occurred_at) FILTER (WHERE c.kind = 'published'),
       min(c.occurred_at) FILTER (WHERE c.kind = 'closed' AND c.reason = 'CLOSE_REASON_FILLED'),
       any_value(h.first_hire_at)
FROM changes c LEFT JOIN hires h USING (listing_id)
GROUP BY c.listing_id
ORDER BY c.listing_id
"""

_APPLICATIONS = """
WITH changes AS (
    SELECT application_id, application_listing_id, application_organization_id,
           application_student_id, application_created_at, occurred_at,
           'submitted' AS kind, NULL AS reason
    FROM application_v1.application_submitted
    UNION ALL
    SELECT application_id, application_listing_id, application_organization_id,
           application_student_id, application_created_at, occurred_at,
           'shortlisted' AS kind, NULL AS reason
    FROM application_v1.application_shortlisted
    UNION ALL
    SELECT application_id, application_listing_id, application_organization_id,
           application_student_id, application_created_at, occurred_at,
           'rejected' AS kind, NULL AS reason
    FROM application_v1.application_rejected
    UNION ALL
    SELECT application_id, application_listing_id, application_organization_id,
           application_student_id, application_created_at, occurred_at,
           'hired' AS kind, NULL AS reason
    FROM application_v1.application_hired
    UNION ALL
    SELECT application_id, application_listing_id, application_organization_id,
           application_student_id, application_created_at, occurred_at,
           'withdrawn' AS kind, NULL AS reason
    FROM application_v1.application_withdrawn
    UNION ALL
    SELECT application_id, application_listing_id, application_organization_id,
           application_student_id, application_created_at, occurred_at,
           'closed', reason
    FROM application_v1.application_closed
)
SELECT application_id,
       any_value(application_listing_id),
       any_value(application_organization_id),
       any_value(application_student_id),
       coalesce(min(occurred_at) FILTER (WHERE kind = 'submitted'),
                min(application_created_at), min(occurred_at)),
       min(occurred_at) FILTER (WHERE kind IN ('shortlisted', 'rejected', 'hired')),
       bool_or(kind IN ('shortlisted', 'hired')),
       bool_or(kind = 'hired'),
       arg_max(kind, occurred_at)
           FILTER (WHERE kind IN ('hired', 'rejected', 'withdrawn', 'closed')),
       arg_max(reason, occurred_at) FILTER (WHERE kind = 'closed')
FROM changes
GROUP BY application_id
ORDER BY application_id
"""

_ENGAGEMENTS = """
WITH changes AS (
    SELECT engagement_id, engagement_listing_id, engagement_student_id,
           engagement_organization_id, engagement_started_at, engagement_due_at,
           engagement_delivered_at, engagement_completed_automatically,
           engagement_cancelled_by, occurred_at, 'started' AS kind
    FROM application_v1.engagement_started
    UNION ALL
    SELECT engagement_id, engagement_listing_id, engagement_student_id,
           engagement_organization_id, engagement_started_at, engagement_due_at,
           engagement_delivered_at, engagement_completed_automatically,
           engagement_cancelled_by, occurred_at, 'delivered' AS kind
    FROM application_v1.engagement_delivered
    UNION ALL
    SELECT engagement_id, engagement_listing_id, engagement_student_id,
           engagement_organization_id, engagement_started_at, engagement_due_at,
           engagement_delivered_at, engagement_completed_automatically,
           engagement_cancelled_by, occurred_at, 'completed' AS kind
    FROM application_v1.engagement_completed
    UNION ALL
    SELECT engagement_id, engagement_listing_id, engagement_student_id,
           engagement_organization_id, engagement_started_at, engagement_due_at,
           engagement_delivered_at, engagement_completed_automatically,
           engagement_cancelled_by, occurred_at, 'cancelled' AS kind
    FROM application_v1.engagement_cancelled
)
SELECT engagement_id,
       any_value(engagement_listing_id),
       any_value(engagement_student_id),
       any_value(engagement_organization_id),
       coalesce(min(occurred_at) FILTER (WHERE kind = 'started'),
                min(engagement_started_at), min(occurred_at)),
       min(occurred_at) FILTER (WHERE kind = 'completed'),
       min(occurred_at) FILTER (WHERE kind = 'cancelled'),
       coalesce(bool_or(kind = 'cancelled' AND engagement_cancelled_by = engagement_student_id),
                false),
       coalesce(bool_or(kind = 'completed' AND engagement_delivered_at IS NOT NULL
                        AND engagement_delivered_at <= engagement_due_at), false),
       coalesce(bool_or(kind = 'completed' AND engagement_completed_automatically), false)
FROM changes
GROUP BY engagement_id
ORDER BY engagement_id
"""

_CLOSED = {
    "APPLICATION_CLOSE_REASON_NO_DECISION": Outcome.NO_DECISION,
    "APPLICATION_CLOSE_REASON_POSITION_FILLED": Outcome.POSITION_FILLED,
    "APPLICATION_CLOSE_REASON_LISTING_CLOSED": Outcome.LISTING_CLOSED,
}
_FINAL = {"hired": Outcome.HIRED, "rejected": Outcome.REJECTED, "withdrawn": Outcome.WITHDRAWN}


def _outcome(kind: str | None, reason: str | None) -> Outcome | None:
    if kind is None:
        return None
    if kind == "closed":
        return _CLOSED.get(reason or "", Outcome.CLOSED)
    return _FINAL[kind]


def _rows(conn: duckdb.DuckDBPyConnection, sql: str) -> list[tuple[Any, ...]]:
    try:
        return conn.execute(sql).fetchall()
    except (duckdb.CatalogException, duckdb.BinderException) as exc:
        raise StoreOutdated(
            f"the store lacks what the report reads ({exc}); run `serve` once or `rebuild`"
        ) from exc


def listing_facts(conn: duckdb.DuckDBPyConnection) -> list[ListingFact]:
    return [
        ListingFact(
            listing_id=row[0],
            industry=row[1] or UNKNOWN,
            organization_id=row[2] or "",
            organization_name=row[3] or "",
            published_at=row[4],
            filled_at=row[5],
            first_hire_at=row[6],
        )
        for row in _rows(conn, _LISTINGS)
    ]


def application_facts(conn: duckdb.DuckDBPyConnection) -> list[ApplicationFact]:
    return [
        ApplicationFact(
            application_id=row[0],
            listing_id=row[1] or "",
            organization_id=row[2] or "",
            student_id=row[3] or "",
            submitted_at=row[4],
            first_decision_at=row[5],
            shortlisted=bool(row[6]),
            hired=bool(row[7]),
            outcome=_outcome(row[8], row[9]),
        )
        for row in _rows(conn, _APPLICATIONS)
    ]


def engagement_facts(conn: duckdb.DuckDBPyConnection) -> list[EngagementFact]:
    return [
        EngagementFact(
            engagement_id=row[0],
            listing_id=row[1] or "",
            student_id=row[2] or "",
            organization_id=row[3] or "",
            started_at=row[4],
            completed_at=row[5],
            cancelled_at=row[6],
            cancelled_by_student=bool(row[7]),
            on_time=bool(row[8]),
            completed_automatically=bool(row[9]),
        )
        for row in _rows(conn, _ENGAGEMENTS)
    ]


def store_summary(conn: duckdb.DuckDBPyConnection) -> StoreSummary:
    total = conn.execute("SELECT count(*), max(occurred_at) FROM events").fetchone()
    by_type = conn.execute(
        "SELECT event_type, count(*) FROM events GROUP BY event_type ORDER BY event_type"
    ).fetchall()
    count, newest = total if total else (0, None)
    newest_at: datetime | None = newest
    return StoreSummary(int(count), newest_at, tuple((str(t), int(n)) for t, n in by_type))
