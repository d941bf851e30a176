"""The capacity model moves with its inputs: the figures, the activity, the wiring."""

from __future__ import annotations

import math
from dataclasses import replace
from pathlib import Path

import pytest

from stint_capacity.activity import Activity
from stint_capacity.figures import Figure, load, record
from stint_capacity.model import Wiring, compute, growth_to_break
from stint_capacity.wiring import read_wiring
from stint_runtime import topics

WIRING = Wiring(
    producers={"stint.listing.v1": "listing", "stint.matching.v1": "matching"},
    consumers={"stint.listing.v1": [("matching", "matching.listing-events")]},
)
# The other areas' topics exist in the model's event counts; this wiring leaves them out.
for area in ("identity", "application", "notification", "reputation"):
    WIRING.producers[f"stint.{area}.v1"] = area  # type: ignore[index]


def figures(**overrides: float) -> dict[str, Figure]:
    values = {
        "consumer_events_per_s": 1000.0,
        "relay_traced_events_per_s": 10_000.0,
        "gateway_read_requests_per_s": 1000.0,
        "matching_recommend_per_s": 500.0,
        "matching_pairs_scored_per_s": 1e7,
        "matching_match_share": 0.01,
        "matching_index_bytes_per_profile": 1000.0,
        "postgres_transactions_per_s": 1000.0,
        "analytics_landing_events_per_s": 3000.0,
        **overrides,
    }
    return {k: Figure(v, "", "", "", "") for k, v in values.items()}


def test_a_faster_consumer_needs_fewer_cores_for_the_same_events() -> None:
    slow = compute(Activity(), figures(), WIRING)
    fast = compute(Activity(), figures(consumer_events_per_s=2000.0), WIRING)
    by = {s.service: s for s in slow.services}
    for s in fast.services:
        assert s.consumed_per_s == pytest.approx(by[s.service].consumed_per_s)
    matching = next(s for s in slow.services if s.service == "matching")
    faster = next(s for s in fast.services if s.service == "matching")
    assert faster.cores == pytest.approx(matching.cores - matching.consumed_per_s / 2000.0)


def test_match_fanout_follows_the_share_and_the_cap() -> None:
    model = compute(Activity(), figures(matching_match_share=0.02), WIRING)
    assert model.matches_per_listing == pytest.approx(200_000)
    capped = compute(replace(Activity(), match_cap=500), figures(), WIRING)
    assert capped.matches_per_listing == 500
    topic = {t.topic: t for t in model.topics}["stint.matching.v1"]
    assert topic.peak_per_s > {t.topic: t for t in capped.topics}["stint.matching.v1"].peak_per_s


def test_partitions_cover_the_peak_of_the_topic() -> None:
    model = compute(Activity(), figures(matching_match_share=0.05), WIRING)
    for t in model.topics:
        assert t.partitions >= 8
        assert t.partitions & (t.partitions - 1) == 0  # a power of two
        assert t.partitions * 1000.0 * 0.6 >= t.peak_per_s


@pytest.mark.parametrize("limit", list(compute(Activity(), figures(), WIRING).limits.uses))
def test_the_growth_to_break_is_where_the_use_reaches_one(limit: str) -> None:
    factor = growth_to_break(Activity(), figures(), WIRING, limit)
    if factor is None:
        assert compute(Activity().scaled(1000), figures(), WIRING).limits.uses[limit] < 1
        return
    use = compute(Activity().scaled(factor), figures(), WIRING).limits.uses[limit]
    assert math.isclose(use, 1.0, rel_tol=1e-3)


def test_a_recorded_figure_is_read_back(tmp_path: Path) -> None:
    path = tmp_path / "figures.json"
    record("relay_traced_events_per_s", 12_345.6, unit="events/s", what="w", source="s", path=path)
    record("consumer_events_per_s", 901.0, unit="events/s", what="w", source="s", path=path)
    found = load(path)
    assert found["relay_traced_events_per_s"].value == 12_300  # three significant digits
    assert found["consumer_events_per_s"].value == 901


def test_the_wiring_is_the_code() -> None:
    wiring = read_wiring()
    assert set(wiring.producers) == set(topics.ALL)
    assert wiring.producers[topics.IDENTITY] == "gateway"
    groups = {group for found in wiring.consumers.values() for _, group in found}
    assert "application.listing-events" in groups
