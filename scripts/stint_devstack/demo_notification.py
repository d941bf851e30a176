"""The notification part of the demo. The demo's applications, hire and (with the
reputation part) reviews and credentials already tell the demo accounts what happened,
in their inboxes and by e-mail to the local mail catcher (``.stint/mail/``). This part
adds what those flows do not: a decision with a reason (Amara is told why, in words)
and a shortlist, and the choices of two students (Berlin time for Amara; a daily
digest of new projects for Lukas), so that every kind of preference shows.

Idempotent: a decision is made only on an application still waiting for one, and the
preferences are PUT as the same values.
"""

from __future__ import annotations

import asyncio
from typing import Any

from stint_devstack import demo_catalog as catalog
from stint_devstack.demo import Demo
from stint_devstack.public_api import ApiRefused, all_items, get, post

PREFERENCES: dict[str, dict[str, Any]] = {
    "amara@student.example": {
        "email": True,
        "in_app": True,
        "digest": "immediate",
        "time_zone": "Europe/Berlin",
    },
    "lukas@student.example": {
        "email": True,
        "in_app": True,
        "digest": "daily",
        "digest_hour": 8,
        "time_zone": "Europe/Berlin",
    },
}
# (student, listing, decision): the application's owner decides.
DECISIONS = (
    ("sofia@student.example", "Redesign the onboarding of a habit-tracking app", "shortlist"),
    ("amara@student.example", "Dashboard of a wind farm's monthly output", "reject"),
)
REJECTION = {
    "reason_code": "availability",
    "note": "We need someone for 20 hours a week this month; please apply again in spring.",
}


def _owner_of(title: str) -> str:
    for employer in catalog.EMPLOYERS:
        if any(listing.title == title for listing in employer.listings):
            return employer.email
    raise KeyError(title)


async def _decide(demo: Demo, student_email: str, title: str, decision: str) -> bool:
    listing_id = demo.listing_ids.get(title)
    owner = demo.employers.get(_owner_of(title))
    student = demo.students.get(student_email)
    if listing_id is None or owner is None or student is None:
        return False
    received = await all_items(demo.client, f"/v1/listings/{listing_id}/applications", owner.token)
    for item in received:
        if item.get("student_id") == student.account_id and item.get("status") == "submitted":
            body = REJECTION if decision == "reject" else {}
            await post(demo.client, f"/v1/applications/{item['id']}/{decision}", body, owner.token)
            return True
    return False


async def _notified(demo: Demo) -> int:
    """How many notifications the demo accounts have so far (they arrive by events)."""
    total = 0
    for account in [*demo.employers.values(), *demo.students.values()]:
        page = await get(demo.client, "/v1/me/notifications", account.token, {"limit": "1"})
        total += int(page.get("unread", 0))
    return total


async def after_applications(demo: Demo) -> None:
    paths = set((await demo.client.get("/openapi.json")).json().get("paths", {}))
    if "/v1/me/notification-preferences" not in paths:
        demo.summary.notes.append("the gateway has no notification routes: no demo preferences")
        return
    for email, choices in PREFERENCES.items():
        account = demo.students.get(email)
        if account is None:
            continue
        reply = await demo.client.put(
            "/v1/me/notification-preferences",
            json=choices,
            headers={"Authorization": f"Bearer {account.token}"},
        )
        if reply.status_code != 200:
            raise ApiRefused(
                f"PUT preferences: HTTP {reply.status_code} {reply.text[:300]}", reply.status_code
            )
    decided = [await _decide(demo, *decision) for decision in DECISIONS]
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 10.0
    count = await _notified(demo)
    while count == 0 and loop.time() < deadline:
        await asyncio.sleep(0.5)
        count = await _notified(demo)
    demo.summary.notes.append(
        f"notifications: {count} unread for the demo accounts ({sum(decided)} decisions "
        "made now); their e-mails are in the mail catcher's Maildir"
    )
