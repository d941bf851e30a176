"""A student in the browser: signs in, finds a listing by search, applies with a cover
note, and later sees the decision the employer made in their own browser, with its
reason."""

from __future__ import annotations

from playwright.async_api import Browser, Page, expect

from tests.integration.gateway.api import Api
from tests.integration.web.browser import watched_page
from tests.integration.web.people import person, sign_in, unique_title
from tests.integration.web.serving import WebApp
from tests.waiting import eventually


async def _apply(page: Page, note: str) -> None:
    """Send the form; a listing published a moment ago may not be open for applications
    yet (the page says so), and a person would send it again."""

    async def sent() -> bool:
        await page.get_by_label("Cover note").fill(note)
        await page.get_by_role("button", name="Send application").click()
        return page.url.endswith("/applications?sent=1")

    await eventually(sent, "the application to be accepted", timeout_s=20, interval_s=0.5)


async def test_a_student_finds_applies_and_reads_the_rejection_reason(
    web: WebApp, browser: Browser, public_api: Api
) -> None:
    employer = await person(public_api.http, "employer")
    student = await person(public_api.http, "student")
    title, word = unique_title("Churn dashboard")
    listing = await public_api.open_listing(employer.account, title=title)

    async with watched_page(browser, web.base_url) as watched:
        page = watched.page
        await sign_in(page, student)
        await page.goto("/listings")
        await page.get_by_label("Search").fill(word)
        await page.get_by_role("button", name="Search").click()
        await expect(page.get_by_role("link", name=title)).to_be_visible()
        await watched.screenshot("listings-search")

        await page.get_by_role("link", name=title).click()
        await expect(page.get_by_role("heading", name=title)).to_be_visible()
        await expect(page.get_by_text("30.00 EUR per hour")).to_be_visible()
        await expect(page.get_by_text("Apply by")).to_be_visible()
        await watched.screenshot("listing")
        await _apply(page, "I have built three churn dashboards in Python and SQL.")

        card = page.locator(".application", has_text=title)
        await expect(card.get_by_text("submitted")).to_be_visible()
        await expect(card.get_by_text("Decision due")).to_be_visible()
        await watched.screenshot("my-applications")

        async with watched_page(browser, web.base_url) as as_employer:
            boss = as_employer.page
            await sign_in(boss, employer)
            await boss.goto(f"/employer/listings/{listing['id']}/applicants")
            applicant = boss.locator(".applicant", has_text=student.display_name)
            await applicant.get_by_label("Reason").select_option("skills_mismatch")
            await applicant.get_by_label("Note to the applicant").fill(
                "We need more SQL this time."
            )
            await applicant.get_by_role("button", name="Reject").click()
            await expect(applicant.locator(".status")).to_have_text("rejected")

        await page.reload()
        await expect(card.get_by_text("rejected")).to_be_visible()
        await expect(card.locator(".reason")).to_contain_text("skills mismatch")
        await expect(card.locator(".outcome")).to_contain_text("We need more SQL this time.")
        await watched.screenshot("my-applications-rejected")
