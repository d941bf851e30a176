"""The outcome of the invariants: one named check each, with what it counted and, when
it failed, a few examples of what broke it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

EXAMPLES = 5


@dataclass
class Check:
    name: str
    figures: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def count(self, what: str, n: int = 1) -> None:
        self.figures[what] = self.figures.get(what, 0) + n

    def fail(self, what: str, examples: Iterable[Any] = ()) -> None:
        shown = list(examples)[:EXAMPLES]
        self.problems.append(f"{what}: {shown}" if shown else what)


@dataclass
class Verdict:
    checks: list[Check] = field(default_factory=list)

    def check(self, name: str) -> Check:
        found = Check(name)
        self.checks.append(found)
        return found

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.checks)

    def failures(self) -> list[str]:
        return [f"{c.name}: {p}" for c in self.checks for p in c.problems]

    def render(self) -> str:
        lines = []
        for c in self.checks:
            figures = ", ".join(f"{k} {v}" for k, v in c.figures.items())
            lines.append(f"{'ok  ' if c.ok else 'FAIL'} {c.name} ({figures})")
            lines += [f"       {p}" for p in c.problems]
        return "\n".join(lines)

    def as_json(self) -> list[dict[str, Any]]:
        return [
            {"name": c.name, "ok": c.ok, "figures": c.figures, "problems": c.problems}
            for c in self.checks
        ]
