"""Validation of what an employer writes: every problem is reported at once, each
naming its field, and the accepted terms come back normalised."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from stint.listing.v1 import listing_pb2, listing_service_pb2
from stint_listing.domain.listing import ListingTerms, Money, SkillRequirement
from stint_runtime.contract import field_limits
from stint_runtime.errors import FieldError, InvalidArgument
from stint_runtime.text import nul_errors
from stint_runtime.vocabulary import normalise_industry, normalise_skill

__all__ = ["ListingPatch", "TermsRules", "revise_terms", "validate_terms"]

_CURRENCY = re.compile(r"[A-Z]{3}")
# The bounds the contract declares for what an employer writes (ListingDraft; a
# ListingPatch keeps them), which the gateway checks too.
_DRAFT = field_limits(listing_service_pb2.ListingDraft.DESCRIPTOR)
_SKILL = field_limits(listing_pb2.SkillRequirement.DESCRIPTOR)


def _at_most(field: str) -> int:
    found = _DRAFT[field].max
    assert found is not None, f"ListingDraft.{field} declares no maximum"
    return found


@dataclass(frozen=True)
class TermsRules:
    """Limits a listing's terms must keep: the contract's bounds, and the pay floor
    from settings."""

    pay_floor_cents_per_hour: int
    title_length: tuple[int, int] = _DRAFT["title"].bounds
    description_length: tuple[int, int] = _DRAFT["description"].bounds
    industry_length: tuple[int, int] = _DRAFT["industry"].bounds
    """After normalisation."""
    skill_name_length: tuple[int, int] = _SKILL["name"].bounds
    """After normalisation."""
    max_skills: int = _at_most("skills")
    estimated_hours: tuple[int, int] = _DRAFT["estimated_hours"].bounds
    duration_days: tuple[int, int] = _DRAFT["duration_days"].bounds
    slots: tuple[int, int] = _DRAFT["slots"].bounds
    max_pay_cents: int = _at_most("pay")
    max_location_length: int = _at_most("location")
    max_apply_by_days: int = 365
    """How far ahead apply_by may be; the decision deadlines of applications count
    from it, and must stay within the dates a timestamp can hold."""


@dataclass(frozen=True)
class ListingPatch:
    """A partial change: ``None`` leaves the field as it is."""

    title: str | None = None
    description: str | None = None
    industry: str | None = None
    skills: tuple[SkillRequirement, ...] | None = None
    estimated_hours: int | None = None
    duration_days: int | None = None
    pay: Money | None = None
    remote: bool | None = None
    location: str | None = None
    apply_by: datetime | None = None
    slots: int | None = None

    def apply_to(self, terms: ListingTerms) -> ListingTerms:
        changes = {k: v for k, v in vars(self).items() if v is not None}
        return replace(terms, **changes)


def validate_terms(
    terms: ListingTerms, rules: TermsRules, *, now: datetime, check_apply_by: bool = True
) -> ListingTerms:
    """The normalised terms, or InvalidArgument listing every problem."""
    errors: list[FieldError] = []
    title = _text(terms.title, "title", rules.title_length, errors)
    description = _text(terms.description, "description", rules.description_length, errors)
    industry = normalise_industry(terms.industry)
    errors += _name_errors(industry, ("industry",), rules.industry_length)
    skills = _skills(terms.skills, rules, errors)
    _in_range(terms.estimated_hours, "estimated_hours", rules.estimated_hours, errors)
    _in_range(terms.duration_days, "duration_days", rules.duration_days, errors)
    _in_range(terms.slots, "slots", rules.slots, errors)
    pay = _pay(terms, rules, errors)
    location = " ".join(terms.location.split())
    if len(location) > rules.max_location_length:
        errors.append(FieldError(("location",), f"at most {rules.max_location_length} characters"))
    errors += nul_errors(("location",), location)
    if check_apply_by and terms.apply_by <= now:
        errors.append(FieldError(("apply_by",), "must be in the future"))
    elif check_apply_by and terms.apply_by > now + timedelta(days=rules.max_apply_by_days):
        errors.append(
            FieldError(("apply_by",), f"must be at most {rules.max_apply_by_days} days ahead")
        )
    if errors:
        raise InvalidArgument(errors)
    return replace(
        terms,
        title=title,
        description=description,
        industry=industry,
        skills=skills,
        pay=pay,
        location=location,
    )


def revise_terms(
    current: ListingTerms,
    patch: ListingPatch,
    rules: TermsRules,
    *,
    now: datetime,
    slots_filled: int,
) -> ListingTerms:
    """The terms after ``patch``, validated as a whole (the pay floor depends on both
    pay and hours). apply_by must be in the future only when the patch moves it."""
    revised = validate_terms(
        patch.apply_to(current), rules, now=now, check_apply_by=patch.apply_by is not None
    )
    if revised.slots <= slots_filled:
        raise InvalidArgument.one(
            "slots", f"must be more than the {slots_filled} slots already filled"
        )
    return revised


def _text(value: str, field: str, length: tuple[int, int], errors: list[FieldError]) -> str:
    text = value.strip()
    low, high = length
    if not low <= len(text) <= high:
        errors.append(FieldError((field,), f"must be {low} to {high} characters"))
    errors += nul_errors((field,), text)
    return text


def _name_errors(
    name: str, loc: tuple[str | int, ...], length: tuple[int, int]
) -> list[FieldError]:
    low, high = length
    errors = (
        [] if low <= len(name) <= high else [FieldError(loc, f"must be {low} to {high} characters")]
    )
    return errors + nul_errors(loc, name)


def _skills(
    skills: tuple[SkillRequirement, ...], rules: TermsRules, errors: list[FieldError]
) -> tuple[SkillRequirement, ...]:
    if len(skills) > rules.max_skills:
        errors.append(FieldError(("skills",), f"at most {rules.max_skills} skills"))
    seen: set[str] = set()
    result: list[SkillRequirement] = []
    for index, skill in enumerate(skills):
        name = normalise_skill(skill.name)
        errors += _name_errors(name, ("skills", index, "name"), rules.skill_name_length)
        if name in seen:
            errors.append(FieldError(("skills", index, "name"), f"{name!r} is listed twice"))
        seen.add(name)
        result.append(SkillRequirement(name, skill.required))
    return tuple(result)


def _in_range(value: int, field: str, bounds: tuple[int, int], errors: list[FieldError]) -> None:
    low, high = bounds
    if not low <= value <= high:
        errors.append(FieldError((field,), f"must be between {low} and {high}"))


def _pay(terms: ListingTerms, rules: TermsRules, errors: list[FieldError]) -> Money:
    currency = terms.pay.currency.strip().upper()
    if not _CURRENCY.fullmatch(currency):
        errors.append(FieldError(("pay", "currency"), "must be a 3-letter ISO 4217 code"))
    amount, hours = terms.pay.amount_cents, terms.estimated_hours
    floor = rules.pay_floor_cents_per_hour
    if amount <= 0:
        errors.append(FieldError(("pay", "amount_cents"), "must be positive"))
    elif amount > rules.max_pay_cents:
        errors.append(FieldError(("pay", "amount_cents"), f"must be at most {rules.max_pay_cents}"))
    elif hours >= 1 and amount < floor * hours:
        errors.append(
            FieldError(
                ("pay", "amount_cents"),
                f"pay per estimated hour is {amount // hours} cents, below the floor of "
                f"{floor} cents per hour (at least {floor * hours} cents for {hours} hours)",
            )
        )
    return Money(amount, currency)
