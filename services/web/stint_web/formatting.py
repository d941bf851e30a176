"""How the pages write money, times and rates: the template filters."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

__all__ = ["FILTERS", "cents_of", "money", "pay_per_hour", "when"]


def money(pay: Any) -> str:
    if not isinstance(pay, dict):
        return ""
    return f"{int(pay.get('amount_cents', 0)) / 100:,.2f} {pay.get('currency', '')}".strip()


def pay_per_hour(listing: Any) -> str:
    pay, hours = listing.get("pay") or {}, int(listing.get("estimated_hours") or 0)
    if hours < 1:
        return ""
    per_hour = {"amount_cents": int(pay.get("amount_cents", 0)) // hours, **_currency(pay)}
    return f"{money(per_hour)} per hour"


def _currency(pay: dict[str, Any]) -> dict[str, Any]:
    return {"currency": pay.get("currency", "")}


def when(value: Any) -> str:
    """``2 Dec 2026, 14:05 UTC`` for an RFC 3339 time; empty for none."""
    if not value:
        return ""
    moment = datetime.fromisoformat(str(value).replace("Z", "+00:00")).astimezone(UTC)
    return moment.strftime("%-d %b %Y, %H:%M UTC")


def percent(value: Any) -> str:
    return "" if value is None else f"{float(value) * 100:.0f} %"


def cents_of(text: str) -> int:
    """Cents from what a person types as an amount (``600``, ``600.50``, ``1,200``)."""
    cleaned = text.replace(",", "").strip()
    if not cleaned:
        raise ValueError("Enter an amount, like 600 or 600.50.")
    try:
        amount = round(float(cleaned) * 100)
    except ValueError:
        raise ValueError("Enter an amount, like 600 or 600.50.") from None
    return amount


def label(value: Any) -> str:
    """``skills_mismatch`` -> ``skills mismatch``."""
    return str(value or "").replace("_", " ")


FILTERS = {
    "money": money,
    "per_hour": pay_per_hour,
    "when": when,
    "percent": percent,
    "label": label,
}
