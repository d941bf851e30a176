"""``python -m stint_reputation`` serves; ``python -m stint_reputation migrate`` only
migrates the schema (a Kubernetes Job before the rollout) and exits. Operators revoke
with ``python -m stint_reputation.revoke``; anyone verifies saved credentials with
``python -m stint_reputation.verify``."""

from __future__ import annotations

from collections.abc import Sequence

from stint_reputation.main import MIGRATIONS, build_spec
from stint_reputation.settings import ReputationSettings
from stint_runtime.service.entry import run_command, serve_grpc


def main(argv: Sequence[str] | None = None) -> None:
    serve = serve_grpc(build_spec)
    run_command(
        "stint_reputation", ReputationSettings, MIGRATIONS, serve, argv=argv, description=__doc__
    )


if __name__ == "__main__":
    main()
