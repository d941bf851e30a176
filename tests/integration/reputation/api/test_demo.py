"""The reputation part of the demo, loaded twice through the real gateway: the demo
hire ends completed with both reviews published, a credential and an institution with
a linked, credited student, and loading again changes nothing."""

from __future__ import annotations

import httpx

from stint_devstack import demo, demo_catalog, demo_reputation
from tests.integration.platform import Gateway


async def _load(client: httpx.AsyncClient) -> demo.Demo:
    summary = demo.DemoSummary()
    employers = {e.email: await demo.ensure_employer(client, e) for e in demo_catalog.EMPLOYERS}
    students = {s.email: await demo.ensure_student(client, s) for s in demo_catalog.STUDENTS}
    loaded = demo.Demo(client, employers, students, {}, summary)
    for employer in demo_catalog.EMPLOYERS:
        account = employers[employer.email]
        loaded.listing_ids |= await demo.ensure_listings(
            client, account, employer.listings, summary
        )
    await demo.load_applications(client, employers, students, loaded.listing_ids, summary)
    await demo_reputation.after_applications(loaded)
    return loaded


async def test_the_demo_has_published_reviews_a_credential_and_credit(gateway: Gateway) -> None:
    async with httpx.AsyncClient(base_url=gateway.base_url, timeout=30.0) as client:
        first = await _load(client)
        again = await _load(client)
        hire = demo_catalog.HIRES[0]
        student = first.students[hire.student]
        assert any("credential" in note for note in first.summary.notes), first.summary.notes
        reviews = (await client.get(f"/v1/users/{student.account_id}/reviews")).json()["items"]
        owner = first.employers[hire.employer]
        about_owner = (await client.get(f"/v1/users/{owner.account_id}/reviews")).json()["items"]
        assert len(reviews) == 1 and len(about_owner) == 1
        reputation = (await client.get(f"/v1/users/{student.account_id}/reputation")).json()
        assert {s["name"] for s in reputation["verified_skills"]} == {"python", "fastapi"}
        portfolio = (await client.get(f"/v1/users/{student.account_id}/portfolio")).json()
        entries = [e for e in portfolio["entries"] if e["listing_title"] == hire.listing]
        assert len(entries) == 1 and entries[0]["rating"] == 5 and entries[0]["credential_id"]
        credential = await client.get(f"/v1/credentials/{entries[0]['credential_id']}")
        assert credential.status_code == 200
        headers = {"Authorization": f"Bearer {student.token}"}
        credits = (await client.get("/v1/me/credits", headers=headers)).json()["items"]
        assert [(c["credits"], c["term"]) for c in credits] == [(3.0, demo_reputation.CREDIT_TERM)]
        assert again.summary.hires == 0
