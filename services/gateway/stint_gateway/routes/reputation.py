"""The reputation section of the public API (being built). Paths are written whole:
the section has routes outside /v1 (``/.well-known/jwks.json``)."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(tags=["reputation"])
