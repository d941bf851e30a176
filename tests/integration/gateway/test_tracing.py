"""One trace from the HTTP request to the events it publishes."""

from __future__ import annotations

import uuid

import httpx

from stint.listing.v1 import events_pb2 as listing_events
from tests.integration.gateway.api import (
    bearer,
    consume_by_key,
    listing_body,
    sign_up,
)
from tests.integration.platform import Gateway


async def test_published_event_carries_the_request_trace(
    client: httpx.AsyncClient, gateway: Gateway
) -> None:
    _, token = await sign_up(client, "employer")
    listing = (await client.post("/v1/listings", json=listing_body(), headers=bearer(token))).json()
    trace_id = uuid.uuid4().hex
    traceparent = f"00-{trace_id}-{uuid.uuid4().hex[:16]}-01"
    published = await client.post(
        f"/v1/listings/{listing['id']}/publish",
        headers=bearer(token) | {"traceparent": traceparent},
    )
    assert published.status_code == 200, published.text

    message = await consume_by_key(
        gateway.settings.kafka_bootstrap_servers,
        "stint.listing.v1",
        listing["id"],
        "stint.listing.v1.ListingPublished",
    )
    headers = {k: v.decode() for k, v in message.headers}
    assert headers["aggregate_id"] == listing["id"]
    assert headers["producer"] == "listing"
    assert uuid.UUID(headers["event_id"])
    assert {"occurred_at", "schema_version"} <= headers.keys()
    assert headers["traceparent"].split("-")[1] == trace_id
    event = listing_events.ListingPublished.FromString(message.value)
    assert event.listing.id == listing["id"]
