"""The AsyncAPI 3 document of every topic: its address, key, the envelope's headers,
each event with its protobuf schema, its partitions and dead-letter twin, who publishes
and who consumes (with their consumer groups)."""

from __future__ import annotations

from typing import Any

from google.protobuf.descriptor import Descriptor

from stint_catalog.catalog import PARTITIONS, Topic
from stint_catalog.descriptors import Contracts
from stint_catalog.proto_text import event_proto
from stint_runtime.kafka import envelope

__all__ = ["document"]

PROTOBUF = "application/vnd.google.protobuf;version=3"
KAFKA_BINDING = "0.5.0"

ENVELOPE: dict[str, Any] = {
    "type": "object",
    "description": "The envelope: Kafka headers around the protobuf value, all UTF-8 text.",
    "required": [
        envelope.EVENT_ID,
        envelope.EVENT_TYPE,
        envelope.OCCURRED_AT,
        envelope.PRODUCER,
        envelope.AGGREGATE_ID,
        envelope.SCHEMA_VERSION,
    ],
    "properties": {
        envelope.EVENT_ID: {
            "type": "string",
            "format": "uuid",
            "description": "Unique per event; the same on every redelivery (dedupe on it).",
        },
        envelope.EVENT_TYPE: {
            "type": "string",
            "description": "The full protobuf name of the value's message: decode with it.",
        },
        envelope.OCCURRED_AT: {"type": "string", "format": "date-time"},
        envelope.PRODUCER: {"type": "string", "description": "The publishing service."},
        envelope.AGGREGATE_ID: {"type": "string", "description": "The same as the key."},
        envelope.SCHEMA_VERSION: {
            "type": "string",
            "description": "The major version of the event's package (v1: 1).",
        },
        envelope.TRACEPARENT: {"type": "string", "description": "W3C trace context."},
        envelope.TRACESTATE: {"type": "string"},
    },
}
DEAD_LETTER: dict[str, Any] = {
    "allOf": [
        {"$ref": "#/components/schemas/Envelope"},
        {
            "type": "object",
            "description": "Why and where a consumer gave up on the event.",
            "properties": {
                name: {"type": "string"}
                for name in (
                    "dlq_error",
                    "dlq_error_type",
                    "dlq_original_topic",
                    "dlq_original_partition",
                    "dlq_original_offset",
                    "dlq_consumer",
                    "dlq_failed_at",
                )
            },
        },
    ]
}


def _message(contracts: Contracts, event: Descriptor, headers: str) -> dict[str, Any]:
    return {
        "name": event.name,
        "title": event.full_name,
        "summary": contracts.message_comment(event) or event.name,
        "contentType": "application/x-protobuf",
        "headers": {"$ref": f"#/components/schemas/{headers}"},
        "payload": {"schemaFormat": PROTOBUF, "schema": event_proto(contracts, event)},
        "bindings": {
            "kafka": {
                "key": {"type": "string", "description": "The aggregate's id."},
                "bindingVersion": KAFKA_BINDING,
            }
        },
    }


def _channel(topic: Topic, address: str, dead: bool) -> dict[str, Any]:
    suffix = "DeadLetter" if dead else ""
    what = "Dead letters of" if dead else "Events of"
    return {
        "address": address,
        "title": address,
        "description": f"{what} the {topic.area} area, published by {topic.producer}.",
        "messages": {
            e.name: {"$ref": f"#/components/messages/{e.full_name.replace('.', '_')}{suffix}"}
            for e in topic.events
        },
        "bindings": {
            "kafka": {
                "topic": address,
                "partitions": PARTITIONS,
                "replicas": 1,
                "bindingVersion": KAFKA_BINDING,
            }
        },
    }


def document(contracts: Contracts, catalog: list[Topic]) -> dict[str, Any]:
    channels: dict[str, Any] = {}
    operations: dict[str, Any] = {}
    messages: dict[str, Any] = {}
    for topic in catalog:
        channels[topic.area] = _channel(topic, topic.address, dead=False)
        channels[f"{topic.area}DeadLetters"] = _channel(topic, topic.dlq, dead=True)
        ref = {"$ref": f"#/channels/{topic.area}"}
        operations[f"{topic.producer}Publishes{topic.area.capitalize()}"] = {
            "action": "send",
            "channel": ref,
            "summary": f"{topic.producer} publishes through its transactional outbox.",
            "x-service": topic.producer,
        }
        for consumer in topic.consumers:
            handled = ", ".join(h.rsplit(".", 1)[1] for h in consumer.handles) or "every event"
            operations[f"{consumer.service}Consumes{topic.area.capitalize()}"] = {
                "action": "receive",
                "channel": ref,
                "summary": f"{consumer.service} acts on {handled}.",
                "x-service": consumer.service,
                "bindings": {
                    "kafka": {
                        "groupId": {"type": "string", "enum": [consumer.group]},
                        "bindingVersion": KAFKA_BINDING,
                    }
                },
            }
        for event in topic.events:
            key = event.full_name.replace(".", "_")
            messages[key] = _message(contracts, event, "Envelope")
            messages[f"{key}DeadLetter"] = _message(contracts, event, "DeadLetterEnvelope")
    return {
        "asyncapi": "3.0.0",
        "info": {
            "title": "Stint events",
            "version": "v1",
            "description": (
                "Every topic of the platform. A topic is the protobuf package of its events; "
                "the Kafka key is the aggregate id, so the events of one aggregate keep their "
                "order; delivery is at least once (dedupe on event_id). protos/stint.binpb is "
                "the FileDescriptorSet that decodes every value by its event_type header."
            ),
        },
        "defaultContentType": "application/x-protobuf",
        "servers": {
            "kafka": {
                "host": "kafka:9092",
                "protocol": "kafka",
                "description": "Apache Kafka as docker-compose.yml and deploy/k8s run it.",
            },
            "embedded": {
                "host": "127.0.0.1:9092",
                "protocol": "kafka",
                "description": "The embedded broker scripts/run starts.",
            },
        },
        "channels": channels,
        "operations": operations,
        "components": {
            "messages": messages,
            "schemas": {"Envelope": ENVELOPE, "DeadLetterEnvelope": DEAD_LETTER},
        },
    }
