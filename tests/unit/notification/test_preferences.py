"""Which channels a notification takes, and which choices are refused."""

from __future__ import annotations

import pytest

from stint_notification.domain.preferences import (
    ChannelChoice,
    Channels,
    Digest,
    Preferences,
    channels_for,
)
from stint_notification.domain.targets import TargetPolicy
from stint_notification.domain.validation import validate_preferences
from stint_runtime.errors import InvalidArgument

POLICY = TargetPolicy(private_allowed=False)


def test_the_defaults_take_every_channel() -> None:
    assert channels_for(Preferences(), "match.found", webhook_active=True) == Channels(
        in_app=True, email=True, webhook=True
    )
    assert not channels_for(Preferences(), "match.found", webhook_active=False).webhook


def test_global_switches_and_per_type_choices() -> None:
    quiet = Preferences(email=False)
    assert channels_for(quiet, "application.rejected", webhook_active=False).email is False
    off = Preferences(
        types={"match.found": ChannelChoice(email=False, in_app=False, webhook=False)}
    )
    assert channels_for(off, "match.found", webhook_active=True) == Channels(False, False, False)
    assert channels_for(off, "application.shortlisted", webhook_active=True).email


def test_critical_types_stay_in_app_whatever_the_choices() -> None:
    prefs = Preferences(in_app=False, types={"application.rejected": ChannelChoice(in_app=False)})
    assert channels_for(prefs, "application.rejected", webhook_active=False).in_app
    assert channels_for(prefs, "engagement.cancelled", webhook_active=False).in_app
    assert not channels_for(prefs, "match.found", webhook_active=False).in_app


def test_only_matches_wait_for_a_digest_and_only_by_email() -> None:
    daily = Preferences(digest=Digest.DAILY)
    assert channels_for(daily, "match.found", webhook_active=False).digest
    assert not channels_for(daily, "application.rejected", webhook_active=False).digest
    assert not channels_for(
        Preferences(email=False, digest=Digest.DAILY), "match.found", webhook_active=False
    ).digest


@pytest.mark.parametrize(
    ("prefs", "url", "loc"),
    [
        (
            Preferences(types={"application.hired": ChannelChoice(in_app=False)}),
            "",
            ("types", "application.hired", "in_app"),
        ),
        (Preferences(types={"nope": ChannelChoice()}), "", ("types", "nope")),
        (Preferences(time_zone="Europe/Atlantis"), "", ("time_zone",)),
        (Preferences(time_zone="../../etc/passwd"), "", ("time_zone",)),
        (Preferences(time_zone="x" * 65), "", ("time_zone",)),
        (Preferences(digest_hour=24), "", ("digest_hour",)),
        (Preferences(), "http://hooks.example.com/", ("webhook_url",)),
    ],
)
def test_refused_choices_name_their_field(
    prefs: Preferences, url: str, loc: tuple[str, ...]
) -> None:
    with pytest.raises(InvalidArgument) as refused:
        validate_preferences(prefs, url, POLICY)
    assert [e.loc for e in refused.value.errors] == [loc]


def test_good_choices_pass() -> None:
    prefs = Preferences(
        time_zone="America/Argentina/Buenos_Aires",
        types={"application.rejected": ChannelChoice(email=False)},
    )
    assert validate_preferences(prefs, "", POLICY) is None
    target = validate_preferences(prefs, "https://hooks.example.com/x", POLICY)
    assert target is not None and target.host == "hooks.example.com"
