"""The wiring the model sizes, read from the code through the event catalog: who
publishes each topic and which consumer groups read it."""

from __future__ import annotations

import logging

from stint_capacity.model import Wiring
from stint_catalog.catalog import gather
from stint_catalog.descriptors import compile_contracts

__all__ = ["read_wiring"]


def read_wiring() -> Wiring:
    logging.disable(logging.WARNING)  # the services' settings log when built
    catalog = gather(compile_contracts())
    return Wiring(
        producers={topic.address: topic.producer for topic in catalog},
        consumers={
            topic.address: [(c.service, c.group) for c in topic.consumers] for topic in catalog
        },
    )
