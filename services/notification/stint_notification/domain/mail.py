"""E-mails as their readers get them: multipart text and HTML, a stable Message-ID (a
resend after a crash is the same message, which mail clients show once), and the
List-Unsubscribe headers of one-click unsubscribe (RFC 8058)."""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr

__all__ = ["MailContent", "digest_content", "email_message", "message_id", "notice_content"]


@dataclass(frozen=True)
class MailContent:
    subject: str
    text: str
    html: str


def message_id(delivery_id: str, mail_from: str) -> str:
    """``<delivery-id@sender-domain>``: the same for every attempt of one e-mail."""
    domain = parseaddr(mail_from)[1].rpartition("@")[2] or "stint.localhost"
    return f"<{delivery_id}@{domain}>"


def _footer(manage_url: str, unsubscribe_url: str) -> tuple[str, str]:
    text = (
        f"\n\n-- \nChoose what Stint tells you, and how: {manage_url}\n"
        f"Stop e-mails like this one: {unsubscribe_url}\n"
    )
    markup = (
        '<hr><p style="color:#666;font-size:12px">'
        f'<a href="{html.escape(manage_url)}">Choose what Stint tells you, and how</a> · '
        f'<a href="{html.escape(unsubscribe_url)}">Stop e-mails like this one</a></p>'
    )
    return text, markup


def _page(title: str, inner: str, footer: str) -> str:
    return (
        '<!doctype html><html><body style="font-family:sans-serif;max-width:600px">'
        f"<h2>{html.escape(title)}</h2>{inner}{footer}</body></html>"
    )


def notice_content(
    title: str, body: str, link_url: str, manage_url: str, unsubscribe_url: str
) -> MailContent:
    text_footer, html_footer = _footer(manage_url, unsubscribe_url)
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in body.split("\n") if p.strip())
    button = f'<p><a href="{html.escape(link_url)}">Open in Stint</a></p>'
    return MailContent(
        subject=title,
        text=f"{title}\n\n{body}\n\nOpen in Stint: {link_url}{text_footer}",
        html=_page(title, paragraphs + button, html_footer),
    )


def digest_content(
    items: Sequence[tuple[str, str, str]], manage_url: str, unsubscribe_url: str
) -> MailContent:
    """One mail for several notices, each (title, body, link URL)."""
    count = len(items)
    subject = f"{count} new project{'s' if count != 1 else ''} for you on Stint"
    text_footer, html_footer = _footer(manage_url, unsubscribe_url)
    text = "\n\n".join(f"* {t}\n  {b}\n  {u}" for t, b, u in items)
    inner = "".join(
        f'<h3><a href="{html.escape(u)}">{html.escape(t)}</a></h3><p>{html.escape(b)}</p>'
        for t, b, u in items
    )
    return MailContent(
        subject, f"{subject}\n\n{text}{text_footer}", _page(subject, inner, html_footer)
    )


def email_message(
    *,
    content: MailContent,
    mail_from: str,
    to: str,
    msg_id: str,
    unsubscribe_url: str,
    written_at: datetime,
) -> EmailMessage:
    message = EmailMessage()
    message["From"] = mail_from
    message["To"] = to
    message["Subject"] = content.subject
    message["Date"] = format_datetime(written_at)
    message["Message-ID"] = msg_id
    message["List-Unsubscribe"] = f"<{unsubscribe_url}>"
    message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(content.text)
    message.add_alternative(content.html, subtype="html")
    return message
