"""Short calls of the application service as a given caller."""

from __future__ import annotations

from collections.abc import Awaitable
from typing import TYPE_CHECKING

import asyncpg
import grpc
import pytest

from stint.application.v1 import application_pb2 as pb
from stint.application.v1 import application_service_pb2 as api
from stint_runtime.identity import Caller
from tests.integration.application.conftest import acting_as

if TYPE_CHECKING:
    from stint.application.v1.application_service_pb2_grpc import (
        ApplicationServiceAsyncStub as Stub,
    )


async def apply(
    stub: Stub, caller: Caller, listing_id: str, cover_note: str = "I build dashboards."
) -> pb.Application:
    with acting_as(caller):
        return await stub.SubmitApplication(
            api.SubmitApplicationRequest(listing_id=listing_id, cover_note=cover_note)
        )


async def get(stub: Stub, caller: Caller, application_id: str) -> pb.Application:
    with acting_as(caller):
        return await stub.GetApplication(api.ApplicationRef(application_id=application_id))


async def hire(stub: Stub, caller: Caller, application_id: str) -> pb.Engagement:
    with acting_as(caller):
        return await stub.HireApplication(api.ApplicationRef(application_id=application_id))


async def refused(call: Awaitable[object]) -> grpc.aio.AioRpcError:
    """The error a call that must fail failed with."""
    with pytest.raises(grpc.aio.AioRpcError) as error:
        await call
    return error.value


async def events_of(pool: asyncpg.Pool, key: str) -> list[str]:
    """The event types written for one aggregate, oldest first (short names)."""
    rows = await pool.fetch("SELECT event_type FROM outbox WHERE key = $1 ORDER BY id", key)
    return [row["event_type"].rsplit(".", 1)[-1] for row in rows]
