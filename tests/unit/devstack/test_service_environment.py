from stint_devstack.credentials import PlatformSecrets
from stint_devstack.services import PlatformPorts, plan_services, service_environment

PORTS = PlatformPorts(gateway=8100, broker=9100, listing=50100, application=50101)
SECRETS = PlatformSecrets(
    "internal-s", "jwt-s", {"listing": "pw-l", "gateway": "pw-g"}, signing_key="signing-s"
)


ALL = {"application", "matching", "notification", "reputation", "analytics"}


def environment(name: str, *, running: set[str] = ALL, **inherited: str) -> dict[str, str]:
    plans = plan_services(
        PORTS, running=running, public_url="http://127.0.0.1:8100", analytics_db="/d/a.duckdb"
    )
    plan = next(p for p in plans if p.name == name)
    return service_environment(
        plan,
        inherited=inherited,
        database_url=f"postgresql://{name}:pw@/stint?host=/sock",
        bootstrap_servers="127.0.0.1:9100",
        secrets=SECRETS,
    )


def test_a_back_end_gets_its_own_role_schema_port_and_the_shared_secret() -> None:
    env = environment("listing")
    assert env["STINT_ENV"] == "development"
    assert env["STINT_SERVICE_NAME"] == "listing"
    assert env["STINT_DATABASE_URL"] == "postgresql://listing:pw@/stint?host=/sock"
    assert env["STINT_DATABASE_SCHEMA"] == "listing"
    assert env["STINT_KAFKA_BOOTSTRAP_SERVERS"] == "127.0.0.1:9100"
    assert env["STINT_GRPC_PORT"] == "50100"
    assert env["STINT_INTERNAL_SECRET"] == "internal-s"
    assert "STINT_JWT_SECRET" not in env
    assert "STINT_HTTP_PORT" not in env


def test_the_gateway_gets_http_tokens_and_the_addresses_it_calls() -> None:
    env = environment("gateway")
    assert env["STINT_HTTP_HOST"] == "127.0.0.1"
    assert env["STINT_HTTP_PORT"] == "8100"
    assert env["STINT_JWT_SECRET"] == "jwt-s"
    assert env["STINT_LISTING_ADDR"] == "127.0.0.1:50100"
    assert env["STINT_APPLICATION_ADDR"] == "127.0.0.1:50101"
    assert "STINT_GRPC_PORT" not in env


def test_without_the_application_service_the_gateway_is_told_it_is_absent() -> None:
    plans = plan_services(PORTS, running=set())
    assert [p.name for p in plans] == ["listing", "gateway"]
    assert environment("gateway", running=set())["STINT_APPLICATION_ADDR"] == ""


def test_every_back_end_runs_before_the_gateway_which_calls_each() -> None:
    plans = plan_services(PORTS, running=ALL)
    assert [p.name for p in plans] == [
        "listing", "application", "matching", "notification", "reputation", "analytics", "gateway"
    ]  # fmt: skip
    env = environment("gateway")
    assert env["STINT_MATCHING_ADDR"] == "127.0.0.1:50053"
    assert env["STINT_NOTIFICATION_ADDR"] == "127.0.0.1:50054"
    assert env["STINT_REPUTATION_ADDR"] == "127.0.0.1:50055"
    assert "STINT_ANALYTICS_ADDR" not in env, "the gateway never calls analytics"


def test_analytics_follows_the_topics_into_its_own_file_without_postgres() -> None:
    (plan,) = [p for p in plan_services(PORTS, running=ALL, analytics_db="/d/a.duckdb")
               if p.name == "analytics"]  # fmt: skip
    assert (plan.module, plan.args, plan.grpc_port) == ("stint_analytics", ("serve",), None)
    env = environment("analytics", STINT_DATABASE_URL="postgresql://elsewhere/db")
    assert env["STINT_ANALYTICS_DB"] == "/d/a.duckdb"
    assert env["STINT_KAFKA_BOOTSTRAP_SERVERS"] == "127.0.0.1:9100"
    assert "STINT_DATABASE_URL" not in env
    assert "STINT_GRPC_PORT" not in env


def test_notification_sends_to_the_mail_catcher_and_reputation_signs_with_the_key() -> None:
    mail = environment("notification")
    assert (mail["STINT_SMTP_HOST"], mail["STINT_SMTP_PORT"]) == ("127.0.0.1", "2525")
    signing = environment("reputation")
    assert signing["STINT_CREDENTIAL_SIGNING_KEY"] == "signing-s"
    assert signing["STINT_PUBLIC_BASE_URL"] == "http://127.0.0.1:8100"
    assert mail["STINT_PUBLIC_BASE_URL"] == "http://127.0.0.1:8100", "links in mail"
    assert "STINT_CREDENTIAL_SIGNING_KEY" not in environment("listing")


def test_tracing_and_log_level_pass_through_but_platform_values_cannot_be_overridden() -> None:
    env = environment(
        "listing",
        STINT_OTLP_ENDPOINT="http://127.0.0.1:4317",
        STINT_LOG_LEVEL="DEBUG",
        STINT_DATABASE_URL="postgresql://someone-else/db",
        STINT_HTTP_PORT="1234",
        PATH="/usr/bin",
    )
    assert env["STINT_OTLP_ENDPOINT"] == "http://127.0.0.1:4317"
    assert env["STINT_LOG_LEVEL"] == "DEBUG"
    assert env["PATH"] == "/usr/bin"
    assert env["STINT_DATABASE_URL"] == "postgresql://listing:pw@/stint?host=/sock"
    assert "STINT_HTTP_PORT" not in env
    assert env["PYTHONUNBUFFERED"] == "1"


def test_services_get_a_short_stop_grace_unless_one_is_set() -> None:
    assert environment("listing")["STINT_SHUTDOWN_GRACE_S"] == "2"
    assert environment("listing", STINT_SHUTDOWN_GRACE_S="7")["STINT_SHUTDOWN_GRACE_S"] == "7"
