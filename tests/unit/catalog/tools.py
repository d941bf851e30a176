"""The npm tools scripts/test installs into .stint/tools (scripts/tools/package.json)."""

from __future__ import annotations

import subprocess
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[3]
BIN = REPOSITORY / ".stint" / "tools" / "node_modules" / ".bin"


def run_tool(name: str, *args: str, cwd: Path = REPOSITORY) -> subprocess.CompletedProcess[str]:
    binary = BIN / name
    assert binary.exists(), f"{binary} is missing: scripts/test installs it (npm)"
    return subprocess.run(
        [str(binary), *args], cwd=cwd, capture_output=True, text=True, timeout=300, check=False
    )
