"""The fault suite's platform: ``python -m stint_devstack run`` (what ``scripts/run``
execs) in a data directory of its own per module, on free ports, every service a
supervised process, and a campaign of seeded rounds driven through its public API."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from stint_flows import stack as platform
from stint_flows.campaign import Campaign
from stint_flows.stack import Stack

SEED = int(os.environ.get("STINT_FAULT_SEED", "20261202"))


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    started = platform.start(tmp_path_factory.mktemp("platform") / "data")
    try:
        yield started
    finally:
        platform.stop(started)


@pytest.fixture(scope="module")
async def campaign(stack: Stack) -> AsyncIterator[Campaign]:
    running = Campaign(stack, SEED)
    yield running
    await running.close()


def explain(campaign: Campaign) -> str:
    """A failing test's message: every round's verdict and what was killed when."""
    lines = []
    for report in campaign.reports:
        fault = report.fault
        what = f"{fault.name} at {fault.at_s} s (lasted {fault.took_s} s)" if fault else "no fault"
        lines.append(f"round {report.tag}: {what}\n{report.verdict.render()}")
    return "\n".join(lines)


def logs_of(stack: Stack) -> Path:
    return stack.data_dir / "logs"
