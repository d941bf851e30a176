"""Domain records <-> the stint.matching.v1 contract, and listing events into the
listing projection (names normalised with ``stint_runtime.vocabulary``)."""

from __future__ import annotations

from collections.abc import Sequence

from stint.listing.v1 import listing_pb2 as lpb
from stint.matching.v1 import matching_pb2 as pb
from stint.matching.v1 import matching_service_pb2 as api
from stint_matching.domain.listings import ListingStatus, ListingView, SkillNeed
from stint_matching.domain.profiles import Profile, ProfileInput, SkillLevel
from stint_matching.domain.reasons import Audience, explain, reasons
from stint_matching.domain.scoring import Assessment
from stint_runtime.timestamps import from_timestamp, to_timestamp
from stint_runtime.vocabulary import normalise_industry, normalise_skill

__all__ = [
    "applicant_scores_message",
    "candidates_message",
    "listing_message",
    "listing_view",
    "match_message",
    "profile_input",
    "profile_message",
    "recommendations_message",
]

_STATUSES = {
    lpb.LISTING_STATUS_DRAFT: ListingStatus.DRAFT,
    lpb.LISTING_STATUS_OPEN: ListingStatus.OPEN,
    lpb.LISTING_STATUS_CLOSED: ListingStatus.CLOSED,
}


def profile_input(request: api.PutProfileRequest) -> ProfileInput:
    return ProfileInput(
        headline=request.headline,
        skills=[SkillLevel(s.name, s.level) for s in request.skills],
        interests=list(request.interests),
        availability_hours_per_week=request.availability_hours_per_week,
        remote_ok=request.remote_ok,
        location=request.location,
    )


def profile_message(profile: Profile) -> pb.Profile:
    return pb.Profile(
        student_id=profile.student_id,
        display_name=profile.display_name,
        headline=profile.headline,
        skills=[pb.SkillLevel(name=s.name, level=s.level) for s in profile.skills],
        interests=list(profile.interests),
        availability_hours_per_week=profile.availability_hours_per_week,
        remote_ok=profile.remote_ok,
        location=profile.location,
        verified_skills=list(profile.verified_skills),
        updated_at=to_timestamp(profile.updated_at),
        version=profile.version,
    )


def listing_view(listing: lpb.Listing) -> ListingView:
    """What matching keeps of a listing event; a malformed one raises (and ends in the
    dead-letter topic after the retries)."""
    status = _STATUSES.get(listing.status)
    if status is None or not listing.id or not listing.organization_id:
        raise ValueError(f"listing event without id, organization or status: {listing.id!r}")
    return ListingView(
        id=listing.id,
        organization_id=listing.organization_id,
        organization_name=listing.organization_name,
        title=listing.title,
        industry=normalise_industry(listing.industry),
        skills=tuple(SkillNeed(normalise_skill(s.name), s.required) for s in listing.skills),
        estimated_hours=listing.estimated_hours,
        duration_days=listing.duration_days,
        remote=listing.remote,
        location=listing.location,
        status=status,
        apply_by=from_timestamp(listing.apply_by),
        published_at=(
            from_timestamp(listing.published_at) if listing.HasField("published_at") else None
        ),
        version=listing.version,
        message=listing.SerializeToString(),
    )


def listing_message(view: ListingView) -> lpb.Listing:
    """The listing as its newest event carried it."""
    return lpb.Listing.FromString(view.message)


def match_message(
    listing_id: str, student_id: str, assessment: Assessment, who: Audience
) -> pb.Match:
    """The match with its explanation (every term) and reasons (the terms that added
    to it); its score is the sum of the contributions shown."""
    terms = explain(assessment, who)
    return pb.Match(
        listing_id=listing_id,
        student_id=student_id,
        score=sum(t.contribution for t in terms),
        reasons=reasons(assessment, terms),
        explanation=[
            pb.Explanation(factor=t.factor, contribution=t.contribution, detail=t.detail)
            for t in terms
        ],
        exploration=assessment.exploration,
    )


def recommendations_message(
    student_id: str, found: Sequence[tuple[ListingView, Assessment]]
) -> api.Recommendations:
    return api.Recommendations(
        items=[
            api.Recommendation(
                listing=listing_message(view),
                match=match_message(view.id, student_id, assessment, Audience.STUDENT),
            )
            for view, assessment in found
        ]
    )


def candidates_message(
    listing_id: str, found: Sequence[tuple[str, str, Assessment]]
) -> api.Candidates:
    return api.Candidates(
        items=[
            api.Candidate(
                student_id=student_id,
                display_name=name,
                match=match_message(listing_id, student_id, assessment, Audience.OWNER),
            )
            for student_id, name, assessment in found
        ]
    )


def applicant_scores_message(
    listing_id: str, found: Sequence[tuple[str, Assessment]]
) -> api.ApplicantScores:
    return api.ApplicantScores(
        matches=[
            match_message(listing_id, student_id, assessment, Audience.OWNER)
            for student_id, assessment in found
        ]
    )
