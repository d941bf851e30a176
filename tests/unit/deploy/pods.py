"""Reading Kubernetes workloads: their pod spec, containers and images."""

from __future__ import annotations

from typing import Any

__all__ = ["Resource", "containers", "pod_labels", "pod_spec", "split_image"]

Resource = dict[str, Any]

POD_TEMPLATE_PATHS = {
    "Deployment": ("spec", "template"),
    "StatefulSet": ("spec", "template"),
    "DaemonSet": ("spec", "template"),
    "Job": ("spec", "template"),
    "CronJob": ("spec", "jobTemplate", "spec", "template"),
}


def _template(resource: Resource) -> dict[str, Any] | None:
    path = POD_TEMPLATE_PATHS.get(str(resource.get("kind")))
    if path is None:
        return None
    node: Any = resource
    for key in path:
        node = node.get(key) if isinstance(node, dict) else None
    return node if isinstance(node, dict) else None


def pod_spec(resource: Resource) -> dict[str, Any] | None:
    """The pod spec of a workload's template, or None for other kinds."""
    template = _template(resource)
    spec = (template or {}).get("spec")
    return spec if isinstance(spec, dict) else None


def pod_labels(resource: Resource) -> dict[str, str]:
    """The labels a workload gives its pods (empty for other kinds)."""
    template = _template(resource) or {}
    labels = template.get("metadata", {}).get("labels") or {}
    return {str(k): str(v) for k, v in labels.items()}


def containers(resource: Resource, *, init: bool = False) -> list[dict[str, Any]]:
    """The workload's containers (and init containers when ``init``)."""
    spec = pod_spec(resource) or {}
    found = list(spec.get("containers") or [])
    return found + list(spec.get("initContainers") or []) if init else found


def split_image(image: str) -> tuple[str, str]:
    """(name, tag or ``@digest``); the tag is empty when the image names none."""
    if "@" in image:
        name, digest = image.split("@", 1)
        return name, "@" + digest
    slash = image.rfind("/")
    colon = image.rfind(":")
    if colon > slash:
        return image[:colon], image[colon + 1 :]
    return image, ""
