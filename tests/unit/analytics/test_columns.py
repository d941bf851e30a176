"""How an event type becomes a typed table, from its descriptor alone."""

from __future__ import annotations

from google.protobuf import descriptor_pb2, descriptor_pool

from stint.application.v1 import events_pb2 as application_events
from stint.listing.v1 import events_pb2 as listing_events
from stint_analytics.domain.columns import (
    MAX_DEPTH,
    ColumnKind,
    layout_of,
    snake_case,
    table_address,
)


def columns(layout_descriptor: object) -> dict[str, tuple[str, ColumnKind]]:
    layout = layout_of(layout_descriptor)  # type: ignore[arg-type]
    return {c.name: (c.sql_type, c.kind) for c in layout.columns}


def test_names_follow_the_package_and_the_message() -> None:
    assert table_address("stint.listing.v1.ListingPublished") == ("listing_v1", "listing_published")
    assert table_address("acme.billing.v2.HTTPRequestSent") == (
        "acme_billing_v2",
        "http_request_sent",
    )
    assert snake_case("EngagementCompleted") == "engagement_completed"


def test_nested_messages_are_flattened_and_typed() -> None:
    found = columns(application_events.ApplicationClosed.DESCRIPTOR)
    assert found["application_id"] == ("VARCHAR", ColumnKind.SCALAR)
    assert found["application_listing_id"] == ("VARCHAR", ColumnKind.SCALAR)
    assert found["application_status"] == ("VARCHAR", ColumnKind.ENUM)
    assert found["application_created_at"] == ("TIMESTAMPTZ", ColumnKind.TIMESTAMP)
    assert found["application_version"] == ("BIGINT", ColumnKind.SCALAR)
    assert found["application_answers"] == ("JSON", ColumnKind.JSON)  # a map
    assert found["reason"] == ("VARCHAR", ColumnKind.ENUM)


def test_money_repeated_fields_and_ints_get_their_own_columns() -> None:
    found = columns(listing_events.ListingPublished.DESCRIPTOR)
    assert found["listing_pay_amount_cents"] == ("BIGINT", ColumnKind.SCALAR)
    assert found["listing_pay_currency"] == ("VARCHAR", ColumnKind.SCALAR)
    assert found["listing_skills"] == ("JSON", ColumnKind.JSON)
    assert found["listing_slots"] == ("INTEGER", ColumnKind.SCALAR)
    assert found["listing_remote"] == ("BOOLEAN", ColumnKind.SCALAR)


def test_absent_fields_are_nullable_along_their_path() -> None:
    layout = layout_of(application_events.ApplicationHired.DESCRIPTOR)
    by_name = {c.name: c for c in layout.columns}
    assert by_name["application_decided_at"].nullable_path == (True, True)
    assert by_name["application_id"].nullable_path == (True, False)
    assert by_name["engagement_id"].nullable_path == (False,)


def _pool_with(*messages: descriptor_pb2.DescriptorProto) -> descriptor_pool.DescriptorPool:
    pool = descriptor_pool.DescriptorPool()
    file = descriptor_pb2.FileDescriptorProto(
        name="scratch/v1/events.proto", package="scratch.v1", syntax="proto3"
    )
    file.message_type.extend(messages)
    pool.Add(file)
    return pool


def _field(
    name: str, number: int, kind: int, type_name: str = ""
) -> descriptor_pb2.FieldDescriptorProto:
    field = descriptor_pb2.FieldDescriptorProto(
        name=name,
        number=number,
        type=kind,  # type: ignore[arg-type]
        label=descriptor_pb2.FieldDescriptorProto.LABEL_OPTIONAL,
    )
    if type_name:
        field.type_name = type_name
    return field


def test_recursion_stops_as_json_and_clashing_names_are_kept_apart() -> None:
    message = descriptor_pb2.FieldDescriptorProto.TYPE_MESSAGE
    node = descriptor_pb2.DescriptorProto(
        name="Node",
        field=[
            _field("child", 1, message, ".scratch.v1.Node"),
            _field("event_id", 2, descriptor_pb2.FieldDescriptorProto.TYPE_STRING),
        ],
    )
    clash = descriptor_pb2.DescriptorProto(
        name="Clash",
        field=[
            _field("a", 1, message, ".scratch.v1.Inner"),
            _field("a_b", 2, descriptor_pb2.FieldDescriptorProto.TYPE_INT32),
        ],
    )
    inner = descriptor_pb2.DescriptorProto(
        name="Inner", field=[_field("b", 1, descriptor_pb2.FieldDescriptorProto.TYPE_STRING)]
    )
    pool = _pool_with(node, clash, inner)
    found = columns(pool.FindMessageTypeByName("scratch.v1.Node"))
    # The envelope's event_id comes first; the payload's own one is renamed.
    assert found["event_id_field"] == ("VARCHAR", ColumnKind.SCALAR)
    assert found["child"] == ("JSON", ColumnKind.JSON)  # Node in Node: no endless columns
    clashing = columns(pool.FindMessageTypeByName("scratch.v1.Clash"))
    assert clashing == {
        "a_b": ("VARCHAR", ColumnKind.SCALAR),
        "a_b_field": ("INTEGER", ColumnKind.SCALAR),
    }
    assert MAX_DEPTH >= 3
