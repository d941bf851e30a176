"""``<data-dir>/run.json``: the running platform's process ids and addresses, for
people and tests that need to find a process (and for nothing else)."""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

FILE_NAME = "run.json"


def write(path: Path, state: Mapping[str, Any]) -> None:
    """Replace the file atomically, so a reader never sees half of it."""
    partial = path.with_suffix(".json.partial")
    partial.write_text(json.dumps(state, indent=2) + "\n")
    os.replace(partial, path)


def read(path: Path) -> dict[str, Any]:
    found: dict[str, Any] = json.loads(path.read_text())
    return found
