"""Password hashing with Argon2id. Verification runs in a worker thread: a hash costs
tens of milliseconds of CPU that must not stall the event loop."""

from __future__ import annotations

import asyncio

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()
# Verified against when the e-mail is unknown, so that an unknown e-mail and a wrong
# password take the same time and cannot be told apart.
_DUMMY_HASH = _hasher.hash("stint-dummy-password-never-matches")


async def hash_password(password: str) -> str:
    return await asyncio.to_thread(_hasher.hash, password)


def _verify(stored_hash: str | None, password: str) -> bool:
    try:
        return bool(_hasher.verify(stored_hash or _DUMMY_HASH, password)) and (
            stored_hash is not None
        )
    except (VerificationError, InvalidHashError):
        return False


async def verify_password(stored_hash: str | None, password: str) -> bool:
    """True when ``password`` matches; ``None`` (unknown account) is never a match but
    costs as much as a real check."""
    return await asyncio.to_thread(_verify, stored_hash, password)
