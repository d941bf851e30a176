"""Event types by name, from protobuf's default descriptor pool.

The generated module of a topic's events is named after the topic (the topic is the
protobuf package: ``stint.listing.v1`` -> ``stint.listing.v1.events_pb2``), so
importing it for every topic landed puts every event type in the pool: a new event
type, or a new topic in ``stint_runtime.topics``, needs no code here. A type found in
the pool later (another generated module imported) is decoded too.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Iterable
from functools import cache

from google.protobuf import descriptor_pool, message_factory
from google.protobuf.descriptor import Descriptor
from google.protobuf.message import Message

from stint_analytics.domain.columns import TableLayout, layout_of

__all__ = ["EventCatalog", "catalog_of"]

log = logging.getLogger(__name__)


class EventCatalog:
    def __init__(self, topics: Iterable[str]) -> None:
        self._pool = descriptor_pool.Default()
        self._declared: dict[str, Descriptor] = {}
        for topic in topics:
            module_name = f"{topic}.events_pb2"
            try:
                module = importlib.import_module(module_name)
            except ImportError:
                log.info("no generated events for topic", extra={"topic": topic})
                continue
            for message in module.DESCRIPTOR.message_types_by_name.values():
                self._declared[message.full_name] = message
        self._layouts: dict[str, TableLayout | None] = {}

    @property
    def declared(self) -> tuple[str, ...]:
        """Every event type of the landed topics' events files, sorted."""
        return tuple(sorted(self._declared))

    def descriptor(self, event_type: str) -> Descriptor | None:
        found = self._declared.get(event_type)
        if found is not None:
            return found
        try:
            return self._pool.FindMessageTypeByName(event_type)
        except KeyError:
            return None

    def message_class(self, event_type: str) -> type[Message] | None:
        found = self.descriptor(event_type)
        return message_factory.GetMessageClass(found) if found is not None else None

    def layout(self, event_type: str) -> TableLayout | None:
        """The typed table of ``event_type``; None for a type the pool does not know."""
        if event_type not in self._layouts:
            found = self.descriptor(event_type)
            self._layouts[event_type] = layout_of(found) if found is not None else None
        return self._layouts[event_type]

    def declared_layouts(self) -> list[TableLayout]:
        layouts = (self.layout(name) for name in self.declared)
        return [layout for layout in layouts if layout is not None]


@cache
def catalog_of(topics: tuple[str, ...]) -> EventCatalog:
    return EventCatalog(topics)
