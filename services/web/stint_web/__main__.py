"""``python -m stint_web`` serves the web app (HTTP) until SIGTERM or SIGINT."""

from __future__ import annotations

import argparse
import signal
from collections.abc import Sequence
from types import FrameType

import uvicorn

from stint_runtime.logging import configure_logging
from stint_web.app import create_app
from stint_web.settings import WebSettings


def serve(settings: WebSettings) -> None:
    configure_logging(settings.service_name, settings.log_level)
    config = uvicorn.Config(
        create_app(settings),
        host=settings.http_host,
        port=settings.http_port,
        log_config=None,
        access_log=False,
        lifespan="on",
        proxy_headers=False,
    )
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, _exit_normally)
    uvicorn.Server(config).run()


def _exit_normally(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(0)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m stint_web", description=__doc__)
    parser.add_argument("command", nargs="?", choices=["serve"], default="serve")
    parser.parse_args(argv)
    serve(WebSettings())


if __name__ == "__main__":
    main()
