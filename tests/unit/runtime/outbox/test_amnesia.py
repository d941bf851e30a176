"""The relay's bounds on what the broker must still hold: a broker below one lost
records, a broker at or above every one did not (also the embedded broker, whose end
offset is the last batch's base offset + 1)."""

from __future__ import annotations

from stint_runtime.outbox.amnesia import AmnesiaWatch

TOPIC = "stint.listing.v1"


def test_a_healthy_partition_is_never_taken_for_a_lost_one() -> None:
    watch = AmnesiaWatch()
    watch.seed({(TOPIC, 0): 7})
    watch.acknowledged(TOPIC, 0, base_offset=7, count=5)
    watch.acknowledged(TOPIC, 0, base_offset=12, count=1)
    # Real Kafka reports 13; the embedded broker reports the last base offset + 1.
    watch.compare({(TOPIC, 0): 13})
    assert watch.forgotten() == {}
    watch.compare({(TOPIC, 0): 12 + 1})
    assert watch.forgotten() == {}


def test_a_batch_acknowledged_below_what_was_published_shows_the_loss() -> None:
    watch = AmnesiaWatch()
    watch.acknowledged(TOPIC, 1, base_offset=0, count=10)
    watch.acknowledged(TOPIC, 1, base_offset=0, count=2)  # the broker started over
    (evidence,) = watch.forgotten().values()
    assert (evidence.partition, evidence.seen, evidence.expected_at_least) == (1, 0, 10)
    assert evidence.how == "acknowledged"


def test_rows_kept_as_sent_bound_a_broker_the_relay_never_published_to() -> None:
    watch = AmnesiaWatch()
    watch.seed({(TOPIC, 2): 40, (TOPIC, 0): 0})
    assert watch.partitions() == [(TOPIC, 2)]
    watch.compare({(TOPIC, 2): 0})
    assert set(watch.forgotten()) == {TOPIC}
    fresh = AmnesiaWatch()
    fresh.seed({(TOPIC, 2): 40})
    fresh.acknowledged(TOPIC, 2, base_offset=3, count=1)  # an empty new log, three records in
    assert fresh.forgotten()[TOPIC].expected_at_least == 40


def test_an_end_offset_below_the_last_acknowledged_batch_shows_the_loss() -> None:
    watch = AmnesiaWatch()
    watch.acknowledged(TOPIC, 0, base_offset=100, count=50)
    watch.compare({(TOPIC, 0): 100})
    assert watch.forgotten()[TOPIC].how == "end offset"


def test_forgetting_a_topic_starts_its_bounds_afresh() -> None:
    watch = AmnesiaWatch()
    watch.acknowledged(TOPIC, 0, base_offset=100, count=1)
    watch.acknowledged("other.v1", 0, base_offset=5, count=1)
    watch.compare({(TOPIC, 0): 0, ("other.v1", 0): 6})
    assert set(watch.forgotten()) == {TOPIC}
    watch.forget([TOPIC])
    assert watch.forgotten() == {}
    watch.acknowledged(TOPIC, 0, base_offset=0, count=3)  # the republished log
    assert watch.forgotten() == {}
    assert watch.partitions() == [("other.v1", 0), (TOPIC, 0)]
