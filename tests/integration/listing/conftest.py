"""The listing service started for real (Postgres, broker, gRPC on a free port) once
for this package, and a client that calls it as a chosen caller."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import grpc
import pytest

from stint.listing.v1 import listing_service_pb2, listing_service_pb2_grpc
from stint_listing.main import build_spec
from stint_listing.settings import ListingSettings
from stint_runtime import identity
from stint_runtime.identity import Caller
from stint_runtime.rpc.client import open_channel
from stint_runtime.service import RunningService, start_service
from tests.integration.conftest import INTERNAL_SECRET, SettingsFactory

if TYPE_CHECKING:
    from stint.listing.v1.listing_service_pb2_grpc import ListingServiceAsyncStub as Stub

SYSTEM = Caller("platform", "system")
STUDENT = Caller(str(uuid.uuid4()), "student")


@contextmanager
def acting_as(caller: Caller | None) -> Iterator[None]:
    """Calls made inside the block carry ``caller``'s signed identity."""
    before = identity.current_caller()
    identity.set_current_caller(caller)
    try:
        yield
    finally:
        identity.set_current_caller(before)


def listing_settings(service_settings: SettingsFactory) -> ListingSettings:
    base = service_settings("listing")
    # A short sweep interval: the deadline test waits for the job, not for a timer.
    return ListingSettings(**base.model_dump(), sweep_interval_s=0.2)


@pytest.fixture(scope="package")
async def listing_service(service_settings: SettingsFactory) -> AsyncIterator[RunningService]:
    running = await start_service(build_spec(listing_settings(service_settings)))
    yield running
    await running.stop()


@pytest.fixture(scope="package")
async def listings(
    listing_service: RunningService,
) -> AsyncIterator[Stub]:
    address = f"127.0.0.1:{listing_service.grpc_port}"
    async with open_channel(address, INTERNAL_SECRET) as channel:
        yield listing_service_pb2_grpc.ListingServiceStub(channel)


async def register_employer(stub: Stub, name: str = "Northwind Labs") -> Caller:
    """A new organization, registered as the platform does, and its employer."""
    organization_id = str(uuid.uuid4())
    with acting_as(SYSTEM):
        await stub.CreateOrganization(
            listing_service_pb2.CreateOrganizationRequest(
                organization_id=organization_id, name=name, industry="Software"
            )
        )
    return Caller(str(uuid.uuid4()), "employer", organization_id)


@pytest.fixture
async def employer(listings: Stub) -> Caller:
    return await register_employer(listings)


def rpc_code(error: pytest.ExceptionInfo[grpc.aio.AioRpcError]) -> grpc.StatusCode:
    return error.value.code()
