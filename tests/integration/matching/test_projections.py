"""Over gRPC: a skill verified by an employer (a reputation event) shows on the profile
and raises the student's match; and an index rebuilt from the service's tables (a new
replica, a restart) answers exactly as the running one."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from aiokafka import AIOKafkaProducer

from stint.matching.v1 import matching_pb2 as pb
from stint.matching.v1 import matching_service_pb2 as api
from stint.reputation.v1 import events_pb2 as reputation_events
from stint_matching.domain.exploration import ExplorationRules
from stint_matching.domain.index import MatchIndex
from stint_matching.store.refresh import catch_up
from stint_runtime import identity, topics
from stint_runtime.db import connection
from stint_runtime.identity import Caller
from stint_runtime.kafka.headers import envelope_headers
from stint_runtime.service import RunningService
from tests.integration.conftest import SettingsFactory
from tests.integration.gateway.api import Api
from tests.integration.matching.steps import candidates_when, put_profile
from tests.waiting import eventually

if TYPE_CHECKING:
    from stint.matching.v1.matching_service_pb2_grpc import MatchingServiceAsyncStub as Stub


@contextmanager
def acting_as(caller: Caller) -> Iterator[None]:
    identity.set_current_caller(caller)
    try:
        yield
    finally:
        identity.set_current_caller(None)


async def _verify(bootstrap: str, student_id: str, skill: str) -> None:
    event = reputation_events.SkillVerified(student_id=student_id, skill=skill, endorsements=1)
    headers = envelope_headers(
        event_id=uuid.uuid4(),
        event_type=event.DESCRIPTOR.full_name,
        occurred_at=datetime.now(UTC),
        producer="reputation",
        aggregate_id=student_id,
        trace_context={},
    )
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap)
    await producer.start()
    try:
        await producer.send_and_wait(
            topics.REPUTATION, event.SerializeToString(), key=student_id.encode(), headers=headers
        )
    finally:
        await producer.stop()


async def test_a_verified_skill_shows_and_raises_the_match(
    public_api: Api, matching: Stub, service_settings: SettingsFactory
) -> None:
    owner = await public_api.sign_up("employer")
    student = await public_api.sign_up("student")
    await put_profile(public_api, student, skills=[{"name": "terraform", "level": 1}])
    listing = await public_api.open_listing(
        owner, skills=[{"name": "Terraform", "required": True}], industry="devops"
    )
    await candidates_when(public_api, owner, listing["id"], {student.id})
    ask = api.ScoreApplicantsRequest(listing_id=listing["id"], student_ids=[student.id])
    as_owner = Caller(owner.id, "employer", owner.organization_id)
    with acting_as(as_owner):
        (before,) = (await matching.ScoreApplicants(ask)).matches

    await _verify(service_settings("matching").kafka_bootstrap_servers, student.id, " TerraForm")

    async def verified() -> pb.Profile | None:
        with acting_as(Caller(student.id, "student")):
            found = await matching.GetProfile(api.GetProfileRequest(student_id=student.id))
        return found if list(found.verified_skills) == ["terraform"] else None

    profile = await eventually(verified, "the verified skill on the profile")
    assert profile.version == 2

    async def raised() -> pb.Match | None:
        with acting_as(as_owner):
            (after,) = (await matching.ScoreApplicants(ask)).matches
        return after if after.score > before.score else None

    after = await eventually(raised, "a higher score once the skill is verified")
    assert any("verified" in reason for reason in after.reasons)


async def test_an_index_rebuilt_from_the_tables_answers_as_the_running_one(
    public_api: Api, matching_service: RunningService, matching: Stub
) -> None:
    owner = await public_api.sign_up("employer")
    student = await public_api.sign_up("student")
    await put_profile(public_api, student)
    listing = await public_api.open_listing(owner, title="Rebuilt index check")
    await candidates_when(public_api, owner, listing["id"], {student.id})
    with acting_as(Caller(student.id, "student")):
        running = await matching.Recommend(api.RecommendRequest(limit=50))

    rebuilt = MatchIndex()
    async with connection(matching_service.pool) as conn:
        read = await catch_up(conn, rebuilt)
        assert read > 0
        assert await catch_up(conn, rebuilt) < read  # then only what changed since
    found = rebuilt.recommend(student.id, datetime.now(UTC), 50, ExplorationRules())
    assert [view.id for view, _ in found] == [item.listing.id for item in running.items]
    assert [round(a.score, 9) for _, a in found] == [
        round(item.match.score, 9) for item in running.items
    ]
