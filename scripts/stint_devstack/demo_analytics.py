"""Demo decisions for the marketplace report, made through the public API once the
applications and the first hire are in: a shortlist, a rejection, a second hire of
the first hired student in another industry, and a delivered, completed engagement.
With them every stage of the report's funnel, its decision times, completion and
on-time rates and its exploration measure show something (``python -m
stint_analytics report`` while ``scripts/run`` runs).

Idempotent: each step acts only on an application or engagement still in the status
it starts from, and no step fills a listing's last slot (a filled listing closes, and
the next demo run would publish it anew).
"""

from __future__ import annotations

import re
from typing import Any

from stint_devstack.demo import Demo, DemoAccount
from stint_devstack.public_api import ApiRefused, all_items, post, post_once_known

SHORTLIST = (
    "jonas@fernhill.example",
    "Redesign the onboarding of a habit-tracking app",
    "sofia@student.example",
)
REJECT = (
    "maya@northwind.example",
    "Build a CSV import for the billing dashboard",
    "lukas@student.example",
)
# A listing of two slots: one hire leaves it open.
SECOND_JOB = "Five SEO articles on home composting"
SECOND_APPLICATION = (
    "amara@student.example",
    "Between two backend projects I write for my university's tech blog; I would "
    "love to research and write about composting.",
)
HIRE = ("priya@brightline.example", SECOND_JOB, "amara@student.example")
COMPLETE = (
    "maya@northwind.example",
    "Build a CSV import for the billing dashboard",
    "amara@student.example",
)
DELIVERY = {
    "summary": "CSV import endpoint with row-level errors and one transaction per file.",
    "links": ["https://example.com/demo/csv-import"],
}


async def after_applications(demo: Demo) -> None:
    paths = set((await demo.client.get("/openapi.json")).json().get("paths", {}))
    if not any(re.fullmatch(r"/v1/engagements/\{[^}]+\}/complete", p) for p in paths):
        demo.summary.notes.append("no engagement routes yet: no demo decisions for the report")
        return
    await _shortlist(demo, *SHORTLIST)
    await _reject(demo, *REJECT)
    await _apply(demo, SECOND_JOB, *SECOND_APPLICATION)
    await _hire(demo, *HIRE)
    await _deliver_and_complete(demo, *COMPLETE)


async def _application(
    demo: Demo, owner: DemoAccount, title: str, student: str
) -> dict[str, Any] | None:
    listing_id = demo.listing_ids.get(title)
    if listing_id is None:
        return None
    student_id = demo.students[student].account_id
    received = await all_items(demo.client, f"/v1/listings/{listing_id}/applications", owner.token)
    return next((a for a in received if a.get("student_id") == student_id), None)


async def _shortlist(demo: Demo, employer: str, title: str, student: str) -> None:
    owner = demo.employers[employer]
    found = await _application(demo, owner, title, student)
    if found is not None and found.get("status") == "submitted":
        await post(demo.client, f"/v1/applications/{found['id']}/shortlist", {}, owner.token)


async def _reject(demo: Demo, employer: str, title: str, student: str) -> None:
    owner = demo.employers[employer]
    found = await _application(demo, owner, title, student)
    if found is not None and found.get("status") in ("submitted", "shortlisted"):
        reason = {"reason_code": "skills_mismatch", "note": "We need more FastAPI experience."}
        await post(demo.client, f"/v1/applications/{found['id']}/reject", reason, owner.token)


async def _apply(demo: Demo, title: str, student: str, cover_note: str) -> None:
    listing_id = demo.listing_ids.get(title)
    if listing_id is not None:
        await post_once_known(
            demo.client,
            f"/v1/listings/{listing_id}/applications",
            {"cover_note": cover_note},
            demo.students[student].token,
        )


async def _hire(demo: Demo, employer: str, title: str, student: str) -> None:
    owner = demo.employers[employer]
    found = await _application(demo, owner, title, student)
    if found is None or found.get("status") not in ("submitted", "shortlisted"):
        return
    try:
        await post(demo.client, f"/v1/applications/{found['id']}/hire", {}, owner.token)
        demo.summary.hires += 1
    except ApiRefused as exc:
        if exc.status != 409:  # no slot left: someone else was hired meanwhile
            raise


async def _deliver_and_complete(demo: Demo, employer: str, title: str, student: str) -> None:
    owner, worker = demo.employers[employer], demo.students[student]
    listing_id = demo.listing_ids.get(title)
    engagements = await all_items(demo.client, "/v1/me/engagements", worker.token)
    found = next((e for e in engagements if e.get("listing_id") == listing_id), None)
    if found is None:
        return
    path = f"/v1/engagements/{found['id']}"
    if found.get("status") == "active":
        await post(demo.client, f"{path}/deliver", DELIVERY, worker.token)
        found["status"] = "delivered"
    if found.get("status") == "delivered":
        await post(demo.client, f"{path}/complete", {}, owner.token)
