"""Create, change, publish and close listings over real gRPC, as their owner and as
everyone else."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

import grpc
import pytest

from stint.common.v1 import common_pb2
from stint.listing.v1 import events_pb2, listing_pb2, listing_service_pb2
from stint_runtime.identity import Caller
from stint_runtime.rpc.errors import field_errors_from
from stint_runtime.service import RunningService
from tests.integration.listing.conftest import STUDENT, SYSTEM, acting_as, register_employer
from tests.integration.listing.examples import FLOOR, create, create_open
from tests.integration.listing.outbox import announced

if TYPE_CHECKING:
    from stint.listing.v1.listing_service_pb2_grpc import ListingServiceAsyncStub as Stub


def _get(listing_id: str) -> listing_service_pb2.GetListingRequest:
    return listing_service_pb2.GetListingRequest(listing_id=listing_id)


async def test_registering_an_organization_twice_returns_the_first(listings: Stub) -> None:
    organization_id = str(uuid.uuid4())
    owner = Caller("acc-1", "employer", organization_id)
    with acting_as(owner):
        first = await listings.CreateOrganization(
            listing_service_pb2.CreateOrganizationRequest(
                organization_id=organization_id, name="Acme", industry="FinTech"
            )
        )
        again = await listings.CreateOrganization(
            listing_service_pb2.CreateOrganizationRequest(
                organization_id=organization_id, name="Acme renamed", industry="Retail"
            )
        )
    assert (first.name, first.industry) == ("Acme", "financial technology")
    assert again == first
    with (
        acting_as(Caller("acc-2", "employer", str(uuid.uuid4()))),
        pytest.raises(grpc.aio.AioRpcError) as refused,
    ):
        await listings.CreateOrganization(
            listing_service_pb2.CreateOrganizationRequest(
                organization_id=organization_id, name="Not mine", industry="Retail"
            )
        )
    assert refused.value.code() == grpc.StatusCode.PERMISSION_DENIED


async def test_an_employer_creates_a_draft_and_publishes_it(
    listings: Stub, employer: Caller, listing_service: RunningService
) -> None:
    created = await create(listings, employer, industry=" Health Care ")
    assert created.status == listing_pb2.LISTING_STATUS_DRAFT
    assert created.organization_id == employer.organization_id
    assert created.organization_name == "Northwind Labs"
    assert created.industry == "health care"
    assert [s.name for s in created.skills] == ["python", "sql"]
    assert created.version == 1 and not created.HasField("published_at")

    with acting_as(employer):
        published = await listings.PublishListing(
            listing_service_pb2.PublishListingRequest(listing_id=created.id)
        )
    assert published.status == listing_pb2.LISTING_STATUS_OPEN
    assert published.HasField("published_at") and published.version == 2

    with acting_as(None):
        seen = await listings.GetListing(_get(created.id))
    assert seen == published
    events = await announced(listing_service.pool, created.id)
    assert events == [events_pb2.ListingPublished(listing=published)]


async def test_a_draft_is_invisible_to_everyone_but_its_owner(
    listings: Stub, employer: Caller
) -> None:
    created = await create(listings, employer)
    stranger = await register_employer(listings, "Contoso")
    for caller in (None, STUDENT, stranger, SYSTEM):
        with acting_as(caller), pytest.raises(grpc.aio.AioRpcError) as hidden:
            await listings.GetListing(_get(created.id))
        assert hidden.value.code() == grpc.StatusCode.NOT_FOUND, caller
    with acting_as(employer):
        assert (await listings.GetListing(_get(created.id))).id == created.id


async def test_a_stranger_can_neither_change_publish_nor_close(
    listings: Stub, employer: Caller, listing_service: RunningService
) -> None:
    draft = await create(listings, employer)
    opened = await create_open(listings, employer)
    stranger = await register_employer(listings, "Contoso")
    # Another organization's employer finds no such listing; a student may not change
    # listings at all (the contract's access of each method).
    refusals = {stranger: grpc.StatusCode.NOT_FOUND, STUDENT: grpc.StatusCode.PERMISSION_DENIED}
    for caller, refusal in refusals.items():
        for listing in (draft, opened):
            # A call starts when it is made: each is made inside acting_as.
            attempts: list[tuple[grpc.aio.UnaryUnaryMultiCallable[Any, Any], Any]] = [
                (
                    listings.UpdateListing,
                    listing_service_pb2.UpdateListingRequest(
                        listing_id=listing.id,
                        patch=listing_service_pb2.ListingPatch(title="Taken over"),
                    ),
                ),
                (
                    listings.PublishListing,
                    listing_service_pb2.PublishListingRequest(listing_id=listing.id),
                ),
                (
                    listings.CloseListing,
                    listing_service_pb2.CloseListingRequest(listing_id=listing.id),
                ),
            ]
            for method, request in attempts:
                with acting_as(caller), pytest.raises(grpc.aio.AioRpcError) as refused:
                    await method(request)
                assert refused.value.code() == refusal
    with acting_as(employer):
        unchanged = await listings.GetListing(_get(opened.id))
    assert unchanged == opened
    assert len(await announced(listing_service.pool, opened.id)) == 1


async def test_a_student_cannot_create_a_listing(listings: Stub) -> None:
    with acting_as(STUDENT), pytest.raises(grpc.aio.AioRpcError) as refused:
        await listings.CreateListing(listing_service_pb2.CreateListingRequest())
    assert refused.value.code() == grpc.StatusCode.PERMISSION_DENIED
    with acting_as(None), pytest.raises(grpc.aio.AioRpcError) as anonymous:
        await listings.CreateListing(listing_service_pb2.CreateListingRequest())
    assert anonymous.value.code() == grpc.StatusCode.UNAUTHENTICATED


async def test_pay_below_the_floor_is_refused_with_field_errors(
    listings: Stub, employer: Caller
) -> None:
    too_little = common_pb2.Money(amount_cents=10 * FLOOR - 1, currency="EUR")
    with pytest.raises(grpc.aio.AioRpcError) as refused:
        await create(listings, employer, estimated_hours=10, pay=too_little, title="ab")
    assert refused.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    errors = field_errors_from(refused.value.trailing_metadata())  # type: ignore[arg-type]
    by_field = {e.loc: e.msg for e in errors}
    assert set(by_field) == {("pay", "amount_cents"), ("title",)}
    assert f"floor of {FLOOR} cents per hour" in by_field[("pay", "amount_cents")]
    at_floor = common_pb2.Money(amount_cents=10 * FLOOR, currency="EUR")
    accepted = await create(listings, employer, estimated_hours=10, pay=at_floor)
    assert accepted.pay.amount_cents == 10 * FLOOR


async def test_edits_of_an_open_listing_are_announced_and_versioned(
    listings: Stub, employer: Caller, listing_service: RunningService
) -> None:
    draft = await create(listings, employer)
    with acting_as(employer):
        edited_draft = await listings.UpdateListing(
            listing_service_pb2.UpdateListingRequest(
                listing_id=draft.id, patch=listing_service_pb2.ListingPatch(slots=3)
            )
        )
        opened = await listings.PublishListing(
            listing_service_pb2.PublishListingRequest(listing_id=draft.id)
        )
        edited = await listings.UpdateListing(
            listing_service_pb2.UpdateListingRequest(
                listing_id=draft.id,
                patch=listing_service_pb2.ListingPatch(
                    title="Build a retention dashboard",
                    skills=listing_service_pb2.SkillList(
                        skills=[listing_pb2.SkillRequirement(name="JS", required=True)]
                    ),
                ),
            )
        )
    assert (edited_draft.slots, edited_draft.version) == (3, 2)
    assert (edited.title, [s.name for s in edited.skills]) == (
        "Build a retention dashboard",
        ["javascript"],
    )
    assert edited.version == opened.version + 1 == 4
    # A draft's edits stay private; the open listing's are announced.
    assert await announced(listing_service.pool, draft.id) == [
        events_pb2.ListingPublished(listing=opened),
        events_pb2.ListingUpdated(listing=edited),
    ]


async def test_illegal_transitions_fail_the_precondition(
    listings: Stub, employer: Caller, listing_service: RunningService
) -> None:
    opened = await create_open(listings, employer)
    with acting_as(employer):
        with pytest.raises(grpc.aio.AioRpcError) as republish:
            await listings.PublishListing(
                listing_service_pb2.PublishListingRequest(listing_id=opened.id)
            )
        assert republish.value.code() == grpc.StatusCode.FAILED_PRECONDITION
        closed = await listings.CloseListing(
            listing_service_pb2.CloseListingRequest(listing_id=opened.id)
        )
        assert (closed.status, closed.close_reason) == (
            listing_pb2.LISTING_STATUS_CLOSED,
            listing_pb2.CLOSE_REASON_WITHDRAWN,
        )
        refused: list[tuple[grpc.aio.UnaryUnaryMultiCallable[Any, Any], Any]] = [
            (listings.CloseListing, listing_service_pb2.CloseListingRequest(listing_id=opened.id)),
            (
                listings.PublishListing,
                listing_service_pb2.PublishListingRequest(listing_id=opened.id),
            ),
            (
                listings.UpdateListing,
                listing_service_pb2.UpdateListingRequest(
                    listing_id=opened.id,
                    patch=listing_service_pb2.ListingPatch(title="Reopened?", slots=0),
                ),
            ),
        ]
        for method, request in refused:
            with pytest.raises(grpc.aio.AioRpcError) as failed:
                await method(request)
            assert failed.value.code() == grpc.StatusCode.FAILED_PRECONDITION
    events = await announced(listing_service.pool, opened.id)
    assert events[-1] == events_pb2.ListingClosed(
        listing=closed, reason=listing_pb2.CLOSE_REASON_WITHDRAWN
    )
    assert len(events) == 2


async def test_an_owner_cannot_close_as_filled(listings: Stub, employer: Caller) -> None:
    opened = await create_open(listings, employer)
    with acting_as(employer), pytest.raises(grpc.aio.AioRpcError) as refused:
        await listings.CloseListing(
            listing_service_pb2.CloseListingRequest(
                listing_id=opened.id, reason=listing_pb2.CLOSE_REASON_FILLED
            )
        )
    assert refused.value.code() == grpc.StatusCode.INVALID_ARGUMENT
