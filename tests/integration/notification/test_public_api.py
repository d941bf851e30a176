"""The Notifications section through the real gateway, with the listing, application
and notification services behind it and only events between them: a student applies
and the employer's inbox has it; a rejection reaches the student's inbox and mailbox
with the reason in words; a hire that fills the listing tells the others
``position_filled``; an application nobody decided tells both sides."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from tests.integration.clock import MovableClock
from tests.integration.gateway.api import Account, Api, assert_problem, sign_up
from tests.integration.notification.conftest import notices
from tests.integration.notification.mail import MailCatcher, text_of
from tests.waiting import eventually


async def person(api: Api, role: str) -> tuple[Account, str]:
    """A new account and its e-mail address."""
    account, token = await sign_up(api.http, role)
    return Account(account["id"], token, account.get("organization_id")), account["email"]


async def test_apply_reject_hire_fill_tell_everyone(public_api: Api, mail: MailCatcher) -> None:
    api = public_api
    owner, _ = await person(api, "employer")
    listing = await api.open_listing(owner, title="Build a churn dashboard", slots=1)
    (chosen, _), (refused, refused_email), (other, _) = [
        await person(api, "student") for _ in range(3)
    ]
    applications = {s.id: await api.apply(s, listing["id"]) for s in (chosen, refused, other)}

    submitted = await notices(api, owner, "application.submitted", 3)
    assert {n["data"]["application_id"] for n in submitted} == set(applications.values())
    assert all(n["title"] == "New application for “Build a churn dashboard”" for n in submitted)
    assert all(n["read_at"] is None and n["sequence"] > 0 for n in submitted)

    reason = {"reason_code": "skills_mismatch", "note": "We need more SQL."}
    rejected = await api.call(
        "POST", f"/v1/applications/{applications[refused.id]}/reject", owner, reason
    )
    assert rejected.status_code == 200, rejected.text
    (told,) = await notices(api, refused, "application.rejected")
    assert "skills match the project more closely" in told["body"]
    assert "Note from the employer: We need more SQL." in told["body"]
    (message,) = await eventually(lambda: mail.to(refused_email) or None, "the rejection mail")
    assert "skills match the project more closely" in text_of(message)

    hired = await api.call("POST", f"/v1/applications/{applications[chosen.id]}/hire", owner)
    assert hired.status_code == 201, hired.text
    (hire,) = await notices(api, chosen, "application.hired")
    assert hire["data"]["link"] == f"/engagements/{hired.json()['id']}"
    (filled,) = await notices(api, other, "application.closed")
    assert filled["title"] == "“Build a churn dashboard” was filled"
    assert "position_filled" in filled["body"]
    (closed,) = await notices(api, owner, "listing.closed")
    assert closed["title"] == "“Build a churn dashboard” is filled"


async def test_no_decision_tells_both_sides(public_api: Api, moved_clock: MovableClock) -> None:
    api = public_api
    owner, _ = await person(api, "employer")
    apply_by = (datetime.now(UTC) + timedelta(hours=2)).isoformat()
    listing = await api.open_listing(owner, title="Survey analysis", apply_by=apply_by)
    student, _ = await person(api, "student")
    application_id = await api.apply(student, listing["id"])
    await notices(api, owner, "application.submitted")

    # Past apply-by and the 7-day decision window: the application service closes it.
    moved_clock.advance(timedelta(days=7, hours=3))
    (student_side,) = await notices(api, student, "application.closed")
    assert student_side["title"] == "No decision on your application to “Survey analysis”"
    assert "The employer did not decide by" in student_side["body"]
    assert student_side["data"]["application_id"] == application_id
    (owner_side,) = await notices(api, owner, "application.expired")
    assert "count against your response rate" in owner_side["body"]


async def test_reading_through_the_gateway(public_api: Api) -> None:
    api = public_api
    owner, _ = await person(api, "employer")
    stranger, _ = await person(api, "employer")
    listing = await api.open_listing(owner)
    for _ in range(2):
        student, _ = await person(api, "student")
        await api.apply(student, listing["id"])
    first, second = await notices(api, owner, "application.submitted", 2)

    assert (
        await api.call("POST", f"/v1/me/notifications/{first['id']}/read", owner)
    ).status_code == 204
    assert_problem(
        await api.call("POST", f"/v1/me/notifications/{second['id']}/read", stranger), 404
    )
    assert_problem(await api.call("POST", "/v1/me/notifications/not-an-id/read", owner), 404)
    assert_problem(await api.call("POST", f"/v1/me/notifications/{uuid.uuid4()}/read", owner), 404)
    unread = (await api.call("GET", "/v1/me/notifications?unread=true", owner)).json()
    assert [n["id"] for n in unread["items"]] == [second["id"]]
    assert unread["unread"] == 1
    assert (await api.call("POST", "/v1/me/notifications/read-all", owner)).status_code == 204
    page = (await api.call("GET", "/v1/me/notifications?limit=1", owner)).json()
    assert page["unread"] == 0 and len(page["items"]) == 1 and page["next_cursor"]
    rest = (
        await api.call("GET", f"/v1/me/notifications?limit=1&cursor={page['next_cursor']}", owner)
    ).json()
    assert {page["items"][0]["id"], rest["items"][0]["id"]} == {first["id"], second["id"]}
    assert rest["items"][0]["read_at"] is not None
    # Nobody else's: the stranger's inbox is empty, and a signed-out caller gets 401.
    assert (await api.call("GET", "/v1/me/notifications", stranger)).json()["items"] == []
    assert_problem(await api.call("GET", "/v1/me/notifications", None), 401)
    bad: Any = await api.call("GET", "/v1/me/notifications?cursor=nonsense", owner)
    assert assert_problem(bad, 422)["errors"][0]["loc"][0] == "query"
