"""Tokens of one-click unsubscribe links (RFC 8058): they name an account and a type
and are signed with the service's secret, so that only a link from our own e-mail can
switch someone's e-mail off."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac

__all__ = ["read_token", "unsubscribe_token"]


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _mac(secret: str, payload: bytes) -> bytes:
    return hmac.new(secret.encode(), b"unsubscribe\n" + payload, hashlib.sha256).digest()


def unsubscribe_token(secret: str, account_id: str, type_name: str) -> str:
    payload = f"{account_id}\n{type_name}".encode()
    return f"{_b64(payload)}.{_b64(_mac(secret, payload))}"


def read_token(secret: str, token: str) -> tuple[str, str] | None:
    """(account id, type) of a token we signed; None for anything else."""
    try:
        encoded, mac = token.split(".")
        payload = _unb64(encoded)
        if not hmac.compare_digest(_unb64(mac), _mac(secret, payload)):
            return None
        account_id, type_name = payload.decode().split("\n")
    except (ValueError, binascii.Error, UnicodeDecodeError):
        return None
    return account_id, type_name
