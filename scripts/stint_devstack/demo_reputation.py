"""The reputation part of the demo: the demo hire is delivered and completed, both
sides review it (so both reviews are published and the student has verified skills),
its completion credential is issued, and an institution at the students' e-mail
domain links a student and grants credit for the work. Idempotent: what is done
already (a completed engagement, a review, a link, a credit) is left as it is."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx

from stint_devstack import demo_catalog as catalog
from stint_devstack.demo import Demo, DemoAccount, ensure_account
from stint_devstack.public_api import PROJECTION_WAIT_S, ApiRefused, all_items, post

INSTITUTION_EMAIL = "registrar@student.example"
INSTITUTION_NAME = "Example University"
INSTITUTION_DOMAIN = "student.example"
CREDIT_TERM = "Spring 2027"


async def _eventually_ok(
    client: httpx.AsyncClient, path: str, body: dict[str, Any], token: str
) -> httpx.Response:
    """POST, retrying while the reputation service has not learnt of what the call
    names yet (404: an account or an engagement reaches it by events). 409: done."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + PROJECTION_WAIT_S
    while True:
        try:
            return await post(client, path, body, token, ok=(200, 201, 409))
        except ApiRefused as exc:
            if exc.status != 404 or loop.time() > deadline:
                raise
        await asyncio.sleep(0.2)


async def _completed_engagement(demo: Demo, hire: catalog.DemoHire) -> str | None:
    owner = demo.employers[hire.employer]
    student = demo.students[hire.student]
    listing_id = demo.listing_ids.get(hire.listing)
    mine = await all_items(demo.client, "/v1/me/engagements", owner.token)
    found = next(
        (
            e
            for e in mine
            if e["student_id"] == student.account_id and e["listing_id"] == listing_id
        ),
        None,
    )
    if found is None:
        return None
    path = f"/v1/engagements/{found['id']}"
    if found["status"] == "active":
        delivery = {
            "summary": "The CSV import validates each row, reports errors per line and "
            "imports the valid rows in one transaction.",
            "links": ["https://example.org/demo/csv-import"],
        }
        await post(demo.client, f"{path}/deliver", delivery, student.token, ok=(200,))
        found["status"] = "delivered"
    if found["status"] == "delivered":
        await post(demo.client, f"{path}/complete", {}, owner.token, ok=(200,))
        found["status"] = "completed"
    return str(found["id"]) if found["status"] == "completed" else None


async def _credential(demo: Demo, student: DemoAccount, engagement_id: str) -> str:
    """Once the reputation service settled the completion: its credential's id."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + PROJECTION_WAIT_S
    while True:
        reply = await demo.client.get(f"/v1/users/{student.account_id}/portfolio")
        if reply.status_code == 200:
            for entry in reply.json()["entries"]:
                if entry["engagement_id"] == engagement_id and entry["credential_id"]:
                    return str(entry["credential_id"])
        if loop.time() > deadline:
            raise ApiRefused(f"no credential for engagement {engagement_id}", reply.status_code)
        await asyncio.sleep(0.2)


def _skills(title: str) -> list[str]:
    for employer in catalog.EMPLOYERS:
        for listing in employer.listings:
            if listing.title == title:
                return [name for name, required in listing.skills if required]
    return []


async def _institution(demo: Demo, student: DemoAccount, engagement_id: str) -> None:
    school = await ensure_account(
        demo.client,
        {
            "email": INSTITUTION_EMAIL,
            "password": catalog.PASSWORD,
            "role": "institution",
            "display_name": INSTITUTION_NAME,
        },
    )
    settings = {
        "email_domains": [INSTITUTION_DOMAIN],
        "credit_policy": "3 ECTS for a completed project of 20 hours or more.",
    }
    reply = await demo.client.put(
        "/v1/institution/settings",
        json=settings,
        headers={"Authorization": f"Bearer {school.token}"},
    )
    if reply.status_code != 200:
        raise ApiRefused(f"PUT /v1/institution/settings: {reply.text[:300]}", reply.status_code)
    link = {"institution_id": school.account_id}
    await _eventually_ok(demo.client, "/v1/me/institution", link, student.token)
    credit = {"credits": 3, "term": CREDIT_TERM, "note": "Counted as a practical module."}
    path = f"/v1/institution/engagements/{engagement_id}/credit"
    await _eventually_ok(demo.client, path, credit, school.token)


async def after_applications(demo: Demo) -> None:
    paths = set((await demo.client.get("/openapi.json")).json().get("paths", {}))
    if "/v1/engagements/{engagement_id}/reviews" not in paths:
        demo.summary.notes.append("the gateway has no reputation routes yet: no demo reviews")
        return
    if (await demo.client.get("/.well-known/jwks.json")).status_code != 200:
        demo.summary.notes.append("the reputation service is not running: no demo reviews")
        return
    for hire in catalog.HIRES:
        engagement_id = await _completed_engagement(demo, hire)
        if engagement_id is None:
            continue
        owner, student = demo.employers[hire.employer], demo.students[hire.student]
        credential_id = await _credential(demo, student, engagement_id)
        path = f"/v1/engagements/{engagement_id}/reviews"
        review = {"rating": 5, "comment": "Clear brief and quick feedback on every pull request."}
        await _eventually_ok(demo.client, path, review, student.token)
        endorsed = {
            "rating": 5,
            "comment": "Shipped a robust importer a day early, with tests.",
            "endorsed_skills": _skills(hire.listing),
        }
        await _eventually_ok(demo.client, path, endorsed, owner.token)
        await _institution(demo, student, engagement_id)
        demo.summary.notes.append(
            f"reputation: {hire.listing!r} completed and reviewed by both sides; credential "
            f"/v1/credentials/{credential_id}; {student.email} linked to {INSTITUTION_NAME} "
            "with credit granted"
        )
