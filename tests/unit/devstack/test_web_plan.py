"""``scripts/run`` starts the web app after the gateway, on its own port, pointed at the
gateway and given nothing of the platform's internals; the banner lists it first."""

from stint_devstack import banner
from stint_devstack.credentials import PlatformSecrets
from stint_devstack.services import PlatformPorts, plan_services, service_environment

PORTS = PlatformPorts(gateway=8100, broker=9100, listing=50100, web=8180)
SECRETS = PlatformSecrets("internal-s", "jwt-s", {"listing": "pw-l"}, signing_key="signing-s")


def test_the_web_app_runs_after_the_gateway_and_talks_only_to_it() -> None:
    plans = plan_services(PORTS, running={"web"})
    assert [p.name for p in plans] == ["listing", "gateway", "web"]
    env = service_environment(
        plans[-1],
        inherited={"STINT_INTERNAL_SECRET": "stray", "STINT_WEB_SESSION_KEY": "stray"},
        database_url="",
        bootstrap_servers="127.0.0.1:9100",
        secrets=SECRETS,
    )
    assert env["STINT_HTTP_PORT"] == "8180"
    assert env["STINT_GATEWAY_URL"] == "http://127.0.0.1:8100"
    assert env["STINT_ENV"] == "development"
    for internal in (
        "STINT_INTERNAL_SECRET", "STINT_KAFKA_BOOTSTRAP_SERVERS", "STINT_DATABASE_URL",
        "STINT_JWT_SECRET", "STINT_WEB_SESSION_KEY",
    ):  # fmt: skip
        assert internal not in env


def test_without_the_web_app_nothing_plans_it() -> None:
    assert "web" not in [p.name for p in plan_services(PORTS, running=set())]


def test_the_banner_lists_the_web_app() -> None:
    info = banner.PlatformInfo(
        gateway_url="http://127.0.0.1:8000", grpc_ports={}, broker="b", broker_kind="k",
        database="postgresql://x@/stint", database_kind="d", logs="l", ready_after_s=1.0,
        demo_loaded=False, web_url="http://127.0.0.1:8080",
    )  # fmt: skip
    first_row = banner.render(info).splitlines()[2]
    assert "Web app" in first_row and "http://127.0.0.1:8080" in first_row
