"""Records the reputation unit tests start from."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

from stint_reputation.domain.documents import Completion, Issuer
from stint_reputation.domain.projections import EngagementStatus, EngagementView
from stint_runtime.identity import Caller

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
ISSUER = Issuer(base_url="https://stint.example", name="Stint")
STUDENT = Caller(str(uuid.uuid4()), "student")
ORGANIZATION_ID = str(uuid.uuid4())
OWNER = Caller(str(uuid.uuid4()), "employer", ORGANIZATION_ID)


def engagement(**changes: Any) -> EngagementView:
    base = EngagementView(
        id=str(uuid.uuid4()),
        listing_id=str(uuid.uuid4()),
        student_id=STUDENT.account_id,
        organization_id=ORGANIZATION_ID,
        status=EngagementStatus.COMPLETED,
        started_at=NOW - timedelta(days=10),
        due_at=NOW - timedelta(days=1),
        delivered_at=NOW - timedelta(days=2),
        completed_at=NOW,
        completed_automatically=False,
        version=4,
    )
    return replace(base, **changes)


def completion(**changes: Any) -> Completion:
    base = Completion(
        credential_id=str(uuid.uuid4()),
        engagement_id=str(uuid.uuid4()),
        student_id=STUDENT.account_id,
        student_name="Ada Lovelace",
        listing_id=str(uuid.uuid4()),
        title="Build a churn dashboard",
        description="Turn subscription data into a weekly churn dashboard.",
        industry="software",
        skills=("python", "sql"),
        estimated_hours=20,
        organization_id=ORGANIZATION_ID,
        organization_name="Northwind Labs",
        started_at=NOW - timedelta(days=10),
        completed_at=NOW,
    )
    return replace(base, **changes)
