"""What ``python -m <service>`` runs: ``serve`` (the default), or ``migrate``, which
only migrates the service's schema and exits (a Kubernetes Job before the rollout)."""

from __future__ import annotations

import argparse
import asyncio
import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from stint_runtime.logging import configure_logging
from stint_runtime.service.running import migrate_only, run_service
from stint_runtime.service.spec import ServiceSpec
from stint_runtime.settings import ServiceSettings

__all__ = ["run_command", "serve_grpc"]

S = TypeVar("S", bound=ServiceSettings)


def run_command(
    package: str,
    settings: Callable[[], S],
    migrations_dir: Path,
    serve: Callable[[S], None],
    *,
    argv: Sequence[str] | None = None,
    description: str | None = None,
) -> None:
    """Parse ``[serve|migrate]``, read the settings (validated before anything starts),
    then serve with ``serve`` or apply the migrations of ``migrations_dir``."""
    parser = argparse.ArgumentParser(prog=f"python -m {package}", description=description)
    parser.add_argument("command", nargs="?", choices=["serve", "migrate"], default="serve")
    command = parser.parse_args(argv).command
    chosen = settings()
    if command == "migrate":
        configure_logging(chosen.service_name, chosen.log_level)
        applied = asyncio.run(migrate_only(chosen, migrations_dir))
        logging.getLogger(package).info("migrated", extra={"applied": applied})
        return
    serve(chosen)


def serve_grpc(build_spec: Callable[[S], ServiceSpec]) -> Callable[[S], None]:
    """``serve`` for a gRPC service: runs what ``build_spec`` makes of the settings
    until SIGTERM or SIGINT."""

    def serve(settings: S) -> None:
        asyncio.run(run_service(build_spec(settings)))

    return serve
