"""The AsyncAPI document: valid for the AsyncAPI CLI, and complete: every topic the
platform creates and every event type of the published descriptor set is in it."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from google.protobuf import descriptor_pb2

from stint_runtime import topics
from tests.unit.catalog.tools import REPOSITORY, run_tool

ASYNCAPI = REPOSITORY / "docs" / "asyncapi.yaml"
DESCRIPTORS = REPOSITORY / "protos" / "stint.binpb"


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(ASYNCAPI.read_text())
    return loaded


def _event_types() -> set[str]:
    found = descriptor_pb2.FileDescriptorSet.FromString(DESCRIPTORS.read_bytes())
    return {
        f"{file.package}.{message.name}"
        for file in found.file
        if file.name.endswith("/events.proto")
        for message in file.message_type
    }


def test_the_asyncapi_cli_finds_the_document_valid() -> None:
    validated = run_tool("asyncapi", "validate", str(ASYNCAPI), "--fail-severity", "warn")
    assert validated.returncode == 0, validated.stdout + validated.stderr


def test_every_topic_and_its_dead_letters_are_channels(document: dict[str, Any]) -> None:
    addresses = {channel["address"] for channel in document["channels"].values()}
    assert addresses == {t for topic in topics.ALL for t in (topic, topics.dlq_topic(topic))}
    for channel in document["channels"].values():
        assert channel["bindings"]["kafka"]["partitions"] == 3


def test_every_event_type_of_the_descriptor_set_is_a_message(document: dict[str, Any]) -> None:
    titles = {m["title"] for m in document["components"]["messages"].values()}
    assert _event_types(), "the descriptor set holds no events"
    assert titles == _event_types()
    for message in document["components"]["messages"].values():
        assert message["payload"]["schemaFormat"].startswith("application/vnd.google.protobuf")
        assert f"message {message['name']} {{" in message["payload"]["schema"]


def test_every_topic_is_published_by_someone(document: dict[str, Any]) -> None:
    sent = {
        op["channel"]["$ref"].rsplit("/", 1)[1]
        for op in document["operations"].values()
        if op["action"] == "send"
    }
    assert sent == {topic.split(".")[1] for topic in topics.ALL}


def test_the_consumer_groups_are_the_services_own(document: dict[str, Any]) -> None:
    groups = {
        op["bindings"]["kafka"]["groupId"]["enum"][0]
        for op in document["operations"].values()
        if op["action"] == "receive"
    }
    assert {"listing.application-events", "application.listing-events"} <= groups
