"""From an activity model and the recorded figures to what the platform needs: events
per topic, partitions, replicas per service, Postgres write rate and size per schema,
and how close each hard limit is."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from stint_capacity.activity import Activity
from stint_capacity.figures import Figure

__all__ = ["Limits", "Model", "SchemaLoad", "ServiceLoad", "TopicLoad", "Wiring", "compute"]

UTILISATION = 0.6
"""Replicas and partitions are sized to run at most this busy at peak."""
MIN_REPLICAS = 2
MIN_PARTITIONS = 8
SERVER_CORES = 16
"""A Postgres server as sized here: 16 cores, 2 TB of data."""
SERVER_BYTES = 2e12
REPLICA_MEMORY = 16 * 2**30
"""The largest matching replica considered: 16 GiB."""
KB = 1e3

# Where API requests go, as shares of a caller's requests (the rest: the gateway alone).
STUDENT_REQUESTS = {"listing": 0.55, "application": 0.25, "notification": 0.15}
EMPLOYER_REQUESTS = {"application": 0.5, "listing": 0.3, "notification": 0.1, "reputation": 0.05}
# Bytes per kept row of each schema's own data.
ROW_BYTES = {
    "listing": 4 * KB,
    "application": 2 * KB,
    "matching": 2 * KB,
    "notification": 0.6 * KB,
    "reputation": 1 * KB,
}
EVENT_BYTES = 1.2 * KB
RECEIPT_BYTES = 150
MATCH_ROW_BYTES = 120


@dataclass(frozen=True)
class Wiring:
    """What the code says: who publishes each topic and which groups consume it."""

    producers: Mapping[str, str]
    consumers: Mapping[str, Sequence[tuple[str, str]]]
    """Topic -> (service, group) per consumer group."""


@dataclass(frozen=True)
class TopicLoad:
    topic: str
    per_day: float
    peak_per_s: float
    groups: int
    partitions: int


@dataclass(frozen=True)
class ServiceLoad:
    service: str
    requests_per_s: float
    consumed_per_s: float
    produced_per_s: float
    cores: float
    replicas: int
    relay_busy: float
    """The leader relay's share of its capacity (one relay per service publishes)."""


@dataclass(frozen=True)
class SchemaLoad:
    schema: str
    writes_per_s: float
    bytes: float
    own_server: bool


@dataclass(frozen=True)
class Limits:
    """Each hard limit's use at this size: 1.0 is where it breaks."""

    uses: dict[str, float]


@dataclass(frozen=True)
class Model:
    activity: Activity
    topics: list[TopicLoad]
    services: list[ServiceLoad]
    schemas: list[SchemaLoad]
    limits: Limits
    matches_per_listing: float


def _rate(figures: Mapping[str, Figure], name: str) -> float:
    return figures[name].value


def daily_events(a: Activity, matches_per_listing: float) -> dict[str, float]:
    """Events per day per producing area."""
    matches = a.listings_per_day * matches_per_listing
    notifications = (
        a.applications_per_day * a.application_events  # the student, then the employer
        + a.engagements_per_day * a.engagement_events
        + matches * a.notifications_per_match
    )
    return {
        "identity": a.signups_per_day,
        "listing": a.listings_per_day * a.listing_events,
        "application": a.applications_per_day * a.application_events
        + a.engagements_per_day * a.engagement_events,
        "matching": a.active_students * a.profile_updates_per_active_student + matches,
        "notification": notifications * (1 + a.channels_per_notification),
        "reputation": a.engagements_per_day * a.reputation_events_per_engagement,
    }


def requests_per_s(a: Activity) -> dict[str, float]:
    student = a.peak_per_s(a.active_students * a.requests_per_active_student)
    employer = a.peak_per_s(a.active_employers * a.requests_per_active_employer)
    found = {"gateway": student + employer}
    for service in ("listing", "application", "notification", "reputation"):
        found[service] = student * STUDENT_REQUESTS.get(
            service, 0.0
        ) + employer * EMPLOYER_REQUESTS.get(service, 0.0)
    found["matching"] = a.peak_per_s(a.active_students * a.recommendations_per_active_student)
    return found


def _partitions(peak: float, consumer_rate: float) -> int:
    needed = max(1, math.ceil(peak / (consumer_rate * UTILISATION)))
    # Twice the need, as a power of two: room to double before a repartition (which
    # breaks the order of a key's events) is needed.
    power: int = (2 * needed - 1).bit_length()
    return max(MIN_PARTITIONS, 1 << power)


