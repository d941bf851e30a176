"""Where a running process spends its time, with py-spy (from PyPI): sampled while a
load runs, kept as collapsed stacks (which speedscope and flame-graph tools read) and
summarised as the functions seen most."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = ["hottest", "profiled"]


def _py_spy() -> str:
    found = Path(sys.executable).with_name("py-spy")
    return str(found) if found.exists() else (shutil.which("py-spy") or "py-spy")


@contextmanager
def profiled(pids: dict[str, int], into: Path, seconds: float) -> Iterator[None]:
    """Samples each named process for ``seconds`` while the block runs; leaves
    ``<name>.txt`` (collapsed stacks) in ``into``."""
    into.mkdir(parents=True, exist_ok=True)
    running = []
    for name, pid in pids.items():
        for kind, suffix in (("raw", "txt"),):
            running.append(
                subprocess.Popen(
                    [
                        _py_spy(),
                        "record",
                        "-p",
                        str(pid),
                        "-d",
                        str(max(1, round(seconds))),
                        "-f",
                        kind,
                        "-o",
                        str(into / f"{name}.{suffix}"),
                        "--nonblocking",
                    ],
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
            )
    try:
        yield
    finally:
        for process in running:
            process.wait(seconds + 60)


def hottest(collapsed: Path, top: int = 12) -> list[tuple[str, float]]:
    """The functions on the most samples (anywhere on the stack), as shares."""
    seen: Counter[str] = Counter()
    total = 0
    for line in collapsed.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if not count.isdigit():
            continue
        total += int(count)
        for frame in set(stack.split(";")):
            seen[frame] += int(count)
    return [(frame, n / total) for frame, n in seen.most_common(top)] if total else []
