"""``python -m stint_analytics serve | rebuild | report [--html FILE] [--since DATE]
[--until DATE]``: land every topic as it grows, land everything again from offset 0,
or print the marketplace report (and write it as HTML with charts)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from pydantic import ValidationError

from stint_analytics import main as composition
from stint_analytics.settings import AnalyticsSettings
from stint_analytics.store.connection import StoreBusy, StoreMissing, StoreOutdated


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m stint_analytics", description=__doc__)
    parser.add_argument("--db", type=Path, help="the DuckDB file (default: STINT_ANALYTICS_DB)")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("serve", help="land every topic until SIGTERM")
    rebuild = commands.add_parser("rebuild", help="drop the tables, land again from offset 0")
    rebuild.add_argument("--no-progress", action="store_true", help="no progress bar")
    report = commands.add_parser("report", help="print the marketplace report")
    report.add_argument("--html", type=Path, metavar="FILE", help="also write it as HTML")
    report.add_argument(
        "--since", type=date.fromisoformat, metavar="DATE", help="listings published from DATE"
    )
    report.add_argument(
        "--until", type=date.fromisoformat, metavar="DATE", help="and before DATE (exclusive)"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        settings = AnalyticsSettings()
    except ValidationError as exc:
        print(f"invalid settings: {exc}", file=sys.stderr)
        return 2
    if args.db is not None:
        settings = settings.model_copy(update={"analytics_db": args.db})
    try:
        if args.command == "serve":
            composition.serve(settings)
        elif args.command == "rebuild":
            done = composition.rebuild(settings, show_progress=not args.no_progress)
            print(
                f"rebuilt {settings.analytics_db}: {done.records} records read, "
                f"{done.events} events landed, {done.duplicates} duplicates skipped"
            )
        else:
            _, text = composition.report(
                settings, since=args.since, until=args.until, html=args.html
            )
            sys.stdout.write(text)
            if args.html is not None:
                print(f"HTML report written to {args.html}", file=sys.stderr)
    except (StoreMissing, StoreBusy, StoreOutdated) as exc:
        print(str(exc), file=sys.stderr)
        return 3
    return 0


if __name__ == "__main__":
    sys.exit(main())
