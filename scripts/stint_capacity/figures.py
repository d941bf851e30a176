"""The per-replica figures the benchmarks measure, kept in docs/capacity/figures.json.

A benchmark run with ``--record`` writes its figure there (value, unit, the script, the
date and the machine); the capacity model reads them all. A figure measured on the
2-core benchmark machine, with Postgres and the broker sharing those cores, is a lower
bound for one replica (one Python process, one core) on a node of its own.
"""

from __future__ import annotations

import json
import os
import platform
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

__all__ = ["FIGURES", "Figure", "load", "record"]

FIGURES = Path(__file__).resolve().parents[2] / "docs" / "capacity" / "figures.json"


@dataclass(frozen=True)
class Figure:
    value: float
    unit: str
    what: str
    source: str
    measured: str
    """Date (UTC) and machine of the run that recorded it."""


def load(path: Path = FIGURES) -> dict[str, Figure]:
    raw = json.loads(path.read_text())
    return {name: Figure(**fields) for name, fields in raw.items()}


def record(
    name: str, value: float, *, unit: str, what: str, source: str, path: Path = FIGURES
) -> None:
    """Write one figure (rounded to 3 significant digits: runs differ by more)."""
    figures = load(path) if path.exists() else {}
    machine = f"{os.cpu_count()} CPUs, {platform.machine()}, Python {platform.python_version()}"
    figures[name] = Figure(
        value=float(f"{value:.3g}"),
        unit=unit,
        what=what,
        source=source,
        measured=f"{datetime.now(UTC):%Y-%m-%d}, {machine}",
    )
    text = json.dumps({k: asdict(v) for k, v in sorted(figures.items())}, indent=2)
    path.write_text(text + "\n")
    print(f"[capacity] recorded {name} = {figures[name].value:g} {unit} in {path.name}")
