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
