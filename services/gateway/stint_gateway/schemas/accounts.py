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
from pydantic_core import PydanticCustomError

AccountRole = Literal["student", "employer", "institution"]

MIN_PASSWORD_LENGTH = 10
# Long enough for any passphrase, short enough that hashing it is no denial of service.
MAX_PASSWORD_LENGTH = 1024


def _without_nul(text: str) -> str:
    # Postgres text cannot hold U+0000: refused here rather than failing the query.
    if "\x00" in text:
        raise PydanticCustomError("nul_character", "must not contain the NUL character (U+0000)")
    return text


Name = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=100),
    AfterValidator(_without_nul),
]


class OrganizationIn(BaseModel):
    """The employer's organization, created with the account."""

    model_config = ConfigDict(extra="forbid")

    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
    industry: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=60)]
    website: Annotated[AnyHttpUrl, UrlConstraints(max_length=300)] | None = None


class RegisterRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

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
