"""The formula of ``scoring`` for many pairs at once: one student against every
listing (recommendations), or one listing against every student (candidates and
MatchFound). The same terms, weights and credits as ``scoring.assess``; the tests hold
the two to each other on random profiles and listings."""

from __future__ import annotations

import numpy as np

from stint_matching.domain.columns import Array, Codes
from stint_matching.domain.listings import ListingView
from stint_matching.domain.openings import ListingTable
from stint_matching.domain.scoring import (
    REMOTE_NOT_PREFERRED_FIT,
    VERIFIED_LEVEL,
    WEIGHTS,
    WORKED_IN_FIT,
    Seeker,
)
from stint_matching.domain.students import StudentTable
from stint_runtime.vocabulary import normalise_location

__all__ = ["for_listings", "for_students", "weighted"]

Fits = dict[str, Array]


def _credit(levels: Array) -> Array:
    """``scoring.skill_credit`` elementwise."""
    return np.where(levels > 0, 0.5 + 0.1 * np.minimum(levels, 5), 0.0)


def weighted(fits: Fits) -> Array:
    """The score: the sum of weight x fit over the terms."""
    total = np.zeros_like(next(iter(fits.values())))
    for factor, fit in fits.items():
        total += WEIGHTS[factor] * fit
    return total


def for_listings(seeker: Seeker, listings: ListingTable, codes: tuple[Codes, Codes, Codes]) -> Fits:
    """Each term's fit of ``seeker`` for every listing row."""
    skill_codes, industry_codes, place_codes = codes
    size = len(listings)
    table = listings.entries()  # first: it gives codes to names new since the last call
    levels = np.zeros(len(skill_codes), dtype=np.float64)
    verified = np.zeros(len(skill_codes), dtype=np.float64)
    for name, level in seeker.levels.items():
        levels[skill_codes.known(name)] = level
    for name in seeker.verified:
        verified[skill_codes.known(name)] = 1.0
    levels[0] = verified[0] = 0.0  # names no listing ever asked for
    effective = np.where(verified > 0, np.maximum(levels, VERIFIED_LEVEL), levels)
    credit = _credit(effective)[table.skills]
    industry_fit = np.zeros(len(industry_codes), dtype=np.float64)
    for name in seeker.tried:
        industry_fit[industry_codes.known(name)] = WORKED_IN_FIT
    for name in seeker.interests:
        industry_fit[industry_codes.known(name)] = 1.0
    industry_fit[0] = 0.0
    place = place_codes.known(seeker.place) if seeker.place else 0
    here = (table.place == place) if place else np.zeros(size, dtype=np.bool_)
    remote_fit = 1.0 if seeker.remote_ok else REMOTE_NOT_PREFERRED_FIT

    def per_listing(weights: Array) -> Array:
        return np.bincount(table.rows, weights=weights, minlength=size)

    required = per_listing(credit * table.required_weight)
    optional = per_listing(credit * table.optional_weight)
    hours = seeker.hours_per_week * table.per_needed_hour + table.none_needed
    return {
        "required_skills": required * table.per_required + table.none_required,
        "optional_skills": optional * table.per_optional + table.none_optional,
        "verified_skills": per_listing(verified[table.skills]) * table.per_skill,
        "interest": industry_fit[table.industry],
        "availability": np.minimum(1.0, hours),
        "location": table.remote * remote_fit + (1.0 - table.remote) * here,
    }


def _skills_fit(
    students: StudentTable, skills: Codes, names: tuple[str, ...]
) -> tuple[Array, Array]:
    """(mean credit over ``names``, how many of them each student has verified)."""
    size = len(students)
    total = np.zeros(size, dtype=np.float64)
    verified_count = np.zeros(size, dtype=np.float64)
    for name in names:
        levels = students.column(students.skills, skills, name)
        verified = students.column(students.verified, skills, name)
        total += _credit(np.where(verified > 0, np.maximum(levels, VERIFIED_LEVEL), levels))
        verified_count += verified
    if names:
        total /= len(names)
    else:
        total[:] = 1.0
    return total, verified_count


def for_students(
    listing: ListingView, students: StudentTable, codes: tuple[Codes, Codes, Codes]
) -> Fits:
    """Each term's fit of every student row for ``listing``."""
    skill_codes, industry_codes, place_codes = codes
    size = len(students)
    required, required_verified = _skills_fit(students, skill_codes, listing.required)
    optional, optional_verified = _skills_fit(students, skill_codes, listing.optional)
    every = len(listing.required) + len(listing.optional)
    interested = students.column(students.interests, industry_codes, listing.industry)
    tried = students.column(students.tried, industry_codes, listing.industry)
    needed = listing.hours_per_week
    hours = students.hours.upto(size)
    place = normalise_location(listing.location)
    if listing.remote:
        location = np.where(students.remote_ok.upto(size), 1.0, REMOTE_NOT_PREFERRED_FIT)
    elif place and place_codes.known(place):
        location = (students.place.upto(size) == place_codes.known(place)).astype(np.float64)
    else:
        location = np.zeros(size, dtype=np.float64)
    return {
        "required_skills": required,
        "optional_skills": optional,
        "verified_skills": (required_verified + optional_verified) / every
        if every
        else np.zeros(size, dtype=np.float64),
        "interest": np.where(interested > 0, 1.0, np.where(tried > 0, WORKED_IN_FIT, 0.0)),
        "availability": np.minimum(1.0, hours / needed) if needed > 0 else np.ones(size),
        "location": location,
    }
