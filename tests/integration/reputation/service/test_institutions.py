"""Institutions: students at their domains link at once, others wait for approval; an
institution sees and credits only linked students' engagements (404 otherwise); the
signed learner record bundles the student's credentials and credit."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import grpc

from stint.common.v1 import common_pb2
from stint.identity.v1 import events_pb2 as iev
from stint.reputation.v1 import reputation_pb2 as pb
from stint.reputation.v1 import reputation_service_pb2 as api
from stint_runtime import topics
from stint_runtime.identity import Caller
from stint_runtime.service import RunningService
from tests.integration.reputation.conftest import acting_as
from tests.integration.reputation.service.feed import EventFeed, stamp
from tests.integration.reputation.service.steps import refused
from tests.integration.reputation.service.story import (
    completed_story,
    credential_of,
    events_of,
    parties,
)
from tests.integration.reputation.service.verifying import verified
from tests.waiting import eventually

if TYPE_CHECKING:
    from stint.reputation.v1.reputation_service_pb2_grpc import (
        ReputationServiceAsyncStub as Stub,
    )


async def _institution(feed: EventFeed, stub: Stub, *domains: str) -> Caller:
    account = await feed.account("institution", f"registrar@{uuid.uuid4().hex[:6]}.test", "Uni")
    school = Caller(account, "institution")
    with acting_as(school):
        await stub.PutInstitutionSettings(
            api.PutInstitutionSettingsRequest(email_domains=list(domains), credit_policy="3 ECTS")
        )
    return school


async def _link(stub: Stub, student: Caller, institution: Caller) -> pb.InstitutionLink:
    with acting_as(student):
        return await stub.LinkInstitution(
            api.LinkInstitutionRequest(institution_id=institution.account_id)
        )


async def _engagements(stub: Stub, institution: Caller, status: str = "completed") -> list[str]:
    with acting_as(institution):
        page = await stub.ListInstitutionEngagements(
            api.ListInstitutionEngagementsRequest(status=status)
        )
    return [e.engagement_id for e in page.engagements]


async def _grant(stub: Stub, institution: Caller, engagement_id: str, credits: float = 3) -> Any:
    with acting_as(institution):
        return await stub.GrantCredit(
            api.GrantCreditRequest(engagement_id=engagement_id, credits=credits, term="Fall 2026")
        )


async def _record(stub: Stub, caller: Caller, student_id: str) -> pb.SignedDocument:
    with acting_as(caller):
        return await stub.GetLearnerRecord(api.GetLearnerRecordRequest(student_id=student_id))


async def test_a_student_at_the_domain_links_at_once_and_is_credited(
    feed: EventFeed, reputation: Stub, reputation_service: RunningService
) -> None:
    tag = uuid.uuid4().hex[:6]
    school = await _institution(feed, reputation, f"uni-{tag}.test")
    who = await parties(feed, student_email=f"ada@cs.uni-{tag}.test")
    story = await completed_story(feed, who)
    link = await _link(reputation, who.student, school)
    assert link.status == pb.LINK_STATUS_LINKED
    assert await events_of(reputation_service.pool, who.student.account_id) == [
        "ReputationChanged",
        "InstitutionLinked",
    ]
    assert await _engagements(reputation, school) == [story.engagement.id]
    assert await _engagements(reputation, school, "active") == []
    credit = await _grant(reputation, school, story.engagement.id, 2.5)
    assert (credit.credits, credit.term, credit.student_id) == (
        2.5,
        "Fall 2026",
        who.student.account_id,
    )
    twice = await refused(_grant(reputation, school, story.engagement.id))
    assert twice.code() == grpc.StatusCode.FAILED_PRECONDITION
    bad = await refused(_grant(reputation, school, story.engagement.id, 0))
    assert bad.code() == grpc.StatusCode.INVALID_ARGUMENT
    with acting_as(who.student):
        mine = await reputation.ListMyCredits(api.ListMyCreditsRequest())
    assert [c.id for c in mine.credits] == [credit.id]
    assert "CreditGranted" in await events_of(reputation_service.pool, who.student.account_id)


async def test_others_wait_for_approval_and_are_invisible_until_then(
    feed: EventFeed, reputation: Stub
) -> None:
    school = await _institution(feed, reputation, f"uni-{uuid.uuid4().hex[:6]}.test")
    who = await parties(feed)
    story = await completed_story(feed, who)
    assert (await _link(reputation, who.student, school)).status == pb.LINK_STATUS_PENDING
    with acting_as(school):
        students = await reputation.ListInstitutionStudents(api.ListInstitutionStudentsRequest())
    assert [(s.student_id, s.status) for s in students.links] == [
        (who.student.account_id, pb.LINK_STATUS_PENDING)
    ]
    assert students.links[0].display_name.startswith("Ada")
    assert await _engagements(reputation, school) == []
    hidden = await refused(_grant(reputation, school, story.engagement.id))
    assert hidden.code() == grpc.StatusCode.NOT_FOUND
    unlinked = await refused(_record(reputation, school, who.student.account_id))
    assert unlinked.code() == grpc.StatusCode.NOT_FOUND

    with acting_as(school):
        approved = await reputation.ApproveStudent(
            api.ApproveStudentRequest(student_id=who.student.account_id)
        )
    assert approved.status == pb.LINK_STATUS_LINKED
    assert await _engagements(reputation, school) == [story.engagement.id]
    assert (await _grant(reputation, school, story.engagement.id)).credits == 3
    other = await _institution(feed, reputation, "elsewhere.test")
    assert await _engagements(reputation, other) == []
    foreign = await refused(_grant(reputation, other, story.engagement.id))
    assert foreign.code() == grpc.StatusCode.NOT_FOUND
    with acting_as(other):
        stranger = await refused(
            reputation.ApproveStudent(api.ApproveStudentRequest(student_id=who.student.account_id))
        )
    assert stranger.code() == grpc.StatusCode.NOT_FOUND


async def test_links_catch_up_with_domains_and_accounts(feed: EventFeed, reputation: Stub) -> None:
    tag = uuid.uuid4().hex[:6]
    school = await _institution(feed, reputation, f"old-{tag}.test")
    who = await parties(feed, student_email=f"bo@new-{tag}.test")
    assert (await _link(reputation, who.student, school)).status == pb.LINK_STATUS_PENDING
    with acting_as(school):
        await reputation.PutInstitutionSettings(
            api.PutInstitutionSettingsRequest(email_domains=[f"new-{tag}.test"])
        )
    assert (await _link(reputation, who.student, school)).status == pb.LINK_STATUS_LINKED

    # A student who asks before this service learnt of their account waits, and is
    # linked when the account (at the domain) arrives.
    early = str(uuid.uuid4())
    assert (await _link(reputation, Caller(early, "student"), school)).status == (
        pb.LINK_STATUS_PENDING
    )
    registered = iev.AccountRegistered(
        account_id=early,
        email=f"cy@new-{tag}.test",
        role=common_pb2.ROLE_STUDENT,
        display_name="Cy",
        registered_at=stamp(datetime.now(UTC)),
    )
    await feed.send(topics.IDENTITY, registered, early)

    async def linked() -> bool:
        link = await _link(reputation, Caller(early, "student"), school)
        return link.status == pb.LINK_STATUS_LINKED

    await eventually(linked, "the early student to be linked when their account arrived")


async def test_the_learner_record_is_signed_and_bundles_credentials_and_credit(
    feed: EventFeed, reputation: Stub
) -> None:
    tag = uuid.uuid4().hex[:6]
    school = await _institution(feed, reputation, f"uni-{tag}.test")
    other_school = await _institution(feed, reputation, f"other-{tag}.test")
    who = await parties(feed, student_email=f"di@uni-{tag}.test")
    first = await completed_story(feed, who)
    second = await completed_story(feed, who, title="Second project")
    await _link(reputation, who.student, school)
    credit = await _grant(reputation, school, first.engagement.id)
    credential_ids = [await credential_of(feed.pool, s.engagement.id) for s in (first, second)]

    record = await _record(reputation, who.student, who.student.account_id)
    jwks = (await reputation.GetKeys(api.GetKeysRequest())).jwks
    header, payload = verified(record.jwt, jwks)
    assert header["typ"] == "vc+jwt" and payload == json.loads(record.json)
    assert payload["type"] == ["VerifiableCredential", "ClrCredential"]
    subject = payload["credentialSubject"]
    assert subject["type"] == ["ClrSubject"]
    bundled = [
        c["id"].removeprefix("data:application/vc+jwt,") for c in subject["verifiableCredential"]
    ]
    assert len(bundled) == 2
    inner = [verified(token, jwks)[1]["id"].rsplit("/", 1)[1] for token in bundled]
    assert sorted(inner) == sorted(credential_ids)
    assert [a["name"] for a in subject["achievement"]] == [
        "Build a churn dashboard",
        "Second project",
    ]
    assert [(c["creditsEarned"], c["term"]) for c in subject["academicCredits"]] == [
        (3.0, "Fall 2026")
    ]
    assert subject["academicCredits"][0]["id"] == f"urn:uuid:{credit.id}"

    seen_by_school = json.loads((await _record(reputation, school, who.student.account_id)).json)
    assert len(seen_by_school["credentialSubject"]["academicCredits"]) == 1
    for outsider in (other_school, Caller(str(uuid.uuid4()), "student")):
        hidden = await refused(_record(reputation, outsider, who.student.account_id))
        assert hidden.code() == grpc.StatusCode.NOT_FOUND


async def test_only_institutions_are_linked_to(feed: EventFeed, reputation: Stub) -> None:
    who = await parties(feed)
    for not_a_school in (who.employer.account_id, str(uuid.uuid4()), "nonsense"):
        with acting_as(who.student):
            missing = await refused(
                reputation.LinkInstitution(api.LinkInstitutionRequest(institution_id=not_a_school))
            )
        assert missing.code() == grpc.StatusCode.NOT_FOUND
    school = Caller(str(uuid.uuid4()), "institution")
    with acting_as(school):
        bad = await refused(
            reputation.PutInstitutionSettings(
                api.PutInstitutionSettingsRequest(email_domains=["uni.test", "not a domain"])
            )
        )
    assert bad.code() == grpc.StatusCode.INVALID_ARGUMENT
