"""E-mails as readers get them: multipart, a stable Message-ID, one-click unsubscribe."""

from __future__ import annotations

import email
import email.policy
from datetime import UTC, datetime

from stint_notification.domain.mail import digest_content, email_message, message_id, notice_content
from stint_notification.domain.unsubscribe import read_token, unsubscribe_token


def test_a_notice_is_multipart_with_unsubscribe_headers() -> None:
    content = notice_content(
        "Not this time <b>",
        "Reason: availability.\nNote: soon",
        "https://stint.example/applications/1",
        "https://stint.example/settings",
        "https://stint.example/u?t=1",
    )
    message = email_message(
        content=content,
        mail_from="Stint <n@stint.example>",
        to="sam@example.com",
        msg_id=message_id("d-1", "Stint <n@stint.example>"),
        unsubscribe_url="https://stint.example/u?t=1",
        written_at=datetime(2026, 5, 1, tzinfo=UTC),
    )
    parsed = email.message_from_bytes(message.as_bytes(), policy=email.policy.default)
    assert parsed["Message-ID"] == "<d-1@stint.example>"
    assert parsed["List-Unsubscribe"] == "<https://stint.example/u?t=1>"
    assert parsed["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    parts = {p.get_content_type(): p.get_content() for p in parsed.walk() if not p.is_multipart()}
    assert set(parts) == {"text/plain", "text/html"}
    assert "Reason: availability." in parts["text/plain"]
    assert (
        "&lt;b&gt;" in parts["text/html"] and "<b>" not in parts["text/html"].split("<h2>")[1][:20]
    )


def test_a_digest_lists_every_notice() -> None:
    content = digest_content(
        [("A", "why a", "https://x/a"), ("B", "why b", "https://x/b")], "https://x/s", "https://x/u"
    )
    assert content.subject == "2 new projects for you on Stint"
    assert "why a" in content.text and "https://x/b" in content.html


def test_unsubscribe_tokens_are_ours_only() -> None:
    token = unsubscribe_token("secret", "acc-1", "match.found")
    assert read_token("secret", token) == ("acc-1", "match.found")
    assert read_token("another secret", token) is None
    assert read_token("secret", token[:-2]) is None
    assert read_token("secret", "garbage") is None
    assert read_token("secret", unsubscribe_token("secret", "acc-1", "")) == ("acc-1", "")
