"""Opening the DuckDB file. One process at a time may write it (DuckDB locks the
file), so every user opens it briefly: ``serve`` once per landing, ``report`` for its
queries. Whoever finds it held waits, up to a bound, and tries again."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

__all__ = ["StoreBusy", "StoreMissing", "StoreOutdated", "opened"]

_HELD = ("Could not set lock", "different configuration")


class StoreBusy(RuntimeError):
    """Another process kept the file past the wait."""


class StoreMissing(FileNotFoundError):
    """A read of a store that was never created."""


class StoreOutdated(RuntimeError):
    """A store made before a table or column the report reads existed."""


def _held(error: duckdb.Error) -> bool:
    return any(sign in str(error) for sign in _HELD)


@contextmanager
def opened(path: Path, *, read_only: bool, wait_s: float) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection to the store in UTC; the file (and its directory) is created by a
    writer, a reader of a missing file gets StoreMissing."""
    if read_only and not path.exists():
        raise StoreMissing(f"no analytics store at {path}: run `serve` or `rebuild` first")
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + wait_s
    pause = 0.02
    while True:
        try:
            conn = duckdb.connect(str(path), read_only=read_only)
            break
        except (duckdb.IOException, duckdb.ConnectionException) as exc:
            if not _held(exc):
                raise
            if time.monotonic() >= deadline:
                raise StoreBusy(f"{path} is held by another process: {exc}") from exc
            time.sleep(pause)
            pause = min(pause * 2, 0.5)
    try:
        conn.execute("SET TimeZone = 'UTC'")
        yield conn
    finally:
        conn.close()
