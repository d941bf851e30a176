"""Where webhooks may go: https only in production, never inside the network (also
after DNS resolution); development and test allow local receivers."""

from __future__ import annotations

import pytest

from stint_notification.domain.targets import (
    Target,
    TargetPolicy,
    refused_address,
    webhook_target,
)

PRODUCTION = TargetPolicy(private_allowed=False)
DEVELOPMENT = TargetPolicy(private_allowed=True)


def test_a_public_https_url_is_taken_apart() -> None:
    target = webhook_target("https://hooks.example.com:8443/in?x=1", PRODUCTION)
    assert target == Target(
        "https://hooks.example.com:8443/in?x=1", "https", "hooks.example.com", 8443, "/in?x=1"
    )
    assert isinstance(webhook_target("https://hooks.example.com", PRODUCTION), Target)


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("http://hooks.example.com/", "https"),
        ("ftp://hooks.example.com/", "https"),
        ("https://127.0.0.1/", "loopback"),
        ("https://10.1.2.3/", "private"),
        ("https://169.254.169.254/latest/meta-data", "link-local"),
        ("https://[::1]/", "loopback"),
        ("https://localhost/", "loopback"),
        ("https://user:pw@hooks.example.com/", "password"),
        ("https://hooks.example.com/#x", "fragment"),
        ("https:///nohost", "host"),
        ("https://hooks.example.com:99999/", "URL"),
        ("https://hooks.example.com/a b", "white space"),
        ("https://" + "a" * 2000 + ".com", "2000"),
    ],
)
def test_production_refuses(url: str, why: str) -> None:
    refusal = webhook_target(url, PRODUCTION)
    assert isinstance(refusal, str) and why in refusal


def test_development_allows_a_local_plain_http_receiver() -> None:
    assert isinstance(webhook_target("http://127.0.0.1:9000/hook", DEVELOPMENT), Target)
    assert isinstance(webhook_target("http://localhost:9000/hook", DEVELOPMENT), Target)
    assert isinstance(webhook_target("ftp://localhost/", DEVELOPMENT), str)


@pytest.mark.parametrize(
    "addresses",
    [
        ["127.0.0.1"],
        ["10.0.0.7"],
        ["172.16.5.4"],
        ["192.168.1.1"],
        ["169.254.169.254"],
        ["100.64.0.1"],
        ["0.0.0.0"],
        ["::1"],
        ["fd00:ec2::254"],
        ["fe80::1%eth0"],
        ["::ffff:127.0.0.1"],
        ["224.0.0.1"],
        ["93.184.216.34", "10.0.0.1"],
        [],
    ],
)
def test_an_address_inside_the_network_is_refused_after_resolution(
    addresses: list[str],
) -> None:
    assert refused_address(addresses, PRODUCTION) is not None


def test_public_addresses_pass() -> None:
    assert refused_address(["93.184.216.34", "2606:2800:220:1::1"], PRODUCTION) is None
    assert refused_address(["127.0.0.1"], DEVELOPMENT) is None
    assert refused_address([], DEVELOPMENT) == "the host does not resolve"
