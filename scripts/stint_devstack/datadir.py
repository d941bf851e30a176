"""The data directory (``.stint`` by default): Postgres data, logs, secrets and the
run state, used by one runner at a time."""

from __future__ import annotations

import contextlib
import fcntl
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import IO


class DataDirInUse(RuntimeError):
    pass


@contextlib.contextmanager
def lock(data_dir: Path) -> Iterator[IO[str]]:
    """One runner per data directory: a second one would share its Postgres."""
    handle: IO[str] = (data_dir / "run.lock").open("w")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.close()
        raise DataDirInUse(f"another scripts/run is already using {data_dir}") from None
    try:
        yield handle
    finally:
        handle.close()


def keep_previous_logs(logs: Path) -> None:
    """Each run starts new logs; the previous run's stay as ``<name>.log.1``."""
    for log in logs.glob("*.log"):
        log.replace(log.with_name(log.name + ".1"))


def wipe(data_dir: Path) -> None:
    for entry in data_dir.iterdir():
        if entry.name == "run.lock":
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()


def shown(path: Path) -> Path:
    """Relative to the working directory when inside it: shorter, and no machine path."""
    with contextlib.suppress(ValueError):
        return path.relative_to(Path.cwd())
    return path
