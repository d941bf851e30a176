"""docs/events.md: the catalog for people, one section per topic and an example of
every event."""

from __future__ import annotations

import json

from google.protobuf.descriptor import Descriptor, FieldDescriptor

from stint_catalog.catalog import PARTITIONS, Topic
from stint_catalog.descriptors import Contracts
from stint_catalog.examples import MOMENT, example_json
from stint_catalog.proto_text import SCALARS

__all__ = ["render"]

HEADER = """# Events

Every topic of Stint and every event on it, generated from the contracts (`protos/`) and
from the consumers the services' code declares: `python -m stint_catalog` rewrites this
page and [asyncapi.yaml](asyncapi.yaml), and `scripts/test` fails when they are stale.

**Reading the stream.** A topic is the protobuf package of its events. Each Kafka
record is one event: the key is the aggregate's id (the events of one aggregate are in
order on one partition), the value a serialized protobuf message, and the headers the
envelope: `event_id` (unique, the same on every redelivery: delivery is at least once,
so dedupe on it), `event_type` (the full protobuf name of the value), `occurred_at`,
`producer`, `aggregate_id`, `schema_version`, and the W3C `traceparent`. To decode a
value in any language, load the FileDescriptorSet `protos/stint.binpb` and look the
message up by `event_type`; nothing of the project's code is needed. Events carry the
aggregate as it is after the change, with a `version` that grows: keep the newest.
Every topic has {partitions} partitions and a dead-letter twin `<topic>.dlq` (the same
records, with `dlq_*` headers saying which consumer gave up, where and why).

**Changing an event.** Add fields; never rename, renumber or remove one (`buf breaking`
in `scripts/test` refuses it, against the published contract
`protos/published/stint-v1.binpb`). A change that cannot be additive is a new message
in a new package `stint.<area>.v2`, hence a new topic: the producer publishes both v1
and v2 for at least 90 days (two releases), the consumers move to v2, then v1 stops.
"""


def _type(field: FieldDescriptor) -> str:
    target = field.message_type or field.enum_type
    name = target.full_name if target is not None else SCALARS[field.type]
    return f"repeated {name}" if field.is_repeated else name


def _fields(contracts: Contracts, event: Descriptor) -> list[str]:
    rows = ["| field | type | |", "|---|---|---|"]
    for field in event.fields:
        comment = contracts.field_comment(field).replace("|", "\\|")
        rows.append(f"| `{field.name}` | `{_type(field)}` | {comment} |")
    return rows


def _event(contracts: Contracts, topic: Topic, event: Descriptor) -> list[str]:
    example = json.dumps(example_json(event), indent=2, ensure_ascii=False)
    headers = {
        "event_id": "4f0d6b8e-1c2a-4f5e-9a7b-3c8d2e1f0a9b",
        "event_type": event.full_name,
        "occurred_at": MOMENT,
        "producer": topic.producer,
        "aggregate_id": "<the key>",
        "schema_version": "1",
    }
    return [
        f"### {event.name}",
        "",
        contracts.message_comment(event) or f"`{event.full_name}`.",
        "",
        *_fields(contracts, event),
        "",
        "Example headers and value (the value shown in protobuf's JSON mapping):",
        "",
        "```json",
        json.dumps(headers, indent=2),
        "```",
        "",
        "```json",
        example,
        "```",
        "",
    ]


def _topic(contracts: Contracts, topic: Topic) -> list[str]:
    consumers = [
        f"`{c.group}` ({c.service}: "
        + (", ".join(h.rsplit(".", 1)[1] for h in c.handles) or "every event")
        + ")"
        for c in topic.consumers
    ] or ["none yet"]
    lines = [
        f"## `{topic.address}`",
        "",
        "| | |",
        "|---|---|",
        f"| published by | {topic.producer} (transactional outbox) |",
        "| key | the aggregate's id |",
        f"| partitions | {PARTITIONS} |",
        f"| dead letters | `{topic.dlq}` |",
        f"| consumer groups | {'<br>'.join(consumers)} |",
        f"| events | {', '.join(e.name for e in topic.events)} |",
        "",
    ]
    for event in topic.events:
        lines += _event(contracts, topic, event)
    return lines


def render(contracts: Contracts, catalog: list[Topic]) -> str:
    lines = [HEADER.format(partitions=PARTITIONS)]
    lines += ["| topic | producer | events |", "|---|---|---|"]
    lines += [
        f"| [`{t.address}`](#{t.address.replace('.', '')}) | {t.producer} | {len(t.events)} |"
        for t in catalog
    ]
    lines.append("")
    for topic in catalog:
        lines += _topic(contracts, topic)
    return "\n".join(lines).rstrip("\n") + "\n"
