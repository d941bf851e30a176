"""Which connections a set of NetworkPolicies allows, read as Kubernetes reads them: a
pod selected by no policy of a direction is open in that direction; a selected pod
accepts only what some rule of a selecting policy allows."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field
from typing import Any

from tests.unit.deploy.pods import Resource

__all__ = ["OUTSIDE", "Peer", "allowed", "outside", "selects"]


@dataclass(frozen=True)
class Peer:
    """One end of a connection: a pod (labels, namespace) or an address outside."""

    labels: dict[str, str] = field(default_factory=dict)
    namespace: str = "stint"
    namespace_labels: dict[str, str] = field(default_factory=dict)
    is_pod: bool = True
    address: str = "203.0.113.10"
    """Outside peers: the address (by default a public one, from a documentation range)."""

    def __post_init__(self) -> None:
        self.namespace_labels.setdefault("kubernetes.io/metadata.name", self.namespace)


OUTSIDE = Peer(is_pod=False)


def outside(address: str) -> Peer:
    """An address outside the cluster's pods."""
    return Peer(is_pod=False, address=address)


def _in_block(block: dict[str, Any], address: str) -> bool:
    ip = ipaddress.ip_address(address)
    if ip not in ipaddress.ip_network(block["cidr"]):
        return False
    return not any(ip in ipaddress.ip_network(e) for e in block.get("except") or [])


def selects(selector: dict[str, Any], labels: dict[str, str]) -> bool:
    """A label selector (matchLabels and matchExpressions In/NotIn/Exists) against labels;
    the empty selector selects everything."""
    if any(labels.get(k) != v for k, v in (selector.get("matchLabels") or {}).items()):
        return False
    for expression in selector.get("matchExpressions") or []:
        key, operator = expression["key"], expression["operator"]
        values = expression.get("values") or []
        present = key in labels
        if operator == "In" and not (present and labels[key] in values):
            return False
        if operator == "NotIn" and present and labels[key] in values:
            return False
        if operator == "Exists" and not present:
            return False
        if operator == "DoesNotExist" and present:
            return False
    return True


def _types(policy: Resource) -> list[str]:
    spec = policy["spec"]
    return spec.get("policyTypes") or ["Ingress", *(["Egress"] if "egress" in spec else [])]


def _peer_matches(entry: dict[str, Any], peer: Peer, policy_namespace: str) -> bool:
    if "ipBlock" in entry:
        return not peer.is_pod and _in_block(entry["ipBlock"], peer.address)
    if not peer.is_pod:
        return False
    if "namespaceSelector" in entry:
        if not selects(entry["namespaceSelector"], peer.namespace_labels):
            return False
    elif peer.namespace != policy_namespace:
        return False
    return selects(entry.get("podSelector") or {}, peer.labels)


def _port_matches(ports: list[dict[str, Any]] | None, port: int, protocol: str) -> bool:
    if not ports:
        return True
    return any(
        p.get("protocol", "TCP") == protocol and p.get("port") in (None, port) for p in ports
    )


def _direction_allows(
    policies: list[Resource], pod: Peer, other: Peer, port: int, protocol: str, direction: str
) -> bool:
    if not pod.is_pod:
        return True  # addresses outside the cluster are not governed by these policies
    selecting = [
        p
        for p in policies
        if p["metadata"].get("namespace", "stint") == pod.namespace
        and selects(p["spec"].get("podSelector") or {}, pod.labels)
        and direction in _types(p)
    ]
    if not selecting:
        return True
    rules_key, peers_key = ("ingress", "from") if direction == "Ingress" else ("egress", "to")
    for policy in selecting:
        namespace = policy["metadata"].get("namespace", "stint")
        for rule in policy["spec"].get(rules_key) or []:
            peers = rule.get(peers_key)
            if (
                not peers or any(_peer_matches(e, other, namespace) for e in peers)
            ) and _port_matches(rule.get("ports"), port, protocol):
                return True
    return False


def allowed(
    policies: list[Resource], source: Peer, destination: Peer, port: int, protocol: str = "TCP"
) -> bool:
    """True when the source may send to the destination's port, and it may receive it."""
    return _direction_allows(
        policies, source, destination, port, protocol, "Egress"
    ) and _direction_allows(policies, destination, source, port, protocol, "Ingress")
