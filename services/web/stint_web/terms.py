"""The listing form: what an employer types, as the API's listing body, and a listing
as the form's values (for editing). What the form cannot turn into the API's types
(a number that is not one) goes to the API as typed, so that the API's own message is
what the person reads; only the amount of money is read here (cents from a decimal)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from stint_web.formatting import cents_of
from stint_web.problems import FormErrors

__all__ = ["ALIASES", "FIELDS", "body_of", "values_of"]

FIELDS = (
    "title",
    "description",
    "industry",
    "required_skills",
    "other_skills",
    "estimated_hours",
    "duration_days",
    "pay",
    "currency",
    "remote",
    "location",
    "apply_by",
    "slots",
)
ALIASES = {"pay.amount_cents": "pay", "pay.currency": "currency", "skills": "required_skills"}
CURRENCIES = ("EUR", "USD", "GBP", "CHF")


def _number(text: str) -> int | str:
    try:
        return int(text.strip())
    except ValueError:
        return text


def _skills(form: dict[str, str]) -> list[dict[str, Any]]:
    def names(text: str) -> list[str]:
        return [name.strip() for name in text.split(",") if name.strip()]

    required = [{"name": n, "required": True} for n in names(form.get("required_skills", ""))]
    other = [{"name": n, "required": False} for n in names(form.get("other_skills", ""))]
    return required + other


def _apply_by(text: str) -> str:
    """A ``datetime-local`` value, read as UTC (the form says so)."""
    try:
        return datetime.fromisoformat(text).replace(tzinfo=UTC).isoformat()
    except ValueError:
        return text


def body_of(form: dict[str, str]) -> tuple[dict[str, Any], FormErrors]:
    errors: dict[str, list[str]] = {}
    try:
        amount: int | str = cents_of(form.get("pay", ""))
    except ValueError as exc:
        errors["pay"] = [str(exc)]
        amount = 0
    body: dict[str, Any] = {
        "title": form.get("title", ""),
        "description": form.get("description", ""),
        "industry": form.get("industry", ""),
        "skills": _skills(form),
        "estimated_hours": _number(form.get("estimated_hours", "")),
        "duration_days": _number(form.get("duration_days", "")),
        "pay": {"amount_cents": amount, "currency": form.get("currency", "EUR")},
        "remote": form.get("remote") == "true",
        "location": form.get("location") or None,
        "apply_by": _apply_by(form.get("apply_by", "")),
        "slots": _number(form.get("slots", "1")),
    }
    return body, FormErrors(errors)


def values_of(listing: dict[str, Any]) -> dict[str, str]:
    skills = listing.get("skills") or []
    apply_by = datetime.fromisoformat(str(listing["apply_by"]).replace("Z", "+00:00"))
    return {
        "title": listing["title"],
        "description": listing["description"],
        "industry": listing["industry"],
        "required_skills": ", ".join(s["name"] for s in skills if s.get("required")),
        "other_skills": ", ".join(s["name"] for s in skills if not s.get("required")),
        "estimated_hours": str(listing["estimated_hours"]),
        "duration_days": str(listing["duration_days"]),
        "pay": f"{int(listing['pay']['amount_cents']) / 100:.2f}",
        "currency": listing["pay"]["currency"],
        "remote": "true" if listing.get("remote") else "",
        "location": listing.get("location") or "",
        "apply_by": apply_by.astimezone(UTC).strftime("%Y-%m-%dT%H:%M"),
        "slots": str(listing.get("slots", 1)),
    }
