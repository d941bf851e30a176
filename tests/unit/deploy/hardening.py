"""What every Stint workload must have: probes, requests and limits, a hardened security
context, no service account token. Each check returns the problems it found."""

from __future__ import annotations

from typing import Any

from tests.unit.deploy.pods import Resource, containers, pod_spec, split_image

__all__ = ["STINT_PART_OF", "hardening_problems", "image_problems", "probe_problems"]

STINT_PART_OF = "stint"
WORKLOADS = ("Deployment", "Job", "StatefulSet", "DaemonSet", "CronJob")


def _name(resource: Resource) -> str:
    return f"{resource['kind']}/{resource['metadata']['name']}"


def _is_stint(resource: Resource) -> bool:
    labels = resource.get("metadata", {}).get("labels") or {}
    return labels.get("app.kubernetes.io/part-of") == STINT_PART_OF


def _effective(pod: dict[str, Any], container: dict[str, Any], key: str) -> Any:
    """A security setting as the kubelet sees it: the container's, else the pod's."""
    own = (container.get("securityContext") or {}).get(key)
    return own if own is not None else (pod.get("securityContext") or {}).get(key)


def hardening_problems(resources: list[Resource]) -> list[str]:
    problems: list[str] = []
    for resource in resources:
        if resource["kind"] not in WORKLOADS:
            continue
        pod = pod_spec(resource) or {}
        where = _name(resource)
        if pod.get("automountServiceAccountToken") is not False:
            problems.append(f"{where}: automountServiceAccountToken is not false")
        for container in containers(resource, init=True):
            problems += [f"{where}/{container['name']}: {p}" for p in _container(pod, container)]
            if _is_stint(resource) and _ctx(container).get("readOnlyRootFilesystem") is not True:
                problems.append(f"{where}/{container['name']}: root file system is writable")
    return problems


def _ctx(container: dict[str, Any]) -> dict[str, Any]:
    return container.get("securityContext") or {}


def _container(pod: dict[str, Any], container: dict[str, Any]) -> list[str]:
    problems: list[str] = []
    resources = container.get("resources") or {}
    for kind in ("requests", "limits"):
        for what in ("cpu", "memory"):
            if what not in (resources.get(kind) or {}):
                problems.append(f"no {what} {kind}")
    if _effective(pod, container, "runAsNonRoot") is not True:
        problems.append("runAsNonRoot is not true")
    if _effective(pod, container, "runAsUser") == 0:
        problems.append("runs as uid 0")
    if _ctx(container).get("allowPrivilegeEscalation") is not False:
        problems.append("allowPrivilegeEscalation is not false")
    if _ctx(container).get("privileged") is True:
        problems.append("is privileged")
    if "ALL" not in ((_ctx(container).get("capabilities") or {}).get("drop") or []):
        problems.append("does not drop ALL capabilities")
    if (_ctx(container).get("capabilities") or {}).get("add"):
        problems.append("adds capabilities")
    seccomp = _effective(pod, container, "seccompProfile") or {}
    if seccomp.get("type") != "RuntimeDefault":
        problems.append("seccompProfile is not RuntimeDefault")
    return problems


def probe_problems(resources: list[Resource]) -> list[str]:
    """Long-running pods have liveness and readiness probes; a gRPC port is probed with
    the native gRPC probe on that very port."""
    problems: list[str] = []
    for resource in resources:
        if resource["kind"] != "Deployment":
            continue
        for container in containers(resource):
            where = f"{_name(resource)}/{container['name']}"
            grpc_ports = {
                p["containerPort"] for p in container.get("ports") or [] if p.get("name") == "grpc"
            }
            for probe in ("livenessProbe", "readinessProbe"):
                spec = container.get(probe)
                if not spec:
                    problems.append(f"{where}: no {probe}")
                elif grpc_ports and (spec.get("grpc") or {}).get("port") not in grpc_ports:
                    problems.append(f"{where}: {probe} is not a gRPC probe of its gRPC port")
    return problems


def image_problems(resources: list[Resource]) -> list[str]:
    """In an overlay, every image names a release: a tag other than latest, or a digest."""
    problems: list[str] = []
    for resource in resources:
        for container in containers(resource, init=True):
            _, tag = split_image(container["image"])
            if not tag or tag == "latest":
                problems.append(f"{_name(resource)}: image {container['image']} names no release")
    return problems
