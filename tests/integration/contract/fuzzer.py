"""Running the OpenAPI fuzzer (Schemathesis, its own process) against a gateway the
tests serve: every check, seeded, bounded by examples per operation, stateful through
the document's links, signed in by role (``fuzz_hooks``). The platform keeps serving
in the test's event loop while the fuzzer runs, so the run is awaited, never blocked
on. Its JSON report is what the tests read."""

from __future__ import annotations

import asyncio
import json
import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from tests.integration.contract.fuzz_hooks import TOKENS_VARIABLE

__all__ = ["FuzzRun", "fuzz", "ruled_operations"]

ROOT = Path(__file__).resolve().parents[3]
HOOKS = "tests.integration.contract.fuzz_hooks"
STREAM = "GET /v1/me/notifications/stream"
STATEFUL_STEPS = 10
STATEFUL_SCALE = 4
# What positive_data_acceptance expects by default, and 422 where the document says
# that rules beyond the schema refuse some schema-valid values (``x-stint-rules``).
_ACCEPTED = ["2xx", "3xx", "401", "403", "404", "409", "429", "5xx"]


@dataclass(frozen=True)
class FuzzRun:
    exit_code: int
    report: dict[str, Any]
    output: str

    @property
    def failures(self) -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = self.report.get("failures", [])
        return found

    def failed_checks(self) -> set[str]:
        return {failure["type"] for failure in self.failures}


def ruled_operations(document: Mapping[str, Any]) -> list[str]:
    """``"METHOD /path"`` of every operation whose document declares rules beyond its
    schema (``x-stint-rules``): 422 is one of its answers to schema-valid input."""
    return [
        f"{method.upper()} {path}"
        for path, operations in document["paths"].items()
        for method, operation in operations.items()
        if operation.get("x-stint-rules")
    ]


def _quoted(values: Sequence[str]) -> str:
    return "[" + ", ".join(json.dumps(value) for value in values) + "]"


def _config(document: Mapping[str, Any], seed: int, max_examples: int) -> str:
    lines = [
        f'hooks = "{HOOKS}"',
        f"seed = {seed}",
        "workers = 1",
        "request-timeout = 10",
        "max-stream-events = 1",
        "[generation]",
        f"max-examples = {max_examples}",
        # Long enough for the marketplace's own path (register, create, publish, apply,
        # hire, deliver, complete, review), along the document's links only.
        "[phases.stateful]",
        f"max-steps = {STATEFUL_STEPS}",
        "inference.algorithms = []",
        "[phases.stateful.generation]",
        f"max-examples = {max_examples * STATEFUL_SCALE}",
        "[[operations]]",
        f'include-name = "{STREAM}"',
        # A live stream answers its headers at once and then stays open: each call is
        # read for the request timeout, so a few calls suffice.
        "request-timeout = 1",
        "generation.max-examples = 2",
    ]
    for name in ruled_operations(document):
        lines += [
            "[[operations]]",
            f'include-name = "{name}"',
            f"checks.positive_data_acceptance.expected-statuses = {_quoted([*_ACCEPTED, '422'])}",
        ]
    return "\n".join(lines) + "\n"


async def fuzz(
    base_url: str,
    tokens: Mapping[str, str],
    workdir: Path,
    *,
    seed: int,
    max_examples: int,
    phases: Sequence[str] = ("examples", "coverage", "fuzzing", "stateful"),
    only: Sequence[str] = (),
    timeout_s: float = 600,
) -> FuzzRun:
    """Runs the fuzzer against ``base_url`` (only the operations named ``"METHOD
    /path"`` in ``only``, or all) and answers its exit code, report and output."""
    async with httpx.AsyncClient(base_url=base_url) as http:
        document = (await http.get("/openapi.json")).json()
    config = workdir / "schemathesis.toml"
    config.write_text(_config(document, seed, max_examples))
    report = workdir / "report.json"
    arguments = [
        "-m",
        "schemathesis.cli",
        "--config-file",
        str(config),
        "run",
        f"{base_url}/openapi.json",
        "--checks",
        "all",
        "--phases",
        ",".join(phases),
        "--report",
        "json",
        "--report-json-path",
        str(report),
        "--output-sanitize",
        "false",
        "--no-color",
    ]
    for name in only:
        arguments += ["--include-name", name]
    environment = {
        **os.environ,
        TOKENS_VARIABLE: json.dumps(dict(tokens)),
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        *arguments,
        cwd=workdir,  # its cache (.schemathesis) stays with the run
        env=environment,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    try:
        output, _ = await asyncio.wait_for(process.communicate(), timeout_s)
    except TimeoutError:
        process.kill()
        await process.wait()
        raise
    text = output.decode(errors="replace")
    (workdir / "output.txt").write_text(text)
    assert report.exists(), f"the fuzzer wrote no report:\n{text[-4000:]}"
    return FuzzRun(process.returncode or 0, json.loads(report.read_text()), text)
