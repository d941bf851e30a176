"""``scripts/run`` started from a copy of the work tree, as a fresh clone would start it
(the project's files, not its ignored ones: no .venv, no data), on free ports."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from stint_devstack import run_state
from stint_devstack.infra import free_port
from tests.waiting import eventually

ROOT = Path(__file__).resolve().parents[3]
STARTUP_BOUND_S = 90.0
LEFT_BEHIND = (".git", ".venv", ".stint", "__pycache__", "*.egg-info", "build", ".*_cache")


@dataclass
class PlatformRun:
    process: subprocess.Popen[bytes]
    repo: Path
    output: Path
    gateway_url: str

    @property
    def state_path(self) -> Path:
        return self.repo / ".stint" / run_state.FILE_NAME

    def state(self) -> dict[str, Any]:
        return run_state.read(self.state_path)

    def tail(self, lines: int = 60) -> str:
        return "\n".join(self.output.read_text(errors="replace").splitlines()[-lines:])


def copy_work_tree(into: Path) -> None:
    """The files a clone would have plus new ones not ignored; without git, the tree
    minus what a run or an install leaves behind."""
    listed = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT, capture_output=True
    )
    if listed.returncode != 0:
        shutil.copytree(ROOT, into, dirs_exist_ok=True, ignore=shutil.ignore_patterns(*LEFT_BEHIND))
        return
    for name in filter(None, listed.stdout.decode().split("\0")):
        source = ROOT / name
        if source.is_file():  # a tracked file deleted in the work tree is listed too
            target = into / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)


def run_environment() -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("STINT_") and key not in ("DATABASE_URL", "KAFKA_BOOTSTRAP_SERVERS")
    }
    # The virtualenv running these tests, as it is: the copy installs nothing.
    env.update(STINT_VENV=sys.prefix, STINT_SKIP_INSTALL="1", NO_COLOR="1")
    return env


def seen(what: str, run: PlatformRun) -> Callable[[], str]:
    """What a wait was for, with the end of the run's output, for its failure."""
    return lambda: f"{what}; the run's output ends:\n{run.tail()}"


async def wait_for_banner(run: PlatformRun) -> None:
    def banner() -> bool:
        if run.process.poll() is not None:
            pytest.fail(f"scripts/run exited with {run.process.returncode}:\n{run.tail()}")
        return "Stint is running" in run.output.read_text(errors="replace")

    await eventually(banner, seen("scripts/run to be up", run), STARTUP_BOUND_S, interval_s=0.2)


@pytest.fixture(scope="module")
async def platform_run(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[PlatformRun]:
    repo = tmp_path_factory.mktemp("clone")
    copy_work_tree(repo)
    gateway_port = free_port()
    args = [
        str(repo / "scripts" / "run"),
        *("--gateway-port", str(gateway_port), "--broker-port", str(free_port())),
        *("--listing-port", str(free_port()), "--application-port", str(free_port())),
        *("--ready-timeout", "60"),
    ]
    output = repo.parent / "run.out"
    with output.open("wb") as sink:
        process = subprocess.Popen(
            args, cwd=repo, env=run_environment(), stdout=sink, stderr=subprocess.STDOUT
        )
    run = PlatformRun(process, repo, output, f"http://127.0.0.1:{gateway_port}")
    try:
        await wait_for_banner(run)
        yield run
    finally:
        stop_for_good(run)


def stop_for_good(run: PlatformRun) -> None:
    """Whatever a test left running goes, so that no test run leaks processes."""
    if run.process.poll() is None:
        run.process.send_signal(signal.SIGTERM)
        try:
            run.process.wait(40)
        except subprocess.TimeoutExpired:
            run.process.kill()
            run.process.wait(5)
    from tests.integration.devstack.processes import living_mentioning

    for pid in living_mentioning(str(run.repo)):
        os.kill(pid, signal.SIGKILL)
