"""``python -m stint_listing`` serves; ``python -m stint_listing migrate`` only
migrates the schema (a Kubernetes Job before the rollout) and exits."""

from __future__ import annotations

import argparse
import asyncio
import logging
from collections.abc import Sequence

from stint_listing.main import MIGRATIONS_DIR, build_spec
from stint_listing.settings import ListingSettings
from stint_runtime.logging import configure_logging
from stint_runtime.service import migrate_only, run_service

log = logging.getLogger("stint_listing")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m stint_listing")
    parser.add_argument("command", nargs="?", choices=["serve", "migrate"], default="serve")
    command = parser.parse_args(argv).command
    settings = ListingSettings()
    if command == "migrate":
        configure_logging(settings.service_name, settings.log_level)
        applied = asyncio.run(migrate_only(settings, MIGRATIONS_DIR))
        log.info("migrated", extra={"applied": applied})
        return
    asyncio.run(run_service(build_spec(settings)))


if __name__ == "__main__":
    main()
