"""``python -m stint_runtime.dlq``: list and replay dead letters.

The broker comes from ``--bootstrap`` or ``STINT_KAFKA_BOOTSTRAP_SERVERS``.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from collections.abc import Sequence

from aiokafka.errors import KafkaError

from stint_runtime import dlq

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m stint_runtime.dlq", description="List and replay dead letters."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    for name, text in (
        ("list", "print one line per dead letter"),
        ("replay", "re-publish dead letters to their original topic"),
    ):
        command = commands.add_parser(name, help=text)
        command.add_argument("--topic", required=True, help="the topic (or its .dlq)")
        command.add_argument(
            "--bootstrap",
            default=os.environ.get("STINT_KAFKA_BOOTSTRAP_SERVERS", ""),
            help="Kafka bootstrap servers (default: $STINT_KAFKA_BOOTSTRAP_SERVERS)",
        )
        command.add_argument(
            "--idle-timeout",
            type=float,
            default=2.0,
            help="stop reading once no message came for this many seconds",
        )
    replay = commands.choices["replay"]
    chosen = replay.add_mutually_exclusive_group(required=True)
    chosen.add_argument("--event-id", nargs="+", action="extend", default=[], dest="event_ids")
    chosen.add_argument("--all", action="store_true", help="replay every dead letter")
    return parser


async def _list(args: argparse.Namespace) -> int:
    letters = await dlq.read_dead_letters(args.bootstrap, args.topic, idle_s=args.idle_timeout)
    for letter in letters:
        print(letter.line())
    print(f"{len(letters)} dead letter(s) in {dlq.dlq_name(args.topic)}", file=sys.stderr)
    return 0


async def _replay(args: argparse.Namespace) -> int:
    letters = await dlq.read_dead_letters(args.bootstrap, args.topic, idle_s=args.idle_timeout)
    # An event dead-lettered again after a replay appears twice; one replay suffices.
    latest: dict[str, dlq.DeadLetter] = {}
    unnamed: list[dlq.DeadLetter] = []
    for letter in letters:
        if letter.event_id:
            latest[letter.event_id] = letter
        else:
            unnamed.append(letter)
    if args.all:
        chosen = unnamed + list(latest.values())
        missing: list[str] = []
    else:
        wanted = list(dict.fromkeys(args.event_ids))
        chosen = [latest[e] for e in wanted if e in latest]
        missing = [e for e in wanted if e not in latest]
    for letter in await dlq.replay(args.bootstrap, chosen):
        print(f"replayed {letter.event_id or '-'} to {letter.original_topic}")
    for event_id in missing:
        print(f"no dead letter with event id {event_id}", file=sys.stderr)
    return 1 if missing else 0


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if not args.bootstrap:
        print("no broker: pass --bootstrap or set STINT_KAFKA_BOOTSTRAP_SERVERS", file=sys.stderr)
        return 2
    command = _list if args.command == "list" else _replay
    try:
        return asyncio.run(command(args))
    except KafkaError as exc:
        print(f"broker error: {exc}", file=sys.stderr)
        return 2
