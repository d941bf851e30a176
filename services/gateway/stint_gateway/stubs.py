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
    from stint.matching.v1.matching_service_pb2_grpc import (
        MatchingServiceAsyncStub as MatchingStub,
    )
    from stint.notification.v1.notification_service_pb2_grpc import (
        NotificationServiceAsyncStub as NotificationStub,
    )
    from stint.reputation.v1.reputation_service_pb2_grpc import (
        ReputationServiceAsyncStub as ReputationStub,
    )
else:
    from stint.application.v1.application_service_pb2_grpc import (
        ApplicationServiceStub as ApplicationStub,
    )
    from stint.listing.v1.listing_service_pb2_grpc import ListingServiceStub as ListingStub
    from stint.matching.v1.matching_service_pb2_grpc import MatchingServiceStub as MatchingStub
    from stint.notification.v1.notification_service_pb2_grpc import (
        NotificationServiceStub as NotificationStub,
    )
    from stint.reputation.v1.reputation_service_pb2_grpc import (
        ReputationServiceStub as ReputationStub,
    )

__all__ = ["ApplicationStub", "ListingStub", "MatchingStub", "NotificationStub", "ReputationStub"]
