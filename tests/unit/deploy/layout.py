"""Where the deployment files are, and every way the kustomize tree can be combined."""

from __future__ import annotations

import itertools
import os
import re
import shutil
from pathlib import Path

import yaml

__all__ = [
    "COMPOSE_FILE",
    "FOLLOWERS",
    "FRONT_ENDS",
    "IMAGES",
    "K8S",
    "REPOSITORY",
    "SERVICES",
    "Combination",
    "combination_id",
    "combinations",
    "documented_secret_keys",
    "write_combination",
]

REPOSITORY = Path(__file__).resolve().parents[3]
K8S = REPOSITORY / "deploy" / "k8s"
COMPOSE_FILE = REPOSITORY / "docker-compose.yml"
OPERATIONS_DOC = REPOSITORY / "docs" / "operations.md"
# Service name -> the port it serves on (gRPC for services, HTTP for the gateway).
SERVICES = {
    "listing": 50051,
    "application": 50052,
    "matching": 50053,
    "notification": 50054,
    "reputation": 50055,
    "gateway": 8000,
}
# Services nobody calls: they follow the topics and serve only their metrics (this port).
FOLLOWERS = {"analytics": 9464}
# Clients of the public API with pages of their own (HTTP on this port): no database, no
# broker, only the gateway.
FRONT_ENDS = {"web": 8080}
IMAGES = (*SERVICES, *FOLLOWERS, *FRONT_ENDS)
"""Every service with an image of its own."""

Combination = tuple[str, tuple[str, ...]]


def _components_of(overlay: str) -> set[str]:
    spec = yaml.safe_load((K8S / "overlays" / overlay / "kustomization.yaml").read_text())
    return {Path(c).name for c in spec.get("components") or []}


def combinations() -> list[Combination]:
    """Each overlay alone and with every subset of the components it does not include."""
    overlays = sorted(p.name for p in (K8S / "overlays").iterdir() if p.is_dir())
    components = sorted(p.name for p in (K8S / "components").iterdir() if p.is_dir())
    found: list[Combination] = []
    for overlay in overlays:
        optional = [c for c in components if c not in _components_of(overlay)]
        for size in range(len(optional) + 1):
            found += [(overlay, extra) for extra in itertools.combinations(optional, size)]
    return found


def combination_id(combination: Combination) -> str:
    overlay, extra = combination
    return "+".join([overlay, *extra])


def write_combination(combination: Combination, directory: Path) -> Path:
    """A copy of the overlay with the extra components added to its own list, as an
    operator would enable them (so that the overlay's images and patches apply to them
    too); the overlay's own directory when there are none. Its files are copied, as
    kustomize reads files only from within the kustomization's directory."""
    overlay, extra = combination
    source = K8S / "overlays" / overlay
    if not extra:
        return source
    shutil.copytree(source, directory)
    spec = yaml.safe_load((source / "kustomization.yaml").read_text())

    def rebased(entry: str) -> str:
        return os.path.relpath(source / entry, directory) if (source / entry).is_dir() else entry

    spec["resources"] = [rebased(e) for e in spec.get("resources") or []]
    spec["components"] = [rebased(e) for e in spec.get("components") or []] + [
        os.path.relpath(K8S / "components" / c, directory) for c in extra
    ]
    (directory / "kustomization.yaml").write_text(yaml.safe_dump(spec))
    return directory


def documented_secret_keys() -> set[str]:
    """The keys of the Secret "stint-secrets" listed in docs/operations.md (the first
    column of the table under the heading that names the Secret)."""
    text = OPERATIONS_DOC.read_text()
    section = re.search(r"^## .*stint-secrets.*?$(.*?)(?=^## |\Z)", text, re.M | re.S)
    if section is None:
        return set()
    return set(re.findall(r"^\|\s*`([a-z0-9-]+)`", section.group(1), re.M))
