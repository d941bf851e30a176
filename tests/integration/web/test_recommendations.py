"""A student's recommendations in the browser: each with the reasons it matched, and
the exploration item (an industry new to them) marked as such."""

from __future__ import annotations

from typing import Any

from playwright.async_api import Browser, expect

from tests.integration.gateway.api import Api
from tests.integration.web.browser import watched_page
from tests.integration.web.people import person, sign_in
from tests.integration.web.serving import WebApp
from tests.waiting import eventually

PROFILE = {
    "headline": "Python and SQL",
    "skills": [{"name": "Python", "level": 5}, {"name": "SQL", "level": 4}],
    "interests": ["Software"],
    "availability_hours_per_week": 20,
    "remote_ok": True,
}


async def test_recommendations_say_why_and_mark_the_exploration_item(
    web: WebApp, browser: Browser, public_api: Api
) -> None:
    employer = await person(public_api.http, "employer")
    for n in range(5):
        await public_api.open_listing(employer.account, title=f"Software match {n}")
    await public_api.open_listing(
        employer.account, title="Clinic data cleanup", industry="Healthcare"
    )
    student = await person(public_api.http, "student")
    saved = await public_api.http.put("/v1/me/profile", json=PROFILE, headers=student.account.auth)
    assert saved.status_code == 200, saved.text

    async def explored() -> list[dict[str, Any]] | None:
        found = await public_api.http.get(
            "/v1/me/recommendations", params={"limit": 20}, headers=student.account.auth
        )
        items: list[dict[str, Any]] = found.json()["items"]
        return items if any(i["exploration"] for i in items) else None

    await eventually(explored, "an exploration item among the recommendations", timeout_s=30)

    async with watched_page(browser, web.base_url) as watched:
        page = watched.page
        await sign_in(page, student)
        await page.get_by_role("link", name="For you").click()
        exploring = page.locator(".recommendation.exploration").first
        await expect(exploring.get_by_text("Something new")).to_be_visible()
        await expect(page.locator(".recommendation .reasons li").first).to_be_visible()
        await watched.screenshot("recommendations")
