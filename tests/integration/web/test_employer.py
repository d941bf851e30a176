"""An employer in the browser: a listing below the pay floor is refused with the API's
message beside the pay field (the form explained the floor before submit), then saved,
published, applied to, and the applicant, ranked with the reasons they match, hired."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from playwright.async_api import Browser, Page, expect

from tests.integration.gateway.api import Api
from tests.integration.web.browser import watched_page
from tests.integration.web.people import Person, person, sign_in, unique_title
from tests.integration.web.serving import WebApp
from tests.waiting import eventually

PROFILE = {
    "headline": "Data-minded student",
    "skills": [{"name": "Python", "level": 5}, {"name": "SQL", "level": 4}],
    "interests": ["Software"],
    "availability_hours_per_week": 15,
    "remote_ok": True,
}


async def _fill_listing(page: Page, title: str, pay: str) -> None:
    await page.get_by_label("Title").fill(title)
    await page.get_by_label("Description").fill("Turn our subscription data into a churn report.")
    await page.get_by_label("Industry").fill("Software")
    await page.get_by_label("Required skills").fill("Python, SQL")
    await page.get_by_label("Total pay").fill(pay)
    await page.get_by_label("Estimated hours").fill("20")
    await page.get_by_label("Duration in days").fill("14")
    apply_by = (datetime.now(UTC) + timedelta(days=10)).strftime("%Y-%m-%dT%H:%M")
    await page.get_by_label("Apply by (UTC)").fill(apply_by)


async def _student_applies(public_api: Api, listing_id: str) -> Person:
    student = await person(public_api.http, "student")
    saved = await public_api.http.put("/v1/me/profile", json=PROFILE, headers=student.account.auth)
    assert saved.status_code == 200, saved.text
    await public_api.apply(student.account, listing_id)
    return student


async def test_an_employer_publishes_sees_ranked_applicants_and_hires(
    web: WebApp, browser: Browser, public_api: Api
) -> None:
    employer = await person(public_api.http, "employer")
    title, _ = unique_title("Churn report")
    async with watched_page(browser, web.base_url) as watched:
        page = watched.page
        await sign_in(page, employer)
        await page.get_by_role("link", name="New listing").first.click()
        await _fill_listing(page, title, "100")
        # Explained before submit, as the numbers are typed.
        await expect(page.locator("#pay-per-hour")).to_contain_text("below the floor")
        await watched.screenshot("listing-form-below-floor")
        await page.get_by_role("button", name="Save as draft").click()

        pay = page.get_by_label("Total pay")
        await expect(pay).to_have_attribute("aria-invalid", "true")
        await expect(page.locator("#pay-error")).to_contain_text("below the floor")
        await watched.screenshot("listing-form-api-error")

        await pay.fill("600")
        await page.get_by_role("button", name="Save as draft").click()
        await expect(page.get_by_role("heading", name=title)).to_be_visible()
        await page.get_by_role("button", name="Publish").click()
        await expect(page.locator(".status")).to_have_text("open")
        listing_id = page.url.rstrip("/").split("/")[-1]

        student = await _student_applies(public_api, listing_id)

        await page.get_by_role("link", name="Applicants").click()

        async def ranked_with_reasons() -> bool:
            await page.reload()
            return await page.get_by_text("Why they match").count() > 0

        await eventually(ranked_with_reasons, "the applicant's match reasons", timeout_s=30)
        applicant = page.locator(".applicant", has_text=student.display_name)
        await expect(applicant.locator(".reasons li").first).to_be_visible()
        await expect(
            page.get_by_role("heading", name="Decisions due, oldest first")
        ).to_be_visible()
        await watched.screenshot("applicants")

        await applicant.get_by_role("button", name="Hire").click()
        await expect(applicant.locator(".status")).to_have_text("hired")
        await expect(applicant.get_by_role("link", name="Go to the engagement")).to_be_visible()

        await page.goto("/employer/listings")
        await expect(page.get_by_role("link", name=title)).to_be_visible()
        await watched.screenshot("employer-listings")


async def test_an_employer_edits_and_withdraws_a_listing(
    web: WebApp, browser: Browser, public_api: Api
) -> None:
    employer = await person(public_api.http, "employer")
    listing = await public_api.open_listing(employer.account, title="A title to change")
    async with watched_page(browser, web.base_url) as watched:
        page = watched.page
        await sign_in(page, employer)
        await page.goto(f"/employer/listings/{listing['id']}")
        await page.get_by_role("link", name="Edit").click()
        await expect(page.get_by_label("Total pay")).to_have_value("600.00")
        await page.get_by_label("Title").fill("A title changed")
        await page.get_by_role("button", name="Save changes").click()
        await expect(page.get_by_role("heading", name="A title changed")).to_be_visible()

        await page.get_by_role("button", name="Close listing").click()
        await expect(page.locator(".status")).to_have_text("closed")
        await expect(page.get_by_text("(withdrawn)")).to_be_visible()
