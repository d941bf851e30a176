"""One round of the marketplace through the public API: employers register and publish
listings, students register, write profiles and apply, employers shortlist, hire and
reject (with reasons), students withdraw now and then, engagements are delivered and
completed (or cancelled), both sides review, and every listing still open is closed,
so that every application ends with an answer.

Every choice comes from the seed and is made before the calls run, so concurrency
changes when things happen, never what is decided. Phases run one after another;
inside a phase the people act concurrently (``CONCURRENCY`` calls at a time).
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from stint_flows import cast as people
from stint_flows.cast import Cast, Person, Scale
from stint_flows.client import PatientClient

CONCURRENCY = 8
REJECT_REASONS = ("skills_mismatch", "availability", "other")
T = TypeVar("T")


@dataclass
class Ledger:
    """What a round did, as the platform answered it."""

    cast: Cast = field(default_factory=Cast)
    listings: dict[str, Person] = field(default_factory=dict)
    """Listing id → its owner."""
    skills: dict[str, list[str]] = field(default_factory=dict)
    """Listing id → its skills."""
    applications: dict[str, Person] = field(default_factory=dict)
    """Application id → its student."""
    engagements: dict[str, tuple[Person, Person]] = field(default_factory=dict)
    """Engagement id → (student, owner)."""
    engaged_on: dict[str, str] = field(default_factory=dict)
    """Engagement id → its listing id."""
    completed: list[str] = field(default_factory=list)
    reviews: int = 0


async def run_round(client: PatientClient, seed: int, tag: str, scale: Scale) -> Ledger:
    rng = random.Random(f"{seed}:{tag}")
    ledger = Ledger(cast=people.cast_of(rng, scale, tag))
    everyone = [*ledger.cast.employers, *ledger.cast.students]
    await _each(everyone, lambda p: _register(client, p))
    profiles = {s.email: people.profile(rng, s) for s in ledger.cast.students}
    await _each(ledger.cast.students, lambda s: _put_profile(client, s, profiles[s.email]))

    bodies = [
        (e, people.listing(rng, e, n))
        for e in ledger.cast.employers
        for n in range(scale.listings_per_employer)
    ]
    published = await _each(bodies, lambda eb: _publish(client, *eb))
    for (owner, listing_id), (_, body) in zip(published, bodies, strict=True):
        ledger.listings[listing_id] = owner
        ledger.skills[listing_id] = [skill["name"] for skill in body["skills"]]

    ids = sorted(ledger.listings)
    choices = [
        (s, rng.sample(ids, min(scale.applications_per_student, len(ids))))
        for s in ledger.cast.students
    ]
    await _each(
        [(s, lid) for s, picked in choices for lid in picked], lambda sl: _apply(client, *sl)
    )
    for student in ledger.cast.students:
        for item in await client.every("/v1/me/applications", student.token):
            if item["listing_id"] in ledger.listings:
                ledger.applications[item["id"]] = student

    withdrawing = [a for a in sorted(ledger.applications) if rng.random() < 0.1]
    await _each(
        withdrawing,
        lambda a: _act(client, f"/v1/applications/{a}/withdraw", ledger.applications[a]),
    )
    plans = {lid: random.Random(f"{seed}:{tag}:{lid}") for lid in ids}
    await _each(ids, lambda lid: _decide(client, lid, ledger.listings[lid], plans[lid]))

    for employer in ledger.cast.employers:
        for item in await client.every("/v1/me/engagements", employer.token):
            if item["listing_id"] in ledger.listings:
                student = next(s for s in ledger.cast.students if s.id == item["student_id"])
                ledger.engagements[item["id"]] = (student, employer)
                ledger.engaged_on[item["id"]] = str(item["listing_id"])
    endings = {e: rng.random() < 0.15 for e in sorted(ledger.engagements)}
    await _each(sorted(endings), lambda e: _finish(client, e, ledger.engagements[e], endings[e]))
    ledger.completed = [e for e, cancelled in endings.items() if not cancelled]
    reviews = [(e, side) for e in ledger.completed for side in (0, 1)]
    await _each(reviews, lambda r: _review(client, r[0], ledger, r[1]))
    ledger.reviews = len(reviews)
    await _each(ids, lambda lid: _close(client, lid, ledger.listings[lid]))
    return ledger


async def _each(items: Iterable[Any], act: Callable[[Any], Awaitable[T]]) -> list[T]:
    gate = asyncio.Semaphore(CONCURRENCY)

    async def one(item: Any) -> T:
        async with gate:
            return await act(item)

    return list(await asyncio.gather(*(one(i) for i in items)))


async def _register(client: PatientClient, person: Person) -> None:
    reply = await client.call(
        "POST", "/v1/auth/register", body=people.registration(person), ok=(201, 409)
    )
    tokens = await client.json(
        "POST", "/v1/auth/token", body={"email": person.email, "password": people.PASSWORD}
    )
    person.token = str(tokens["access_token"])
    me = (
        reply.json()
        if reply.status_code == 201
        else await client.json("GET", "/v1/me", token=person.token)
    )
    person.id = str(me["id"])
    person.organization_id = str(me.get("organization_id") or "")


async def _put_profile(client: PatientClient, student: Person, body: dict[str, Any]) -> None:
    await client.call("PUT", "/v1/me/profile", token=student.token, body=body, ok=(200,))


async def _publish(
    client: PatientClient, owner: Person, body: dict[str, Any]
) -> tuple[Person, str]:
    created = await client.json("POST", "/v1/listings", token=owner.token, body=body, ok=(201,))
    listing_id = str(created["id"])
    await client.call("POST", f"/v1/listings/{listing_id}/publish", token=owner.token, ok=(200,))
    return owner, listing_id


async def _apply(client: PatientClient, student: Person, listing_id: str) -> None:
    # 404 until the listing's event reached the application service; 409 when an
    # earlier attempt of ours went through after all.
    await client.call(
        "POST",
        f"/v1/listings/{listing_id}/applications",
        token=student.token,
        body={"cover_note": f"{student.display_name} would love to do this."},
        ok=(201, 409),
        wait_for=(404,),
    )


async def _act(client: PatientClient, path: str, who: Person, body: Any = None) -> None:
    await client.call("POST", path, token=who.token, body=body, ok=(200, 201, 409))


async def _decide(
    client: PatientClient, listing_id: str, owner: Person, rng: random.Random
) -> None:
    """Shortlist some, hire up to the slots (more would be refused), reject others, and
    leave the rest for the close."""
    received = await client.every(f"/v1/listings/{listing_id}/applications", owner.token)
    pending = sorted(
        (a for a in received if a["status"] == "submitted"), key=lambda a: str(a["id"])
    )
    rng.shuffle(pending)
    listing = await client.json("GET", f"/v1/listings/{listing_id}", token=owner.token)
    hires = rng.randint(0, int(listing["slots"]) + 1)
    for n, item in enumerate(pending):
        path = f"/v1/applications/{item['id']}"
        roll = rng.random()
        if roll < 0.2:
            await _act(client, f"{path}/shortlist", owner)
        if n < hires:
            await _act(client, f"{path}/hire", owner)
        elif roll < 0.6:
            reason = {"reason_code": rng.choice(REJECT_REASONS), "note": "Thank you for applying."}
            await _act(client, f"{path}/reject", owner, reason)


async def _finish(
    client: PatientClient, engagement_id: str, sides: tuple[Person, Person], cancel: bool
) -> None:
    student, owner = sides
    path = f"/v1/engagements/{engagement_id}"
    if cancel:
        await _act(client, f"{path}/cancel", owner, {"reason": "The project was put on hold."})
        return
    delivery = {"summary": "Delivered with notes and tests.", "links": ["https://example.org/work"]}
    await _act(client, f"{path}/deliver", student, delivery)
    await _act(client, f"{path}/complete", owner)


async def _review(client: PatientClient, engagement_id: str, ledger: Ledger, side: int) -> None:
    student, owner = ledger.engagements[engagement_id]
    body: dict[str, Any] = {"rating": 4 + side % 2, "comment": "Clear, kind and on time."}
    if side == 1:
        body["endorsed_skills"] = ledger.skills[ledger.engaged_on[engagement_id]][:1]
    await client.call(
        "POST",
        f"/v1/engagements/{engagement_id}/reviews",
        token=(owner if side else student).token,
        body=body,
        ok=(201,),
        # 404 until the engagement reached the reputation service by its events, 409
        # until its completion did (a review is accepted once: a retry of a lost answer
        # reuses its key and gets the 201 again).
        wait_for=(404, 409),
    )


async def _close(client: PatientClient, listing_id: str, owner: Person) -> None:
    # 409: closed already (its last slot was filled).
    await client.call(
        "POST", f"/v1/listings/{listing_id}/close", token=owner.token, body={}, ok=(200, 409)
    )
