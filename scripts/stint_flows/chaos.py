"""The long fault campaign: ``scripts/run``'s platform, rounds of the flow, and in each
round one fault of every kind in a seeded order (each service killed in turn, the relay
leader killed, Postgres restarted, the broker stopped, the embedded broker restarted
empty), at a seeded moment. After each round it waits until every invariant holds and
reports what was killed when, how long the platform took to recover, what every
invariant showed, the events per second and each process's peak memory.

    .venv/bin/python scripts/chaos.py [--seed N] [--rounds-per-fault 1] [--pause-s 30]
        [--report chaos-report.json]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from stint_flows import faults
from stint_flows import stack as platform
from stint_flows.campaign import Campaign, RoundReport
from stint_flows.cast import Scale
from stint_flows.memory import watching
from stint_flows.stack import Stack

SERVICES = (
    "listing",
    "application",
    "matching",
    "notification",
    "reputation",
    "analytics",
    "gateway",
)
SCALE = Scale(employers=4, students=12, listings_per_employer=2)

Injection = Callable[[], Awaitable[float]]


def _killing(stack: Stack, service: str) -> Injection:
    return lambda: faults.kill_service(stack, service)


def _faults(stack: Stack, pause_s: float) -> list[tuple[str, Injection]]:
    found = [(f"{name} killed", _killing(stack, name)) for name in SERVICES]
    found += [
        ("postgres restarted", lambda: faults.restart_postgres(stack)),
        (f"broker stopped for {pause_s:.0f} s", lambda: faults.pause_broker(stack, pause_s)),
        ("broker restarted empty", lambda: faults.restart_broker(stack)),
    ]
    return found


def _line(report: RoundReport) -> str:
    fault = report.fault
    what = f"{fault.name} at {fault.at_s} s, lasted {fault.took_s} s" if fault else "no fault"
    state = "ok" if report.verdict.ok else "FAILED: " + "; ".join(report.verdict.failures())
    return (
        f"round {report.tag}: {what}; {report.events} events, {report.events_per_s:.0f}/s; "
        f"recovered {report.recovered_s} s after the fault; {state}"
    )


async def _campaign(stack: Stack, seed: int, rounds: int, pause_s: float) -> dict[str, Any]:
    campaign = Campaign(stack, seed)
    order = _faults(stack, pause_s) * rounds
    random.Random(seed).shuffle(order)
    try:
        async with watching(stack) as peak:
            baseline = await campaign.round(SCALE)
            print(_line(baseline), flush=True)
            standby_log = stack.data_dir / "logs" / "listing-standby.log"
            async with faults.standby_replica(stack, "listing", standby_log):
                report = await campaign.round(
                    SCALE,
                    (
                        "listing relay leader killed",
                        lambda: faults.kill_relay_leader(stack, "listing", standby_log),
                    ),
                )
                print(_line(report), flush=True)
            for index, fault in enumerate(order, 1):
                report = await campaign.round(SCALE, fault)
                print(f"[{index}/{len(order)}] {_line(report)}", flush=True)
    finally:
        await campaign.close()
    return {
        "seed": seed,
        "ok": all(r.verdict.ok for r in campaign.reports),
        "rounds": [
            {
                "tag": r.tag,
                "fault": None if r.fault is None else vars(r.fault),
                "events": r.events,
                "events_per_s": round(r.events_per_s, 1),
                "round_s": r.round_s,
                "settle_s": r.settle_s,
                "recovered_s": r.recovered_s,
                "answers": r.answers.summary(),
                "invariants": r.verdict.as_json(),
            }
            for r in campaign.reports
        ],
        "broken_promises": sum(len(r.answers.broken) for r in campaign.reports),
        "peak_rss_mib": dict(sorted(peak.peak_mib.items())),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=20261202)
    parser.add_argument("--rounds-per-fault", type=int, default=1)
    parser.add_argument("--pause-s", type=float, default=30.0)
    parser.add_argument("--report", type=Path, default=Path("chaos-report.json"))
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="stint-chaos-") as root:
        print("starting the platform (scripts/run, no demo data) ...", flush=True)
        stack = platform.start(Path(root) / "data")
        try:
            result = asyncio.run(_campaign(stack, args.seed, args.rounds_per_fault, args.pause_s))
        finally:
            platform.stop(stack)
    args.report.write_text(json.dumps(result, indent=2) + "\n")
    print(f"peak memory (MiB): {result['peak_rss_mib']}")
    print(f"answers that broke the API's promise: {result['broken_promises']}")
    print(
        f"{'every invariant held' if result['ok'] else 'INVARIANTS BROKEN'}; report: {args.report}"
    )
    return 0 if result["ok"] else 1
