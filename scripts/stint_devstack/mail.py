"""The local mail catcher: an SMTP server (aiosmtpd) on 127.0.0.1 that keeps every
message it receives in a Maildir under the data directory (``.stint/mail/``), where a
mail client or ``python -m mailbox`` reads it. Nothing leaves the machine."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["MailCatcher", "start_mail_catcher"]


@dataclass
class MailCatcher:
    maildir: Path
    port: int
    controller: Any

    def stop(self) -> None:
        self.controller.stop()


def start_mail_catcher(maildir: Path, port: int) -> MailCatcher:
    from aiosmtpd.controller import Controller
    from aiosmtpd.handlers import Mailbox

    maildir.parent.mkdir(parents=True, exist_ok=True)
    controller = Controller(Mailbox(maildir), hostname="127.0.0.1", port=port)
    controller.start()
    return MailCatcher(maildir=maildir, port=port, controller=controller)
