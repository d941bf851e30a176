"""The web app's own guarantees without a platform behind it: the session cookie's
attributes, the form token on every POST, the security headers, safe redirects."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from cryptography.fernet import Fernet

from stint_web.app import create_app
from stint_web.forms import safe_next
from stint_web.gateway import GatewayClient
from stint_web.middleware import MAX_FORM_BYTES
from stint_web.session import COOKIE
from stint_web.settings import WebSettings


@pytest.fixture
async def production() -> AsyncIterator[httpx.AsyncClient]:
    """The app as production runs it; no page asked for here calls the gateway."""
    settings = WebSettings(
        env="production",
        web_session_key=Fernet.generate_key().decode(),
        gateway_url="http://127.0.0.1:9",
    )
    app = create_app(settings)
    app.state.gateway = GatewayClient(settings.gateway_url, 1.0)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="https://web.example") as client:
        yield client
    await app.state.gateway.close()


async def test_the_session_cookie_is_secure_http_only_and_lax_in_production(
    production: httpx.AsyncClient,
) -> None:
    cookie = (await production.get("/signin")).headers["set-cookie"]
    parts = [part.strip() for part in cookie.split(";")]
    assert parts[0].startswith(f"{COOKIE}=")
    assert {"HttpOnly", "Secure", "SameSite=Lax", "Path=/"} <= set(parts)


async def test_every_post_needs_the_sessions_form_token(production: httpx.AsyncClient) -> None:
    assert (await production.post("/signin", data={"email": "a@b.c"})).status_code == 403
    assert (await production.post("/signout")).status_code == 403
    assert (await production.post("/anything", json={"csrf_token": "x"})).status_code == 403
    huge = await production.post("/signin", data={"note": "x" * (MAX_FORM_BYTES + 1)})
    assert huge.status_code == 413


async def test_pages_carry_the_security_headers(production: httpx.AsyncClient) -> None:
    answer = await production.get("/signin")
    assert answer.headers["content-security-policy"].startswith("default-src 'self'")
    assert "frame-ancestors 'none'" in answer.headers["content-security-policy"]
    assert answer.headers["strict-transport-security"].startswith("max-age=")
    assert answer.headers["cache-control"] == "no-store"
    assert (await production.get("/static/app.css")).headers.get("cache-control") != "no-store"


async def test_a_page_for_the_signed_in_sends_others_to_sign_in(
    production: httpx.AsyncClient,
) -> None:
    answer = await production.get("/applications", follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"] == "/signin?next=%2Fapplications"


@pytest.mark.parametrize(
    ("asked", "went"),
    [
        ("/listings", "/listings"),
        ("//evil.example", "/"),
        ("https://evil.example", "/"),
        ("/\\evil.example", "/"),
        ("", "/"),
        (None, "/"),
    ],
)
def test_after_sign_in_only_a_path_of_this_site(asked: str | None, went: str) -> None:
    assert safe_next(asked) == went
