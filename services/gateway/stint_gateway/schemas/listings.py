"""Bodies of the Listings section. The bounds are the contract's (``ListingDraft``'s
declared limits, which the listing service enforces too), so that most bad input is
refused here with the field named; the rules that need state or settings (the pay
floor, apply_by in the future) are the service's."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Literal
from uuid import UUID

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
)
from pydantic_core import PydanticCustomError

from stint.listing.v1 import listing_pb2, listing_service_pb2
from stint_gateway.schemas.bounds import count, not_nullable, text, within
from stint_runtime.contract import field_limits

ListingStatus = Literal["draft", "open", "closed"]
CloseReason = Literal["filled", "deadline", "withdrawn"]

_DRAFT = field_limits(listing_service_pb2.ListingDraft.DESCRIPTOR)
_SKILL = field_limits(listing_pb2.SkillRequirement.DESCRIPTOR)

Title = Annotated[str, text(_DRAFT["title"])]
Description = Annotated[str, text(_DRAFT["description"])]
Industry = Annotated[str, text(_DRAFT["industry"])]
SkillName = Annotated[str, text(_SKILL["name"])]
Location = Annotated[str, text(_DRAFT["location"])]
Currency = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
EstimatedHours = Annotated[int, within(_DRAFT["estimated_hours"])]
DurationDays = Annotated[int, within(_DRAFT["duration_days"])]
Slots = Annotated[int, within(_DRAFT["slots"])]
# Flags are taken as JSON gives them too: "yes" is a client's mistake to hear about.
Flag = Annotated[bool, Field(strict=True)]


def _within_utc_dates(moment: datetime) -> datetime:
    # "9999-12-31T23:59:59-05:00" parses, but is past the last date UTC can express.
    try:
        moment.astimezone(UTC)
    except OverflowError:
        raise PydanticCustomError(
            "datetime_range", "is outside the dates UTC can express"
        ) from None
    return moment


ApplyBy = Annotated[AwareDatetime, AfterValidator(_within_utc_dates)]


class Skill(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: SkillName
    required: bool = Field(default=True, strict=True, description="False: nice to have.")


class Pay(BaseModel):
    """Total pay for the project, in cents of an ISO 4217 currency."""

    model_config = ConfigDict(extra="forbid")

    amount_cents: Annotated[int, within(_DRAFT["pay"])]
    currency: Currency


class ListingDraftIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: Title
    description: Description
    industry: Industry
    skills: list[Skill] = count(_DRAFT["skills"])
    estimated_hours: EstimatedHours
    duration_days: DurationDays
    pay: Pay
    remote: Flag
    location: Location | None = None
    apply_by: ApplyBy
    slots: Slots = 1


_NOT_NULLABLE = (
    "title",
    "description",
    "industry",
    "skills",
    "estimated_hours",
    "duration_days",
    "pay",
    "remote",
    "apply_by",
    "slots",
)


class ListingPatchIn(BaseModel):
    """Any subset of the draft's fields; absent fields stay as they are. ``location``
    may be null to clear it; no other field may be null."""

    model_config = ConfigDict(extra="forbid", json_schema_extra=not_nullable(*_NOT_NULLABLE))

    title: Title | None = None
    description: Description | None = None
    industry: Industry | None = None
    skills: list[Skill] | None = count(_DRAFT["skills"], default=None)
    estimated_hours: EstimatedHours | None = None
    duration_days: DurationDays | None = None
    pay: Pay | None = None
    remote: Flag | None = None
    location: Location | None = None
    apply_by: ApplyBy | None = None
    slots: Slots | None = None

    @field_validator(*_NOT_NULLABLE)
    @classmethod
    def _not_null(cls, value: object) -> object:
        # Runs only for fields the client sent (defaults are not validated).
        if value is None:
            raise PydanticCustomError("not_null", "may not be null")
        return value


class CloseRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: Literal["withdrawn"] | None = Field(
        default=None,
        description="Only 'withdrawn' may be asked for; 'filled' and 'deadline' are the "
        "platform's to set.",
    )


class Listing(BaseModel):
    id: UUID
    organization_id: UUID
    organization_name: str
    title: str
    description: str
    industry: str
    skills: list[Skill]
    estimated_hours: int
    duration_days: int
    pay: Pay
    remote: bool
    location: str | None
    apply_by: datetime
    slots: int
    slots_filled: int
    status: ListingStatus
    close_reason: CloseReason | None = None
    created_at: datetime
    published_at: datetime | None = None


class ListingPage(BaseModel):
    items: list[Listing]
    next_cursor: str | None = Field(description="Null on the last page.")
