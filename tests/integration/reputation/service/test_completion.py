"""A completion opens one review window and issues one credential, however often its
events arrive; a completion that arrives before its listing gets its credential when
the listing does."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from stint.application.v1 import events_pb2 as aev
from stint.reputation.v1 import events_pb2 as rev
from stint.reputation.v1 import reputation_service_pb2 as api
from stint_reputation.handlers.applications import SUBSCRIPTION_NAME
from stint_runtime.service import RunningService
from tests.integration.consumed import last_offsets, wait_until_consumed
from tests.integration.reputation.service.feed import EventFeed
from tests.integration.reputation.service.story import (
    complete,
    completed_story,
    credential_of,
    engagement_of,
    events_of,
    parties,
)
from tests.waiting import eventually

if TYPE_CHECKING:
    from stint.reputation.v1.reputation_service_pb2_grpc import (
        ReputationServiceAsyncStub as Stub,
    )


async def test_completion_opens_a_window_and_issues_a_credential(
    feed: EventFeed, reputation_service: RunningService, reputation: Stub
) -> None:
    story = await completed_story(feed)
    pool = reputation_service.pool
    engagement_id = story.engagement.id
    assert await events_of(pool, engagement_id) == ["ReviewWindowOpened"]
    payload = await pool.fetchval("SELECT payload FROM outbox WHERE key = $1", engagement_id)
    opened = rev.ReviewWindowOpened.FromString(payload)
    assert opened.listing_title == "Build a churn dashboard"
    assert opened.student_id == story.student.account_id
    assert opened.organization_id == story.parties.organization_id
    window = await pool.fetchrow(
        "SELECT closes_at - e.completed_at AS length FROM review_windows w"
        " JOIN engagements e USING (engagement_id) WHERE engagement_id = $1",
        engagement_id,
    )
    assert window is not None and window["length"].days == 14
    credential_id = await credential_of(pool, engagement_id)
    assert await events_of(pool, credential_id) == ["CredentialIssued"]
    found = await reputation.GetCredential(api.GetCredentialRequest(credential_id=credential_id))
    assert found.engagement_id == engagement_id and not found.revoked
    assert found.organization_id == story.parties.organization_id


async def test_replayed_events_change_nothing(
    feed: EventFeed, reputation_service: RunningService
) -> None:
    story = await completed_story(feed)
    pool = reputation_service.pool
    credential_id = await credential_of(pool, story.engagement.id)
    replays = [
        await feed.resend(story.completion),
        await feed.resend(story.completion, new_id=True),
    ]
    bootstrap = reputation_service.spec.settings.kafka_bootstrap_servers
    await wait_until_consumed(bootstrap, SUBSCRIPTION_NAME, last_offsets(replays))
    assert await events_of(pool, story.engagement.id) == ["ReviewWindowOpened"]
    assert await events_of(pool, credential_id) == ["CredentialIssued"]
    counts = await pool.fetchrow(
        """SELECT (SELECT count(*) FROM credentials WHERE engagement_id = $1) AS credentials,
                  (SELECT count(*) FROM review_windows WHERE engagement_id = $1) AS windows""",
        story.engagement.id,
    )
    assert counts is not None and (counts["credentials"], counts["windows"]) == (1, 1)
    # The score moved once, with the completion; the replays did not move it again.
    assert await events_of(pool, story.student.account_id) == ["ReputationChanged"]
    assert await events_of(pool, story.parties.organization_id) == ["ReputationChanged"]


async def test_a_completion_before_its_listing_waits_for_it(
    feed: EventFeed, reputation_service: RunningService
) -> None:
    who = await parties(feed)
    listing_id = str(uuid.uuid4())
    early = engagement_of(who, listing_id)
    await feed.engagement(aev.EngagementStarted, early)
    await complete(feed, early)
    pool = reputation_service.pool

    async def window_opened() -> bool:
        found = await pool.fetchval(
            "SELECT 1 FROM review_windows WHERE engagement_id = $1", early.id
        )
        return found is not None

    await eventually(window_opened, "the window of the early completion")
    issued = await pool.fetchval(
        "SELECT count(*) FROM credentials WHERE engagement_id = $1", early.id
    )
    assert issued == 0
    await feed.listing(who.organization_id, id=listing_id, title="Late listing")
    credential_id = await credential_of(pool, early.id)
    document = await pool.fetchval("SELECT document FROM credentials WHERE id = $1", credential_id)
    assert "Late listing" in document
