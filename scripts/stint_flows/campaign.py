"""A run of the flow against one platform: rounds of the workload, a fault injected
into a round at a seeded moment, and after each round the wait until every invariant
holds again (the recovery time), with the figures a report needs."""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

import asyncpg

from stint_flows.answers import Answers
from stint_flows.cast import Scale
from stint_flows.client import PatientClient
from stint_flows.faults import Fault
from stint_flows.outside import check_outside
from stint_flows.settling import settle
from stint_flows.snapshot import OUTBOX_SCHEMAS
from stint_flows.stack import Stack
from stint_flows.subscriptions import Group, consumer_groups
from stint_flows.verdict import Verdict
from stint_flows.workload import Ledger, run_round

Injection = Callable[[], Awaitable[float]]
"""Injects a fault; returns how long it lasted until the platform was ready again."""


@dataclass
class RoundReport:
    tag: str
    fault: Fault | None
    round_s: float
    settle_s: float
    """From the end of the round until every invariant held."""
    recovered_s: float | None
    """From the fault until every invariant held (None without a fault)."""
    events: int
    """Domain events the round added to the outboxes."""
    verdict: Verdict
    answers: Answers
    """What the API answered during the round (and its settling)."""

    @property
    def events_per_s(self) -> float:
        return self.events / max(self.round_s + self.settle_s, 1e-9)


@dataclass
class Campaign:
    stack: Stack
    seed: int
    answers: Answers = field(default_factory=Answers)
    ledgers: list[Ledger] = field(default_factory=list)
    reports: list[RoundReport] = field(default_factory=list)
    groups: list[Group] = field(default_factory=consumer_groups)
    started: float = field(default_factory=time.monotonic)

    def __post_init__(self) -> None:
        self.client = PatientClient(self.stack.gateway_url, self.answers)
        self.rng = random.Random(self.seed)

    async def close(self) -> None:
        await self.client.close()

    async def round(
        self, scale: Scale, fault: tuple[str, Injection] | None = None, *, within_s: float = 3.0
    ) -> RoundReport:
        """One round; ``fault`` injected at a seeded moment within its first ``within_s``."""
        tag = f"s{self.seed}r{len(self.reports)}"
        # Each round is judged on its own answers: a broken promise is the round's.
        self.answers = self.client.answers = Answers()
        before = await self._events()
        started = time.monotonic()
        work = asyncio.create_task(run_round(self.client, self.seed, tag, scale))
        injected: Fault | None = None
        fault_at = started
        if fault is not None:
            name, inject = fault
            await asyncio.sleep(self.rng.uniform(0.2, within_s))
            injected = Fault(name, round(time.monotonic() - self.started, 2))
            fault_at = time.monotonic()
            injected.took_s = round(await inject(), 2)
        ledger = await work
        self.ledgers.append(ledger)
        round_s = time.monotonic() - started
        verdict, settle_s = await settle(self.stack, self.groups)
        recovered = time.monotonic() - fault_at if injected is not None else None
        await check_outside(self.client, [ledger], self.answers, verdict)
        report = RoundReport(
            tag,
            injected,
            round(round_s, 2),
            round(settle_s, 2),
            round(recovered, 2) if recovered is not None else None,
            await self._events() - before,
            verdict,
            self.answers,
        )
        self.reports.append(report)
        return report

    async def _events(self) -> int:
        conn = await asyncpg.connect(self.stack.admin_dsn)
        try:
            counts = [
                await conn.fetchval(f"SELECT count(*) FROM {s}.outbox") for s in OUTBOX_SCHEMAS
            ]
        finally:
            await conn.close()
        return int(sum(counts))
