"""A real browser for the web app's tests: Playwright driving the system's Chromium
(Debian's package; Playwright's own download is not needed). Every page a test opens
is watched: a console error or an uncaught exception fails the test. Screenshots go to
``.stint/artifacts/web``."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path

from playwright.async_api import (
    Browser,
    ConsoleMessage,
    Error,
    Page,
    Playwright,
    ViewportSize,
)

ARTIFACTS = Path(__file__).resolve().parents[3] / ".stint" / "artifacts" / "web"
PHONE: ViewportSize = {"width": 390, "height": 844}
DESKTOP: ViewportSize = {"width": 1280, "height": 900}


def chromium_path() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        raise RuntimeError("Chromium is not installed: apt-get install -y chromium")
    return found


async def launch(playwright: Playwright) -> Browser:
    # --no-sandbox: the tests may run as root (a container), where Chromium's sandbox
    # cannot start.
    return await playwright.chromium.launch(
        executable_path=chromium_path(), headless=True, args=["--no-sandbox"]
    )


@dataclass
class Watched:
    """A page and everything it reported that a person would call broken."""

    page: Page
    problems: list[str] = field(default_factory=list)

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.problems.append(f"console error on {self.page.url}: {message.text}")

    def _page_error(self, error: Error) -> None:
        self.problems.append(f"uncaught exception on {self.page.url}: {error}")

    async def screenshot(self, name: str) -> Path:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        await self.page.screenshot(path=str(path), full_page=True)
        return path


@asynccontextmanager
async def watched_page(
    browser: Browser, base_url: str, *, phone: bool = False
) -> AsyncIterator[Watched]:
    """A page in a fresh browser context (its own cookies); fails on any console error."""
    context = await browser.new_context(base_url=base_url, viewport=PHONE if phone else DESKTOP)
    page = await context.new_page()
    watched = Watched(page)
    page.on("console", watched._console)
    page.on("pageerror", watched._page_error)
    try:
        yield watched
        assert not watched.problems, "\n".join(watched.problems)
    finally:
        await context.close()
