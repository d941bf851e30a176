"""A person's choices of channels, and which channels a notification of a type takes.

A channel is used when the global switch is on and the type, when the person named it,
keeps that channel on; a type not named follows the global choices. Critical types are
always in-app."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from stint_notification.domain.catalog import CRITICAL, DIGESTIBLE

__all__ = ["ChannelChoice", "Channels", "Digest", "Preferences", "channels_for"]

DEFAULT_DIGEST_HOUR = 8


class Digest(StrEnum):
    IMMEDIATE = "immediate"
    DAILY = "daily"
    WEEKLY = "weekly"


@dataclass(frozen=True)
class ChannelChoice:
    email: bool = True
    in_app: bool = True
    webhook: bool = True


@dataclass(frozen=True)
class Preferences:
    email: bool = True
    in_app: bool = True
    types: Mapping[str, ChannelChoice] = field(default_factory=dict)
    digest: Digest = Digest.IMMEDIATE
    digest_hour: int = DEFAULT_DIGEST_HOUR
    time_zone: str = "UTC"


@dataclass(frozen=True)
class Channels:
    in_app: bool
    email: bool
    webhook: bool
    digest: bool = False
    """The e-mail waits for the person's next digest instead of going out now."""


def channels_for(prefs: Preferences, type_name: str, *, webhook_active: bool) -> Channels:
    choice = prefs.types.get(type_name, ChannelChoice())
    email = prefs.email and choice.email
    return Channels(
        in_app=type_name in CRITICAL or (prefs.in_app and choice.in_app),
        email=email,
        webhook=webhook_active and choice.webhook,
        digest=email and type_name in DIGESTIBLE and prefs.digest is not Digest.IMMEDIATE,
    )
