"""Bodies of the Accounts section: registration, tokens, the account."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal
from uuid import UUID

from pydantic import (
    AfterValidator,
    AnyHttpUrl,
    BaseModel,
    ConfigDict,
    EmailStr,
    Field,
    StringConstraints,
    UrlConstraints,
    ValidationInfo,
    field_validator,
)
from pydantic.config import JsonDict
from pydantic_core import PydanticCustomError

from stint.listing.v1 import listing_service_pb2
from stint_gateway.schemas.bounds import text
from stint_runtime.contract import field_limits
from stint_runtime.text import NUL_MESSAGE, nul_errors

AccountRole = Literal["student", "employer", "institution"]

# The organization is created in the listing service, whose contract bounds its fields.
_ORGANIZATION = field_limits(listing_service_pb2.CreateOrganizationRequest.DESCRIPTOR)

MIN_PASSWORD_LENGTH = 10
# Long enough for any passphrase, short enough that hashing it is no denial of service.
MAX_PASSWORD_LENGTH = 1024


def _without_nul(value: str) -> str:
    # Postgres text cannot hold U+0000: refused here rather than failing the query.
    if nul_errors((), value):
        raise PydanticCustomError("nul_character", NUL_MESSAGE)
    return value


Name = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=100),
    AfterValidator(_without_nul),
]


Website = Annotated[AnyHttpUrl, UrlConstraints(max_length=_ORGANIZATION["website"].max)]


class OrganizationIn(BaseModel):
    """The employer's organization, created with the account."""

    model_config = ConfigDict(extra="forbid")

    name: Annotated[str, text(_ORGANIZATION["name"])]
    industry: Annotated[str, text(_ORGANIZATION["industry"])]
    website: (
        Annotated[AnyHttpUrl, UrlConstraints(max_length=_ORGANIZATION["website"].max)] | None
    ) = None


# What ``_organization_matches_role`` checks, said in the schema: an employer sends an
# organization, nobody else does.
_ORGANIZATION_BY_ROLE: JsonDict = {
    "allOf": [
        {
            "if": {"properties": {"role": {"const": "employer"}}, "required": ["role"]},
            "then": {
                "required": ["organization"],
                "properties": {"organization": {"not": {"type": "null"}}},
            },
            "else": {"properties": {"organization": {"type": "null"}}},
        }
    ]
}


class RegisterRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra=_ORGANIZATION_BY_ROLE)

    email: EmailStr
    password: Annotated[
        str, StringConstraints(min_length=MIN_PASSWORD_LENGTH, max_length=MAX_PASSWORD_LENGTH)
    ]
    role: AccountRole
    display_name: Name
    # Validated even when absent: an employer must send one, nobody else may.
    organization: OrganizationIn | None = Field(default=None, validate_default=True)

    @field_validator("organization")
    @classmethod
    def _organization_matches_role(
        cls, organization: OrganizationIn | None, info: ValidationInfo
    ) -> OrganizationIn | None:
        role = info.data.get("role")
        if role == "employer" and organization is None:
            raise PydanticCustomError(
                "organization_required", "required when registering as an employer"
            )
        if role is not None and role != "employer" and organization is not None:
            raise PydanticCustomError(
                "organization_not_allowed", "only employers register an organization"
            )
        return organization


class TokenRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    email: Annotated[
        str, StringConstraints(min_length=1, max_length=320), AfterValidator(_without_nul)
    ]
    password: Annotated[str, StringConstraints(min_length=1, max_length=MAX_PASSWORD_LENGTH)]


class TokenReply(BaseModel):
    access_token: str
    token_type: Literal["bearer"] = "bearer"  # noqa: S105 - the scheme's name
    expires_in: int = Field(description="Seconds until the token expires.")


class Account(BaseModel):
    id: UUID
    email: str
    role: AccountRole
    display_name: str
    organization_id: UUID | None = Field(
        default=None, description="The employer's organization; null for other roles."
    )
    created_at: datetime
