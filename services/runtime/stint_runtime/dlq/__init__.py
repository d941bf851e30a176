"""Dead letters: events a consumer gave up on, kept in ``<topic>.dlq`` (``letters``),
and the command line that lists and replays them (``cli``, ``python -m
stint_runtime.dlq``)."""

from stint_runtime.dlq import letters
from stint_runtime.dlq.letters import *  # noqa: F403 (the package's face is its letters)

__all__ = letters.__all__
