"""Whether rendered resources fit together: selectors select, names resolve, ports exist,
every service has an autoscaler and a disruption budget. Each check returns problems."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from tests.unit.deploy.pods import Resource, containers, pod_labels, pod_spec

__all__ = [
    "autoscaling_problems",
    "namespace_problems",
    "reference_problems",
    "selector_problems",
    "wiring_problems",
]

CLUSTER_SCOPED = {"Namespace"}


def _of(resources: list[Resource], kind: str) -> list[Resource]:
    return [r for r in resources if r["kind"] == kind]


def _named(resources: list[Resource], kind: str) -> dict[str, Resource]:
    return {r["metadata"]["name"]: r for r in _of(resources, kind)}


def _matches(selector: dict[str, Any], labels: dict[str, str]) -> bool:
    return bool(selector) and all(labels.get(k) == v for k, v in selector.items())


def namespace_problems(resources: list[Resource], namespace: str) -> list[str]:
    return [
        f"{r['kind']}/{r['metadata']['name']}: namespace is {r['metadata'].get('namespace')!r}"
        for r in resources
        if r["kind"] not in CLUSTER_SCOPED and r["metadata"].get("namespace") != namespace
    ]


def selector_problems(resources: list[Resource]) -> list[str]:
    problems: list[str] = []
    deployments = _of(resources, "Deployment")
    for deployment in deployments:
        selector = deployment["spec"]["selector"].get("matchLabels") or {}
        if not _matches(selector, pod_labels(deployment)):
            problems.append(f"Deployment/{deployment['metadata']['name']}: selects not its pods")
    for service in _of(resources, "Service"):
        name = f"Service/{service['metadata']['name']}"
        selector = service["spec"].get("selector") or {}
        backends = [d for d in deployments if _matches(selector, pod_labels(d))]
        if not backends:
            problems.append(f"{name}: selector {selector} matches no Deployment's pods")
        ports = {
            key
            for d in backends
            for c in containers(d)
            for p in c.get("ports") or []
            for key in (p.get("name"), p.get("containerPort"))
        }
        for port in service["spec"].get("ports") or []:
            if backends and port.get("targetPort", port["port"]) not in ports:
                problems.append(f"{name}: targetPort {port.get('targetPort')} is no pod port")
    return problems


def _env_references(resource: Resource) -> Iterable[tuple[str, str, str | None]]:
    """(kind, name, key) of every ConfigMap and Secret a workload's containers read."""
    for container in containers(resource, init=True):
        for source in container.get("envFrom") or []:
            for kind, field in (("ConfigMap", "configMapRef"), ("Secret", "secretRef")):
                if field in source:
                    yield kind, source[field]["name"], None
        for variable in container.get("env") or []:
            value_from = variable.get("valueFrom") or {}
            for kind, field in (("ConfigMap", "configMapKeyRef"), ("Secret", "secretKeyRef")):
                if field in value_from:
                    yield kind, value_from[field]["name"], value_from[field]["key"]


def reference_problems(resources: list[Resource], external_secret_keys: set[str]) -> list[str]:
    """ConfigMaps and service accounts must be rendered; a Secret that is not rendered is
    created outside the repository, and then its keys must be the documented ones."""
    problems: list[str] = []
    accounts = _named(resources, "ServiceAccount")
    for resource in resources:
        where = f"{resource['kind']}/{resource['metadata']['name']}"
        account = (pod_spec(resource) or {}).get("serviceAccountName")
        if account and account not in accounts:
            problems.append(f"{where}: service account {account} is not rendered")
        for kind, name, key in _env_references(resource):
            found = _named(resources, kind).get(name)
            if found is None and kind == "Secret":
                if key is not None and key not in external_secret_keys:
                    problems.append(f"{where}: secret key {key} is not documented")
                continue
            if found is None:
                problems.append(f"{where}: {kind} {name} is not rendered")
                continue
            data = {**(found.get("data") or {}), **(found.get("stringData") or {})}
            if key is not None and key not in data:
                problems.append(f"{where}: {kind} {name} has no key {key}")
    for account in accounts.values():
        if account.get("automountServiceAccountToken") is not False:
            problems.append(f"ServiceAccount/{account['metadata']['name']}: mounts its token")
    return problems


def autoscaling_problems(resources: list[Resource]) -> list[str]:
    """Each Stint Deployment has exactly one autoscaler (HPA or KEDA ScaledObject) and a
    PodDisruptionBudget that selects its pods; every target exists. A single writer (one
    replica, replaced with Recreate) has no autoscaler: a second replica would break it."""
    problems: list[str] = []
    deployments = _named(resources, "Deployment")
    scaled: dict[str, int] = {}
    for kind in ("HorizontalPodAutoscaler", "ScaledObject"):
        for scaler in _of(resources, kind):
            target = scaler["spec"]["scaleTargetRef"]["name"]
            scaled[target] = scaled.get(target, 0) + 1
            if target not in deployments:
                problems.append(f"{kind}/{scaler['metadata']['name']}: no Deployment {target}")
    budgets = _of(resources, "PodDisruptionBudget")
    for name, deployment in deployments.items():
        if (deployment["metadata"].get("labels") or {}).get("app.kubernetes.io/part-of") != "stint":
            continue
        single = (deployment["spec"].get("strategy") or {}).get("type") == "Recreate"
        if single and deployment["spec"].get("replicas") != 1:
            problems.append(f"Deployment/{name}: a single writer runs exactly one replica")
        wanted = 0 if single else 1
        if scaled.get(name, 0) != wanted:
            problems.append(f"Deployment/{name}: {scaled.get(name, 0)} autoscalers, not {wanted}")
        if not any(
            _matches(b["spec"]["selector"].get("matchLabels") or {}, pod_labels(deployment))
            for b in budgets
        ):
            problems.append(f"Deployment/{name}: no PodDisruptionBudget selects its pods")
    return problems


def wiring_problems(resources: list[Resource], external_secret_keys: set[str]) -> list[str]:
    return (
        selector_problems(resources)
        + reference_problems(resources, external_secret_keys)
        + autoscaling_problems(resources)
    )
