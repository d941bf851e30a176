"""The offline verifier (PyJWT, not the signer's joserfc) from saved files: a good
credential is VALID; a changed byte, an unknown key, a revoked bit, an expired list
or a missing status list is NOT VALID, each saying why."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest

from stint_reputation.domain.bitstring import with_bit
from stint_reputation.domain.documents import (
    StatusEntry,
    completion_credential,
    enveloped,
    status_list_credential,
)
from stint_reputation.domain.signing import SigningKey
from stint_reputation.verify.__main__ import main
from stint_reputation.verify.checks import verify_credential
from tests.unit.reputation.examples import ISSUER, NOW, completion

KEY = SigningKey.generate()
LIST_ID = "list-1"
INDEX = 4242


def jwks(*keys: SigningKey) -> str:
    return json.dumps({"keys": [dict(k.public_jwk) for k in keys]})


def credential_jwt(key: SigningKey = KEY) -> str:
    document = completion_credential(ISSUER, completion(), StatusEntry(LIST_ID, INDEX), NOW)
    return key.sign(document).jwt


def status_jwt(revoked: bool = False, **changes: str) -> str:
    bits = bytes(16384)
    if revoked:
        bits = with_bit(bits, INDEX)
    document = status_list_credential(ISSUER, LIST_ID, bits, NOW)
    document.update(changes)
    return KEY.sign(document).jwt


def failed(report_checks: list[tuple[str, bool]]) -> list[str]:
    return [name for name, ok in report_checks if not ok]


def run(credential: str, keys: str, lists: list[str], **options: bool) -> list[str]:
    report = verify_credential(credential, keys, lists, NOW + timedelta(hours=1), **options)
    assert report.valid == (not failed([(c.name, c.ok) for c in report.checks]))
    return failed([(c.name, c.ok) for c in report.checks])


def test_a_good_credential_is_valid() -> None:
    assert run(credential_jwt(), jwks(KEY), [status_jwt()]) == []


def test_the_forms_a_credential_is_saved_in() -> None:
    token = credential_jwt()
    reply = json.dumps({"id": "x", "credential": {}, "jwt": token})
    assert run(reply, jwks(KEY), [status_jwt()]) == []
    assert run(json.dumps(enveloped(token)), jwks(KEY), [status_jwt()]) == []
    assert run("{not json", jwks(KEY), []) == ["input"]
    assert run(json.dumps({"a": 1}), jwks(KEY), []) == ["input"]


def test_a_changed_byte_fails_the_signature() -> None:
    head, body, signature = credential_jwt().split(".")
    changed = body[:-5] + ("A" if body[-5] != "A" else "B") + body[-4:]
    assert run(f"{head}.{changed}.{signature}", jwks(KEY), [status_jwt()]) == [
        "credential signature"
    ]


def test_a_key_missing_from_the_set_fails() -> None:
    other = SigningKey.generate()
    assert run(credential_jwt(other), jwks(KEY), [status_jwt()]) == ["credential key"]
    assert run(credential_jwt(other), jwks(KEY, other), [status_jwt()]) == []


def test_a_revoked_credential_is_not_valid() -> None:
    assert run(credential_jwt(), jwks(KEY), [status_jwt(revoked=True)]) == ["status"]


def test_the_status_list_is_checked_too() -> None:
    assert run(credential_jwt(), jwks(KEY), []) == ["status"]
    assert run(credential_jwt(), jwks(KEY), [], check_status=False) == []
    stale = status_jwt(validUntil="2026-12-01T12:30:00Z")
    assert run(credential_jwt(), jwks(KEY), [stale]) == ["status list dates"]
    forged = SigningKey.generate()
    bits = status_list_credential(ISSUER, LIST_ID, bytes(16384), NOW)
    assert run(credential_jwt(), jwks(KEY), [forged.sign(bits).jwt]) == ["status list key"]


def test_dates_are_checked() -> None:
    report = verify_credential(credential_jwt(), jwks(KEY), [status_jwt()], NOW - timedelta(days=1))
    assert [c.name for c in report.checks if not c.ok] == ["credential dates", "status list dates"]


def save(folder: Path, name: str, text: str) -> str:
    path = folder / name
    path.write_text(text)
    return str(path)


def test_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    credential = save(tmp_path, "credential.jwt", credential_jwt())
    keys = save(tmp_path, "jwks.json", jwks(KEY))
    good = save(tmp_path, "status.jwt", status_jwt())
    revoked = save(tmp_path, "revoked.jwt", status_jwt(revoked=True))
    assert main([credential, "--keys", keys, "--status", good]) == 0
    assert capsys.readouterr().out.strip().endswith("VALID")
    assert main([credential, "--keys", keys, "--status", revoked, "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["valid"] is False
    assert [c["check"] for c in report["checks"] if not c["ok"]] == ["status"]
    assert main([str(tmp_path / "missing"), "--keys", keys]) == 2
