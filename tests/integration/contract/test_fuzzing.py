"""The published OpenAPI document against the platform behind it: Schemathesis, with
every check, generates requests for every operation of the document (examples,
coverage of each parameter's edges, random ones, and stateful sequences along the
document's links: create, publish, apply, hire, deliver, complete, review) and finds
no answer the document does not describe."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx

from tests.integration.contract.fuzzer import fuzz
from tests.integration.platform import Gateway

SEED = 20261202
MAX_EXAMPLES = 12


def _operations(document: dict[str, Any]) -> int:
    return sum(len(operations) for operations in document["paths"].values())


async def test_every_operation_answers_as_the_document_says(
    gateway: Gateway, tokens: dict[str, str], tmp_path: Path
) -> None:
    async with httpx.AsyncClient(base_url=gateway.base_url) as http:
        document = (await http.get("/openapi.json")).json()
    run = await fuzz(gateway.base_url, tokens, tmp_path, seed=SEED, max_examples=MAX_EXAMPLES)
    report = run.report
    assert run.failures == [] and report["errors"] == [], run.output[-20_000:]
    assert run.exit_code == 0, run.output[-20_000:]
    tested = report["operations"]
    assert tested["tested"] == tested["total"] == _operations(document), tested
    phases = report["phases"]
    # The document carries no examples of its own: that phase has nothing to run.
    assert phases.pop("examples")["status"] in ("success", "skip"), report["phases"]
    assert all(phase["status"] == "success" for phase in phases.values()), phases
