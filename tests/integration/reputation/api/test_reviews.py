"""The double-blind path through the gateway: complete an engagement, both review,
neither sees the other's review until the second arrives, then both publish at once;
with only one review it publishes when the window ends and can no longer change."""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace
from typing import Any

from tests.integration.clock import MovableClock
from tests.integration.gateway.api import assert_problem, error_locs
from tests.integration.reputation.api.journeys import Journeys
from tests.unit.reputation.formula import recomputed_score
from tests.waiting import eventually


async def test_both_reviews_publish_at_once(journeys: Journeys) -> None:
    done = await journeys.completed()
    owner, student = done.owner, done.student
    public = [
        f"/v1/users/{user.id}/{what}"
        for user in (owner, student)
        for what in ("reviews", "reputation", "portfolio")
    ]
    before = [(await journeys.call("GET", path, None)).json() for path in public]

    first = await journeys.review(student, done.engagement_id, rating=4, comment="Clear brief")
    assert first.status_code == 201, first.text
    assert first.json()["published"] is False
    for viewer in (owner, student, None):
        assert await journeys.reviews_about(owner.id, viewer) == []
        assert await journeys.reviews_about(student.id, viewer) == []
    # Every public reply is exactly what it was before the first review.
    for viewer in (owner, student, None):
        assert [(await journeys.call("GET", p, viewer)).json() for p in public] == before

    second = await journeys.review(
        owner, done.engagement_id, rating=5, comment="Shipped early", endorsed_skills=["Python"]
    )
    assert second.status_code == 201, second.text
    assert second.json()["published"] is False
    about_student = await journeys.reviews_about(student.id)
    about_owner = await journeys.reviews_about(owner.id)
    assert [(r["rating"], r["comment"], r["side"]) for r in about_student] == [
        (5, "Shipped early", "organization")
    ]
    assert [(r["rating"], r["comment"], r["side"]) for r in about_owner] == [
        (4, "Clear brief", "student")
    ]
    assert about_student[0]["published_at"] == about_owner[0]["published_at"]
    assert about_student[0]["endorsed_skills"] == ["python"]

    reputation: dict[str, Any] = (
        await journeys.call("GET", f"/v1/users/{student.id}/reputation", None)
    ).json()
    assert reputation["review_count"] == 1 and reputation["completed_engagements"] == 1
    assert reputation["verified_skills"] == [{"name": "python", "endorsements": 1}]
    assert reputation["response_rate"] is None
    employer = (await journeys.call("GET", f"/v1/users/{owner.id}/reputation", None)).json()
    assert employer["subject_kind"] == "organization"
    assert employer["subject_id"] == owner.organization_id
    assert employer["response_rate"] == 1.0 and employer["median_decision_hours"] is not None

    for published in (reputation, employer):
        recomputed = recomputed_score(SimpleNamespace(**t) for t in published["breakdown"])
        assert abs(recomputed - published["score"]) < 1e-9
    portfolio = (await journeys.call("GET", f"/v1/users/{student.id}/portfolio", None)).json()
    entry = portfolio["entries"][0]
    assert entry["rating"] == 5 and entry["credential_id"] == done.credential_id
    assert entry["listing_title"] == done.listing["title"]
    assert entry["organization_name"] == done.listing["organization_name"]
    assert entry["skills"] == ["python", "sql"]


async def test_a_lone_review_publishes_when_the_window_ends(
    journeys: Journeys, moved_clock: MovableClock
) -> None:
    done = await journeys.completed()
    lone = await journeys.review(done.owner, done.engagement_id, rating=3, comment="Fine")
    assert lone.status_code == 201, lone.text
    assert await journeys.reviews_about(done.student.id) == []

    moved_clock.advance(timedelta(days=14, minutes=1))

    async def published() -> list[dict[str, Any]] | None:
        return await journeys.reviews_about(done.student.id) or None

    shown = await eventually(published, "the lone review to publish at the window's end")
    assert [r["comment"] for r in shown] == ["Fine"]
    late = await journeys.review(done.student, done.engagement_id)
    assert_problem(late, 409)
    again = await journeys.review(done.owner, done.engagement_id, rating=1, comment="Changed")
    assert_problem(again, 409)
    assert [r["rating"] for r in await journeys.reviews_about(done.student.id)] == [3]


async def test_bad_reviews_are_refused_naming_the_field(journeys: Journeys) -> None:
    done = await journeys.completed()
    engagement = done.engagement_id
    for body, loc in (
        ({"rating": 6}, ["body", "rating"]),
        ({"rating": 0}, ["body", "rating"]),
        ({"rating": "5"}, ["body", "rating"]),
        ({"comment": "x" * 2001}, ["body", "comment"]),
    ):
        refused = await journeys.review(done.student, engagement, **body)
        assert loc in error_locs(assert_problem(refused, 422))
    student_endorsing = await journeys.review(done.student, engagement, endorsed_skills=["python"])
    assert error_locs(assert_problem(student_endorsing, 422)) == [["body", "endorsed_skills"]]
    off_listing = await journeys.review(done.owner, engagement, endorsed_skills=["cobol"])
    assert error_locs(assert_problem(off_listing, 422)) == [["body", "endorsed_skills", 0]]
    assert await journeys.reviews_about(done.student.id) == []
    assert (await journeys.review(done.student, engagement)).status_code == 201
    assert_problem(await journeys.review(done.student, engagement), 409)


async def test_no_review_before_completion(journeys: Journeys) -> None:
    owner, student = await journeys.sign_up("employer"), await journeys.sign_up("student")
    listing = await journeys.api.open_listing(owner)
    application_id = await journeys.api.apply(student, listing["id"])
    hired = await journeys.call("POST", f"/v1/applications/{application_id}/hire", owner)
    engagement_id = hired.json()["id"]

    async def known() -> bool:
        reply = await journeys.review(student, engagement_id)
        return reply.status_code != 404

    await eventually(known, "the reputation service to learn of the engagement")
    early = await journeys.review(student, engagement_id)
    assert "completed" in assert_problem(early, 409)["detail"]
