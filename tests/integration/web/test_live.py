"""The notification badge follows the live stream: a decision the employer makes shows
on the student's open page without a reload."""

from __future__ import annotations

from playwright.async_api import Browser, expect

from tests.integration.gateway.api import Api
from tests.integration.web.browser import watched_page
from tests.integration.web.people import person, sign_in
from tests.integration.web.serving import WebApp


async def test_the_badge_counts_a_new_notification_without_a_reload(
    web: WebApp, browser: Browser, public_api: Api
) -> None:
    student = await person(public_api.http, "student")
    employer = await person(public_api.http, "employer")
    listing = await public_api.open_listing(employer.account, title="Live badge listing")
    application_id = await public_api.apply(student.account, listing["id"])

    async with watched_page(browser, web.base_url) as watched:
        page = watched.page
        await sign_in(page, student)
        await page.goto("/applications")
        badge = page.locator("#badge")
        before = int(await badge.text_content() or 0)
        # Set on this page only: a reload would lose it.
        await page.evaluate("window.stillThisPage = true")

        shortlisted = await public_api.http.post(
            f"/v1/applications/{application_id}/shortlist", headers=employer.account.auth
        )
        assert shortlisted.status_code == 200, shortlisted.text
        rejected = await public_api.http.post(
            f"/v1/applications/{application_id}/reject",
            json={"reason_code": "availability"},
            headers=employer.account.auth,
        )
        assert rejected.status_code == 200, rejected.text

        await expect(badge).not_to_have_text(str(before), timeout=20_000)
        assert int(await badge.text_content() or 0) > before
        assert await page.evaluate("window.stillThisPage === true")
        await watched.screenshot("badge-live")
