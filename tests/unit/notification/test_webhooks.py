"""Standard Webhooks signatures, checked with the reference library (a different
implementation from ours), and what each answer means."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from standardwebhooks import Webhook
from standardwebhooks.webhooks import WebhookVerificationError

from stint_notification.domain.records import Notification
from stint_notification.domain.webhooks import (
    SECRET_PREFIX,
    Outcome,
    new_secret,
    outcome_of,
    payload,
    signature,
    signed_headers,
)

NOTIFICATION = Notification(
    id="0b7e8c34-8a8e-4a0e-9f5e-3b1f0c1d2e3f",
    recipient_id="r",
    sequence=7,
    type="application.rejected",
    title="Not this time",
    body="Reason: availability.",
    data={"application_id": "a", "link": "/applications/a"},
    created_at=datetime(2026, 5, 1, 12, tzinfo=UTC),
)


def test_secrets_look_like_the_specification_says() -> None:
    secret = new_secret()
    assert secret.startswith(SECRET_PREFIX) and len(secret) > 40
    assert secret != new_secret()


def test_the_reference_library_verifies_our_signature() -> None:
    secret = new_secret()
    body = payload(NOTIFICATION)
    now = int(datetime.now(UTC).timestamp())
    headers = signed_headers([secret], NOTIFICATION.id, now, body)
    verified = Webhook(secret).verify(body, headers)
    assert verified["type"] == "application.rejected"
    assert verified["data"]["id"] == NOTIFICATION.id
    assert verified["data"]["sequence"] == 7
    assert headers["webhook-signature"] == signature(secret, NOTIFICATION.id, now, body)
    assert (
        Webhook(secret).sign(NOTIFICATION.id, datetime.fromtimestamp(now, UTC), body)
        == (headers["webhook-signature"])
    )


def test_a_changed_body_or_another_secret_fails() -> None:
    secret = new_secret()
    body = payload(NOTIFICATION)
    headers = signed_headers([secret], NOTIFICATION.id, int(datetime.now(UTC).timestamp()), body)
    with pytest.raises(WebhookVerificationError):
        Webhook(secret).verify(body.replace("availability", "skills"), headers)
    with pytest.raises(WebhookVerificationError):
        Webhook(new_secret()).verify(body, headers)


def test_during_a_rotation_both_secrets_verify() -> None:
    old, new = new_secret(), new_secret()
    body = payload(NOTIFICATION)
    headers = signed_headers([new, old], "msg_1", int(datetime.now(UTC).timestamp()), body)
    assert len(headers["webhook-signature"].split(" ")) == 2
    Webhook(old).verify(body, headers)
    Webhook(new).verify(body, headers)


@pytest.mark.parametrize(
    ("status", "outcome"),
    [
        (200, Outcome.DELIVERED),
        (204, Outcome.DELIVERED),
        (410, Outcome.DISABLE),
        (301, Outcome.RETRY),
        (404, Outcome.RETRY),
        (500, Outcome.RETRY),
        (None, Outcome.RETRY),
    ],
)
def test_what_an_answer_means(status: int | None, outcome: Outcome) -> None:
    assert outcome_of(status) is outcome
