"""The session cookie: encrypted, tamper-evident, and it expires."""

from __future__ import annotations

import time

from cryptography.fernet import Fernet, MultiFernet

from stint_web.session import Session, SessionCodec

ACCOUNT = {"id": "u1", "role": "student", "display_name": "Ada", "organization_id": None}


def _codec(max_age_s: int = 3600) -> SessionCodec:
    return SessionCodec(MultiFernet([Fernet(Fernet.generate_key())]), max_age_s)


def test_a_session_survives_the_round_trip_and_hides_the_token() -> None:
    codec = _codec()
    session = Session().signed_in_as("secret-api-token", 60, ACCOUNT)
    value = codec.encode(session)
    assert "secret-api-token" not in value and "Ada" not in value
    assert codec.decode(value) == session
    assert session.signed_in and session.role == "student"


def test_signing_in_changes_the_form_token() -> None:
    anonymous = Session()
    assert anonymous.signed_in_as("t", 60, ACCOUNT).csrf != anonymous.csrf


def test_a_changed_or_foreign_cookie_is_no_session() -> None:
    codec = _codec()
    value = codec.encode(Session().signed_in_as("t", 60, ACCOUNT))
    assert codec.decode(value[:-4] + "AAAA") is None
    assert _codec().decode(value) is None
    assert codec.decode("") is None and codec.decode(None) is None


def test_an_old_cookie_is_no_session() -> None:
    codec = SessionCodec(MultiFernet([Fernet(Fernet.generate_key())]), 1)
    value = codec.encode(Session())
    time.sleep(2.1)  # Fernet's timestamps are whole seconds.
    assert codec.decode(value) is None


def test_an_expired_token_is_not_signed_in() -> None:
    assert not Session().signed_in_as("t", -1, ACCOUNT).signed_in
