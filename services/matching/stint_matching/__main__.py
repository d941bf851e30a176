"""``python -m stint_matching`` serves; ``python -m stint_matching migrate`` only
migrates the schema (a Kubernetes Job before the rollout) and exits."""

from __future__ import annotations

from collections.abc import Sequence

from stint_matching.main import MIGRATIONS, build_spec
from stint_matching.settings import MatchingSettings
from stint_runtime.service.entry import run_command, serve_grpc


def main(argv: Sequence[str] | None = None) -> None:
    serve = serve_grpc(build_spec)
    run_command(
        "stint_matching", MatchingSettings, MIGRATIONS, serve, argv=argv, description=__doc__
    )


if __name__ == "__main__":
    main()
