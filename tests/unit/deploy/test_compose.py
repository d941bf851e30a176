"""docker-compose.yml: valid under the Compose Specification's own schema (check-jsonschema
ships it), refuses to start without secrets, starts in the right order, and every
address, port and credential lines up between services."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml

from tests.unit.deploy.compose import load_compose, read_env_file, referenced, variables
from tests.unit.deploy.dockerfile import parse_dockerfile
from tests.unit.deploy.layout import COMPOSE_FILE, REPOSITORY, SERVICES

DEVELOPMENT_ENV = REPOSITORY / "deploy" / "compose" / "development.env"
SECRET_VARIABLES = {
    "POSTGRES_PASSWORD",
    "STINT_INTERNAL_SECRET",
    "STINT_JWT_SECRET",
    "STINT_GATEWAY_DB_PASSWORD",
    "STINT_LISTING_DB_PASSWORD",
    "STINT_APPLICATION_DB_PASSWORD",
    "STINT_MATCHING_DB_PASSWORD",
    "STINT_NOTIFICATION_DB_PASSWORD",
    "STINT_REPUTATION_DB_PASSWORD",
    "STINT_CREDENTIAL_SIGNING_KEY",
    "STINT_UNSUBSCRIBE_SECRET",
    "STINT_WEB_SESSION_KEY",
}


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    return load_compose(COMPOSE_FILE)


def _env(compose: dict[str, Any], service: str) -> dict[str, str]:
    return {k: str(v) for k, v in (compose["services"][service].get("environment") or {}).items()}


def _check_compose(path: Path) -> subprocess.CompletedProcess[str]:
    binary = Path(sys.executable).with_name("check-jsonschema")
    return subprocess.run(
        [str(binary), "--builtin-schema", "vendor.compose-spec", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_the_compose_file_follows_the_compose_specification() -> None:
    checked = _check_compose(COMPOSE_FILE)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_a_service_with_an_unknown_key_is_refused(tmp_path: Path) -> None:
    broken = tmp_path / "docker-compose.yml"
    text = COMPOSE_FILE.read_text()
    broken.write_text(
        text.replace("    restart: unless-stopped\n", "    restrat: unless-stopped\n", 1)
    )
    checked = _check_compose(broken)
    assert checked.returncode != 0
    assert "restrat" in checked.stdout + checked.stderr


def test_compose_refuses_to_start_without_its_secrets() -> None:
    required = {n for n, op in variables(load_compose(COMPOSE_FILE)).items() if "?" in op}
    assert required == SECRET_VARIABLES


def test_no_secret_is_written_in_the_compose_file() -> None:
    raw = load_compose(COMPOSE_FILE)
    for name, service in raw["services"].items():
        for key, value in (service.get("environment") or {}).items():
            if re.search(r"SECRET|PASSWORD", key):
                assert re.fullmatch(r"\$\{\w+:\?[^}]+\}", str(value)), f"{name}: {key}"
            if key.endswith("DATABASE_URL"):
                dsn = r"postgresql://\w+:\$\{\w+:\?[^}]+\}@[\w.-]+:\d+/\w+"
                assert re.fullmatch(dsn, str(value)), f"{name}: {key}"


def test_the_development_env_file_sets_every_variable_and_development(
    compose: dict[str, Any],
) -> None:
    development = read_env_file(DEVELOPMENT_ENV)
    # Every variable without a default is set there.
    assert set(development) >= {n for n, op in variables(compose).items() if "-" not in op}
    assert development["STINT_ENV"] == "development"
    for service in SERVICES:
        assert referenced(_env(compose, service)["STINT_ENV"]) == ["STINT_ENV"]


def test_services_build_from_their_dockerfiles(compose: dict[str, Any]) -> None:
    for service in SERVICES:
        build = compose["services"][service]["build"]
        assert build["context"] == "."
        assert build["dockerfile"] == f"services/{service}/Dockerfile"
        assert (REPOSITORY / build["dockerfile"]).is_file()


def _healthchecked(compose: dict[str, Any], name: str) -> bool:
    service = compose["services"][name]
    check = service.get("healthcheck") or {}
    if check.get("disable"):
        return False
    if check.get("test"):
        return True
    dockerfile = (service.get("build") or {}).get("dockerfile")
    if not dockerfile:
        return False
    return parse_dockerfile(REPOSITORY / str(dockerfile)).final.has("HEALTHCHECK")


def test_start_order_waits_for_health_and_provisioning(compose: dict[str, Any]) -> None:
    services = compose["services"]
    for name, service in services.items():
        for target, condition in (service.get("depends_on") or {}).items():
            assert target in services, f"{name} depends on unknown {target}"
            if condition["condition"] == "service_healthy":
                assert _healthchecked(compose, target), f"{target} has no healthcheck"
    for name in SERVICES:
        depends = services[name]["depends_on"]
        assert depends["provision"]["condition"] == "service_completed_successfully"
    gateway = services["gateway"]["depends_on"]
    assert gateway["listing"]["condition"] == gateway["application"]["condition"]
    assert gateway["listing"]["condition"] == "service_healthy"
    provision = services["provision"]["depends_on"]
    assert {t: c["condition"] for t, c in provision.items()} == {
        "postgres": "service_healthy",
        "kafka": "service_healthy",
    }


def test_kafka_runs_in_kraft_mode_and_services_reach_it(compose: dict[str, Any]) -> None:
    kafka = compose["services"]["kafka"]
    assert kafka["image"].startswith("apache/kafka:")
    assert set(kafka["environment"]["KAFKA_PROCESS_ROLES"].split(",")) == {"broker", "controller"}
    assert not any("zookeeper" in name for name in compose["services"])
    advertised = urlsplit(kafka["environment"]["KAFKA_ADVERTISED_LISTENERS"])
    for service in SERVICES:
        host, _, port = _env(compose, service)["STINT_KAFKA_BOOTSTRAP_SERVERS"].partition(":")
        assert (host, int(port)) == (advertised.hostname, advertised.port)
        assert _env(compose, service)["STINT_KAFKA_IDEMPOTENCE"] == "true"
    assert compose["services"]["postgres"]["image"] == "postgres:17"


def _dsn_password(dsn: str) -> tuple[str, list[str]]:
    """A DSN with its password (a variable reference) taken out, and what it names."""
    found = re.fullmatch(r"(postgresql://\w+:)(\$\{[^}]+\})(@.*)", dsn)
    assert found, dsn
    return found.group(1) + "PASSWORD" + found.group(3), referenced(found.group(2))


def test_database_roles_and_passwords_line_up(compose: dict[str, Any]) -> None:
    provision = _env(compose, "provision")
    admin, admin_password = _dsn_password(compose["services"]["provision"]["command"][1])
    assert admin == "postgresql://postgres:PASSWORD@postgres:5432/postgres"
    assert admin_password == referenced(_env(compose, "postgres")["POSTGRES_PASSWORD"])
    for service in SERVICES:
        env = _env(compose, service)
        dsn, password = _dsn_password(env["STINT_DATABASE_URL"])
        assert dsn == f"postgresql://{service}:PASSWORD@postgres:5432/stint"
        assert env["STINT_DATABASE_SCHEMA"] == service == env["STINT_SERVICE_NAME"]
        variable = f"STINT_{service.upper()}_DB_PASSWORD"
        assert password == referenced(provision[variable]) == [variable]


def test_grpc_addresses_and_ports_line_up(compose: dict[str, Any]) -> None:
    gateway = _env(compose, "gateway")
    for service in (s for s in SERVICES if s != "gateway"):
        env = _env(compose, service)
        assert int(env["STINT_GRPC_PORT"]) == SERVICES[service]
        assert env["STINT_GRPC_HOST"] == "0.0.0.0"
        assert gateway[f"STINT_{service.upper()}_ADDR"] == f"{service}:{SERVICES[service]}"
    assert gateway["STINT_HTTP_HOST"] == "0.0.0.0"
    assert any(p.endswith(":8000") for p in compose["services"]["gateway"]["ports"])


def test_traces_flow_through_the_collector_to_jaeger(compose: dict[str, Any]) -> None:
    collector = compose["services"]["otel-collector"]
    (mount,) = collector["volumes"]
    source, target = mount.split(":")[:2]
    config = yaml.safe_load((REPOSITORY / source).read_text())
    assert f"--config={target}" in collector["command"]
    receiver = config["receivers"]["otlp"]["protocols"]["grpc"]["endpoint"]
    for service in SERVICES:
        endpoint = urlsplit(_env(compose, service)["STINT_OTLP_ENDPOINT"])
        assert endpoint.hostname == "otel-collector"
        assert str(endpoint.port) == receiver.rsplit(":", 1)[1]
    pipeline = config["service"]["pipelines"]["traces"]
    assert pipeline["receivers"] == ["otlp"]
    (exporter,) = pipeline["exporters"]
    host = config["exporters"][exporter]["endpoint"].split(":")[0]
    assert host in compose["services"]
    assert compose["services"][host]["image"].startswith("jaegertracing/")


def test_analytics_follows_the_broker_into_a_volume_of_its_own(compose: dict[str, Any]) -> None:
    analytics = compose["services"]["analytics"]
    assert analytics["build"]["dockerfile"] == "services/analytics/Dockerfile"
    env = _env(compose, "analytics")
    assert "STINT_DATABASE_URL" not in env, "analytics reads no Postgres schema"
    assert (
        env["STINT_KAFKA_BOOTSTRAP_SERVERS"]
        == _env(compose, "listing")["STINT_KAFKA_BOOTSTRAP_SERVERS"]
    )
    (volume,) = analytics["volumes"]
    name, target = volume.split(":")
    assert name in compose["volumes"] and target == "/var/lib/stint"
    assert "deploy" not in analytics or analytics["deploy"].get("replicas", 1) == 1
