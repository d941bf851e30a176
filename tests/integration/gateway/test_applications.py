"""The whole path through the public API: employer publishes, students apply, the
owner decides and hires; the listing fills and every other application is closed with
a reason, driven only by events between the services."""

from __future__ import annotations

import asyncio
import time
from typing import Any

from stint_runtime.service import RunningService
from tests.integration.gateway.api import Account, Api, listing_body
from tests.waiting import eventually


async def _application(api: Api, who: Account, application_id: str) -> dict[str, Any]:
    reply = await api.call("GET", f"/v1/applications/{application_id}", who)
    assert reply.status_code == 200, reply.text
    found: dict[str, Any] = reply.json()
    return found


async def _listing_when(api: Api, listing_id: str, **expected: Any) -> dict[str, Any]:
    async def probe() -> dict[str, Any] | None:
        listing: dict[str, Any] = (await api.call("GET", f"/v1/listings/{listing_id}", None)).json()
        return listing if all(listing.get(k) == v for k, v in expected.items()) else None

    return await eventually(probe, f"listing {listing_id} to show {expected}")


async def test_publish_apply_decide_hire_fill_and_close_the_rest(public_api: Api) -> None:
    api = public_api
    owner = await api.sign_up("employer")
    listing = await api.open_listing(owner, slots=1)
    chosen, rejected, third = [await api.sign_up("student") for _ in range(3)]
    chosen_id = await api.apply(chosen, listing["id"])
    rejected_id = await api.apply(rejected, listing["id"])
    third_id = await api.apply(third, listing["id"])

    listed = await api.call("GET", f"/v1/listings/{listing['id']}/applications", owner)
    assert listed.status_code == 200, listed.text
    assert {a["id"] for a in listed.json()["items"]} == {chosen_id, rejected_id, third_id}
    submitted = await _application(api, third, third_id)
    assert submitted["status"] == "submitted"
    assert submitted["decision_due_at"]

    shortlisted = await api.call("POST", f"/v1/applications/{chosen_id}/shortlist", owner)
    assert shortlisted.status_code == 200, shortlisted.text
    assert shortlisted.json()["status"] == "shortlisted"
    reason = {"reason_code": "skills_mismatch", "note": "We need more SQL."}
    refused = await api.call("POST", f"/v1/applications/{rejected_id}/reject", owner, reason)
    assert refused.status_code == 200, refused.text
    hired = await api.call("POST", f"/v1/applications/{chosen_id}/hire", owner)
    assert hired.status_code == 201, hired.text
    engagement = hired.json()
    assert engagement["status"] == "active"
    assert engagement["student_id"] == chosen.id
    started = time.monotonic()

    filled = await _listing_when(api, listing["id"], status="closed")
    assert filled["close_reason"] == "filled"
    assert filled["slots_filled"] == 1

    async def third_closed() -> dict[str, Any] | None:
        found = await _application(api, third, third_id)
        return found if found["status"] == "closed" else None

    closed = await eventually(third_closed, "the third application to be closed")
    took = time.monotonic() - started
    assert closed["close_reason"] == "position_filled"
    assert closed["outcome_message"]
    assert took < 10, f"closing the rest took {took:.1f}s"

    seen_rejected = await _application(api, rejected, rejected_id)
    assert seen_rejected["status"] == "rejected"
    assert seen_rejected["reject_reason"] == "skills_mismatch"
    assert seen_rejected["outcome_message"].endswith("We need more SQL.")
    seen_hired = await _application(api, chosen, chosen_id)
    assert seen_hired["status"] == "hired"
    assert seen_hired["engagement_id"] == engagement["id"]
    mine = await api.call("GET", "/v1/me/applications", third)
    assert [a["status"] for a in mine.json()["items"]] == ["closed"]


async def test_ten_concurrent_hires_on_a_two_slot_listing(
    public_api: Api, application_service: RunningService
) -> None:
    api = public_api
    owner = await api.sign_up("employer")
    listing = await api.open_listing(owner, slots=2)
    students = [await api.sign_up("student") for _ in range(10)]
    application_ids = [await api.apply(s, listing["id"]) for s in students]

    replies = await asyncio.gather(
        *(api.call("POST", f"/v1/applications/{a}/hire", owner) for a in application_ids)
    )

    codes = sorted(r.status_code for r in replies)
    assert codes == [201] * 2 + [409] * 8, [r.text for r in replies]
    for reply in replies:
        if reply.status_code == 409:
            assert reply.headers["content-type"] == "application/problem+json"
            assert "No slot left" in reply.json()["detail"]
    engagements = await application_service.pool.fetchval(
        "SELECT count(*) FROM engagements WHERE listing_id = $1", listing["id"]
    )
    assert engagements == 2
    filled = await _listing_when(api, listing["id"], slots_filled=2)
    assert filled["status"] == "closed"
    assert filled["close_reason"] == "filled"
    mine = await api.call("GET", "/v1/me/engagements", owner)
    assert len(mine.json()["items"]) == 2


async def test_applying_the_moment_a_listing_is_published_never_meets_a_404(
    public_api: Api,
) -> None:
    """50 listings published at once, each applied to as soon as its publication is
    answered: the application service may not have the listing's event yet, and waits
    for it rather than answer that the listing does not exist."""
    owner = await public_api.sign_up("employer")
    applicant = await public_api.sign_up("student")
    drafts = [
        (await public_api.call("POST", "/v1/listings", owner, listing_body())).json()["id"]
        for _ in range(50)
    ]

    async def publish_then_apply(listing_id: str) -> int:
        published = await public_api.call("POST", f"/v1/listings/{listing_id}/publish", owner)
        assert published.status_code == 200, published.text
        applied = await public_api.call(
            "POST",
            f"/v1/listings/{listing_id}/applications",
            applicant,
            {"cover_note": "Straight after publication."},
        )
        return applied.status_code

    answers = await asyncio.gather(*(publish_then_apply(d) for d in drafts))
    assert list(answers) == [201] * 50
