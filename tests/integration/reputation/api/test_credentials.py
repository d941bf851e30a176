"""Credentials through the gateway, without signing in: the compact JWT for
``Accept: application/vc+jwt``, JSON with the JWT inside otherwise; verified with
PyJWT (not the signer's joserfc) against /.well-known/jwks.json; revoked by the
issuing organization, which its status list then shows."""

from __future__ import annotations

import json
from typing import Any

import jwt
import pytest

from tests.integration.gateway.api import assert_problem
from tests.integration.reputation.api.journeys import Journeys
from tests.integration.reputation.conftest import PUBLIC_BASE_URL
from tests.integration.reputation.service.verifying import revoked_bit

VC_JWT = "application/vc+jwt"


def pyjwt_verified(token: str, jwks: dict[str, Any]) -> dict[str, Any]:
    kid = jwt.get_unverified_header(token)["kid"]
    key = next(k for k in jwks["keys"] if k["kid"] == kid)
    payload = jwt.api_jws.PyJWS().decode_complete(token, jwt.PyJWK(key).key, algorithms=["EdDSA"])[
        "payload"
    ]
    document: dict[str, Any] = json.loads(payload)
    return document


async def test_a_credential_anyone_can_fetch_and_verify(journeys: Journeys) -> None:
    done = await journeys.completed()
    path = f"/v1/credentials/{done.credential_id}"
    compact = await journeys.http.get(path, headers={"Accept": VC_JWT})
    assert compact.status_code == 200, compact.text
    assert compact.headers["content-type"].startswith(VC_JWT)
    token = compact.text
    as_json = await journeys.http.get(path)
    assert as_json.status_code == 200 and as_json.headers["content-type"] == "application/json"
    reply = as_json.json()
    assert reply["jwt"] == token and reply["revoked"] is False
    assert reply["enveloped"]["type"] == "EnvelopedVerifiableCredential"
    assert reply["enveloped"]["id"] == f"data:application/vc+jwt,{token}"

    keys = await journeys.http.get("/.well-known/jwks.json")
    assert keys.status_code == 200
    jwks = keys.json()
    assert all("d" not in key for key in jwks["keys"])
    credential = pyjwt_verified(token, jwks)
    assert credential == reply["credential"]
    assert jwt.get_unverified_header(token)["typ"] == "vc+jwt"
    assert credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert credential["id"] == f"{PUBLIC_BASE_URL}{path}"
    subject = credential["credentialSubject"]
    assert subject["id"] == f"urn:uuid:{done.student.id}"
    assert subject["achievement"]["name"] == done.listing["title"]
    assert subject["achievement"]["creator"]["name"] == done.listing["organization_name"]
    head, body, signature = token.split(".")
    changed = body[:30] + ("A" if body[30] != "A" else "B") + body[31:]
    with pytest.raises(jwt.InvalidSignatureError):
        pyjwt_verified(f"{head}.{changed}.{signature}", jwks)
    assert_problem(await journeys.http.get("/v1/credentials/not-a-credential"), 404)


async def test_the_issuing_organization_revokes_it(journeys: Journeys) -> None:
    done = await journeys.completed()
    path = f"/v1/credentials/{done.credential_id}"
    credential = (await journeys.http.get(path)).json()["credential"]
    status_url = credential["credentialStatus"]["statusListCredential"]
    index = int(credential["credentialStatus"]["statusListIndex"])
    status_path = status_url.removeprefix(PUBLIC_BASE_URL)
    before = (await journeys.http.get(status_path)).json()
    assert revoked_bit(before["credential"], index) is False

    missing = await journeys.call("POST", f"{path}/revoke", done.owner, {})
    assert_problem(missing, 422)
    revoked = await journeys.call("POST", f"{path}/revoke", done.owner, {"reason": "Copied work"})
    assert revoked.status_code == 200, revoked.text
    assert revoked.json()["revoked"] is True and revoked.json()["revoked_reason"] == "Copied work"
    after = await journeys.http.get(status_path, headers={"Accept": VC_JWT})
    jwks = (await journeys.http.get("/.well-known/jwks.json")).json()
    assert revoked_bit(pyjwt_verified(after.text, jwks), index) is True
    public = (await journeys.http.get(path)).json()
    assert public["revoked"] is True and public["revoked_reason"] is None
    mine = (await journeys.call("GET", path, done.student)).json()
    assert mine["revoked_reason"] == "Copied work"
    assert_problem(await journeys.call("POST", f"{path}/revoke", done.owner, {"reason": "x"}), 409)
