"""Runs each service as a supervised child process.

Each child has its own process group (Ctrl-C in the terminal reaches only the runner,
which then stops children in order), its output is shown prefixed with its name and
kept whole in ``<log_dir>/<name>.log``, and a child that dies is restarted with backoff.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from stint_devstack import console
from stint_devstack.lifeline import die_with_parent
from stint_runtime.backoff import Backoff

# Service logs can carry long lines (a traceback as one JSON record).
LINE_LIMIT = 1 << 20


@dataclass(frozen=True)
class ChildSpec:
    name: str
    argv: Sequence[str]
    env: Mapping[str, str]


@dataclass
class RestartBackoff:
    """Restart delays that double while a child keeps crashing (the runtime's
    ``Backoff``), and start over once it has run long enough to count as healthy."""

    delays: Backoff = field(default_factory=lambda: Backoff(base_s=0.5, cap_s=15.0))
    stable_after_s: float = 30.0

    def after_exit(self, ran_for_s: float) -> float:
        if ran_for_s >= self.stable_after_s:
            self.delays.reset()
        return self.delays.next_delay()


def describe_exit(code: int) -> str:
    if code < 0:
        return f"was killed by {signal.Signals(-code).name}"
    return f"exited with code {code}"


class Supervisor:
    def __init__(
        self,
        log_dir: Path,
        *,
        stop_grace_s: float = 10.0,
        on_change: Callable[[], None] = lambda: None,
        backoff: Callable[[], RestartBackoff] = RestartBackoff,
    ) -> None:
        self._log_dir = log_dir
        self._stop_grace_s = stop_grace_s
        self._on_change = on_change
        self._backoff = backoff
        self._processes: dict[str, asyncio.subprocess.Process] = {}
        self._tasks: list[asyncio.Task[None]] = []
        self._stopping = asyncio.Event()
        self.restarts: dict[str, int] = {}

    def start(self, spec: ChildSpec) -> None:
        index = len(self._tasks) + 1
        self.restarts[spec.name] = 0
        self._tasks.append(asyncio.create_task(self._watch(spec, index), name=spec.name))

    def pids(self) -> dict[str, int]:
        return {name: process.pid for name, process in self._processes.items()}

    async def stop(self) -> None:
        """SIGTERM every child's group, wait up to the grace period, then SIGKILL."""
        self._stopping.set()
        for process in list(self._processes.values()):
            _signal_group(process.pid, signal.SIGTERM)
        if not self._tasks:
            return
        _, pending = await asyncio.wait(self._tasks, timeout=self._stop_grace_s)
        if pending:
            names = ", ".join(sorted(task.get_name() for task in pending))
            console.say(f"{names} did not stop within {self._stop_grace_s:.0f} s: killing")
            self.kill()
            await asyncio.wait(pending, timeout=5)

    def kill(self) -> None:
        self._stopping.set()
        for process in list(self._processes.values()):
            _signal_group(process.pid, signal.SIGKILL)

    async def _watch(self, spec: ChildSpec, index: int) -> None:
        loop = asyncio.get_running_loop()
        backoff = self._backoff()
        log_path = self._log_dir / f"{spec.name}.log"
        while not self._stopping.is_set():
            started = loop.time()
            try:
                outcome = describe_exit(await self._run_once(spec, index, log_path))
            except OSError as exc:  # could not even start it (a missing interpreter, ...)
                outcome = f"could not start ({exc})"
            if self._stopping.is_set():
                return
            ran_for = loop.time() - started
            delay = backoff.after_exit(ran_for)
            self.restarts[spec.name] += 1
            console.say(
                f"{spec.name} {outcome} after {ran_for:.1f} s; restarting in {delay:.1f} s "
                f"(restart {self.restarts[spec.name]}, full log: {log_path})"
            )
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), delay)

    async def _run_once(self, spec: ChildSpec, index: int, log_path: Path) -> int:
        process = await asyncio.create_subprocess_exec(
            *spec.argv,
            env=dict(spec.env),
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
            start_new_session=True,
            preexec_fn=die_with_parent,
            limit=LINE_LIMIT,
        )
        self._processes[spec.name] = process
        self._on_change()
        if self._stopping.is_set():
            _signal_group(process.pid, signal.SIGTERM)
        try:
            return await self._follow(spec.name, index, process, log_path)
        finally:
            del self._processes[spec.name]

    async def _follow(
        self, name: str, index: int, process: asyncio.subprocess.Process, log_path: Path
    ) -> int:
        """Show and keep the child's output until it exits; return its exit code."""
        assert process.stdout is not None
        log_path.parent.mkdir(parents=True, exist_ok=True)
        with log_path.open("ab") as log:
            pump = asyncio.create_task(_pump(process.stdout, log, name, index))
            code = await process.wait()
            # Anything the child started in its group goes with it.
            _signal_group(process.pid, signal.SIGKILL)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(pump, 5)
        return code


async def _pump(stream: asyncio.StreamReader, log: BinaryIO, name: str, index: int) -> None:
    while True:
        try:
            raw = await stream.readline()
        except ValueError:  # a line beyond LINE_LIMIT: take what there is
            raw = await stream.read(LINE_LIMIT)
        if not raw:
            return
        # The child must never block on a full pipe: if the log file or the terminal
        # fails (disk full, closed terminal), keep draining.
        with contextlib.suppress(OSError):
            log.write(raw)
            log.flush()
        with contextlib.suppress(OSError):
            console.show(name, index, raw.decode("utf-8", "replace").rstrip("\n"))


def _signal_group(pid: int, sig: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, sig)
