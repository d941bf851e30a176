"""Domain errors every service raises; the gRPC layer maps them to status codes."""

from __future__ import annotations

from dataclasses import dataclass, field


class DomainError(Exception):
    """A rule of the marketplace refused the request; nothing was changed."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFound(DomainError):
    """Unknown, or not visible to the caller (never leak existence)."""


class PermissionDenied(DomainError):
    """Authenticated, but the caller's role may not do this."""


class Unauthenticated(DomainError):
    """No caller identity where one is needed."""


class Conflict(DomainError):
    """The current state does not allow this (illegal transition, duplicate, no slot)."""


@dataclass(frozen=True)
class FieldError:
    loc: tuple[str | int, ...]
    msg: str


@dataclass
class InvalidArgument(DomainError):
    """Bad input; each problem names its field."""

    errors: list[FieldError] = field(default_factory=list)

    def __post_init__(self) -> None:
        text = "; ".join(f"{'.'.join(map(str, e.loc))}: {e.msg}" for e in self.errors)
        DomainError.__init__(self, text or "invalid argument")

    @classmethod
    def one(cls, loc: str | tuple[str | int, ...], msg: str) -> InvalidArgument:
        return cls([FieldError(loc if isinstance(loc, tuple) else (loc,), msg)])
