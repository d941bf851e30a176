"""Every page the tests visit has a label on every control and fits a phone's screen,
and the keyboard reaches the content first (the skip link)."""

from __future__ import annotations

from playwright.async_api import Browser, expect

from tests.integration.gateway.api import Api
from tests.integration.web.accessibility import horizontal_overflow, unlabelled_controls
from tests.integration.web.browser import watched_page
from tests.integration.web.people import person, sign_in
from tests.integration.web.serving import WebApp


async def test_pages_are_labelled_and_fit_a_phone(
    web: WebApp, browser: Browser, public_api: Api
) -> None:
    employer = await person(public_api.http, "employer")
    student = await person(public_api.http, "student")
    listing = await public_api.open_listing(employer.account, title="Phone-sized listing")
    anonymous = ["/", "/signin", "/register", "/listings", f"/listings/{listing['id']}"]
    as_student = [
        "/listings",
        f"/listings/{listing['id']}",
        "/applications",
        "/profile",
        "/recommendations",
        "/notifications",
        "/engagements",
        f"/users/{student.account.id}",
    ]
    async with watched_page(browser, web.base_url, phone=True) as watched:
        page = watched.page
        for path in anonymous:
            await page.goto(path)
            assert await unlabelled_controls(page) == [], path
            assert await horizontal_overflow(page) <= 0, path
        await watched.screenshot("phone-listings")
        await sign_in(page, student)
        for path in as_student:
            await page.goto(path)
            assert await unlabelled_controls(page) == [], path
            assert await horizontal_overflow(page) <= 0, path
        await page.goto(f"/listings/{listing['id']}")
        await watched.screenshot("phone-listing")


async def test_the_keyboard_reaches_the_content_first(web: WebApp, browser: Browser) -> None:
    async with watched_page(browser, web.base_url) as watched:
        page = watched.page
        await page.goto("/listings")
        await page.keyboard.press("Tab")
        skip = page.get_by_role("link", name="Skip to content")
        await expect(skip).to_be_focused()
        await page.keyboard.press("Enter")
        await expect(page.locator("main")).to_be_focused()
        await page.keyboard.press("Tab")
        await expect(page.get_by_label("Search")).to_be_focused()
