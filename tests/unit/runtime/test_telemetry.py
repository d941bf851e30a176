from stint_runtime.telemetry import kafka_message_attributes


def test_kafka_message_attributes_follow_the_messaging_conventions() -> None:
    attributes = kafka_message_attributes("publish", "stint.listing.v1", 2, "evt-1")
    assert attributes == {
        "messaging.system": "kafka",
        "messaging.operation.type": "publish",
        "messaging.destination.name": "stint.listing.v1",
        "messaging.destination.partition.id": "2",
        "messaging.message.id": "evt-1",
    }


def test_a_traceparent_names_the_span_a_batch_links_to() -> None:
    from opentelemetry.trace import TraceFlags

    from stint_runtime.telemetry import span_context_of

    found = span_context_of(
        {"traceparent": "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"}
    )
    assert found is not None
    assert found.trace_id == 0x0AF7651916CD43DD8448EB211C80319C
    assert found.span_id == 0xB7AD6B7169203331
    assert found.trace_flags == TraceFlags.SAMPLED and found.is_remote
    for broken in ("", "00-xyz-b7ad6b7169203331-01", "00-" + "0" * 32 + "-" + "0" * 16 + "-01"):
        assert span_context_of({"traceparent": broken}) is None
    assert span_context_of({}) is None
