"""The public credential check: anyone with the link (signed out) sees the completion
credential verified against the published keys and its status list, reached from the
student's public portfolio; once revoked, the same page says it no longer holds."""

from __future__ import annotations

from playwright.async_api import Browser, expect

from tests.integration.gateway.api import Api
from tests.integration.reputation.api.journeys import Journeys
from tests.integration.web.browser import watched_page
from tests.integration.web.serving import WebApp


async def test_a_credential_from_the_portfolio_is_verified_and_then_revoked(
    web: WebApp, browser: Browser, public_api: Api
) -> None:
    done = await Journeys(public_api.http).completed(title="Verified dashboard work")

    async with watched_page(browser, web.base_url) as watched:
        page = watched.page
        await page.goto(f"/users/{done.student.id}")
        entry = page.locator(".portfolio-entry", has_text="Verified dashboard work")
        await expect(entry).to_be_visible()
        await watched.screenshot("portfolio")
        await entry.get_by_role("link", name="Check the completion credential").click()

        await expect(page.locator("#verdict")).to_have_text("✔ Verified")
        await expect(page.get_by_text("Signature: ok")).to_be_visible()
        await expect(page.get_by_text("Status: ok")).to_be_visible()
        await expect(
            page.get_by_role("heading", name="Completed: Verified dashboard work")
        ).to_be_visible()
        await watched.screenshot("credential-verified")

        revoked = await public_api.http.post(
            f"/v1/credentials/{done.credential_id}/revoke",
            json={"reason": "Issued by mistake"},
            headers=done.owner.auth,
        )
        assert revoked.status_code == 200, revoked.text
        await page.reload()
        await expect(page.locator("#verdict")).to_have_text("✘ Not verified")
        await expect(page.get_by_text("Status: failed")).to_be_visible()
