"""Who consumes what: each service's consumer groups and their topics, read from the
subscriptions its ``build_spec`` declares (as the event catalog reads them), so that
a check of "every consumer saw every event" cannot drift from the code."""

from __future__ import annotations

import importlib
import inspect
from dataclasses import dataclass

from stint_runtime.settings import ServiceSettings

SERVICES = ("listing", "application", "matching", "notification", "reputation")


@dataclass(frozen=True)
class Group:
    service: str
    name: str
    """The consumer group id, and the inbox's ``consumer`` column."""
    topics: tuple[str, ...]


def consumer_groups() -> list[Group]:
    groups: list[Group] = []
    for name in SERVICES:
        main = importlib.import_module(f"stint_{name}.main")
        module = importlib.import_module(f"stint_{name}.settings")
        settings = next(
            value
            for value in vars(module).values()
            if inspect.isclass(value)
            and issubclass(value, ServiceSettings)
            and value is not ServiceSettings
        )
        spec = main.build_spec(settings(env="development"))
        groups += [Group(name, s.name, tuple(s.topics)) for s in spec.subscriptions]
    return groups
