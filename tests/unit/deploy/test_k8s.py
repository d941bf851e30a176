"""Every overlay, with every combination of optional components, renders (with the real
kustomize) into resources the Kubernetes API accepts (strict schema validation), and
workloads that are hardened, probed, wired together and as the overlay promises."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from stint_capacity.wiring import read_wiring
from stint_runtime.kafka import DEFAULT_PARTITIONS
from tests.unit.deploy.hardening import hardening_problems, image_problems, probe_problems
from tests.unit.deploy.layout import (
    FOLLOWERS,
    FRONT_ENDS,
    K8S,
    Combination,
    combination_id,
    combinations,
    documented_secret_keys,
    write_combination,
)
from tests.unit.deploy.pods import Resource, containers
from tests.unit.deploy.render import render, resource_id
from tests.unit.deploy.schemas import schema_problems
from tests.unit.deploy.wiring import namespace_problems, wiring_problems

COMBINATIONS = combinations()
# What each overlay must set STINT_ENV to; a new overlay has to be added here.
OVERLAY_ENV = {"dev": "development", "production": "production"}


def _render(combination: Combination, tmp_path: Path) -> list[Resource]:
    return render(write_combination(combination, tmp_path / "combination"))


def _problems(resources: list[Resource], external_keys: set[str]) -> list[str]:
    return (
        schema_problems(resources)
        + namespace_problems(resources, "stint")
        + hardening_problems(resources)
        + probe_problems(resources)
        + image_problems(resources)
        + wiring_problems(resources, external_keys)
    )


def test_the_tree_has_overlays_and_optional_components() -> None:
    overlays = {overlay for overlay, _ in COMBINATIONS}
    assert overlays == set(OVERLAY_ENV)
    assert any("network-policy" in extra for _, extra in COMBINATIONS)
    assert len(COMBINATIONS) >= 6


@pytest.mark.parametrize("combination", COMBINATIONS, ids=combination_id)
def test_combination_renders_hardened_and_wired(combination: Combination, tmp_path: Path) -> None:
    resources = _render(combination, tmp_path)
    assert _problems(resources, documented_secret_keys()) == []
    config = next(r for r in resources if resource_id(r) == ("ConfigMap", "stint", "stint-config"))
    assert config["data"]["STINT_ENV"] == OVERLAY_ENV[combination[0]]
    deployments = {r["metadata"]["name"] for r in resources if r["kind"] == "Deployment"}
    assert {"listing", "application", "gateway"} <= deployments


@pytest.mark.parametrize(
    "combination", [c for c in COMBINATIONS if c[0] == "production"], ids=combination_id
)
def test_production_carries_no_secret(combination: Combination, tmp_path: Path) -> None:
    kinds = {r["kind"] for r in _render(combination, tmp_path)}
    assert "Secret" not in kinds


def test_every_service_has_a_migrations_job_of_the_same_release(tmp_path: Path) -> None:
    resources = render(K8S / "overlays" / "production")
    jobs = {r["metadata"]["name"]: r for r in resources if r["kind"] == "Job"}
    for deployment in (r for r in resources if r["kind"] == "Deployment"):
        name = deployment["metadata"]["name"]
        # No Postgres schema: a follower's store is its own file, a front end has none.
        if name in FOLLOWERS or name in FRONT_ENDS:
            assert f"{name}-migrate" not in jobs
            continue
        job = jobs.get(f"{name}-migrate")
        assert job is not None, f"no migrations Job for {name}"
        (service,) = containers(deployment)
        (migrate,) = containers(job)
        assert migrate["image"] == service["image"]
        assert migrate["args"] == ["migrate"]
        database = next(e for e in service["env"] if e["name"] == "STINT_DATABASE_URL")
        assert database in migrate["env"], f"{name}-migrate uses another database role"
        assert job["spec"]["template"]["spec"]["restartPolicy"] == "Never"


def test_dev_secret_holds_every_key_the_workloads_read() -> None:
    # reference_problems checks rendered Secrets key by key; this makes sure dev has one.
    resources = render(K8S / "overlays" / "dev")
    assert [r["metadata"]["name"] for r in resources if r["kind"] == "Secret"] == ["stint-secrets"]
    assert wiring_problems(resources, external_secret_keys=set()) == []


def test_consumer_lag_scaling_follows_real_groups_and_their_metric(tmp_path: Path) -> None:
    resources = _render(("production", ("consumer-lag-autoscaling",)), tmp_path)
    scaled = [r for r in resources if r["kind"] == "ScaledObject"]
    # The services that consume, and their groups, as the code declares them.
    groups_of: dict[str, set[str]] = {}
    for consumers in read_wiring().consumers.values():
        for service, group in consumers:
            groups_of.setdefault(service, set()).add(group)
    consuming = set(groups_of) - {"analytics"}  # analytics runs as one replica (a job)
    assert {s["spec"]["scaleTargetRef"]["name"] for s in scaled} == consuming
    assert not [r for r in resources if r["kind"] == "HorizontalPodAutoscaler"
                and r["metadata"]["name"] in consuming], "KEDA makes their autoscalers"  # fmt: skip
    for scaler in scaled:
        service = scaler["spec"]["scaleTargetRef"]["name"]
        assert scaler["spec"]["maxReplicaCount"] <= DEFAULT_PARTITIONS, "idle members"
        (lag,) = [t["metadata"] for t in scaler["spec"]["triggers"] if t["type"] == "prometheus"]
        found = re.fullmatch(
            r'max\(sum by \(group\) \(stint_consumer_lag\{group=~"(.+)"\}\)\)', lag["query"]
        )
        assert found, lag["query"]
        # The PromQL string holds the regex with its backslash escaped.
        pattern = re.compile(found.group(1).replace("\\\\", "\\"))
        assert {g for g in groups_of[service] if pattern.fullmatch(g)} == groups_of[service]
        others = {g for s, groups in groups_of.items() if s != service for g in groups}
        assert not {g for g in others if pattern.fullmatch(g)}, "another service's groups"
        deployment = next(
            r for r in resources if r["kind"] == "Deployment" and r["metadata"]["name"] == service
        )
        (container,) = containers(deployment)
        assert {"name": "metrics", "containerPort": 9464, "protocol": "TCP"} in container["ports"]
