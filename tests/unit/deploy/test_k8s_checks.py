"""The renderer and the checks catch what they are for: broken kustomizations, and
workloads that lost a probe, a limit, their hardening or their wiring."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.unit.deploy.hardening import hardening_problems, image_problems, probe_problems
from tests.unit.deploy.kustomize import KustomizeError, render
from tests.unit.deploy.kustomize_binary import binary_command, build_with_binary
from tests.unit.deploy.layout import K8S, documented_secret_keys
from tests.unit.deploy.pods import Resource, containers
from tests.unit.deploy.wiring import namespace_problems, wiring_problems


def _write(directory: Path, files: dict[str, object]) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        documents = content if isinstance(content, list) else [content]
        (directory / name).write_text(yaml.safe_dump_all(documents))
    return directory


def _kustomization(**fields: object) -> dict[str, object]:
    return {"apiVersion": "kustomize.config.k8s.io/v1beta1", "kind": "Kustomization", **fields}


def _config_map(name: str = "settings") -> dict[str, object]:
    return {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": name}, "data": {"A": "1"}}


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ({"kustomization.yaml": _kustomization(resources=["missing.yaml"])}, "does not exist"),
        ({"kustomization.yaml": _kustomization(resources=["../nowhere"])}, "does not exist"),
        ({"kustomization.yaml": _kustomization(commonLabels={"a": "b"})}, "does not know"),
        (
            {
                "kustomization.yaml": _kustomization(
                    resources=["cm.yaml"], patches=[{"path": "absent.yaml"}]
                ),
                "cm.yaml": _config_map(),
            },
            "does not exist",
        ),
        (
            {
                "kustomization.yaml": _kustomization(
                    resources=["cm.yaml"],
                    patches=[{"patch": yaml.safe_dump(_config_map("other"))}],
                ),
                "cm.yaml": _config_map(),
            },
            "matches nothing",
        ),
        (
            {
                "kustomization.yaml": _kustomization(resources=["cm.yaml", "again.yaml"]),
                "cm.yaml": _config_map(),
                "again.yaml": _config_map(),
            },
            "defined twice",
        ),
        (
            {"kustomization.yaml": _kustomization(components=["../broken"])},
            "cycle",
        ),
        (
            {
                "kustomization.yaml": _kustomization(resources=["../outside.yaml"]),
                "../outside.yaml": _config_map(),
            },
            "outside the kustomization",
        ),
    ],
    ids=[
        "file",
        "directory",
        "field",
        "patch-file",
        "patch-target",
        "duplicate",
        "cycle",
        "outside",
    ],
)
def test_broken_kustomization_is_refused(
    tmp_path: Path, files: dict[str, object], message: str
) -> None:
    with pytest.raises(KustomizeError, match=message):
        render(_write(tmp_path / "broken", files))


def test_a_kustomization_listed_as_a_component_is_refused(tmp_path: Path) -> None:
    _write(tmp_path / "plain", {"kustomization.yaml": _kustomization()})
    root = _write(
        tmp_path / "root", {"kustomization.yaml": _kustomization(components=["../plain"])}
    )
    with pytest.raises(KustomizeError, match="expected a Component"):
        render(root)


DELETE_SETTINGS = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\n$patch: delete"


def test_patches_images_namespace_and_components_apply(tmp_path: Path) -> None:
    deployment = yaml.safe_load((K8S / "base" / "listing.yaml").read_text().split("---")[1])
    _write(
        tmp_path / "part",
        {
            "kustomization.yaml": {
                "apiVersion": "kustomize.config.k8s.io/v1alpha1",
                "kind": "Component",
                "patches": [{"patch": DELETE_SETTINGS}],
            }
        },
    )
    env_patch = {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"name": "listing"},
        "spec": {"template": {"spec": {"containers": [{"name": "listing", "env": [
            {"name": "STINT_GRPC_PORT", "value": "6000"}, {"name": "EXTRA", "value": "x"}
        ]}]}}},
    }  # fmt: skip
    port = "/spec/template/spec/containers/0/ports/0/containerPort"
    json_patch = f"- {{op: replace, path: {port}, value: 6000}}"
    root = _write(
        tmp_path / "root",
        {
            "kustomization.yaml": _kustomization(
                namespace="elsewhere",
                resources=["deployment.yaml", "cm.yaml"],
                components=["../part"],
                patches=[
                    {"path": "env.yaml"},
                    {"target": {"kind": "Deployment", "name": "listing"}, "patch": json_patch},
                ],
                images=[{"name": "stint/listing", "newName": "r.example/listing", "newTag": "7"}],
            ),
            "deployment.yaml": deployment,
            "cm.yaml": _config_map(),
            "env.yaml": env_patch,
        },
    )
    (rendered,) = render(root)
    (container,) = containers(rendered)
    assert rendered["metadata"]["namespace"] == "elsewhere"
    assert container["image"] == "r.example/listing:7"
    assert container["ports"][0]["containerPort"] == 6000
    env = {e["name"]: e.get("value") for e in container["env"]}
    assert env["STINT_GRPC_PORT"] == "6000"
    assert env["EXTRA"] == "x"
    assert "STINT_DATABASE_URL" in env, "a strategic merge replaced the list instead of merging"
    command = binary_command()
    if command is not None:
        assert build_with_binary(command, root) == [rendered]


def _all_problems(resources: list[Resource]) -> list[str]:
    return (
        namespace_problems(resources, "stint")
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
