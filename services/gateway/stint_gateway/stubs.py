"""The gRPC stubs of the services the gateway calls, typed for grpc.aio.

The async stub aliases exist for the type checker only; at run time the plain stub
classes are what a grpc.aio channel gives.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from stint.application.v1.application_service_pb2_grpc import (
        ApplicationServiceAsyncStub as ApplicationStub,
    )
    from stint.listing.v1.listing_service_pb2_grpc import ListingServiceAsyncStub as ListingStub
else:
    from stint.application.v1.application_service_pb2_grpc import (
        ApplicationServiceStub as ApplicationStub,
    )
    from stint.listing.v1.listing_service_pb2_grpc import ListingServiceStub as ListingStub

__all__ = ["ApplicationStub", "ListingStub"]
