"""Short calls of the reputation service as a given caller."""

from __future__ import annotations

from collections.abc import Awaitable, Sequence
from typing import TYPE_CHECKING

import grpc
import pytest

from stint.reputation.v1 import reputation_pb2 as pb
from stint.reputation.v1 import reputation_service_pb2 as api
from stint_runtime.identity import Caller
from tests.integration.reputation.conftest import acting_as

if TYPE_CHECKING:
    from stint.reputation.v1.reputation_service_pb2_grpc import (
        ReputationServiceAsyncStub as Stub,
    )


async def review(
    stub: Stub,
    caller: Caller,
    engagement_id: str,
    rating: int = 5,
    comment: str = "Great work together.",
    endorsed: Sequence[str] = (),
) -> api.ReviewReceipt:
    with acting_as(caller):
        return await stub.SubmitReview(
            api.SubmitReviewRequest(
                engagement_id=engagement_id,
                rating=rating,
                comment=comment,
                endorsed_skills=list(endorsed),
            )
        )


async def reviews_about(stub: Stub, user_id: str, caller: Caller | None = None) -> list[pb.Review]:
    with acting_as(caller):
        page = await stub.ListReviews(api.ListReviewsRequest(user_id=user_id))
    return list(page.reviews)


async def reputation_of(stub: Stub, user_id: str) -> pb.Reputation:
    return await stub.GetReputation(api.GetReputationRequest(user_id=user_id))


async def refused(call: Awaitable[object]) -> grpc.aio.AioRpcError:
    """The error a call that must fail failed with."""
    with pytest.raises(grpc.aio.AioRpcError) as error:
        await call
    return error.value
