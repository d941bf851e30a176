"""``python -m stint_notification`` serves; ``python -m stint_notification migrate`` only
migrates the schema (a Kubernetes Job before the rollout) and exits."""

from __future__ import annotations

from collections.abc import Sequence

from stint_notification.main import MIGRATIONS, build_spec
from stint_notification.settings import NotificationSettings
from stint_runtime.service.entry import run_command, serve_grpc


def main(argv: Sequence[str] | None = None) -> None:
    serve = serve_grpc(build_spec)
    run_command(
        "stint_notification",
        NotificationSettings,
        MIGRATIONS,
        serve,
        argv=argv,
        description=__doc__,
    )


if __name__ == "__main__":
    main()
