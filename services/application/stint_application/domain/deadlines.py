"""Decision deadlines: no application waits for an answer forever."""

from __future__ import annotations

from datetime import datetime, timedelta

__all__ = ["decision_due_at"]


def decision_due_at(apply_by: datetime, applied_at: datetime, window: timedelta) -> datetime:
    """``window`` after the listing's apply_by, and never earlier than ``window`` after
    applying (a listing whose apply_by moved still leaves the owner the full window)."""
    return max(apply_by, applied_at) + window
