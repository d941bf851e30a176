"""Waiting for the platform to catch up, bounded, and judging it then: the invariants
are looked at again and again until they all hold or the bound passes; the time it
took is the recovery time reported for a fault."""

from __future__ import annotations

import asyncio
import time

from stint_flows import snapshot
from stint_flows.delivery import check_delivery
from stint_flows.effects import check_effects
from stint_flows.stack import Stack
from stint_flows.subscriptions import Group
from stint_flows.verdict import Verdict


async def judge(stack: Stack, groups: list[Group]) -> Verdict:
    snap = await snapshot.take(
        stack.admin_dsn, stack.bootstrap, analytics_db=stack.analytics_db, maildir=stack.maildir
    )
    verdict = Verdict()
    check_delivery(snap, groups, verdict)
    check_effects(snap, verdict)
    return verdict


async def settle(
    stack: Stack, groups: list[Group], timeout_s: float = 90.0
) -> tuple[Verdict, float]:
    """The first verdict that holds, or the last one seen; and the seconds it took."""
    started = time.monotonic()
    verdict = Verdict()
    while True:
        try:
            verdict = await judge(stack, groups)
        except Exception as exc:  # the broker or the database is still away: look again
            verdict = Verdict()
            verdict.check("the platform could be read").fail(repr(exc))
        elapsed = time.monotonic() - started
        if verdict.ok or elapsed > timeout_s:
            return verdict, elapsed
        await asyncio.sleep(0.5)
