"""Where a webhook may be delivered. In production only ``https``, and never to a
loopback, private, link-local (cloud metadata, 169.254.169.254), shared, reserved or
multicast address: the name is checked again after every DNS resolution, right before
each attempt, and the attempt connects to the very address that was checked (redirects
are not followed). Development and test allow plain-http and local receivers."""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import SplitResult, urlsplit

__all__ = ["Target", "TargetPolicy", "refused_address", "webhook_target"]

MAX_URL = 2000


@dataclass(frozen=True)
class TargetPolicy:
    private_allowed: bool
    """Development and test: http and loopback/private receivers are fine."""


@dataclass(frozen=True)
class Target:
    """A webhook URL taken apart for a pinned connection."""

    url: str
    scheme: str
    host: str
    port: int
    path: str
    """The path and query, as sent in the request line."""


def _parts(url: str) -> SplitResult | str:
    if len(url) > MAX_URL:
        return f"at most {MAX_URL} characters"
    if any(c.isspace() or c == "\x00" for c in url):
        return "must not contain white space"
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 (raises on a bad port)
    except ValueError:
        return "is not a URL"
    return parts


def webhook_target(url: str, policy: TargetPolicy) -> Target | str:
    """The target of ``url``, or why it is refused (a sentence for the field)."""
    parts = _parts(url)
    if isinstance(parts, str):
        return parts
    allowed = ("https", "http") if policy.private_allowed else ("https",)
    if parts.scheme not in allowed:
        return "must be an https URL" if not policy.private_allowed else "must be an http(s) URL"
    if not parts.hostname:
        return "must name a host"
    if parts.username is not None or parts.password is not None:
        return "must not carry a user name or password"
    if parts.fragment:
        return "must not have a #fragment"
    host = parts.hostname
    literal = _literal(host)
    if literal is not None and not policy.private_allowed and refused_address([host], policy):
        return "must not point at a loopback, private, link-local or reserved address"
    if not policy.private_allowed and host.rstrip(".").lower() in ("localhost",):
        return "must not point at a loopback, private, link-local or reserved address"
    path = parts.path or "/"
    if parts.query:
        path = f"{path}?{parts.query}"
    port = parts.port or (443 if parts.scheme == "https" else 80)
    return Target(url=url, scheme=parts.scheme, host=host, port=port, path=path)


def _literal(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None


def _public(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(address, ipaddress.IPv6Address):
        mapped = address.ipv4_mapped or address.sixtofour
        if mapped is not None:
            return _public(mapped)
    return address.is_global and not address.is_multicast


def refused_address(addresses: Sequence[str], policy: TargetPolicy) -> str | None:
    """Why a host that resolves to ``addresses`` may not be called, or None. Every
    address must be public: a name with one private address among public ones is
    refused too (the connection could go to any of them)."""
    if not addresses:
        return "the host does not resolve"
    if policy.private_allowed:
        return None
    for text in addresses:
        address = _literal(text.split("%", 1)[0])
        if address is None or not _public(address):
            return f"the host resolves to {text}, a non-public address"
    return None
