"""Preferences, webhooks and unsubscribing through the gateway: defaults for a new
account, a critical type refused with the field named, the webhook secret shown once,
the delivery log, and the List-Unsubscribe link of a mail switching that type off."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from standardwebhooks import Webhook

from tests.integration.gateway.api import Api, assert_problem, error_locs
from tests.integration.notification.conftest import notices
from tests.integration.notification.mail import MailCatcher
from tests.integration.notification.receiver import serving_receiver
from tests.integration.notification.test_public_api import person
from tests.waiting import eventually

PREFS = "/v1/me/notification-preferences"


def choices(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "email": True,
        "in_app": True,
        "digest": "immediate",
        "time_zone": "Europe/Berlin",
    }
    body.update(changes)
    return body


async def test_defaults_and_refusals(public_api: Api) -> None:
    api = public_api
    for role in ("student", "employer", "institution"):
        who, _ = await person(api, role)
        reply = await api.call("GET", PREFS, who)
        assert reply.status_code == 200, reply.text
        assert reply.json() == {
            "email": True,
            "in_app": True,
            "webhook_url": None,
            "types": {},
            "digest": "immediate",
            "time_zone": "UTC",
            "digest_hour": 8,
            "webhook_disabled_reason": None,
            "webhook_secret": None,
        }
    student, _ = await person(api, "student")
    critical = choices(types={"application.rejected": {"in_app": False}})
    problem = assert_problem(await api.call("PUT", PREFS, student, critical), 422)
    assert error_locs(problem) == [["body", "types", "application.rejected", "in_app"]]
    zone = assert_problem(await api.call("PUT", PREFS, student, choices(time_zone="Nowhere")), 422)
    assert error_locs(zone) == [["body", "time_zone"]]
    hour = assert_problem(await api.call("PUT", PREFS, student, choices(digest_hour=24)), 422)
    assert error_locs(hour)[0][:2] == ["body", "digest_hour"]
    assert_problem(await api.call("PUT", PREFS, None, choices()), 401)
    kept = (await api.call("GET", PREFS, student)).json()
    assert kept["time_zone"] == "UTC"

    chosen = await api.call(
        "PUT",
        PREFS,
        student,
        choices(
            digest="weekly",
            digest_hour=18,
            types={"match.found": {"email": False}, "application.rejected": {"email": False}},
        ),
    )
    assert chosen.status_code == 200, chosen.text
    again = (await api.call("GET", PREFS, student)).json()
    assert again["digest"] == "weekly" and again["digest_hour"] == 18
    assert again["time_zone"] == "Europe/Berlin"
    assert again["types"]["application.rejected"] == {
        "email": False,
        "in_app": True,
        "webhook": True,
    }


async def test_webhook_secret_once_and_the_delivery_log(public_api: Api) -> None:
    api = public_api
    owner, _ = await person(api, "employer")
    async with serving_receiver() as receiver:
        url = f"{receiver.base_url}/stint"
        first = await api.call("PUT", PREFS, owner, choices(webhook_url=url))
        assert first.status_code == 200, first.text
        secret = first.json()["webhook_secret"]
        assert secret.startswith("whsec_") and first.json()["webhook_url"] == url
        assert (await api.call("GET", PREFS, owner)).json()["webhook_secret"] is None
        assert (await api.call("PUT", PREFS, owner, choices(webhook_url=url))).json()[
            "webhook_secret"
        ] is None

        listing = await api.open_listing(owner)
        student, _ = await person(api, "student")
        await api.apply(student, listing["id"])
        (notice,) = await notices(api, owner, "application.submitted")
        (call,) = await eventually(lambda: receiver.at("/stint") or None, "the webhook call")
        payload = Webhook(secret).verify(call.body, call.headers)
        assert payload["data"]["id"] == notice["id"] == call.headers["webhook-id"]

        log = await eventually(lambda: _logged(api, owner), "the delivery in the log")
        assert log == [
            {
                "id": log[0]["id"],
                "notification_id": notice["id"],
                "url": url,
                "attempt": 1,
                "status_code": 200,
                "error": None,
                "next_attempt_at": None,
                "delivered_at": log[0]["delivered_at"],
            }
        ]
        removed = await api.call("PUT", PREFS, owner, choices())
        assert removed.json()["webhook_url"] is None


async def _logged(api: Api, who: Any) -> list[dict[str, Any]] | None:
    reply = await api.call("GET", "/v1/me/webhook-deliveries", who)
    assert reply.status_code == 200, reply.text
    items: list[dict[str, Any]] = reply.json()["items"]
    return items or None


async def test_one_click_unsubscribe_from_the_mail(public_api: Api, mail: MailCatcher) -> None:
    api = public_api
    owner, _ = await person(api, "employer")
    listing = await api.open_listing(owner)
    student, email = await person(api, "student")
    application_id = await api.apply(student, listing["id"])
    reason = {"reason_code": "availability"}
    await api.call("POST", f"/v1/applications/{application_id}/reject", owner, reason)
    (message,) = await eventually(lambda: mail.to(email) or None, "the rejection mail")
    link = str(message["List-Unsubscribe"]).strip("<>")
    parts = urlsplit(link)
    assert parts.path == "/v1/notifications/unsubscribe"
    # The mail client POSTs it (RFC 8058), with no sign-in.
    done = await api.http.post(
        f"{parts.path}?{parts.query}",
        content=b"List-Unsubscribe=One-Click",
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert done.status_code == 204, done.text
    prefs = (await api.call("GET", PREFS, student)).json()
    assert prefs["types"]["application.rejected"]["email"] is False
    assert prefs["email"] is True and prefs["types"]["application.rejected"]["in_app"] is True
    forged = await api.http.post(f"{parts.path}?token={parts.query[6:-3]}abc")
    assert_problem(forged, 404)
    page = await api.http.get(f"{parts.path}?{parts.query}")
    assert page.status_code == 200 and '<form method="post"' in page.text
