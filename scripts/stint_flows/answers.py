"""What the public API answered during a flow: every status counted, and every answer
that breaks the platform's promise to clients kept for the report (a 5xx other than 503
with ``Retry-After``, which is only allowed while a dependency is away)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass(frozen=True)
class BrokenPromise:
    method: str
    path: str
    status: int
    detail: str


@dataclass
class Answers:
    statuses: Counter[int] = field(default_factory=Counter)
    unreachable: int = 0
    """Requests that got no HTTP answer at all (the gateway itself was away)."""
    retries: int = 0
    broken: list[BrokenPromise] = field(default_factory=list)

    def record(
        self, method: str, path: str, status: int, retry_after: str | None, body: str
    ) -> None:
        self.statuses[status] += 1
        if status >= 500 and not (status == 503 and retry_after):
            self.broken.append(BrokenPromise(method, _template(path), status, body[:300]))

    @property
    def unavailable(self) -> int:
        """503s with Retry-After: a dependency was away."""
        return self.statuses[503]

    def summary(self) -> dict[str, object]:
        return {
            "statuses": dict(sorted(self.statuses.items())),
            "unreachable": self.unreachable,
            "retries": self.retries,
            "broken_promises": len(self.broken),
        }


def _template(path: str) -> str:
    """The path with ids replaced, so that a report groups alike requests."""
    parts = path.split("?")[0].split("/")
    return "/".join("{id}" if len(p) == 36 and p.count("-") == 4 else p for p in parts)
