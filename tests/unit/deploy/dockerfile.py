"""A Dockerfile as stages of instructions, and .dockerignore as Docker matches it."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["Dockerfile", "Instruction", "Stage", "ignored", "parse_dockerfile", "read_ignore"]


@dataclass(frozen=True)
class Instruction:
    keyword: str
    """Upper case: FROM, RUN, COPY …"""
    arguments: str
    """The rest of the instruction, continuation lines joined."""

    def exec_form(self) -> list[str]:
        """The JSON array of an exec-form ENTRYPOINT/CMD (after ``CMD`` for HEALTHCHECK)."""
        text = self.arguments
        if self.keyword == "HEALTHCHECK":
            text = text.split("CMD", 1)[1]
        parsed = json.loads(text.strip())
        if not isinstance(parsed, list):
            raise ValueError(f"{self.keyword} is not in exec form")
        return [str(p) for p in parsed]


@dataclass
class Stage:
    image: str
    name: str
    instructions: list[Instruction] = field(default_factory=list)

    def all(self, keyword: str) -> list[Instruction]:
        return [i for i in self.instructions if i.keyword == keyword]

    def has(self, keyword: str) -> bool:
        return bool(self.all(keyword))

    def index(self, keyword: str, contains: str = "") -> int:
        for position, instruction in enumerate(self.instructions):
            if instruction.keyword == keyword and contains in instruction.arguments:
                return position
        raise LookupError(f"no {keyword} containing {contains!r}")


@dataclass
class Dockerfile:
    stages: list[Stage]

    @property
    def final(self) -> Stage:
        return self.stages[-1]


def _logical_lines(text: str) -> list[str]:
    lines: list[str] = []
    current = ""
    for raw in text.splitlines():
        stripped = raw.strip()
        if stripped.startswith("#") or (not stripped and not current):
            continue
        if stripped.endswith("\\"):
            current += stripped[:-1] + " "
            continue
        lines.append((current + stripped).strip())
        current = ""
    if current:
        lines.append(current.strip())
    return lines


def parse_dockerfile(path: Path) -> Dockerfile:
    """Stages with their instructions; ARGs declared before the first FROM are resolved
    in FROM lines with their defaults."""
    arguments: dict[str, str] = {}
    stages: list[Stage] = []
    for line in _logical_lines(path.read_text()):
        keyword, _, rest = line.partition(" ")
        keyword = keyword.upper()
        rest = rest.strip()
        if keyword == "ARG" and not stages:
            name, _, default = rest.partition("=")
            arguments[name] = default
        elif keyword == "FROM":
            image, _, name = rest.partition(" AS ")
            image = re.sub(r"\$\{(\w+)\}", lambda m: arguments.get(m.group(1), ""), image)
            stages.append(Stage(image=image.strip(), name=name.strip()))
        elif stages:
            stages[-1].instructions.append(Instruction(keyword, rest))
    return Dockerfile(stages)


def read_ignore(path: Path) -> list[str]:
    lines = (line.strip() for line in path.read_text().splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def _regex(pattern: str) -> re.Pattern[str]:
    out = ""
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out, i = out + "(?:.*/)?", i + 3
        elif pattern.startswith("**", i):
            out, i = out + ".*", i + 2
        elif pattern[i] == "*":
            out, i = out + "[^/]*", i + 1
        elif pattern[i] == "?":
            out, i = out + "[^/]", i + 1
        else:
            out, i = out + re.escape(pattern[i]), i + 1
    return re.compile(out)


def ignored(patterns: list[str], path: str) -> bool:
    """Docker's rule: the last pattern matching the path, or one of its parent
    directories, decides; ``!`` re-includes."""
    parts = path.strip("/").split("/")
    candidates = ["/".join(parts[: n + 1]) for n in range(len(parts))]
    excluded = False
    for raw in patterns:
        negated = raw.startswith("!")
        pattern = raw[1:] if negated else raw
        regex = _regex(pattern.strip().strip("/"))
        if any(regex.fullmatch(c) for c in candidates):
            excluded = not negated
    return excluded
