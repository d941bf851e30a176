"""A service's Prometheus metrics, served on its own HTTP port (``STINT_METRICS_PORT``;
0, the default, serves none): what operators watch and autoscalers scale on.

- ``stint_consumer_lag{group, topic, partition}``: messages of a partition not handled
  yet by a consumer group's member that owns it (the partition's high watermark, as the
  last fetch saw it, minus the next offset to handle). KEDA scales the consuming
  Deployments on it (deploy/k8s/components/consumer-lag-autoscaling).
- ``stint_consumer_events_total{group, outcome}``: events handled, skipped as
  duplicates, or dead-lettered.
- ``stint_outbox_published_total{service}``: events the relay published.

One registry per process: services started side by side in one process (tests) share
it, each under its own group names.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from threading import Thread
from typing import Any
from wsgiref.simple_server import WSGIServer

from prometheus_client import CollectorRegistry, Counter, Gauge, start_http_server

__all__ = [
    "CONSUMER_EVENTS",
    "CONSUMER_LAG",
    "OUTBOX_PUBLISHED",
    "REGISTRY",
    "MetricsServer",
    "serve_metrics",
]

log = logging.getLogger(__name__)

REGISTRY = CollectorRegistry()
CONSUMER_LAG = Gauge(
    "stint_consumer_lag",
    "Messages of a partition its consumer group has not handled yet.",
    ("group", "topic", "partition"),
    registry=REGISTRY,
)
CONSUMER_EVENTS = Counter(
    "stint_consumer_events",
    "Events a consumer group received, by what became of them.",
    ("group", "outcome"),
    registry=REGISTRY,
)
OUTBOX_PUBLISHED = Counter(
    "stint_outbox_published",
    "Events the outbox relay published (acknowledged by the broker).",
    ("service",),
    registry=REGISTRY,
)


@dataclass
class MetricsServer:
    port: int
    _server: WSGIServer
    _thread: Thread

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)


def serve_metrics(host: str, port: int) -> MetricsServer:
    """``GET /metrics`` on ``host:port`` (0 picks a free port), in a thread of its own."""
    server: Any
    server, thread = start_http_server(port, addr=host, registry=REGISTRY)
    bound = int(server.server_address[1])
    log.info("metrics served", extra={"metrics_port": bound})
    return MetricsServer(bound, server, thread)
