"""A real SMTP server for the tests (aiosmtpd, as ``scripts/run`` starts one) keeping
every message in a Maildir, read back with Python's ``mailbox`` module as any mail
client would."""

from __future__ import annotations

import email
import email.policy
import mailbox
import socket
from dataclasses import dataclass
from email.message import EmailMessage, Message
from pathlib import Path

from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Mailbox

__all__ = ["MailCatcher", "free_port", "start_catcher"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass
class MailCatcher:
    maildir: Path
    port: int
    controller: Controller | None = None

    def start(self) -> None:
        self.controller = Controller(Mailbox(self.maildir), hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def messages(self) -> list[EmailMessage]:
        """Every message kept so far, its headers decoded (RFC 2047) as a reader sees them."""
        if not (self.maildir / "cur").exists():
            return []
        box = mailbox.Maildir(self.maildir, create=False)
        try:
            parsed = [
                email.message_from_bytes(box.get_bytes(key), policy=email.policy.default)
                for key in box.iterkeys()
            ]
        finally:
            box.close()
        return [m for m in parsed if isinstance(m, EmailMessage)]

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages() if address in str(m["To"])]


def start_catcher(root: Path) -> MailCatcher:
    catcher = MailCatcher(root / "mail", free_port())
    catcher.start()
    return catcher


def text_of(message: Message) -> str:
    """The text/plain part of a multipart message."""
    for part in message.walk():
        if part.get_content_type() == "text/plain":
            payload = part.get_payload(decode=True)
            assert isinstance(payload, bytes)
            return payload.decode(part.get_content_charset() or "utf-8")
    raise AssertionError("no text/plain part")


__all__ += ["text_of"]
