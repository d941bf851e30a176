"""Example applications, engagements and listings for the domain tests."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from stint_application.domain.applications import Application, ApplicationStatus
from stint_application.domain.engagements import Engagement, start
from stint_application.domain.listings import ListingStatus, ListingView

NOW = datetime(2025, 3, 3, 12, 0, tzinfo=UTC)
STUDENT = "00000000-0000-4000-8000-000000000001"
OTHER_STUDENT = "00000000-0000-4000-8000-000000000002"
ORG = "00000000-0000-4000-8000-00000000000a"
OTHER_ORG = "00000000-0000-4000-8000-00000000000b"


def listing(**changes: object) -> ListingView:
    base = ListingView(
        id="00000000-0000-4000-8000-0000000000f1",
        organization_id=ORG,
        title="Landing page copy",
        status=ListingStatus.OPEN,
        close_reason=None,
        slots=1,
        apply_by=NOW + timedelta(days=3),
        duration_days=10,
        version=2,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def application(status: ApplicationStatus = ApplicationStatus.SUBMITTED) -> Application:
    return Application(
        id="00000000-0000-4000-8000-0000000000a1",
        listing_id="00000000-0000-4000-8000-0000000000f1",
        student_id=STUDENT,
        organization_id=ORG,
        status=status,
        cover_note="I wrote copy for two student startups.",
        decision_due_at=NOW + timedelta(days=10),
        created_at=NOW,
        updated_at=NOW,
    )


def engagement() -> Engagement:
    hired = replace(application(), status=ApplicationStatus.HIRED)
    return start("00000000-0000-4000-8000-0000000000e1", hired, duration_days=10, now=NOW)
