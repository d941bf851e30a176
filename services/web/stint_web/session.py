"""The session: who is signed in, their API token and the form token, kept in one
cookie encrypted with the session key (Fernet: AES-CBC and HMAC-SHA256), so that the
browser can neither read nor change it and the web app itself keeps nothing. A
restarted (or another) replica with the same key reads the same session."""

from __future__ import annotations

import json
import secrets
import time
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from cryptography.fernet import InvalidToken, MultiFernet

__all__ = ["COOKIE", "Session", "SessionCodec", "new_csrf_token"]

COOKIE = "stint_session"


def new_csrf_token() -> str:
    return secrets.token_urlsafe(32)


@dataclass(frozen=True)
class Session:
    csrf: str = field(default_factory=new_csrf_token)
    """The form token: every POST must carry it (bound to this session)."""
    token: str | None = None
    """The API's bearer token; never rendered, never in a URL."""
    token_expires_at: float = 0.0
    user_id: str = ""
    role: str = ""
    display_name: str = ""
    organization_id: str = ""

    @property
    def signed_in(self) -> bool:
        return self.token is not None and time.time() < self.token_expires_at

    def signed_in_as(self, token: str, expires_in: int, account: dict[str, Any]) -> Session:
        """A new session for the account, with a new form token (no fixation)."""
        return Session(
            token=token,
            token_expires_at=time.time() + expires_in,
            user_id=str(account["id"]),
            role=str(account["role"]),
            display_name=str(account["display_name"]),
            organization_id=str(account.get("organization_id") or ""),
        )

    def renamed(self, display_name: str) -> Session:
        return replace(self, display_name=display_name)


class SessionCodec:
    """Session <-> cookie value; a cookie that does not decrypt, is older than
    ``max_age_s`` or is not a session reads as no session."""

    def __init__(self, cipher: MultiFernet, max_age_s: int) -> None:
        self._cipher = cipher
        self._max_age_s = max_age_s

    def encode(self, session: Session) -> str:
        return self._cipher.encrypt(json.dumps(asdict(session)).encode()).decode()

    def decode(self, value: str | None) -> Session | None:
        if not value:
            return None
        try:
            plain = self._cipher.decrypt(value.encode(), ttl=self._max_age_s)
            return Session(**json.loads(plain))
        except (InvalidToken, ValueError, TypeError):
            return None
