"""Checks a page can be used by everyone: every control has a label (its own <label>,
a wrapping one or an aria-label), and nothing is wider than a phone's screen."""

from __future__ import annotations

from playwright.async_api import Page

UNLABELLED = """
() => Array.from(document.querySelectorAll("input, select, textarea, button"))
  .filter((el) => el.type !== "hidden")
  .filter((el) => {
    if (el.tagName === "BUTTON") return !el.textContent.trim() && !el.getAttribute("aria-label");
    const byFor = el.id && document.querySelector(`label[for="${el.id}"]`);
    return !byFor && !el.closest("label") && !el.getAttribute("aria-label");
  })
  .map((el) => el.outerHTML)
"""

OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


async def unlabelled_controls(page: Page) -> list[str]:
    found: list[str] = await page.evaluate(UNLABELLED)
    return found


async def horizontal_overflow(page: Page) -> int:
    found: int = await page.evaluate(OVERFLOW)
    return found
