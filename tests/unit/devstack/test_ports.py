import pytest

from stint_devstack.ports import PortTaken, choose_ports
from stint_devstack.services import PlatformPorts

DEFAULTS = PlatformPorts(gateway=8000, broker=9092, listing=50051, application=50052)


def test_free_ports_asked_for_are_kept() -> None:
    assert choose_ports(DEFAULTS, taken=lambda port: False) == DEFAULTS


def test_a_zero_picks_a_free_port() -> None:
    picked = iter([41000, 41001])
    asked = PlatformPorts(gateway=0, broker=9092, listing=0, application=50052)
    chosen = choose_ports(asked, taken=lambda port: False, pick=lambda: next(picked))
    assert chosen == PlatformPorts(gateway=41000, broker=9092, listing=41001, application=50052)


def test_a_taken_port_is_refused_naming_the_option_to_change() -> None:
    with pytest.raises(PortTaken, match=r"port 9092 \(broker\).*--broker-port"):
        choose_ports(DEFAULTS, taken=lambda port: port == 9092)


def test_listeners_that_will_not_run_are_not_checked() -> None:
    chosen = choose_ports(
        DEFAULTS, unused={"broker", "application"}, taken=lambda port: port in (9092, 50052)
    )
    assert chosen == DEFAULTS
