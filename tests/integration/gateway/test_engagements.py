"""The engagement path through the public API: deliver then complete, cancel with a
reason, and delivered work that completes by itself when the window passes."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from tests.integration.clock import MovableClock
from tests.integration.gateway.api import Account, Api
from tests.waiting import eventually


async def _engaged(api: Api) -> tuple[Account, Account, dict[str, Any]]:
    owner, student = await api.sign_up("employer"), await api.sign_up("student")
    listing = await api.open_listing(owner, slots=1, duration_days=10)
    application_id = await api.apply(student, listing["id"])
    hired = await api.call("POST", f"/v1/applications/{application_id}/hire", owner)
    assert hired.status_code == 201, hired.text
    engagement: dict[str, Any] = hired.json()
    return owner, student, engagement


async def test_deliver_then_complete(public_api: Api) -> None:
    owner, student, engagement = await _engaged(public_api)
    path = f"/v1/engagements/{engagement['id']}"

    bad = await public_api.call(
        "POST", f"{path}/deliver", student, {"summary": "Done", "links": ["ftp://x.org/a"]}
    )
    assert bad.status_code == 422, bad.text
    assert bad.json()["errors"][0]["loc"] == ["body", "links", 0]
    empty = await public_api.call("POST", f"{path}/deliver", student, {"summary": " "})
    assert empty.status_code == 422, empty.text

    delivery = {"summary": "Dashboard is live", "links": ["https://example.org/dashboard"]}
    delivered = await public_api.call("POST", f"{path}/deliver", student, delivery)
    assert delivered.status_code == 200, delivered.text
    assert delivered.json()["status"] == "delivered"
    assert delivered.json()["auto_complete_at"]

    completed = await public_api.call("POST", f"{path}/complete", owner)
    assert completed.status_code == 200, completed.text
    assert completed.json()["status"] == "completed"
    assert completed.json()["completed_automatically"] is False
    again = await public_api.call("POST", f"{path}/complete", owner)
    assert again.status_code == 409, again.text


async def test_cancel_with_a_reason(public_api: Api) -> None:
    owner, student, engagement = await _engaged(public_api)
    path = f"/v1/engagements/{engagement['id']}/cancel"
    missing = await public_api.call("POST", path, student, {})
    assert missing.status_code == 422, missing.text
    cancelled = await public_api.call("POST", path, student, {"reason": "Exam week moved"})
    assert cancelled.status_code == 200, cancelled.text
    assert cancelled.json()["status"] == "cancelled"
    assert cancelled.json()["cancel_reason"] == "Exam week moved"
    assert cancelled.json()["cancelled_by"] == student.id
    seen = await public_api.call("GET", f"/v1/engagements/{engagement['id']}", owner)
    assert seen.json()["status"] == "cancelled"


async def test_delivered_work_completes_after_the_window(
    public_api: Api, moved_clock: MovableClock
) -> None:
    _, student, engagement = await _engaged(public_api)
    path = f"/v1/engagements/{engagement['id']}"
    delivered = await public_api.call("POST", f"{path}/deliver", student, {"summary": "Done"})
    assert delivered.status_code == 200, delivered.text

    moved_clock.advance(timedelta(days=7, minutes=1))

    async def completed() -> dict[str, Any] | None:
        found: dict[str, Any] = (await public_api.call("GET", path, student)).json()
        return found if found["status"] == "completed" else None

    done = await eventually(completed, "the delivered engagement to complete by itself")
    assert done["completed_automatically"] is True
