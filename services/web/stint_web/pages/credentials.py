"""The public credential check: anyone with the link sees the completion credential
and whether it holds up (signature by a published key, dates, not revoked). What the
page shows of the credential is read from the verified payload, not the reply around
it."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from stint_web.deps import Api
from stint_web.gateway import ApiProblem, GatewayClient, Json
from stint_web.rendering import page
from stint_web.verification import Unverified, Verdict, revoked_in, verified_payload, within_dates

router = APIRouter()

# Only the platform's own status lists are fetched (by id, through the gateway): a URL
# in a credential is never followed as it is.
_LIST_ID = re.compile(r"/v1/credentials/status/([0-9A-Za-z_-]{1,64})$")


async def _status(
    gateway: GatewayClient, entry: Any, jwks: Json, reply: Json, verdict: Verdict
) -> None:
    if not isinstance(entry, dict):
        verdict.add("Status", False, "the credential names no status list")
        return
    found = _LIST_ID.search(str(entry.get("statusListCredential", "")))
    if found is None:
        verdict.add("Status", False, "its status list is not one of this platform's")
        return
    try:
        listed = await gateway.get(f"/v1/credentials/status/{found.group(1)}")
        _, status_list = verified_payload(str(listed.get("jwt", "")), jwks)
        revoked = revoked_in(status_list, int(str(entry.get("statusListIndex"))))
    except (ApiProblem, Unverified, ValueError) as exc:
        verdict.add("Status", False, f"the status list could not be checked: {exc}")
        return
    revoked = revoked or bool(reply.get("revoked"))
    reason = f" ({reply.get('revoked_reason')})" if reply.get("revoked_reason") else ""
    detail = f"revoked{reason}" if revoked else "not revoked (the signed status list says so)"
    verdict.add("Status", not revoked, detail)


async def check(gateway: GatewayClient, reply: Json) -> tuple[Verdict, dict[str, Any]]:
    verdict = Verdict()
    jwks = await gateway.get("/.well-known/jwks.json")
    try:
        kid, document = verified_payload(str(reply.get("jwt", "")), jwks)
    except Unverified as exc:
        verdict.add("Signature", False, str(exc))
        return verdict, {}
    verdict.add("Signature", True, f"signed by the platform's published key {kid}")
    ok, detail = within_dates(document, datetime.now(UTC))
    verdict.add("Dates", ok, detail)
    await _status(gateway, document.get("credentialStatus"), jwks, reply, verdict)
    return verdict, document


@router.get("/credentials/{credential_id}", response_class=HTMLResponse)
async def credential(request: Request, credential_id: str, gateway: Api) -> HTMLResponse:
    reply = await gateway.get(f"/v1/credentials/{credential_id}")
    verdict, document = await check(gateway, reply)
    subject = document.get("credentialSubject") or {}
    names = [i.get("identityHash") for i in subject.get("identifier") or [] if isinstance(i, dict)]
    return await page(
        request,
        "credential.html",
        verdict=verdict,
        document=document,
        subject=subject,
        achievement=subject.get("achievement") or {},
        holder=next((n for n in names if n), ""),
        reply=reply,
    )
