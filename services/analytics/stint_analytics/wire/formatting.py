"""How the report writes its numbers, the same in text and in HTML."""

from __future__ import annotations

from datetime import date, datetime

from stint_analytics.domain.report import MarketplaceReport

__all__ = ["NONE", "days", "hours", "moment", "percent", "period", "share_of"]

NONE = "-"
"""A measure with nothing to measure yet (its denominator is zero)."""


def percent(value: float | None) -> str:
    return NONE if value is None else f"{100 * value:.1f} %"


def share_of(part: int, whole: int) -> str:
    return percent(part / whole) if whole else NONE


def hours(value: float | None) -> str:
    return NONE if value is None else f"{value:.1f} h"


def days(value: float | None) -> str:
    return NONE if value is None else f"{value:.1f} d"


def moment(value: datetime | None) -> str:
    return NONE if value is None else value.strftime("%Y-%m-%d %H:%M UTC")


def _day(value: date | None) -> str:
    return value.isoformat() if value else ""


def period(report: MarketplaceReport) -> str:
    if report.since is None and report.until is None:
        return "every listing in the store"
    since, until = _day(report.since), _day(report.until)
    if since and until:
        return f"listings published from {since} until {until} (exclusive)"
    if since:
        return f"listings published from {since}"
    return f"listings published until {until} (exclusive)"
