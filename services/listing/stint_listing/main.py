"""The listing service's composition root: what it is made of, from its settings."""

from __future__ import annotations

from pathlib import Path

import asyncpg
import grpc

from stint.listing.v1 import listing_service_pb2_grpc
from stint_listing.board import ListingBoard
from stint_listing.deadline import deadline_job
from stint_listing.domain.terms import TermsRules
from stint_listing.events import TOPIC
from stint_listing.handlers import APPLICATION_TOPIC, application_events_subscription
from stint_listing.rpc import SERVICE_NAME, ListingServicer
from stint_listing.settings import ListingSettings
from stint_runtime.service import ServiceSpec

__all__ = ["MIGRATIONS_DIR", "build_spec"]

MIGRATIONS_DIR = Path(__file__).parent / "migrations"


def build_spec(settings: ListingSettings) -> ServiceSpec:
    schema = settings.database_schema
    rules = TermsRules(pay_floor_cents_per_hour=settings.pay_floor_cents_per_hour)

    def register(server: grpc.aio.Server, pool: asyncpg.Pool) -> None:
        board = ListingBoard(pool=pool, rules=rules, schema=schema)
        listing_service_pb2_grpc.add_ListingServiceServicer_to_server(
            ListingServicer(board), server
        )

    return ServiceSpec(
        settings=settings,
        migrations_dir=MIGRATIONS_DIR,
        register=register,
        grpc_service_names=[SERVICE_NAME],
        topics=(TOPIC, APPLICATION_TOPIC),
        subscriptions=[application_events_subscription(schema)],
        periodic=[deadline_job(schema, settings.deadline_sweep_interval_s)],
    )
