"""The in-memory index every read of matching is answered from: students and
listings as numpy columns (``students``, ``openings``), what each student applied to
and worked on, and the three questions asked of it. It is rebuilt from the service's
own tables at start and kept current from them (``store.refresh``); it holds nothing
the tables do not."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

import numpy as np

from stint_matching.domain import vectors
from stint_matching.domain.columns import Array, Codes
from stint_matching.domain.exploration import ExplorationRules, page_rows
from stint_matching.domain.listings import ListingView
from stint_matching.domain.openings import ListingTable
from stint_matching.domain.profiles import Profile
from stint_matching.domain.scoring import Assessment, Seeker, assess
from stint_matching.domain.students import StudentTable
from stint_runtime.vocabulary import normalise_location

__all__ = ["Engagement", "MatchIndex"]


@dataclass(frozen=True)
class Engagement:
    """Work a student does or did on a listing: its industry counts as tried."""

    id: str
    student_id: str
    listing_id: str
    counts: bool
    """False once cancelled: a cancelled engagement is not an industry tried."""


class MatchIndex:
    def __init__(self) -> None:
        self.skill_codes, self.industry_codes, self.place_codes = Codes(), Codes(), Codes()
        self.students = StudentTable(self.skill_codes, self.industry_codes, self.place_codes)
        self.listings = ListingTable(self.skill_codes, self.industry_codes, self.place_codes)
        self.applied: dict[str, set[str]] = {}
        self._engagements: dict[str, dict[str, Engagement]] = {}
        """Student id -> engagement id -> engagement."""
        self._engaged_on: dict[str, set[str]] = {}
        """Listing id -> students with an engagement on it."""
        self.watermark = "0"
        """The oldest transaction (xid8, as text) still running at the last catch-up."""
        self.synced_at = -math.inf
        """``time.monotonic()`` of the last catch-up."""

    @property
    def codes(self) -> tuple[Codes, Codes, Codes]:
        return self.skill_codes, self.industry_codes, self.place_codes

    # -- changes, as the tables describe them --------------------------------------

    def put_profile(self, profile: Profile) -> None:
        self.students.put_profile(
            profile.student_id,
            profile.levels,
            profile.interests,
            profile.availability_hours_per_week,
            profile.remote_ok,
            profile.place,
        )

    def put_display_name(self, student_id: str, name: str) -> None:
        self.students.display_names[student_id] = name

    def set_verified(self, student_id: str, skills: Iterable[str]) -> None:
        self.students.set_verified(student_id, skills)

    def put_listing(self, listing: ListingView) -> None:
        before = self.listings.view(listing.id)
        if self.listings.put(listing) and before and before.industry != listing.industry:
            for student_id in self._engaged_on.get(listing.id, ()):
                self._retry(student_id)

    def record_application(self, student_id: str, listing_id: str) -> None:
        self.applied.setdefault(student_id, set()).add(listing_id)

    def put_engagement(self, engagement: Engagement) -> None:
        self._engagements.setdefault(engagement.student_id, {})[engagement.id] = engagement
        self._engaged_on.setdefault(engagement.listing_id, set()).add(engagement.student_id)
        self._retry(engagement.student_id)

    def _retry(self, student_id: str) -> None:
        """Recount the industries ``student_id`` tried."""
        tried = set()
        for engagement in self._engagements.get(student_id, {}).values():
            if engagement.counts:
                listing = self.listings.view(engagement.listing_id)
                if listing is not None:
                    tried.add(listing.industry)
        self.students.set_tried(student_id, tried)

    # -- questions -----------------------------------------------------------------

    def assess(self, seeker: Seeker, listing: ListingView) -> Assessment:
        return assess(seeker, listing, normalise_location(listing.location))

    def recommend(
        self, student_id: str, now: datetime, limit: int, rules: ExplorationRules
    ) -> list[tuple[ListingView, Assessment]]:
        """Open listings the student has not applied to, best first, with the
        exploration slot; nothing for a student without a profile."""
        seeker = self.students.seeker(student_id)
        if seeker is None or len(self.listings) == 0:
            return []
        fits = vectors.for_listings(seeker, self.listings, self.codes)
        scores = vectors.weighted(fits)
        eligible = self.listings.taking_applications(now)
        for listing_id in self.applied.get(student_id, ()):
            row = self.listings.row_of(listing_id)
            if row is not None:
                eligible[row] = False
        exploring = fits["interest"] == 0
        has_a_required = fits["required_skills"] > 0
        published = self.listings.published.upto(len(self.listings))
        rows = page_rows(scores, eligible, exploring, has_a_required, published, limit, rules)
        views = [self.listings.views[row] for row in rows]
        return [(view, self.assess(seeker, view)) for view in views]

    def _student_scores(self, listing: ListingView) -> Array:
        scores = vectors.weighted(vectors.for_students(listing, self.students, self.codes))
        scores[~self.students.active.upto(len(self.students))] = -1.0
        return scores

    def rank_candidates(self, listing: ListingView, limit: int) -> list[tuple[str, Assessment]]:
        """Students with a profile, best first for ``listing``."""
        if self.students.profiles == 0:
            return []
        scores = self._student_scores(listing)
        candidates = np.flatnonzero(scores >= 0)
        if len(candidates) > limit:
            candidates = candidates[np.argpartition(-scores[candidates], limit - 1)[:limit]]
        ordered = candidates[np.lexsort((candidates, -scores[candidates]))]
        found = [(self.students.ids[row], self.students.seeker_at(row)) for row in ordered]
        return [(student_id, self.assess(seeker, listing)) for student_id, seeker in found]

    def matching_students(self, listing: ListingView, threshold: float) -> list[tuple[str, float]]:
        """(student id, score) of every student with a profile at or above ``threshold``."""
        if self.students.profiles == 0:
            return []
        scores = self._student_scores(listing)
        rows = np.flatnonzero(scores >= threshold)
        return [(self.students.ids[row], float(scores[row])) for row in rows]

    def score_students(
        self, listing: ListingView, student_ids: Iterable[str]
    ) -> list[tuple[str, Assessment]]:
        """The match of each given student that has a profile, in the order given.
        Students with the same facts for this listing (levels in its skills, verified
        ones, interest, hours, place) share one assessment: a popular listing matches
        thousands of students, most of them alike."""
        place = normalise_location(listing.location)
        every = listing.required + listing.optional
        alike: dict[tuple[object, ...], Assessment] = {}
        found: list[tuple[str, Assessment]] = []
        for student_id in dict.fromkeys(student_ids):
            seeker = self.students.seeker(student_id)
            if seeker is None:
                continue
            facts = (
                tuple(seeker.level(s) for s in every),
                tuple(s in seeker.verified for s in every),
                listing.industry in seeker.interests,
                listing.industry in seeker.tried,
                seeker.hours_per_week,
                seeker.remote_ok,
                bool(place) and seeker.place == place,
            )
            assessment = alike.get(facts)
            if assessment is None:
                assessment = alike[facts] = assess(seeker, listing, place)
            found.append((student_id, assessment))
        return found

    def nbytes(self) -> int:
        return self.students.nbytes() + self.listings.nbytes()
