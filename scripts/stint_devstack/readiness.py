"""Waiting, with a bound and with progress, for the gateway to report ready."""

from __future__ import annotations

import asyncio

import httpx

from stint_devstack import console


class NotReady(RuntimeError):
    pass


async def wait_ready(
    base_url: str, *, timeout_s: float, poll_s: float = 0.5, progress_every_s: float = 5.0
) -> float:
    """Poll ``GET /readyz`` until it answers 200; return the seconds it took."""
    loop = asyncio.get_running_loop()
    started = loop.time()
    next_progress = started + progress_every_s
    last = "no answer yet"
    async with httpx.AsyncClient(base_url=base_url, timeout=2.0) as client:
        while True:
            try:
                reply = await client.get("/readyz")
                if reply.status_code == 200:
                    return loop.time() - started
                last = f"HTTP {reply.status_code} {reply.text[:300]}"
            except httpx.HTTPError as exc:
                last = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
            now = loop.time()
            if now - started > timeout_s:
                raise NotReady(
                    f"the gateway was not ready within {timeout_s:.0f} s; last answer: {last}"
                )
            if now >= next_progress:
                console.say(f"waiting for {base_url}/readyz ({now - started:.0f} s): {last}")
                next_progress = now + progress_every_s
            await asyncio.sleep(poll_s)
