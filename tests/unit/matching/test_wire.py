"""Listing events into the projection (names folded with the marketplace vocabulary), and
matches into the contract: the score sent is the sum of the terms sent."""

from __future__ import annotations

import math
from datetime import UTC, datetime

from stint.listing.v1 import listing_pb2 as lpb
from stint_matching.domain.listings import ListingStatus
from stint_matching.domain.reasons import Audience
from stint_matching.domain.scoring import Seeker, assess
from stint_matching.wire import listing_message, listing_view, match_message
from stint_runtime.timestamps import to_timestamp
from tests.unit.matching.examples import listing


def test_a_listing_event_is_kept_with_names_folded_and_its_message_whole() -> None:
    event = lpb.Listing(
        id="00000000-0000-0000-0000-000000000001",
        organization_id="00000000-0000-0000-0000-0000000000aa",
        title="Dashboard",
        industry=" FinTech ",
        skills=[lpb.SkillRequirement(name="JS", required=True)],
        estimated_hours=10,
        duration_days=3,
        status=lpb.LISTING_STATUS_OPEN,
        apply_by=to_timestamp(datetime(2027, 1, 1, tzinfo=UTC)),
        version=4,
    )
    view = listing_view(event)
    assert view.industry == "financial technology"
    assert [s.name for s in view.skills] == ["javascript"]
    assert view.status is ListingStatus.OPEN
    assert view.published_at is None
    assert view.hours_per_week == 10  # a project shorter than a week asks its hours in one
    assert listing_message(view) == event


def test_a_match_says_what_it_counted_to_the_owner() -> None:
    seeker = Seeker(levels={"python": 4}, interests=frozenset({"software"}), hours_per_week=5)
    assessment = assess(seeker, listing(), "")
    match = match_message("l", "s", assessment, Audience.OWNER)
    assert math.isclose(match.score, sum(e.contribution for e in match.explanation))
    assert [e.factor for e in match.explanation] == [
        "required_skills",
        "optional_skills",
        "verified_skills",
        "interest",
        "availability",
        "location",
    ]
    assert match.reasons[0] == "Has 1 of 2 required skills: python (missing: sql)"
    assert "Software is one of their interests" in match.reasons
    assert "Their 5 h/week cover 50% of the 10 h/week it needs" in match.reasons
    assert not match.exploration
    assert all("verified" not in reason for reason in match.reasons)  # it added nothing
