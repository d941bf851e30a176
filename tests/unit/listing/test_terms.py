from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from stint_listing.domain.listing import Money, SkillRequirement
from stint_listing.domain.terms import ListingPatch, revise_terms, validate_terms
from stint_runtime.errors import InvalidArgument
from tests.unit.listing.examples import FLOOR, NOW, RULES, terms


def _locs(error: pytest.ExceptionInfo[InvalidArgument]) -> set[tuple[str | int, ...]]:
    return {e.loc for e in error.value.errors}


def test_valid_terms_come_back_normalised() -> None:
    written = terms(
        title="  Build a churn dashboard ",
        industry=" FinTech",
        skills=(SkillRequirement(" JS ", True), SkillRequirement("Postgres", False)),
        pay=Money(40_000, "eur"),
        location="  Berlin   Mitte ",
    )
    accepted = validate_terms(written, RULES, now=NOW)
    assert accepted.title == "Build a churn dashboard"
    assert accepted.industry == "financial technology"
    assert accepted.skill_names == ("javascript", "postgresql")
    assert accepted.skills[0].required and not accepted.skills[1].required
    assert accepted.pay == Money(40_000, "EUR")
    assert accepted.location == "Berlin Mitte"


def test_pay_exactly_at_the_floor_is_accepted() -> None:
    at_floor = terms(estimated_hours=7, pay=Money(7 * FLOOR, "EUR"))
    assert validate_terms(at_floor, RULES, now=NOW).pay.amount_cents == 7 * FLOOR


def test_pay_one_cent_below_the_floor_names_the_field_and_the_floor() -> None:
    below = terms(estimated_hours=7, pay=Money(7 * FLOOR - 1, "EUR"))
    with pytest.raises(InvalidArgument) as refused:
        validate_terms(below, RULES, now=NOW)
    assert _locs(refused) == {("pay", "amount_cents")}
    message = refused.value.errors[0].msg
    assert f"floor of {FLOOR} cents per hour" in message
    assert f"{7 * FLOOR} cents for 7 hours" in message


def test_the_floor_comes_from_the_rules() -> None:
    lower = replace(RULES, pay_floor_cents_per_hour=1000)
    cheap = terms(estimated_hours=10, pay=Money(10_000, "EUR"))
    assert validate_terms(cheap, lower, now=NOW)
    with pytest.raises(InvalidArgument):
        validate_terms(cheap, RULES, now=NOW)


def test_every_problem_is_reported_at_once() -> None:
    bad = terms(
        title="ab",
        description="short",
        industry="  ",
        estimated_hours=0,
        duration_days=0,
        slots=0,
        pay=Money(0, "euro"),
        apply_by=NOW,
        skills=(SkillRequirement("js", True), SkillRequirement("JavaScript", False)),
    )
    with pytest.raises(InvalidArgument) as refused:
        validate_terms(bad, RULES, now=NOW)
    assert _locs(refused) == {
        ("title",),
        ("description",),
        ("industry",),
        ("estimated_hours",),
        ("duration_days",),
        ("slots",),
        ("pay", "amount_cents"),
        ("pay", "currency"),
        ("apply_by",),
        ("skills", 1, "name"),
    }


def test_apply_by_must_be_in_the_future() -> None:
    with pytest.raises(InvalidArgument) as refused:
        validate_terms(terms(apply_by=NOW - timedelta(seconds=1)), RULES, now=NOW)
    assert _locs(refused) == {("apply_by",)}
    assert validate_terms(terms(apply_by=NOW + timedelta(seconds=1)), RULES, now=NOW)


def test_a_patch_changes_only_what_it_names_and_is_validated_as_a_whole() -> None:
    current = validate_terms(terms(), RULES, now=NOW)
    revised = revise_terms(
        current, ListingPatch(title="A new title"), RULES, now=NOW, slots_filled=0
    )
    assert revised == replace(current, title="A new title")
    # More hours at the same pay falls below the floor: the floor sees both fields.
    with pytest.raises(InvalidArgument) as refused:
        revise_terms(current, ListingPatch(estimated_hours=21), RULES, now=NOW, slots_filled=0)
    assert _locs(refused) == {("pay", "amount_cents")}


def test_a_patch_checks_apply_by_only_when_it_moves_it() -> None:
    current = validate_terms(terms(), RULES, now=NOW)
    later = NOW + timedelta(days=30)
    # The deadline passed but the sweep has not closed the listing yet: a title edit works.
    assert revise_terms(current, ListingPatch(title="Still open"), RULES, now=later, slots_filled=0)
    with pytest.raises(InvalidArgument) as refused:
        revise_terms(current, ListingPatch(apply_by=NOW), RULES, now=later, slots_filled=0)
    assert _locs(refused) == {("apply_by",)}


def test_slots_cannot_drop_to_the_slots_already_filled() -> None:
    current = validate_terms(terms(slots=3), RULES, now=NOW)
    with pytest.raises(InvalidArgument) as refused:
        revise_terms(current, ListingPatch(slots=2), RULES, now=NOW, slots_filled=2)
    assert _locs(refused) == {("slots",)}
    assert revise_terms(current, ListingPatch(slots=3), RULES, now=NOW, slots_filled=2).slots == 3


def test_text_holding_a_nul_character_is_refused_on_its_field() -> None:
    # Postgres text cannot store U+0000: the write would fail, so the input is refused.
    bad = terms(
        title="Build a\x00 dashboard",
        description="Turn our data\x00 into a weekly dashboard.",
        industry="Soft\x00ware",
        skills=(SkillRequirement("Py\x00thon", True),),
        location="Ber\x00lin",
    )
    with pytest.raises(InvalidArgument) as refused:
        validate_terms(bad, RULES, now=NOW)
    assert _locs(refused) == {
        ("title",),
        ("description",),
        ("industry",),
        ("skills", 0, "name"),
        ("location",),
    }
    assert all("NUL" in e.msg for e in refused.value.errors)


def test_apply_by_is_at_most_the_rules_horizon_ahead() -> None:
    horizon = timedelta(days=RULES.max_apply_by_days)
    assert validate_terms(terms(apply_by=NOW + horizon), RULES, now=NOW)
    # Decision deadlines count from apply_by: one near the end of the calendar could
    # not be computed at all.
    for too_far in (NOW + horizon + timedelta(seconds=1), datetime(9999, 12, 31, tzinfo=UTC)):
        with pytest.raises(InvalidArgument) as refused:
            validate_terms(terms(apply_by=too_far), RULES, now=NOW)
        assert _locs(refused) == {("apply_by",)}
    current = validate_terms(terms(), RULES, now=NOW)
    with pytest.raises(InvalidArgument) as moved:
        revise_terms(
            current, ListingPatch(apply_by=NOW + 2 * horizon), RULES, now=NOW, slots_filled=0
        )
    assert _locs(moved) == {("apply_by",)}
