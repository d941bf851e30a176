"""docs/reputation.md's formula written out a second time, independently of the
service's code: each term's value from the inputs the breakdown publishes."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Protocol


class PublishedTerm(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def inputs(self) -> Mapping[str, float]: ...
    @property
    def weight(self) -> float: ...


def term_value(name: str, inputs: Mapping[str, float]) -> float:
    if name == "rating":
        avg = (inputs["prior_weight"] * inputs["prior_mean"] + inputs["rating_sum"]) / (
            inputs["prior_weight"] + inputs["review_count"]
        )
        return (avg - 1) / 4
    if name == "on_time":
        return (inputs["prior_weight"] * inputs["prior"] + inputs["on_time"]) / (
            inputs["prior_weight"] + inputs["completed"]
        )
    if name == "responsiveness":
        return (inputs["prior_weight"] * inputs["prior"] + inputs["decided_on_time"]) / (
            inputs["prior_weight"] + inputs["decisions_counted"]
        )
    if name == "experience":
        return inputs["completed"] / (inputs["completed"] + inputs["half_at"])
    raise AssertionError(f"a term the documentation does not describe: {name}")


def recomputed_score(terms: Iterable[PublishedTerm]) -> float:
    """score = 100 * sum(weight * value) over the breakdown."""
    return sum(100 * t.weight * term_value(t.name, t.inputs) for t in terms)
