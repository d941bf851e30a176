"""Finding processes through /proc, to prove that none is left behind."""

from __future__ import annotations

import os
from pathlib import Path

from stint_devstack.infra import alive


def _parent_of(pid: int) -> int | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return int(stat.rsplit(")", 1)[-1].split()[1])


def all_pids() -> list[int]:
    return [int(name) for name in os.listdir("/proc") if name.isdigit()]


def descendants(root: int) -> set[int]:
    children: dict[int, list[int]] = {}
    for pid in all_pids():
        parent = _parent_of(pid)
        if parent is not None:
            children.setdefault(parent, []).append(pid)
    found: set[int] = set()
    todo = [root]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def living_mentioning(text: str) -> set[int]:
    """Living processes whose command line or working directory mentions ``text``."""
    found: set[int] = set()
    for pid in all_pids():
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
            cwd = os.readlink(f"/proc/{pid}/cwd")
        except OSError:
            continue
        if (text in cmdline or cwd.startswith(text)) and alive(pid):
            found.add(pid)
    return found


def living(pids: set[int]) -> set[int]:
    return {pid for pid in pids if alive(pid)}
