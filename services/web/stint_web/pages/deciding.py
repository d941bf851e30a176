"""An employer deciding: the applicants of a listing ranked by match with the reasons,
each application's decision deadline (the oldest first in its own list), and shortlist,
reject with a reason, hire."""

from __future__ import annotations

import asyncio
import re
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from stint_web.deps import Api, Employer
from stint_web.forms import form_of
from stint_web.gateway import ApiProblem, GatewayClient
from stint_web.rendering import page

router = APIRouter(prefix="/employer")

REJECT_REASONS = (
    ("skills_mismatch", "Skills do not match"),
    ("availability", "Availability does not fit"),
    ("position_filled", "Position filled"),
    ("other", "Other (say why in the note)"),
)
OPEN = ("submitted", "shortlisted")
_ID = re.compile(r"^[0-9a-fA-F-]{36}$")


async def _names(gateway: GatewayClient, token: str | None, students: set[str]) -> dict[str, str]:
    async def one(student_id: str) -> tuple[str, str]:
        try:
            profile = await gateway.get(f"/v1/students/{student_id}/profile", token)
            return student_id, str(profile.get("display_name") or "")
        except ApiProblem:
            return student_id, ""

    return dict(await asyncio.gather(*(one(s) for s in sorted(students))))


def ranked(applications: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Best match first; those without a score yet after, oldest first."""
    return sorted(
        applications,
        key=lambda a: (a.get("match_score") is None, -(a.get("match_score") or 0), a["created_at"]),
    )


def due_first(applications: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(
        (a for a in applications if a["status"] in OPEN), key=lambda a: a["decision_due_at"]
    )


@router.get("/listings/{listing_id}/applicants", response_class=HTMLResponse)
async def applicants(
    request: Request, listing_id: str, employer: Employer, gateway: Api
) -> HTMLResponse:
    listing = await gateway.get(f"/v1/listings/{listing_id}", employer.token)
    found = await gateway.get(
        f"/v1/listings/{listing_id}/applications", employer.token, {"limit": 100}
    )
    items: list[dict[str, Any]] = found["items"]
    names = await _names(gateway, employer.token, {a["student_id"] for a in items})
    return await page(
        request,
        "applicants.html",
        listing=listing,
        applications=ranked(items),
        due=due_first(items),
        names=names,
        reasons=REJECT_REASONS,
        open_statuses=OPEN,
    )


def _back(listing_id: str) -> RedirectResponse:
    target = listing_id if _ID.match(listing_id) else ""
    path = f"/employer/listings/{target}/applicants" if target else "/employer/listings"
    return RedirectResponse(path, status_code=303)


@router.post("/applications/{application_id}/{decision}")
async def decide(
    request: Request, application_id: str, decision: str, employer: Employer, gateway: Api
) -> RedirectResponse:
    form = await form_of(request)
    if decision == "reject":
        body: dict[str, Any] | None = {
            "reason_code": form.get("reason_code", ""),
            "note": form.get("note") or None,
        }
    elif decision in ("shortlist", "hire"):
        body = None
    else:
        return _back("")
    await gateway.send(
        "POST",
        f"/v1/applications/{application_id}/{decision}",
        employer.token,
        body,
        idempotency_key=form.get("idempotency_key"),
    )
    return _back(form.get("listing_id", ""))
