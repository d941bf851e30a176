"""Small pieces every message uses: a listing's title as it is quoted, names that
are not known yet, and the reason codes of the application service in words."""

from __future__ import annotations

__all__ = [
    "CLOSE_REASONS",
    "REJECT_REASONS",
    "named",
    "plural",
    "quoted",
]

REJECT_REASONS = {
    "skills_mismatch": "the employer chose applicants whose skills match the project more closely",
    "availability": "the employer needed availability that does not match yours",
    "position_filled": "the position was filled by another applicant",
    "other": "the employer decided not to move forward with your application",
}

CLOSE_REASONS = {
    "position_filled": "every place on the project was filled by other applicants",
    "listing_closed": "the listing closed before the employer decided",
    "no_decision": "the employer did not decide in time",
}


def quoted(title: str) -> str:
    """“Build a churn dashboard”, or "a listing" while its title is not known yet."""
    return f"“{title}”" if title else "a listing"


def named(name: str, fallback: str) -> str:
    return name.strip() or fallback


def plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"
