"""The listing form and the API's listing body, both ways."""

from __future__ import annotations

from stint_web.formatting import cents_of, money, pay_per_hour
from stint_web.terms import body_of, values_of

FORM = {
    "title": "Churn",
    "description": "d",
    "industry": "Software",
    "required_skills": "Python, SQL",
    "other_skills": "dbt",
    "estimated_hours": "20",
    "duration_days": "14",
    "pay": "600.50",
    "currency": "EUR",
    "remote": "true",
    "location": "",
    "apply_by": "2027-01-05T12:30",
    "slots": "2",
}


def test_the_form_becomes_the_apis_body() -> None:
    body, errors = body_of(FORM)
    assert not errors
    assert body["pay"] == {"amount_cents": 60050, "currency": "EUR"}
    assert body["skills"] == [
        {"name": "Python", "required": True},
        {"name": "SQL", "required": True},
        {"name": "dbt", "required": False},
    ]
    assert body["apply_by"] == "2027-01-05T12:30:00+00:00"
    assert body["estimated_hours"] == 20 and body["remote"] is True and body["location"] is None


def test_what_is_not_a_number_goes_to_the_api_as_typed() -> None:
    body, errors = body_of({**FORM, "estimated_hours": "twenty"})
    assert not errors and body["estimated_hours"] == "twenty"


def test_an_amount_that_is_not_one_is_answered_here() -> None:
    _, errors = body_of({**FORM, "pay": "lots"})
    assert errors.of("pay") == ["Enter an amount, like 600 or 600.50."]


def test_a_listing_becomes_the_forms_values_again() -> None:
    body, _ = body_of(FORM)
    values = values_of({**body, "id": "x"})
    assert {k: values[k] for k in ("pay", "required_skills", "other_skills", "apply_by")} == {
        "pay": "600.50",
        "required_skills": "Python, SQL",
        "other_skills": "dbt",
        "apply_by": "2027-01-05T12:30",
    }


def test_money_and_pay_per_hour() -> None:
    assert cents_of("1,200") == 120000
    assert money({"amount_cents": 60000, "currency": "EUR"}) == "600.00 EUR"
    assert (
        pay_per_hour({"pay": {"amount_cents": 60000, "currency": "EUR"}, "estimated_hours": 20})
        == "30.00 EUR per hour"
    )
