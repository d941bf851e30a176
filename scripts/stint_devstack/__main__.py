"""``python -m stint_devstack run``: the whole platform locally (what ``scripts/run`` runs)."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import signal
from collections.abc import Mapping, Sequence
from pathlib import Path

from stint_devstack import console, datadir, provision_cli
from stint_devstack.ports import PortTaken
from stint_devstack.stack import LocalPlatform, RunOptions, StartupFailed


def parse(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m stint_devstack", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser(
        "run",
        help="start Postgres, the broker and every service; load demo data",
        description="Start Postgres (embedded, or DATABASE_URL), a Kafka broker (embedded "
        "Tansu, or KAFKA_BOOTSTRAP_SERVERS) and every service, supervised; load demo data; "
        "run until Ctrl-C or SIGTERM. A port of 0 picks a free one.",
    )
    run.add_argument("--fresh", action="store_true", help="start from empty data")
    run.add_argument("--gateway-port", type=int, default=8000, metavar="PORT")
    run.add_argument("--broker-port", type=int, default=9092, metavar="PORT")
    run.add_argument("--listing-port", type=int, default=50051, metavar="PORT")
    run.add_argument("--application-port", type=int, default=50052, metavar="PORT")
    run.add_argument("--matching-port", type=int, default=50053, metavar="PORT")
    run.add_argument("--notification-port", type=int, default=50054, metavar="PORT")
    run.add_argument("--reputation-port", type=int, default=50055, metavar="PORT")
    run.add_argument(
        "--smtp-port", type=int, default=2525, metavar="PORT", help="the local mail catcher"
    )
    run.add_argument("--web-port", type=int, default=8080, metavar="PORT", help="the web app")
    run.add_argument("--data-dir", type=Path, default=Path(".stint"), metavar="DIR")
    run.add_argument(
        "--ready-timeout", type=float, default=120.0, metavar="SECONDS",
        help="how long to wait for the gateway to be ready (default 120)",
    )  # fmt: skip
    run.add_argument("--no-demo", action="store_true", help="do not load demo data")
    provision = commands.add_parser(
        "provision",
        help="create the database, roles, schemas and topics (Compose, Kubernetes Job)",
    )
    provision_cli.add_arguments(provision)
    return parser.parse_args(argv)


async def run_platform(options: RunOptions, environ: Mapping[str, str] = os.environ) -> int:
    """Run until SIGINT or SIGTERM; a second signal kills the services at once."""
    platform = LocalPlatform(options, environ)
    body = asyncio.create_task(platform.run())
    signals_seen = 0

    def on_signal(sig: signal.Signals) -> None:
        nonlocal signals_seen
        signals_seen += 1
        if signals_seen == 1:
            console.say(f"{sig.name}: stopping everything (again to hurry)")
            body.cancel()
        else:
            platform.hurry()

    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, on_signal, sig)
    try:
        await body
    except asyncio.CancelledError:
        console.say("stopped")
        return 0
    except (StartupFailed, PortTaken, datadir.DataDirInUse) as exc:
        console.say(f"could not start: {exc}")
        return 1
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = parse(argv)
    if args.command == "provision":
        return provision_cli.run(args)
    logging.basicConfig(level=logging.WARNING, format="%(name)s: %(message)s")
    options = RunOptions(
        data_dir=args.data_dir,
        fresh=args.fresh,
        gateway_port=args.gateway_port,
        broker_port=args.broker_port,
        listing_port=args.listing_port,
        application_port=args.application_port,
        matching_port=args.matching_port,
        notification_port=args.notification_port,
        reputation_port=args.reputation_port,
        smtp_port=args.smtp_port,
        web_port=args.web_port,
        ready_timeout_s=args.ready_timeout,
        demo=not args.no_demo,
    )
    return asyncio.run(run_platform(options))


if __name__ == "__main__":
    raise SystemExit(main())
