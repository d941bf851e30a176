"""Waiting in tests: bounded polling with a failure that says what never happened,
never a blind sleep. Every test that waits for something waits with ``eventually``."""

from __future__ import annotations

import asyncio
import inspect
import time
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar, overload

__all__ = ["eventually"]

T = TypeVar("T")


@overload
async def eventually(
    probe: Callable[[], Awaitable[T | None]],
    what: str | Callable[[], str],
    timeout_s: float = ...,
    *,
    interval_s: float = ...,
) -> T: ...


@overload
async def eventually(
    probe: Callable[[], T | None],
    what: str | Callable[[], str],
    timeout_s: float = ...,
    *,
    interval_s: float = ...,
) -> T: ...


async def eventually(
    probe: Callable[[], Any],
    what: str | Callable[[], str],
    timeout_s: float = 20.0,
    *,
    interval_s: float = 0.05,
) -> Any:
    """Call ``probe`` (plain or async) until it returns something other than None or
    False, and return that. Past ``timeout_s`` fail naming ``what``; a callable is
    asked then, so that it can say what was seen instead."""
    deadline = time.monotonic() + timeout_s
    while True:
        found = probe()
        if inspect.isawaitable(found):
            found = await found
        if found is not None and found is not False:
            return found
        if time.monotonic() > deadline:
            described = what() if callable(what) else what
            raise AssertionError(f"timed out after {timeout_s} s waiting for {described}")
        await asyncio.sleep(interval_s)
