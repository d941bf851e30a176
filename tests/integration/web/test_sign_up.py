"""Signing up in the browser: the organization's fields appear for an employer, a
password the API refuses is answered beside the password field, and the new account is
signed in at once."""

from __future__ import annotations

import uuid

from playwright.async_api import Browser, expect

from tests.integration.web.browser import watched_page
from tests.integration.web.serving import WebApp


async def test_an_employer_signs_up_and_lands_on_their_listings(
    web: WebApp, browser: Browser
) -> None:
    async with watched_page(browser, web.base_url) as watched:
        page = watched.page
        await page.goto("/register")
        organization = page.get_by_label("Organization name")
        await expect(organization).to_be_hidden()
        await page.get_by_label("an employer").check()
        await expect(organization).to_be_visible()
        await page.get_by_label("Your name (or the institution's)").fill("Maya Field")
        await page.get_by_label("E-mail").fill(f"maya-{uuid.uuid4().hex[:8]}@example.com")
        await page.get_by_label("Password").fill("short")
        await organization.fill("Fieldwork Labs")
        await page.get_by_label("Industry").fill("Software")
        await page.get_by_role("button", name="Sign up").last.click()

        await expect(page.locator("#password-error")).to_be_visible()
        await expect(page.get_by_label("Password")).to_have_attribute("aria-invalid", "true")
        await watched.screenshot("sign-up-error")
        # What was typed is kept (but never the password).
        await expect(page.get_by_label("Organization name")).to_have_value("Fieldwork Labs")
        await page.get_by_label("Password").fill("a much longer password")
        await page.get_by_role("button", name="Sign up").last.click()
        await expect(page.get_by_role("heading", name="My listings")).to_be_visible()
        await expect(page.get_by_text("Maya Field (employer)")).to_be_visible()
