"""What commands, queries, handlers and sweeps share besides a database connection:
the schema, the clock, and the rules made from settings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from stint_notification.domain.targets import TargetPolicy
from stint_notification.settings import NotificationSettings
from stint_runtime.clock import Clock, system_clock

__all__ = ["Context", "MailServer"]


@dataclass(frozen=True)
class MailServer:
    host: str
    port: int
    username: str
    password: str
    starttls: bool
    timeout_s: float


@dataclass(frozen=True)
class Context:
    schema: str
    """The service's schema, whose outbox the events go to."""
    clock: Clock
    targets: TargetPolicy
    reminder_lead: timedelta
    mail_server: MailServer
    mail_from: str
    mail_retry_base_s: float
    mail_retry_cap_s: float
    mail_max_attempts: int
    send_lease: timedelta
    public_base_url: str
    unsubscribe_secret: str
    webhook_schedule_s: tuple[float, ...]
    webhook_timeout_s: float
    webhook_concurrency: int
    rotation_overlap: timedelta
    sweep_batch: int
    stream_poll_s: float

    @classmethod
    def from_settings(cls, settings: NotificationSettings, clock: Clock = system_clock) -> Context:
        return cls(
            schema=settings.database_schema,
            clock=clock,
            targets=TargetPolicy(private_allowed=settings.private_targets_allowed),
            reminder_lead=settings.reminder_lead,
            mail_server=MailServer(
                host=settings.smtp_host,
                port=settings.smtp_port,
                username=settings.smtp_username,
                password=settings.smtp_password,
                starttls=settings.smtp_starttls,
                timeout_s=settings.smtp_timeout_s,
            ),
            mail_from=settings.mail_from,
            mail_retry_base_s=settings.mail_retry_base_s,
            mail_retry_cap_s=settings.mail_retry_cap_s,
            mail_max_attempts=settings.mail_max_attempts,
            send_lease=timedelta(seconds=settings.send_lease_s),
            public_base_url=settings.public_base_url.rstrip("/"),
            unsubscribe_secret=settings.unsubscribe_secret,
            webhook_schedule_s=tuple(settings.webhook_schedule_s),
            webhook_timeout_s=settings.webhook_timeout_s,
            webhook_concurrency=settings.webhook_concurrency,
            rotation_overlap=settings.rotation_overlap,
            sweep_batch=settings.sweep_batch,
            stream_poll_s=settings.stream_poll_s,
        )

    def link(self, path: str) -> str:
        """The public URL of a page path (``/applications/...``)."""
        return f"{self.public_base_url}{path}"
