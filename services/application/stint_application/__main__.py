"""``python -m stint_application`` serves; ``python -m stint_application migrate`` only
migrates the schema (a Kubernetes Job before the rollout) and exits."""

from __future__ import annotations

import argparse
import asyncio
import logging
from collections.abc import Sequence

from stint_application.main import MIGRATIONS, build_spec
from stint_application.settings import ApplicationSettings
from stint_runtime.logging import configure_logging
from stint_runtime.service import migrate_only, run_service

log = logging.getLogger("stint_application")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m stint_application")
    parser.add_argument("command", nargs="?", choices=["serve", "migrate"], default="serve")
    command = parser.parse_args(argv).command
    settings = ApplicationSettings()
    if command == "migrate":
        configure_logging(settings.service_name, settings.log_level)
        applied = asyncio.run(migrate_only(settings, MIGRATIONS))
        log.info("migrated", extra={"applied": applied})
        return
    asyncio.run(run_service(build_spec(settings)))


if __name__ == "__main__":
    main()
