"""Loads the demo marketplace through the gateway's public API, as a client would.

Idempotent: an account that exists (409) is signed into, and a listing whose title the
employer already has open or in draft is not created again.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Awaitable, Callable, Collection, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from stint_devstack import demo_catalog as catalog
from stint_devstack.public_api import all_items, get, post, post_once_known

APPLY_WINDOW = timedelta(days=30)

# The demo parts of the services built on the marketplace, one module each, loaded when
# it exists: ``async def before_listings(demo: Demo)`` runs once every account exists
# and before any listing is published (student profiles, so that listings match them),
# ``async def after_applications(demo: Demo)`` once the applications and hires are in.
# Each part runs when the gateway has the service it needs (its /readyz names it); the
# analytics part needs only the marketplace (it makes history for the report).
EXTRAS: Mapping[str, str | None] = {
    "stint_devstack.demo_matching": "matching",
    "stint_devstack.demo_notification": "notification",
    "stint_devstack.demo_reputation": "reputation",
    "stint_devstack.demo_analytics": None,
}


@dataclass
class DemoSummary:
    listings_created: int = 0
    listings_kept: int = 0
    applications_created: int = 0
    hires: int = 0
    notes: list[str] = field(default_factory=list)


@dataclass
class DemoAccount:
    email: str
    token: str
    account_id: str


@dataclass
class Demo:
    """What the demo's parts share: the client, the accounts by e-mail address, the
    listing ids by title, and the summary printed at the end."""

    client: httpx.AsyncClient
    employers: dict[str, DemoAccount]
    students: dict[str, DemoAccount]
    listing_ids: dict[str, str]
    summary: DemoSummary


Step = Callable[[Demo], Awaitable[None]]


def extra_steps(name: str, deployed: Collection[str]) -> list[Step]:
    """The ``name`` step of every demo part that exists and whose service is deployed."""
    steps: list[Step] = []
    for module, service in EXTRAS.items():
        if service is not None and service not in deployed:
            continue
        try:
            found = importlib.import_module(module)
        except ModuleNotFoundError:
            continue
        step = getattr(found, name, None)
        if step is not None:
            steps.append(step)
    return steps


async def load_demo(base_url: str) -> DemoSummary:
    summary = DemoSummary()
    async with httpx.AsyncClient(base_url=base_url, timeout=15.0) as client:
        employers = {e.email: await ensure_employer(client, e) for e in catalog.EMPLOYERS}
        students = {s.email: await ensure_student(client, s) for s in catalog.STUDENTS}
        demo = Demo(client, employers, students, {}, summary)
        deployed = await deployed_services(client)
        for step in extra_steps("before_listings", deployed):
            await step(demo)
        for employer in catalog.EMPLOYERS:
            account = employers[employer.email]
            demo.listing_ids |= await ensure_listings(client, account, employer.listings, summary)
        await load_applications(client, employers, students, demo.listing_ids, summary)
        for step in extra_steps("after_applications", deployed):
            await step(demo)
    return summary


async def deployed_services(client: httpx.AsyncClient) -> set[str]:
    """The services behind the gateway, as its readiness check names them."""
    reply = await client.get("/readyz")
    body = reply.json() if reply.headers.get("content-type", "").endswith("json") else {}
    return set(body.get("checks") or ())


async def ensure_employer(client: httpx.AsyncClient, employer: catalog.DemoEmployer) -> DemoAccount:
    organization = {
        "name": employer.organization,
        "industry": employer.industry,
        "website": employer.website,
    }
    return await ensure_account(
        client,
        {
            "email": employer.email,
            "password": catalog.PASSWORD,
            "role": "employer",
            "display_name": employer.display_name,
            "organization": organization,
        },
    )


async def ensure_student(client: httpx.AsyncClient, student: catalog.DemoStudent) -> DemoAccount:
    return await ensure_account(
        client,
        {
            "email": student.email,
            "password": catalog.PASSWORD,
            "role": "student",
            "display_name": student.display_name,
        },
    )


async def ensure_account(client: httpx.AsyncClient, body: Mapping[str, Any]) -> DemoAccount:
    reply = await post(client, "/v1/auth/register", body, ok=(201, 409))
    tokens = await post(
        client,
        "/v1/auth/token",
        {"email": body["email"], "password": body["password"]},
        ok=(200,),
    )
    token = str(tokens.json()["access_token"])
    if reply.status_code == 201:
        account_id = str(reply.json()["id"])
    else:
        me = await get(client, "/v1/me", token)
        account_id = str(me["id"])
    return DemoAccount(str(body["email"]), token, account_id)


async def ensure_listings(
    client: httpx.AsyncClient,
    employer: DemoAccount,
    listings: tuple[catalog.DemoListing, ...],
    summary: DemoSummary,
) -> dict[str, str]:
    """Create and publish each listing the employer does not have open or in draft."""
    mine = await all_items(client, "/v1/listings", employer.token, mine="true")
    by_title: dict[str, dict[str, Any]] = {}
    for item in mine:
        # An open one wins over a draft of the same title; closed ones are history.
        current = by_title.get(item["title"], {}).get("status")
        if item.get("status") in ("open", "draft") and current != "open":
            by_title[item["title"]] = item
    ids: dict[str, str] = {}
    for listing in listings:
        found = by_title.get(listing.title)
        if found is None:
            created = await post(client, "/v1/listings", listing_body(listing), employer.token)
            found = created.json()
            summary.listings_created += 1
        else:
            summary.listings_kept += 1
        if found.get("status") == "draft":
            await post(client, f"/v1/listings/{found['id']}/publish", {}, employer.token)
        ids[listing.title] = str(found["id"])
    return ids


def listing_body(listing: catalog.DemoListing, now: datetime | None = None) -> dict[str, Any]:
    apply_by = (now or datetime.now(UTC)) + APPLY_WINDOW
    return {
        "title": listing.title,
        "description": listing.description,
        "industry": listing.industry,
        "skills": [{"name": name, "required": required} for name, required in listing.skills],
        "estimated_hours": listing.estimated_hours,
        "duration_days": listing.duration_days,
        "pay": {"amount_cents": listing.pay_cents, "currency": listing.currency},
        "remote": listing.remote,
        "location": listing.location,
        "apply_by": apply_by.replace(microsecond=0).isoformat().replace("+00:00", "Z"),
        "slots": listing.slots,
    }


async def load_applications(
    client: httpx.AsyncClient,
    employers: Mapping[str, DemoAccount],
    students: Mapping[str, DemoAccount],
    listing_ids: Mapping[str, str],
    summary: DemoSummary,
) -> None:
    """Applications and a hire (an engagement), when the gateway serves those routes."""
    paths = set((await client.get("/openapi.json")).json().get("paths", {}))
    if not any(re.fullmatch(r"/v1/listings/\{[^}]+\}/applications", p) for p in paths):
        summary.notes.append("the gateway has no application routes yet: no demo applications")
        return
    for application in catalog.APPLICATIONS:
        listing_id = listing_ids[application.listing]
        reply = await post_once_known(
            client,
            f"/v1/listings/{listing_id}/applications",
            {"cover_note": application.cover_note},
            students[application.student].token,
        )
        summary.applications_created += reply.status_code == 201
    if not any(re.fullmatch(r"/v1/applications/\{[^}]+\}/hire", p) for p in paths):
        return
    for hire in catalog.HIRES:
        owner = employers[hire.employer]
        student_id = students[hire.student].account_id
        received = await all_items(
            client, f"/v1/listings/{listing_ids[hire.listing]}/applications", owner.token
        )
        for item in received:
            if item.get("student_id") == student_id and item.get("status") in (
                "submitted",
                "shortlisted",
            ):
                await post(client, f"/v1/applications/{item['id']}/hire", {}, owner.token)
                summary.hires += 1
