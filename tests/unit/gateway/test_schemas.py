"""Request bodies: what the gateway accepts and how it names what it refuses."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from pydantic import ValidationError

from stint_gateway.schemas.accounts import RegisterRequest, TokenRequest
from stint_gateway.schemas.listings import CloseRequest, ListingDraftIn, ListingPatchIn

Case = tuple[dict[str, Any], tuple[str | int, ...]]


def _locs(error: pytest.ExceptionInfo[ValidationError]) -> list[tuple[str | int, ...]]:
    return [tuple(e["loc"]) for e in error.value.errors()]


def registration(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "email": "ada@example.com",
        "password": "a long enough password",
        "role": "student",
        "display_name": "Ada",
    }
    body.update(changes)
    return body


def draft(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "title": "Build a churn dashboard",
        "description": "Turn our subscription data into a dashboard.",
        "industry": "Software",
        "skills": [{"name": "Python"}],
        "estimated_hours": 20,
        "duration_days": 14,
        "pay": {"amount_cents": 60_000, "currency": "EUR"},
        "remote": True,
        "apply_by": (datetime.now(UTC) + timedelta(days=7)).isoformat(),
    }
    body.update(changes)
    return body


def test_registration_rules() -> None:
    assert RegisterRequest.model_validate(registration()).organization is None
    cases: list[Case] = [
        ({"password": "123456789"}, ("password",)),
        ({"email": "not-an-address"}, ("email",)),
        ({"role": "admin"}, ("role",)),
        ({"display_name": "  "}, ("display_name",)),
        ({"role": "employer"}, ("organization",)),
        ({"organization": {"name": "Acme", "industry": "Tech"}}, ("organization",)),
        ({"is_admin": True}, ("is_admin",)),
    ]
    for changes, loc in cases:
        with pytest.raises(ValidationError) as error:
            RegisterRequest.model_validate(registration(**changes))
        assert loc in _locs(error), changes


def test_employer_registers_with_an_organization() -> None:
    request = RegisterRequest.model_validate(
        registration(
            role="employer",
            organization={"name": "Acme", "industry": "Tech", "website": "https://acme.example"},
        )
    )
    assert request.organization is not None
    assert request.organization.name == "Acme"


def test_draft_defaults_and_limits() -> None:
    parsed = ListingDraftIn.model_validate(draft())
    assert parsed.slots == 1
    assert parsed.skills[0].required is True
    assert parsed.location is None
    cases: list[Case] = [
        ({"title": "ab"}, ("title",)),
        ({"pay": {"amount_cents": 0, "currency": "EUR"}}, ("pay", "amount_cents")),
        ({"pay": {"amount_cents": 100, "currency": "euro"}}, ("pay", "currency")),
        ({"slots": 0}, ("slots",)),
        ({"estimated_hours": 0}, ("estimated_hours",)),
        ({"apply_by": "2030-01-01T00:00:00"}, ("apply_by",)),
        ({"skills": [{"name": "x", "level": 3}]}, ("skills", 0, "level")),
        ({"owner": "me"}, ("owner",)),
    ]
    for changes, loc in cases:
        with pytest.raises(ValidationError) as error:
            ListingDraftIn.model_validate(draft(**changes))
        assert loc in _locs(error), changes


def test_numbers_and_flags_are_taken_as_json_gives_them() -> None:
    cases: list[Case] = [
        ({"estimated_hours": "10"}, ("estimated_hours",)),
        ({"duration_days": 7.5}, ("duration_days",)),
        ({"slots": True}, ("slots",)),
        ({"pay": {"amount_cents": "50000", "currency": "EUR"}}, ("pay", "amount_cents")),
        ({"remote": "yes"}, ("remote",)),
        ({"remote": 1}, ("remote",)),
        ({"skills": [{"name": "sql", "required": "false"}]}, ("skills", 0, "required")),
    ]
    for changes, loc in cases:
        with pytest.raises(ValidationError) as error:
            ListingDraftIn.model_validate(draft(**changes))
        assert loc in _locs(error), changes
    with pytest.raises(ValidationError) as error:
        ListingPatchIn.model_validate({"remote": "no"})
    assert ("remote",) in _locs(error)
    # JSON has one number seven however it is written, as JSON Schema's "integer" says.
    assert ListingDraftIn.model_validate(draft(duration_days=7.0)).duration_days == 7


def test_draft_needs_every_documented_field() -> None:
    body = draft()
    del body["title"], body["apply_by"]
    with pytest.raises(ValidationError) as error:
        ListingDraftIn.model_validate(body)
    assert set(_locs(error)) == {("title",), ("apply_by",)}


def test_patch_keeps_what_was_sent() -> None:
    patch = ListingPatchIn.model_validate({"title": "A new title", "location": None})
    assert patch.model_fields_set == {"title", "location"}
    assert ListingPatchIn.model_validate({}).model_fields_set == set()


def test_patch_refuses_null_except_for_location() -> None:
    with pytest.raises(ValidationError) as error:
        ListingPatchIn.model_validate({"title": None, "slots": None, "location": None})
    assert set(_locs(error)) == {("title",), ("slots",)}


def test_owner_may_only_withdraw() -> None:
    assert CloseRequest.model_validate({}).reason is None
    assert CloseRequest.model_validate({"reason": "withdrawn"}).reason == "withdrawn"
    for reason in ("filled", "deadline"):
        with pytest.raises(ValidationError):
            CloseRequest.model_validate({"reason": reason})


def test_text_the_gateway_stores_may_not_hold_a_nul_character() -> None:
    # Postgres text cannot store U+0000: refused with the field named, not a failed query.
    with pytest.raises(ValidationError) as error:
        RegisterRequest.model_validate(registration(display_name="A\x00da"))
    assert _locs(error) == [("display_name",)]
    with pytest.raises(ValidationError) as error:
        TokenRequest.model_validate({"email": "ada\x00@example.com", "password": "x"})
    assert _locs(error) == [("email",)]


def test_apply_by_must_be_a_moment_utc_can_express() -> None:
    # Parses as an aware datetime, but in UTC it falls after 9999-12-31.
    past_the_calendar = "9999-12-31T23:59:59-05:00"
    with pytest.raises(ValidationError) as error:
        ListingDraftIn.model_validate(draft(apply_by=past_the_calendar))
    assert _locs(error) == [("apply_by",)]
    with pytest.raises(ValidationError) as error:
        ListingPatchIn.model_validate({"apply_by": past_the_calendar})
    assert _locs(error) == [("apply_by",)]
    assert ListingPatchIn.model_validate({"apply_by": "2030-01-01T00:00:00-05:00"}).apply_by
