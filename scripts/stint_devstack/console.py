"""What the runner shows in the terminal: its own messages and the services' logs,
each line prefixed with who wrote it. Services log JSON, which is complete but hard to
read; the terminal gets one short line per record and the log files keep the JSON."""

from __future__ import annotations

import json
import os
import sys

# Fields every record has, or that only matter to a log store.
HIDDEN = frozenset(
    {"ts", "level", "service", "logger", "msg", "exc", "span_id", "trace_id", "color_message"}
)
COLORS = ("36", "35", "33", "32", "34", "31")
WIDTH = 12


def use_color() -> bool:
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def condense(line: str) -> list[str]:
    """A JSON log record as one short line (plus its traceback); other text unchanged."""
    try:
        record = json.loads(line)
    except ValueError:
        return [line]
    if not isinstance(record, dict) or "msg" not in record:
        return [line]
    level = str(record.get("level", "")).lower()
    extras = " ".join(f"{key}={record[key]}" for key in record if key not in HIDDEN)
    text = f"{level:<7} {record['msg']}" + (f"  {extras}" if extras else "")
    lines = [text]
    if record.get("exc"):
        lines += str(record["exc"]).splitlines()
    return lines


def prefix(name: str, index: int, *, color: bool) -> str:
    label = f"{name:<{WIDTH}}|"
    if not color:
        return label + " "
    return f"\033[{COLORS[index % len(COLORS)]}m{label}\033[0m "


def say(message: str) -> None:
    """The runner's own messages."""
    label = prefix("stint", 0, color=False)
    if use_color():
        label = f"\033[1m{label}\033[0m"
    for line in message.splitlines() or [""]:
        print(label + line, flush=True)


def show(name: str, index: int, line: str) -> None:
    label = prefix(name, index, color=use_color())
    for text in condense(line):
        print(label + text, flush=True)
