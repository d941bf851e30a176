"""Input rules of a preferences change: every problem names its field, and nothing is
stored when one fails. The bounds are the contract's (the gateway checks them too)."""

from __future__ import annotations

from stint.notification.v1 import notification_pb2 as pb
from stint_notification.domain.catalog import CRITICAL, TYPES
from stint_notification.domain.moments import zone_named
from stint_notification.domain.preferences import Preferences
from stint_notification.domain.targets import Target, TargetPolicy, webhook_target
from stint_runtime.contract import field_limits
from stint_runtime.errors import FieldError, InvalidArgument
from stint_runtime.text import length_errors

__all__ = ["validate_preferences"]

_LIMITS = field_limits(pb.Preferences.DESCRIPTOR)
MAX_TIME_ZONE = _LIMITS["time_zone"].max or 64
MIN_HOUR, MAX_HOUR = _LIMITS["digest_hour"].bounds


def _type_errors(prefs: Preferences) -> list[FieldError]:
    errors: list[FieldError] = []
    for name, choice in sorted(prefs.types.items()):
        if name not in TYPES:
            errors.append(FieldError(("types", name), "not a notification type"))
        elif name in CRITICAL and not choice.in_app:
            errors.append(
                FieldError(
                    ("types", name, "in_app"),
                    "cannot be switched off: this notification is critical",
                )
            )
    return errors


def validate_preferences(
    prefs: Preferences, webhook_url: str, policy: TargetPolicy
) -> Target | None:
    """The webhook target when a URL is given; InvalidArgument naming each bad field."""
    errors = length_errors(("time_zone",), prefs.time_zone, MAX_TIME_ZONE)
    if not errors and zone_named(prefs.time_zone) is None:
        errors.append(FieldError(("time_zone",), "not an IANA time zone name (Europe/Berlin)"))
    if not MIN_HOUR <= prefs.digest_hour <= MAX_HOUR:
        errors.append(FieldError(("digest_hour",), f"between {MIN_HOUR} and {MAX_HOUR}"))
    errors += _type_errors(prefs)
    target: Target | None = None
    if webhook_url:
        found = webhook_target(webhook_url, policy)
        if isinstance(found, str):
            errors.append(FieldError(("webhook_url",), found))
        else:
            target = found
    if errors:
        raise InvalidArgument(errors)
    return target
