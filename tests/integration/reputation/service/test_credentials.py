"""Credentials verify with jwcrypto against the published JWK Set; a changed byte
fails; the issuing organization (or an operator, from the command line) revokes and
the status list says so; after a key rotation the old credential still verifies; the
offline verifier checks saved files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any

import grpc
import pytest
from jwcrypto.common import JWException

from stint.reputation.v1 import reputation_service_pb2 as api
from stint.reputation.v1 import reputation_service_pb2_grpc
from stint_reputation.domain.signing import SigningKey
from stint_runtime.identity import Caller
from stint_runtime.rpc.client import open_channel
from stint_runtime.service import RunningService
from tests.integration.clock import MovableClock
from tests.integration.conftest import INTERNAL_SECRET, SettingsFactory
from tests.integration.reputation.conftest import (
    PUBLIC_BASE_URL,
    acting_as,
    reputation_settings,
    start_reputation,
)
from tests.integration.reputation.service.conftest import FIRST_KEY
from tests.integration.reputation.service.feed import EventFeed
from tests.integration.reputation.service.steps import refused
from tests.integration.reputation.service.story import completed_story, credential_of, events_of
from tests.integration.reputation.service.verifying import revoked_bit, verified

if TYPE_CHECKING:
    from stint.reputation.v1.reputation_service_pb2_grpc import (
        ReputationServiceAsyncStub as Stub,
    )


async def _credential(stub: Stub, credential_id: str, caller: Caller | None = None) -> Any:
    with acting_as(caller):
        return await stub.GetCredential(api.GetCredentialRequest(credential_id=credential_id))


async def _keys(stub: Stub) -> str:
    return (await stub.GetKeys(api.GetKeysRequest())).jwks


async def _status_list(stub: Stub, credential: dict[str, Any]) -> tuple[dict[str, Any], str]:
    list_id = credential["credentialStatus"]["statusListCredential"].rsplit("/", 1)[1]
    found = await stub.GetStatusList(api.GetStatusListRequest(list_id=list_id))
    return json.loads(found.json), found.jwt


async def _revoke(stub: Stub, caller: Caller, credential_id: str, reason: str) -> Any:
    with acting_as(caller):
        return await stub.RevokeCredential(
            api.RevokeCredentialRequest(credential_id=credential_id, reason=reason)
        )


async def test_a_credential_verifies_with_another_library_against_the_jwks(
    feed: EventFeed, reputation: Stub
) -> None:
    story = await completed_story(feed)
    credential_id = await credential_of(feed.pool, story.engagement.id)
    found = await _credential(reputation, credential_id)
    header, payload = verified(found.document.jwt, await _keys(reputation))
    assert header["typ"] == "vc+jwt" and header["cty"] == "vc" and header["alg"] == "EdDSA"
    assert header["kid"] == FIRST_KEY.kid
    assert payload == json.loads(found.document.json)
    assert payload["id"] == f"{PUBLIC_BASE_URL}/v1/credentials/{credential_id}"
    assert payload["credentialSubject"]["achievement"]["name"] == story.listing.title
    head, body, signature = found.document.jwt.split(".")
    changed = body[:20] + ("A" if body[20] != "A" else "B") + body[21:]
    with pytest.raises(JWException):
        verified(f"{head}.{changed}.{signature}", await _keys(reputation))


async def test_the_issuing_organization_revokes_and_the_status_list_shows_it(
    feed: EventFeed, reputation: Stub, reputation_service: RunningService
) -> None:
    story = await completed_story(feed)
    credential_id = await credential_of(feed.pool, story.engagement.id)
    document = json.loads((await _credential(reputation, credential_id)).document.json)
    index = int(document["credentialStatus"]["statusListIndex"])
    status, _ = await _status_list(reputation, document)
    assert revoked_bit(status, index) is False

    for outsider in (
        Caller(str(uuid.uuid4()), "employer", str(uuid.uuid4())),
        Caller(story.student.account_id, "employer", str(uuid.uuid4())),
    ):
        hidden = await refused(_revoke(reputation, outsider, credential_id, "Not mine"))
        assert hidden.code() == grpc.StatusCode.NOT_FOUND
    blank = await refused(_revoke(reputation, story.employer, credential_id, "  "))
    assert blank.code() == grpc.StatusCode.INVALID_ARGUMENT
    status, _ = await _status_list(reputation, document)
    assert revoked_bit(status, index) is False

    revoked = await _revoke(reputation, story.employer, credential_id, "Work was plagiarised")
    assert revoked.revoked and revoked.revoked_reason == "Work was plagiarised"
    status, status_jwt = await _status_list(reputation, document)
    assert revoked_bit(status, index) is True
    _, signed_status = verified(status_jwt, await _keys(reputation))
    assert signed_status == status
    # The reason is the student's and the organization's to know, not everyone's.
    assert (await _credential(reputation, credential_id)).revoked_reason == ""
    assert (await _credential(reputation, credential_id, story.student)).revoked_reason
    again = await refused(_revoke(reputation, story.employer, credential_id, "Again"))
    assert again.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert await events_of(reputation_service.pool, credential_id) == [
        "CredentialIssued",
        "CredentialRevoked",
    ]


async def test_after_a_key_rotation_the_old_credential_still_verifies(
    feed: EventFeed,
    reputation: Stub,
    service_settings: SettingsFactory,
    clock: MovableClock,
) -> None:
    story = await completed_story(feed)
    old_id = await credential_of(feed.pool, story.engagement.id)
    old = await _credential(reputation, old_id)
    rotated = SigningKey.generate()
    # The service restarted with a new key: a replica that serves calls (no consumers,
    # so that the first one keeps every partition).
    replica = await start_reputation(service_settings, clock, rotated, consuming=False)
    try:
        async with open_channel(f"127.0.0.1:{replica.grpc_port}", INTERNAL_SECRET) as channel:
            after = reputation_service_pb2_grpc.ReputationServiceStub(channel)
            jwks = await _keys(after)
            kids = [key["kid"] for key in json.loads(jwks)["keys"]]
            assert kids[0] == rotated.kid and FIRST_KEY.kid in kids
            header, _ = verified(old.document.jwt, jwks)
            assert header["kid"] == FIRST_KEY.kid
            # The new key signs from now on (here: the status list, at a revocation).
            revoked = await _revoke(after, story.employer, old_id, "Issued in error")
            document = json.loads(revoked.document.json)
            _, status_jwt = await _status_list(after, document)
            status_header, _ = verified(status_jwt, jwks)
            assert status_header["kid"] == rotated.kid
            verified(old.document.jwt, jwks)
    finally:
        await replica.stop()
    # Every replica publishes every key ever used, whichever key it signs with.
    still = [key["kid"] for key in json.loads(await _keys(reputation))["keys"]]
    assert FIRST_KEY.kid == still[0] and rotated.kid in still


def _environment(service_settings: SettingsFactory) -> dict[str, str]:
    settings = reputation_settings(service_settings, FIRST_KEY)
    env = {k: v for k, v in os.environ.items() if not k.startswith("STINT_")}
    env.update(
        {
            "STINT_ENV": "test",
            "STINT_DATABASE_URL": settings.database_url,
            "STINT_DATABASE_SCHEMA": settings.database_schema,
            "STINT_INTERNAL_SECRET": INTERNAL_SECRET,
            "STINT_PUBLIC_BASE_URL": PUBLIC_BASE_URL,
            "STINT_CREDENTIAL_SIGNING_KEY": settings.credential_signing_key.get_secret_value(),
        }
    )
    return env


def _run(
    module: str, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", module, *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        check=False,
    )


async def test_operators_revoke_and_the_offline_verifier_sees_it(
    feed: EventFeed, reputation: Stub, service_settings: SettingsFactory, tmp_path: Path
) -> None:
    story = await completed_story(feed)
    credential_id = await credential_of(feed.pool, story.engagement.id)
    found = await _credential(reputation, credential_id)
    document = json.loads(found.document.json)
    saved = tmp_path / "credential.jwt"
    saved.write_text(found.document.jwt)
    keys = tmp_path / "jwks.json"
    keys.write_text(await _keys(reputation))
    status = tmp_path / "status.jwt"
    status.write_text((await _status_list(reputation, document))[1])
    files = [str(saved), "--keys", str(keys), "--status", str(status)]
    checked = _run("stint_reputation.verify", *files)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout.strip().endswith("VALID")

    env = _environment(service_settings)
    refused_cli = _run("stint_reputation.revoke", str(uuid.uuid4()), "--reason", "x", env=env)
    assert refused_cli.returncode == 1 and "No such credential" in refused_cli.stderr
    revoked = _run(
        "stint_reputation.revoke",
        credential_id,
        "--reason",
        "Identity fraud",
        "--operator",
        "ops-1",
        env=env,
    )
    assert revoked.returncode == 0, revoked.stderr
    row = await feed.pool.fetchrow(
        "SELECT revoked_reason, revoked_by FROM credentials WHERE id = $1", credential_id
    )
    assert row is not None and tuple(row) == ("Identity fraud", "operator:ops-1")
    status.write_text((await _status_list(reputation, document))[1])
    checked = _run("stint_reputation.verify", *files, "--json")
    assert checked.returncode == 1
    report = json.loads(checked.stdout)
    assert [c["check"] for c in report["checks"] if not c["ok"]] == ["status"]
