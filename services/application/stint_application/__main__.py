"""``python -m stint_application`` serves; ``python -m stint_application migrate`` only
migrates the schema (a Kubernetes Job before the rollout) and exits."""

from __future__ import annotations

from collections.abc import Sequence

from stint_application.main import MIGRATIONS, build_spec
from stint_application.settings import ApplicationSettings
from stint_runtime.service.entry import run_command, serve_grpc


def main(argv: Sequence[str] | None = None) -> None:
    serve = serve_grpc(build_spec)
    run_command(
        "stint_application", ApplicationSettings, MIGRATIONS, serve, argv=argv, description=__doc__
    )


if __name__ == "__main__":
    main()
