"""The renderer and the checks catch what they are for: broken kustomizations, and
workloads that lost a probe, a limit, their hardening or their wiring."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest

from tests.unit.deploy.hardening import hardening_problems, image_problems, probe_problems
from tests.unit.deploy.layout import K8S, documented_secret_keys
from tests.unit.deploy.pods import Resource, containers
from tests.unit.deploy.render import render
from tests.unit.deploy.schemas import schema_problems
from tests.unit.deploy.wiring import namespace_problems, wiring_problems


def _all_problems(resources: list[Resource]) -> list[str]:
    return (
        schema_problems(resources)
        + namespace_problems(resources, "stint")
        + hardening_problems(resources)
        + probe_problems(resources)
        + image_problems(resources)
        + wiring_problems(resources, documented_secret_keys())
    )


def _find(resources: list[Resource], kind: str, name: str) -> Resource:
    return next(r for r in resources if r["kind"] == kind and r["metadata"]["name"] == name)


def _listing(resources: list[Resource]) -> dict[str, Any]:
    return containers(_find(resources, "Deployment", "listing"))[0]


def _secret_ref(resources: list[Resource], variable: str) -> dict[str, Any]:
    env = next(e for e in _listing(resources)["env"] if e["name"] == variable)
    ref: dict[str, Any] = env["valueFrom"]["secretKeyRef"]
    return ref


Mutation = Callable[[list[Resource]], None]
MUTATIONS: dict[str, tuple[Mutation, str]] = {
    "no liveness": (lambda r: _listing(r).pop("livenessProbe"), "no livenessProbe"),
    "unknown field": (
        lambda r: _listing(r).update(imagePullPolice="Always"),
        "Additional properties are not allowed ('imagePullPolice'",
    ),
    "wrong type": (
        lambda r: _find(r, "Deployment", "listing")["spec"].update(replicas="two"),
        "'two' is not of type 'integer'",
    ),
    "probe of an unexposed port": (
        lambda r: _listing(r)["readinessProbe"]["grpc"].update(port=50099),
        "not a gRPC probe of its gRPC port",
    ),
    "http probe on grpc": (
        lambda r: _listing(r).update(readinessProbe={"tcpSocket": {"port": 50051}}),
        "not a gRPC probe",
    ),
    "no limits": (lambda r: _listing(r)["resources"].pop("limits"), "no cpu limits"),
    "writable root": (
        lambda r: _listing(r)["securityContext"].pop("readOnlyRootFilesystem"),
        "root file system is writable",
    ),
    "capabilities kept": (
        lambda r: _listing(r)["securityContext"].pop("capabilities"),
        "does not drop ALL",
    ),
    "escalation": (
        lambda r: _listing(r)["securityContext"].update(allowPrivilegeEscalation=True),
        "allowPrivilegeEscalation",
    ),
    "root user": (
        lambda r: _listing(r)["securityContext"].update(runAsNonRoot=False),
        "runAsNonRoot",
    ),
    "token mounted": (
        lambda r: _find(r, "Deployment", "listing")["spec"]["template"]["spec"].pop(
            "automountServiceAccountToken"
        ),
        "automountServiceAccountToken",
    ),
    "service selects nothing": (
        lambda r: _find(r, "Service", "listing")["spec"].update(selector={"app": "listing"}),
        "matches no Deployment",
    ),
    "wrong target port": (
        lambda r: _find(r, "Service", "gateway")["spec"]["ports"][0].update(targetPort="web"),
        "targetPort web",
    ),
    "no budget": (
        lambda r: r.remove(_find(r, "PodDisruptionBudget", "application")),
        "no PodDisruptionBudget",
    ),
    "no autoscaler": (
        lambda r: r.remove(_find(r, "HorizontalPodAutoscaler", "gateway")),
        "0 autoscalers",
    ),
    "undocumented secret": (
        lambda r: _secret_ref(r, "STINT_DATABASE_URL").update(key="other"),
        "secret key other is not documented",
    ),
    "missing config": (
        lambda r: r.remove(_find(r, "ConfigMap", "stint-config")),
        "ConfigMap stint-config is not rendered",
    ),
    "untagged image": (lambda r: _listing(r).update(image="stint/listing"), "names no release"),
    "other namespace": (
        lambda r: _find(r, "Service", "listing")["metadata"].update(namespace="default"),
        "namespace is 'default'",
    ),
}


@pytest.fixture(scope="module")
def production() -> list[Resource]:
    return render(K8S / "overlays" / "production")


@pytest.mark.parametrize("name", MUTATIONS)
def test_a_broken_workload_is_reported(production: list[Resource], name: str) -> None:
    mutate, expected = MUTATIONS[name]
    resources = copy.deepcopy(production)
    assert _all_problems(resources) == []
    mutate(resources)
    problems = _all_problems(resources)
    assert any(expected in p for p in problems), problems
