"""What the browser hides, shown with a plain HTTP client and by reading what the
browser got: a form without the session's token is refused, the session cookie is
HttpOnly and SameSite, the API token is in no page and no URL, every page carries a
strict Content-Security-Policy, and the web app keeps nothing the API does not have (a
restart keeps the person signed in, their data all there)."""

from __future__ import annotations

import re

import httpx
from playwright.async_api import Browser, Request, expect

from stint_web.session import COOKIE, SessionCodec
from tests.integration.gateway.api import PASSWORD, Api
from tests.integration.web.browser import watched_page
from tests.integration.web.people import csrf_of, person, sign_in
from tests.integration.web.serving import WebApp


async def test_a_form_without_the_sessions_token_is_refused(
    web_client: httpx.AsyncClient, public_api: Api
) -> None:
    student = await person(public_api.http, "student")
    form = await web_client.get("/signin")
    token = csrf_of(form.text)
    credentials = {"email": student.email, "password": PASSWORD}

    missing = await web_client.post("/signin", data=credentials)
    assert missing.status_code == 403
    wrong = await web_client.post("/signin", data={**credentials, "csrf_token": "x" * 43})
    assert wrong.status_code == 403
    async with httpx.AsyncClient(base_url=str(web_client.base_url)) as stranger:
        # Another browser's token is no good without that browser's cookie.
        assert (
            await stranger.post("/signin", data={**credentials, "csrf_token": token})
        ).status_code == 403

    accepted = await web_client.post("/signin", data={**credentials, "csrf_token": token})
    assert accepted.status_code == 303, accepted.text
    # Signing in gives a new form token: the one from before no longer works.
    again = await web_client.post("/signout", data={"csrf_token": token})
    assert again.status_code == 403


async def test_the_session_cookie_is_http_only_and_same_site(web_client: httpx.AsyncClient) -> None:
    first = await web_client.get("/signin")
    cookie = first.headers["set-cookie"]
    assert cookie.startswith(f"{COOKIE}=")
    attributes = {part.strip().split("=")[0].lower() for part in cookie.split(";")[1:]}
    assert {"httponly", "samesite", "path", "max-age"} <= attributes
    assert "samesite=lax" in cookie.lower()


async def test_every_page_has_a_strict_content_security_policy(
    web_client: httpx.AsyncClient,
) -> None:
    for path in ("/", "/signin", "/register", "/listings"):
        answer = await web_client.get(path)
        policy = answer.headers["content-security-policy"]
        assert "default-src 'self'" in policy and "script-src 'self'" in policy
        assert "unsafe-inline" not in policy
        assert answer.headers["x-content-type-options"] == "nosniff"
        # Nothing inline that the policy would block: no script body, no style attribute.
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", answer.text)
        assert "style=" not in answer.text and "<style" not in answer.text


async def test_the_api_token_is_in_no_page_and_no_url(
    web: WebApp, browser: Browser, public_api: Api
) -> None:
    student = await person(public_api.http, "student")
    listing_owner = await person(public_api.http, "employer")
    listing = await public_api.open_listing(listing_owner.account)
    urls: list[str] = []
    async with watched_page(browser, web.base_url) as watched:
        page = watched.page

        def seen(request: Request) -> None:
            urls.append(request.url)

        page.on("request", seen)
        await sign_in(page, student)
        pages = []
        for path in ("/listings", f"/listings/{listing['id']}", "/applications", "/notifications"):
            await page.goto(path)
            pages.append(await page.content())
        cookies = await page.context.cookies()
    value = next(c["value"] for c in cookies if c["name"] == COOKIE)
    session = SessionCodec(web.settings.session_cipher(), 3600).decode(value)
    assert session is not None and session.token
    assert all(session.token not in html for html in pages)
    assert all(session.token not in url for url in urls)
    # The cookie is opaque: the token is not readable in it either.
    assert session.token not in value and "eyJ" not in value


async def test_a_restart_of_the_web_app_keeps_the_person_signed_in(
    web: WebApp, browser: Browser, public_api: Api
) -> None:
    student = await person(public_api.http, "student")
    owner = await person(public_api.http, "employer")
    listing = await public_api.open_listing(owner.account, title="Restart-proof listing")
    await public_api.apply(student.account, listing["id"])
    async with watched_page(browser, web.base_url) as watched:
        page = watched.page
        await sign_in(page, student)
        await page.goto("/applications")
        await expect(page.get_by_role("link", name="Restart-proof listing")).to_be_visible()

        await web.restart()

        await page.reload()
        await expect(page.get_by_text(f"{student.display_name} (student)")).to_be_visible()
        await expect(page.get_by_role("link", name="Restart-proof listing")).to_be_visible()
