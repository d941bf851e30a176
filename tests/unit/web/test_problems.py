"""An API problem's field errors land beside the form field they name."""

from __future__ import annotations

from stint_web.gateway import ApiProblem, FieldError
from stint_web.problems import place


def _problem(*errors: tuple[tuple[str | int, ...], str]) -> ApiProblem:
    return ApiProblem(422, "Invalid", "see errors", [FieldError(loc, msg) for loc, msg in errors])


def test_an_error_goes_to_the_longest_field_its_location_starts_with() -> None:
    problem = _problem(
        (("body", "pay", "amount_cents"), "below the floor"),
        (("body", "title"), "too short"),
        (("body", "skills", 0, "name"), "empty"),
    )
    placed = place(problem, ("title", "pay", "skills"))
    assert placed.of("pay") == ["below the floor"]
    assert placed.of("title") == ["too short"]
    assert placed.of("skills") == ["empty"]
    assert placed.general == []


def test_aliases_name_the_forms_own_field() -> None:
    problem = _problem(
        (("body", "pay", "currency"), "not ISO"), (("query", "min_pay_cents"), "low")
    )
    placed = place(
        problem,
        ("pay", "currency", "min_pay"),
        {"pay.currency": "currency", "min_pay_cents": "min_pay"},
    )
    assert placed.of("currency") == ["not ISO"] and placed.of("pay") == []
    assert placed.of("min_pay") == ["low"]


def test_what_names_no_field_is_shown_above_the_form() -> None:
    placed = place(_problem((("body", "answers"), "too many")), ("title",))
    assert placed.general == ["answers: too many"]
    conflict = place(ApiProblem(409, "Conflict", "You already applied."), ("cover_note",))
    assert conflict.general == ["You already applied."]
