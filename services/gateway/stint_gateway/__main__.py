"""``python -m stint_gateway`` serves the API; ``python -m stint_gateway migrate``
only applies the gateway's migrations (a Kubernetes Job, a pre-start step)."""

from __future__ import annotations

import signal
from collections.abc import Sequence
from types import FrameType

import uvicorn

from stint_gateway.app import create_app
from stint_gateway.lifespan import MIGRATIONS
from stint_gateway.settings import GatewaySettings
from stint_runtime.service.entry import run_command


def serve(settings: GatewaySettings) -> None:
    """Until SIGTERM or SIGINT; then stop accepting, finish requests in flight (up to
    the shutdown grace), and run the shutdown (relay, channels, pool)."""
    config = uvicorn.Config(
        create_app(settings),
        host=settings.http_host,
        port=settings.http_port,
        log_config=None,
        access_log=False,
        lifespan="on",
        # The C parser; the standard asyncio loop, on which grpc.aio is at its best (it
        # was slower on uvloop in the gateway benchmark).
        http="httptools",
        loop="asyncio",
        timeout_graceful_shutdown=int(settings.shutdown_grace_s),
    )
    # uvicorn stops gracefully on SIGTERM/SIGINT, restores the handlers it found and
    # raises the signal again: these end the process normally (exit 0) at that point,
    # as the other services do, and also stop it if a signal comes before uvicorn's.
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, _exit_normally)
    uvicorn.Server(config).run()


def _exit_normally(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(0)


def main(argv: Sequence[str] | None = None) -> None:
    run_command("stint_gateway", GatewaySettings, MIGRATIONS, serve, argv=argv, description=__doc__)


if __name__ == "__main__":
    main()
