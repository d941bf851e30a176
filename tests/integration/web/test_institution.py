"""An institution in the browser: approves a student who asked to be linked, sees the
student's completed engagement with its credential, and grants credit (a bad value is
answered with the API's message beside the field)."""

from __future__ import annotations

import uuid

from playwright.async_api import Browser, expect

from tests.integration.gateway.api import Api
from tests.integration.reputation.api.journeys import Journeys
from tests.integration.web.browser import watched_page
from tests.integration.web.people import Person, sign_in
from tests.integration.web.serving import WebApp
from tests.waiting import eventually


async def test_an_institution_approves_sees_credentials_and_grants_credit(
    web: WebApp, browser: Browser, public_api: Api
) -> None:
    journeys = Journeys(public_api.http)
    email = f"registrar-{uuid.uuid4().hex[:8]}@uni.example"
    school = await journeys.sign_up("institution", email=email, name="North University")
    student = await journeys.sign_up("student", name="Ada Student")
    linked = await journeys.link(student, school)
    assert linked.json()["status"] == "pending"
    done = await journeys.completed(student=student, title="Credit-worthy project")

    async with watched_page(browser, web.base_url) as watched:
        page = watched.page
        await sign_in(page, Person(school, email, "North University"))
        pending = page.locator(".student", has_text="Ada Student")
        await expect(pending.locator(".status")).to_have_text("pending")
        await pending.get_by_role("button", name="Approve").click()
        await expect(pending.locator(".status")).to_have_text("linked")

        entry = page.locator(".institution-engagement", has_text="Credit-worthy project")

        async def listed() -> bool:
            await page.reload()
            return await entry.count() == 1

        await eventually(listed, "the completed engagement on the institution's page")
        await expect(entry.get_by_role("link", name="Check the credential")).to_have_attribute(
            "href", f"/credentials/{done.credential_id}"
        )
        await watched.screenshot("institution")

        await entry.get_by_label("Credits").fill("0")
        await entry.get_by_label("Term").fill("Spring 2027")
        await entry.get_by_role("button", name="Grant credit").click()
        await expect(entry.locator(".field-error")).to_be_visible()
        await entry.get_by_label("Credits").fill("5")
        await entry.get_by_label("Term").fill("Spring 2027")
        await entry.get_by_role("button", name="Grant credit").click()
        await expect(page.get_by_text("Credit granted.")).to_be_visible()

    credits = await public_api.http.get("/v1/me/credits", headers=student.auth)
    assert [c["term"] for c in credits.json()["items"]] == ["Spring 2027"]
