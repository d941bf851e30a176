"""Invariants as a client sees them, through the public API: every application a round
made reads as answered (a terminal status, its reason and a sentence for the student),
every listing closed within its slots, and no answer broke the promise of the API (no
5xx except 503 with ``Retry-After`` while a dependency was away)."""

from __future__ import annotations

from collections.abc import Iterable

from stint_flows.answers import Answers
from stint_flows.client import PatientClient
from stint_flows.verdict import Verdict
from stint_flows.workload import Ledger

REASON_OF = {"rejected": "reject_reason", "closed": "close_reason", "hired": "engagement_id"}


async def check_outside(
    client: PatientClient, ledgers: Iterable[Ledger], answers: Answers, verdict: Verdict
) -> None:
    seen = verdict.check("the API shows every application answered, no slot exceeded")
    for ledger in ledgers:
        for application_id, student in sorted(ledger.applications.items()):
            item = await client.json(
                "GET", f"/v1/applications/{application_id}", token=student.token
            )
            seen.count("applications")
            status = item["status"]
            reason = REASON_OF.get(status)
            if status in ("submitted", "shortlisted") or not item.get("outcome_message"):
                seen.fail("an application without an answer", [(application_id, status)])
            elif reason is not None and not item.get(reason):
                seen.fail(f"a {status} application without its {reason}", [application_id])
        for listing_id, owner in sorted(ledger.listings.items()):
            listing = await client.json("GET", f"/v1/listings/{listing_id}", token=owner.token)
            seen.count("listings")
            if listing["status"] != "closed" or listing["slots_filled"] > listing["slots"]:
                seen.fail("a listing open or over its slots", [(listing_id, listing["status"])])
    promise = verdict.check("no 5xx but 503 with Retry-After")
    promise.figures = {str(k): v for k, v in answers.summary().items() if isinstance(v, int)}
    promise.figures["503"] = answers.unavailable
    if answers.broken:
        promise.fail(f"{len(answers.broken)} answers broke the promise", answers.broken)