def compute(a: Activity, figures: Mapping[str, Figure], wiring: Wiring) -> Model:
    consumer = _rate(figures, "consumer_events_per_s")
    relay = _rate(figures, "relay_traced_events_per_s")
    reads = _rate(figures, "gateway_read_requests_per_s")
    recommend = _rate(figures, "matching_recommend_per_s")
    pairs = _rate(figures, "matching_pairs_scored_per_s")
    share = _rate(figures, "matching_match_share")
    landing = _rate(figures, "analytics_landing_events_per_s")
    matches_per_listing = a.students * share
    if a.match_cap:
        matches_per_listing = min(matches_per_listing, a.match_cap)

    per_day = daily_events(a, matches_per_listing)
    topics = []
    for topic in wiring.producers:
        area = topic.split(".")[1]
        peak = a.peak_per_s(per_day[area])
        groups = len(wiring.consumers.get(topic, ()))
        topics.append(TopicLoad(topic, per_day[area], peak, groups, _partitions(peak, consumer)))
    peak_of = {t.topic: t.peak_per_s for t in topics}

    requests = requests_per_s(a)
    services = []
    consuming = {owner for groups in wiring.consumers.values() for owner, _ in groups}
    for service in ("gateway", *sorted({*wiring.producers.values(), *consuming} - {"gateway"})):
        consumed = sum(
            peak_of[topic]
            for topic, groups in wiring.consumers.items()
            for owner, _ in groups
            if owner == service
        )
        produced = sum(peak_of[t] for t, p in wiring.producers.items() if p == service)
        api = requests.get(service, 0.0)
        if service == "analytics":  # one process lands every event in its file, in batches
            cores = consumed / landing
            services.append(ServiceLoad(service, 0.0, consumed, 0.0, cores, 1, 0.0))
            continue
        cores = (api / (recommend if service == "matching" else reads)) + consumed / consumer
        cores += produced / relay
        if service == "matching":  # every newly published listing scored against everyone
            cores += a.peak_per_s(a.listings_per_day) * a.students / pairs
        replicas = max(MIN_REPLICAS, math.ceil(cores / UTILISATION))
        services.append(
            ServiceLoad(service, api, consumed, produced, cores, replicas, produced / relay)
        )

    budget = _rate(figures, "postgres_transactions_per_s") / 2 * SERVER_CORES * UTILISATION
    schemas = []
    for s in services:
        if s.service in ("gateway", "analytics"):  # no Postgres schema
            continue
        writes = s.produced_per_s + s.consumed_per_s
        size = _schema_bytes(a, s.service, per_day, wiring, matches_per_listing)
        own = writes > budget / 3 or size > SERVER_BYTES / 2
        schemas.append(SchemaLoad(s.service, writes, size, own))

    matching_memory = (a.students + a.open_listings) * _rate(
        figures, "matching_index_bytes_per_profile"
    )
    uses = {  # the keys name the limits in docs/capacity.md (report.ADVICE)
        "matching relay (one leader publishes every MatchFound)": next(
            s.relay_busy for s in services if s.service == "matching"
        ),
        "busiest other relay": max(s.relay_busy for s in services if s.service != "matching"),
        "analytics (one writer lands every event)": sum(
            s.cores for s in services if s.service == "analytics"
        ),
        "matching index in each replica's memory (16 GiB)": matching_memory / REPLICA_MEMORY,
        "one Postgres server for every schema (writes)": sum(x.writes_per_s for x in schemas)
        / budget,
        "one Postgres server for every schema (2 TB)": sum(x.bytes for x in schemas) / SERVER_BYTES,
    }
    return Model(a, topics, services, schemas, Limits(uses), matches_per_listing)


def _schema_bytes(
    a: Activity,
    service: str,
    per_day: Mapping[str, float],
    wiring: Wiring,
    matches_per_listing: float,
) -> float:
    days = 365 * a.years_kept
    own = {
        "listing": a.listings_per_day * days,
        "application": (a.applications_per_day + a.engagements_per_day) * days,
        "matching": float(a.students),
        "notification": per_day["notification"]
        / (1 + a.channels_per_notification)
        * a.notification_days_kept,
        "reputation": a.engagements_per_day * a.reputation_events_per_engagement * days,
    }.get(service, 0.0) * ROW_BYTES.get(service, KB)
    if service == "matching":
        own += a.listings_per_day * matches_per_listing * days * MATCH_ROW_BYTES
    produced = sum(per_day[t.split(".")[1]] for t, p in wiring.producers.items() if p == service)
    consumed = sum(
        per_day[topic.split(".")[1]]
        for topic, groups in wiring.consumers.items()
        for owner, _ in groups
        if owner == service
    )
    keep = a.outbox_retention_days
    return own + produced * keep * EVENT_BYTES + consumed * keep * RECEIPT_BYTES


def growth_to_break(
    a: Activity, figures: Mapping[str, Figure], wiring: Wiring, limit: str
) -> float | None:
    """The growth factor of the platform at which ``limit`` reaches 1 (None: beyond
    1000 times the size)."""

    def use(factor: float) -> float:
        return compute(a.scaled(factor), figures, wiring).limits.uses[limit]

    if use(1.0) >= 1.0:
        low, high = 1e-3, 1.0
    elif use(1000.0) < 1.0:
        return None
    else:
        low, high = 1.0, 1000.0
    for _ in range(60):
        middle = math.sqrt(low * high)
        low, high = (middle, high) if use(middle) < 1.0 else (low, middle)
    return high
