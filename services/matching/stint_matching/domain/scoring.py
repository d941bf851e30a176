"""The match score: a published formula of named terms (docs/matching.md), each a
weight times a fit between 0 and 1, so that the score is their sum and lies in 0..1.

    required_skills   0.45 x mean skill credit over the listing's required skills
    optional_skills   0.15 x mean skill credit over its nice-to-have skills
    verified_skills   0.10 x share of its skills that employers verified for the student
    interest          0.15 x 1 (an interest), 0.5 (worked in it before), 0 (new to them)
    availability      0.10 x min(1, hours the student has / hours per week it needs)
    location          0.05 x 1 (remote and open to remote, or on site where they are),
                             0.5 (remote, though they prefer on site), 0 (elsewhere)

A skill's credit is 0.5 + 0.1 x level (0.6 for a beginner, 1.0 for an expert), 0 when
the student lacks it; a verified skill counts at least at level 3. A listing without
required (or without nice-to-have) skills misses nothing: full credit for that term.

Every fit only grows with the student's input (a skill, a level, an interest, hours),
so taking away any input never raises the score; the explanation shown to both sides is
these terms, with these numbers. ``MatchIndex`` computes the same formula for many
pairs at once with numpy; the tests hold the two to each other.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from stint_matching.domain.listings import ListingView

__all__ = [
    "VERIFIED_LEVEL",
    "WEIGHTS",
    "Assessment",
    "Seeker",
    "assess",
    "skill_credit",
]

WEIGHTS: Mapping[str, float] = {
    "required_skills": 0.45,
    "optional_skills": 0.15,
    "verified_skills": 0.10,
    "interest": 0.15,
    "availability": 0.10,
    "location": 0.05,
}
"""Factor -> weight; the weights add up to 1."""

VERIFIED_LEVEL = 3
"""An employer-verified skill counts at least at this level."""
WORKED_IN_FIT = 0.5
"""The interest fit of an industry the student worked in without listing it."""
REMOTE_NOT_PREFERRED_FIT = 0.5
"""The location fit of a remote listing for a student who prefers on-site work."""


def skill_credit(level: int) -> float:
    """0 without the skill; 0.6 (level 1) to 1.0 (level 5): having it matters most."""
    if level <= 0:
        return 0.0
    return 0.5 + 0.1 * min(level, 5)


@dataclass(frozen=True)
class Seeker:
    """What the formula reads of a student."""

    levels: Mapping[str, int]
    """Skill -> claimed level (1-5)."""
    verified: frozenset[str] = frozenset()
    interests: frozenset[str] = frozenset()
    tried: frozenset[str] = frozenset()
    """Industries the student has worked in on the platform (engagements)."""
    hours_per_week: int = 0
    remote_ok: bool = False
    place: str = ""
    """Normalised location; empty when not given."""

    def level(self, skill: str) -> int:
        claimed = self.levels.get(skill, 0)
        return max(claimed, VERIFIED_LEVEL) if skill in self.verified else claimed


@dataclass(frozen=True)
class Assessment:
    """One student against one listing: each term's fit (0..1) and contribution, and
    the facts its sentence tells."""

    fits: dict[str, float]
    contributions: dict[str, float]
    required_have: tuple[str, ...] = ()
    required_missing: tuple[str, ...] = ()
    optional_have: tuple[str, ...] = ()
    optional_missing: tuple[str, ...] = ()
    verified_have: tuple[str, ...] = ()
    industry: str = ""
    interested: bool = False
    worked_in: bool = False
    hours_have: int = 0
    hours_needed: float = 0.0
    remote: bool = False
    remote_ok: bool = False
    on_site_here: bool = False
    listing_place: str = ""
    levels: dict[str, int] = field(default_factory=dict)

    @property
    def score(self) -> float:
        return sum(self.contributions.values())

    @property
    def exploration(self) -> bool:
        """The listing's industry is one the student neither listed nor worked in."""
        return not self.interested and not self.worked_in


def _mean_credit(seeker: Seeker, skills: tuple[str, ...]) -> float:
    if not skills:
        return 1.0
    return sum(skill_credit(seeker.level(s)) for s in skills) / len(skills)


def _location_fit(seeker: Seeker, listing: ListingView, place: str) -> float:
    if listing.remote:
        return 1.0 if seeker.remote_ok else REMOTE_NOT_PREFERRED_FIT
    return 1.0 if place and seeker.place == place else 0.0


def assess(seeker: Seeker, listing: ListingView, listing_place: str) -> Assessment:
    """The formula for one pair; ``listing_place`` is the listing's normalised location."""
    required, optional = listing.required, listing.optional
    every = required + optional
    verified = tuple(s for s in every if s in seeker.verified)
    interested = listing.industry in seeker.interests
    worked_in = listing.industry in seeker.tried
    needed = listing.hours_per_week
    fits = {
        "required_skills": _mean_credit(seeker, required),
        "optional_skills": _mean_credit(seeker, optional),
        "verified_skills": len(verified) / len(every) if every else 0.0,
        "interest": 1.0 if interested else WORKED_IN_FIT if worked_in else 0.0,
        "availability": min(1.0, seeker.hours_per_week / needed) if needed > 0 else 1.0,
        "location": _location_fit(seeker, listing, listing_place),
    }
    return Assessment(
        fits=fits,
        contributions={factor: WEIGHTS[factor] * fit for factor, fit in fits.items()},
        required_have=tuple(s for s in required if seeker.level(s) > 0),
        required_missing=tuple(s for s in required if seeker.level(s) <= 0),
        optional_have=tuple(s for s in optional if seeker.level(s) > 0),
        optional_missing=tuple(s for s in optional if seeker.level(s) <= 0),
        verified_have=verified,
        industry=listing.industry,
        interested=interested,
        worked_in=worked_in,
        hours_have=seeker.hours_per_week,
        hours_needed=needed,
        remote=listing.remote,
        remote_ok=seeker.remote_ok,
        on_site_here=not listing.remote and bool(listing_place) and seeker.place == listing_place,
        listing_place=listing.location,
        levels={s: seeker.level(s) for s in every if seeker.level(s) > 0},
    )
