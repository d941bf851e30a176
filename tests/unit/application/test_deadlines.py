from __future__ import annotations

from datetime import timedelta

from stint_application.domain.deadlines import decision_due_at
from tests.unit.application.examples import NOW

WEEK = timedelta(days=7)


def test_the_deadline_is_a_window_after_apply_by() -> None:
    apply_by = NOW + timedelta(days=3)
    assert decision_due_at(apply_by, NOW, WEEK) == apply_by + WEEK


def test_the_deadline_is_never_earlier_than_a_window_after_applying() -> None:
    apply_by = NOW - timedelta(days=1)
    assert decision_due_at(apply_by, NOW, WEEK) == NOW + WEEK


def test_the_window_is_configurable() -> None:
    assert decision_due_at(NOW, NOW, timedelta(seconds=2)) == NOW + timedelta(seconds=2)
