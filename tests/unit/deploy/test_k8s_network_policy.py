"""The network-policy component: everything is denied but what Stint needs."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.unit.deploy.layout import FRONT_ENDS, K8S, write_combination
from tests.unit.deploy.network_policy import OUTSIDE, Peer, allowed, outside, selects
from tests.unit.deploy.pods import Resource, pod_labels
from tests.unit.deploy.render import render


def _pods(resources: list[Resource]) -> dict[str, Peer]:
    return {
        r["metadata"]["name"]: Peer(labels=pod_labels(r))
        for r in resources
        if r["kind"] in ("Deployment", "Job")
    }


def _policies(resources: list[Resource]) -> list[Resource]:
    return [r for r in resources if r["kind"] == "NetworkPolicy"]


@pytest.fixture(scope="module")
def production() -> list[Resource]:
    return render(K8S / "overlays" / "production")


DNS = Peer(labels={"k8s-app": "kube-dns"}, namespace="kube-system")

CASES = [
    # (source, destination, port, protocol, allowed)
    ("gateway", "listing", 50051, "TCP", True),
    ("gateway", "application", 50052, "TCP", True),
    ("gateway", "matching", 50053, "TCP", True),
    ("gateway", "reputation", 50055, "TCP", True),
    ("matching", "reputation", 50055, "TCP", False),
    ("reputation", "matching", 50053, "TCP", False),
    ("listing", "matching", 50053, "TCP", False),
    ("gateway", "listing", 50052, "TCP", False),
    ("listing", "application", 50052, "TCP", False),
    ("application", "listing", 50051, "TCP", False),
    ("listing", "gateway", 8000, "TCP", False),
    ("listing-migrate", "listing", 50051, "TCP", False),
]


@pytest.mark.parametrize(("source", "destination", "port", "protocol", "expected"), CASES)
def test_calls_between_pods(
    production: list[Resource],
    source: str,
    destination: str,
    port: int,
    protocol: str,
    expected: bool,
) -> None:
    pods = _pods(production)
    got = allowed(_policies(production), pods[source], pods[destination], port, protocol)
    assert got is expected


def test_every_pod_is_denied_by_default_and_reaches_dns_and_data(
    production: list[Resource],
) -> None:
    policies = _policies(production)
    default_deny = [
        p
        for p in policies
        if p["spec"]["podSelector"] == {} and set(p["spec"]["policyTypes"]) == {"Ingress", "Egress"}
    ]
    assert default_deny, "no default-deny policy"
    for name, pod in _pods(production).items():
        assert allowed(policies, pod, DNS, 53, "UDP"), f"{name} cannot resolve names"
        reaches_internet = allowed(policies, pod, OUTSIDE, 443)
        # Only notification goes out: to webhook receivers, which are on the internet.
        assert reaches_internet is (name == "notification"), f"{name} and the internet"
        for port in (5432, 9092):
            # The web app is a client of the public API: no database, no broker.
            reaches = allowed(policies, pod, OUTSIDE, port)
            assert reaches is (name not in FRONT_ENDS), f"{name} and port {port}"


@pytest.mark.parametrize(
    "address", ["10.0.0.7", "172.20.1.1", "192.168.1.1", "127.0.0.1", "169.254.169.254"]
)
def test_webhooks_never_reach_a_private_or_metadata_address(
    production: list[Resource], address: str
) -> None:
    policies = _policies(production)
    pods = _pods(production)
    assert allowed(policies, pods["notification"], OUTSIDE, 443)
    assert not allowed(policies, pods["notification"], outside(address), 443)
    assert allowed(policies, pods["notification"], outside("198.51.100.25"), 587), "SMTP relay"


def test_only_the_gateway_is_reachable_from_outside(production: list[Resource]) -> None:
    policies = _policies(production)
    pods = _pods(production)
    assert allowed(policies, OUTSIDE, pods["gateway"], 8000)
    assert not allowed(policies, OUTSIDE, pods["listing"], 50051)
    assert not allowed(policies, OUTSIDE, pods["application"], 50052)
    assert not allowed(policies, OUTSIDE, pods["listing"], 9464)


def test_the_web_app_is_reachable_from_outside_and_reaches_only_the_gateway(
    production: list[Resource],
) -> None:
    policies = _policies(production)
    pods = _pods(production)
    assert allowed(policies, OUTSIDE, pods["web"], 8080)
    assert allowed(policies, pods["web"], pods["gateway"], 8000)
    for name, port in (("listing", 50051), ("application", 50052), ("reputation", 50055)):
        assert not allowed(policies, pods["web"], pods[name], port), name
    assert not allowed(policies, pods["web"], OUTSIDE, 443)
    assert not allowed(policies, pods["web"], OUTSIDE, 4317)


PROMETHEUS = Peer(labels={"app.kubernetes.io/name": "prometheus"}, namespace="monitoring")


def test_prometheus_scrapes_the_metrics_port_and_nothing_else(production: list[Resource]) -> None:
    policies = _policies(production)
    pods = _pods(production)
    for name in ("listing", "application"):
        assert allowed(policies, PROMETHEUS, pods[name], 9464), name
        assert not allowed(policies, PROMETHEUS, pods[name], 50051), name


def test_dev_services_reach_in_cluster_postgres_and_kafka(tmp_path: Path) -> None:
    resources = render(write_combination(("dev", ("network-policy",)), tmp_path / "c"))
    policies = _policies(resources)
    pods = _pods(resources)
    for name in ("listing", "application", "gateway", "listing-migrate", "provision"):
        assert allowed(policies, pods[name], pods["postgres"], 5432), name
        assert allowed(policies, pods[name], pods["kafka"], 9092), name
    assert not allowed(policies, pods["kafka"], pods["postgres"], 5432)


def test_selector_expressions() -> None:
    labels = {"app.kubernetes.io/name": "kafka"}
    expression = {"key": "app.kubernetes.io/name", "operator": "In", "values": ["kafka"]}
    assert selects({"matchExpressions": [expression]}, labels)
    assert not selects({"matchExpressions": [{**expression, "values": ["postgres"]}]}, labels)
    assert not selects({"matchLabels": {"app.kubernetes.io/name": "gateway"}}, labels)
    assert selects({}, labels)
