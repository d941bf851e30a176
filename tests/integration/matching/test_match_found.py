"""A published listing announces MatchFound to the students it matches above the
threshold, and to nobody else; at most once per student and listing, also when every
event is delivered twice (the same events again, and the publication once more under a
new event id)."""

from __future__ import annotations

import uuid
from collections import Counter
from datetime import UTC, datetime
from typing import Any

import asyncpg
from aiokafka import AIOKafkaProducer

from stint.matching.v1 import events_pb2 as matching_events
from stint_runtime import topics
from stint_runtime.kafka.headers import envelope_headers
from stint_runtime.service import RunningService
from tests.integration.conftest import SettingsFactory
from tests.integration.consumed import last_offsets, wait_until_consumed
from tests.integration.gateway.api import Api
from tests.integration.matching.steps import put_profile
from tests.integration.matching.topic import event_type, records_until

_TYPE = "stint.matching.v1.MatchFound"


async def _announced(pool: asyncpg.Pool, listing_id: str) -> Counter[str]:
    """Per student, the MatchFound events written to the outbox for the listing."""
    rows = await pool.fetch("SELECT payload FROM outbox WHERE event_type = $1", _TYPE)
    found = [matching_events.MatchFound.FromString(row["payload"]) for row in rows]
    return Counter(e.match.student_id for e in found if e.match.listing_id == listing_id)


async def test_matching_students_hear_once_even_when_everything_is_delivered_twice(
    public_api: Api,
    service_settings: SettingsFactory,
    matching_service: RunningService,
) -> None:
    api = public_api
    bootstrap = service_settings("matching").kafka_bootstrap_servers
    owner = await api.sign_up("employer")
    fits = [await api.sign_up("student") for _ in range(2)]
    misfit = await api.sign_up("student")
    for student in fits:
        await put_profile(
            api,
            student,
            skills=[{"name": "rust", "level": 5}, {"name": "webassembly", "level": 5}],
            interests=["gaming"],
            availability_hours_per_week=20,
        )
    await put_profile(api, misfit, skills=[{"name": "knitting", "level": 5}], interests=[])
    listing = await api.open_listing(
        owner,
        title="Port a physics engine to WebAssembly",
        industry="gaming",
        skills=[{"name": "Rust", "required": True}, {"name": "WebAssembly", "required": True}],
    )

    def found_for(records: list[Any]) -> list[matching_events.MatchFound]:
        events = [
            matching_events.MatchFound.FromString(r.value)
            for r in records
            if event_type(r) == _TYPE
        ]
        return [e for e in events if e.match.listing_id == listing["id"]]

    fit_ids = {s.id for s in fits}
    records = await records_until(
        bootstrap,
        topics.MATCHING,
        lambda seen: fit_ids <= {e.match.student_id for e in found_for(seen)},
        "MatchFound for both matching students",
    )
    announced = found_for(records)
    by_student = {e.match.student_id: e for e in announced}
    assert misfit.id not in by_student
    event = by_student[fits[0].id]
    assert event.match.score >= 0.6
    assert event.listing_title == "Port a physics engine to WebAssembly"
    assert event.industry == "gaming"
    assert event.match_id and event.match.reasons
    assert "You have 2 of 2 required skills: rust, webassembly" in event.match.reasons
    key = [
        r.key for r in records if event_type(r) == _TYPE and r.value == event.SerializeToString()
    ]
    assert key == [fits[0].id.encode()]

    # Every event of the listing delivered again, and its publication under a new id.
    listing_records = await records_until(
        bootstrap,
        topics.LISTING,
        lambda seen: any(r.key == listing["id"].encode() for r in seen),
        "the listing's events",
    )
    mine = [r for r in listing_records if r.key == listing["id"].encode()]
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap)
    await producer.start()
    try:
        sent = [
            await producer.send_and_wait(
                topics.LISTING, r.value, key=r.key, headers=list(r.headers)
            )
            for r in mine
        ]
        published = next(r for r in mine if event_type(r) == "stint.listing.v1.ListingPublished")
        headers = envelope_headers(
            event_id=uuid.uuid4(),
            event_type="stint.listing.v1.ListingPublished",
            occurred_at=datetime.now(UTC),
            producer="listing",
            aggregate_id=listing["id"],
            trace_context={},
        )
        sent.append(
            await producer.send_and_wait(
                topics.LISTING, published.value, key=published.key, headers=headers
            )
        )
    finally:
        await producer.stop()
    await wait_until_consumed(bootstrap, "matching.listing-events", last_offsets(sent))

    counts = await _announced(matching_service.pool, listing["id"])
    assert counts[fits[0].id] == 1 and counts[fits[1].id] == 1, counts
    assert misfit.id not in counts
