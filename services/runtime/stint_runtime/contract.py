"""What the contracts declare about themselves (``stint/common/v1/options.proto``), read
once: who may call an RPC (``access``) and the bounds of a request field (``limits``).

Both the gateway and the service read the same declaration, so the two checks cannot
drift apart: the gateway refuses early (before it reads a request body), the service
refuses on its own (the runtime's server interceptor for access, its domain rules for
limits), whoever calls it.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass

from google.protobuf import descriptor_pool
from google.protobuf.descriptor import Descriptor

from stint.common.v1 import common_pb2, options_pb2
from stint_runtime.errors import DomainError, PermissionDenied, Unauthenticated
from stint_runtime.identity import Caller, Role

__all__ = ["Access", "FieldLimits", "field_limits", "method_access"]

_ROLES: Mapping[int, Role] = {
    common_pb2.ROLE_STUDENT: "student",
    common_pb2.ROLE_EMPLOYER: "employer",
    common_pb2.ROLE_INSTITUTION: "institution",
}


@dataclass(frozen=True)
class Access:
    """The roles that may call a method, and what the method does (for refusals)."""

    roles: tuple[Role, ...]
    action: str

    def refusal(self, caller: Caller | None) -> DomainError | None:
        """Why ``caller`` may not call, or None when they may."""
        if caller is None:
            return Unauthenticated(f"Sign in to {self.action}.")
        if caller.role not in self.roles:
            allowed = " or ".join(f"{role}s" for role in self.roles)
            return PermissionDenied(f"Only {allowed} can {self.action}.")
        return None


@functools.cache
def method_access(method: str) -> Access | None:
    """The access a method declares, by its full name in either spelling
    (``stint.listing.v1.ListingService.CreateListing`` or the gRPC path
    ``/stint.listing.v1.ListingService/CreateListing``); None when it declares none
    (anyone may call it). A name no contract defines raises KeyError."""
    name = method.lstrip("/").replace("/", ".")
    descriptor = descriptor_pool.Default().FindMethodByName(name)
    options = descriptor.GetOptions()
    if not options.HasExtension(options_pb2.access):
        return None
    declared = options.Extensions[options_pb2.access]
    return Access(tuple(_ROLES[r] for r in declared.roles), declared.action)


@dataclass(frozen=True)
class FieldLimits:
    """A field's bounds; None where the contract sets none. Text counts characters
    after trimming, numbers their value, lists and maps their entries."""

    min: int | None = None
    max: int | None = None
    entry_max: int | None = None
    """Each entry of a list of text (each value of a map): at most this long."""
    key_max: int | None = None
    """Each key of a map: at most this long."""

    @property
    def bounds(self) -> tuple[int, int]:
        """(min, max) of a field that declares both."""
        if self.min is None or self.max is None:
            raise ValueError("this field does not declare both bounds")
        return self.min, self.max


@functools.cache
def field_limits(message: Descriptor) -> Mapping[str, FieldLimits]:
    """The declared bounds of ``message``'s fields, by field name (fields that declare
    none are left out): ``field_limits(ListingDraft.DESCRIPTOR)["title"].max``."""
    found: dict[str, FieldLimits] = {}
    for field in message.fields:
        options = field.GetOptions()
        if not options.HasExtension(options_pb2.limits):
            continue
        declared = options.Extensions[options_pb2.limits]
        found[field.name] = FieldLimits(
            **{
                name: getattr(declared, name) if declared.HasField(name) else None
                for name in ("min", "max", "entry_max", "key_max")
            }
        )
    return found
