"""Both sides of an engagement in the browser: the student edits their profile (a bad
value answered beside its field), delivers, the employer completes, and both review."""

from __future__ import annotations

from playwright.async_api import Browser, expect

from tests.integration.gateway.api import Api
from tests.integration.web.browser import watched_page
from tests.integration.web.people import person, sign_in
from tests.integration.web.serving import WebApp


async def test_a_student_delivers_the_employer_completes_and_both_review(
    web: WebApp, browser: Browser, public_api: Api
) -> None:
    employer = await person(public_api.http, "employer")
    student = await person(public_api.http, "student")
    listing = await public_api.open_listing(employer.account, title="Delivered in the browser")
    application_id = await public_api.apply(student.account, listing["id"])
    hired = await public_api.http.post(
        f"/v1/applications/{application_id}/hire", headers=employer.account.auth
    )
    assert hired.status_code == 201, hired.text
    engagement_id = hired.json()["id"]

    async with (
        watched_page(browser, web.base_url) as as_student,
        watched_page(browser, web.base_url) as as_employer,
    ):
        page = as_student.page
        await sign_in(page, student)
        await page.goto("/profile")
        await page.get_by_label("Headline").fill("Dashboards, quickly")
        await page.get_by_label("Skills with a level from 1 to 5").fill("python:4, sql:3")
        await page.get_by_label("Hours a week").fill("500")
        await page.get_by_role("button", name="Save profile").click()
        await expect(page.locator("#availability_hours_per_week-error")).to_be_visible()
        await page.get_by_label("Hours a week").fill("12")
        await page.get_by_role("button", name="Save profile").click()
        await expect(page.get_by_text("Saved.")).to_be_visible()
        await as_student.screenshot("profile")

        await page.goto("/engagements")
        await page.get_by_role("link", name="Delivered in the browser").click()
        await page.get_by_label("What you delivered").fill("The dashboard is live.")
        await page.get_by_label("Links (one per line)").fill("https://example.org/dashboard")
        await page.get_by_role("button", name="Deliver", exact=True).click()
        await expect(page.locator(".status").first).to_have_text("delivered")

        boss = as_employer.page
        await sign_in(boss, employer)
        await boss.goto(f"/engagements/{engagement_id}")
        await expect(boss.get_by_role("link", name="https://example.org/dashboard")).to_be_visible()
        await boss.get_by_role("button", name="Mark completed").click()
        await expect(boss.locator(".status").first).to_have_text("completed")
        await boss.get_by_label("Comment").fill("Clear, on time, and well explained.")
        await boss.get_by_label("Skills you endorse").fill("python")
        await boss.get_by_role("button", name="Send review").click()
        await expect(boss.get_by_text("Thank you.")).to_be_visible()

        await page.reload()
        await page.get_by_label("Rating").select_option("4")
        await page.get_by_label("Comment").fill("A well-run project.")
        await page.get_by_role("button", name="Send review").click()
        await expect(page.get_by_text("Thank you.")).to_be_visible()
        await as_student.screenshot("engagement-reviewed")
