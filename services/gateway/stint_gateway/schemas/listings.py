"""Bodies of the Listings section. The limits mirror the listing service's rules, so
that most bad input is refused here with the field named; the rules that need state
or settings (the pay floor, apply_by in the future) are the service's."""

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

ListingStatus = Literal["draft", "open", "closed"]
CloseReason = Literal["filled", "deadline", "withdrawn"]

Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=120)]
Description = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=10, max_length=5000)
]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=60)]
Location = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)]
Currency = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
# Numbers and booleans are taken as JSON gives them: "10" or 1.0 for a count, or
# "yes" for a flag, is a client's mistake to hear about, not to guess at.
EstimatedHours = Annotated[int, Field(strict=True, ge=1, le=1000)]
DurationDays = Annotated[int, Field(strict=True, ge=1, le=365)]
Slots = Annotated[int, Field(strict=True, ge=1, le=100)]
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

    name: Name
    required: bool = Field(default=True, strict=True, description="False: nice to have.")


class Pay(BaseModel):
    """Total pay for the project, in cents of an ISO 4217 currency."""

    model_config = ConfigDict(extra="forbid")

    amount_cents: int = Field(strict=True, ge=1, le=100_000_000)
    currency: Currency


class ListingDraftIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: Title
    description: Description
    industry: Name
    skills: list[Skill] = Field(max_length=20)
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

    model_config = ConfigDict(extra="forbid")

    title: Title | None = None
    description: Description | None = None
    industry: Name | None = None
    skills: list[Skill] | None = Field(default=None, max_length=20)
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
