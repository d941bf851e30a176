"""People using the web app: accounts made through the public API (as the sign-up page
makes them), then signed in through the browser as a person would."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass

import httpx
from playwright.async_api import Page, expect

from tests.integration.gateway.api import PASSWORD, Account, sign_up


@dataclass(frozen=True)
class Person:
    account: Account
    email: str
    display_name: str


async def person(http: httpx.AsyncClient, role: str) -> Person:
    registered, token = await sign_up(http, role)
    return Person(
        Account(registered["id"], token, registered.get("organization_id")),
        registered["email"],
        registered["display_name"],
    )


async def sign_in(page: Page, who: Person) -> None:
    await page.goto("/signin")
    await page.get_by_label("E-mail").fill(who.email)
    await page.get_by_label("Password").fill(PASSWORD)
    await page.get_by_role("button", name="Sign in").click()
    await expect(page.get_by_text(f"{who.display_name} (")).to_be_visible()


def unique_title(what: str) -> tuple[str, str]:
    """A listing title with a word no other listing has, and that word."""
    word = f"zq{uuid.uuid4().hex[:8]}"
    return f"{what} {word}", word


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, "the page has no form token"
    return found.group(1)
