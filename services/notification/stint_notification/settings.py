"""The notification service's settings (environment prefix ``STINT_``)."""

from __future__ import annotations

from datetime import timedelta

from pydantic import Field, model_validator

from stint_runtime.settings import ServiceSettings

DEVELOPMENT_UNSUBSCRIBE_SECRET = "stint-development-unsubscribe-secret-not-for-production"  # noqa: S105

# Standard Webhooks' schedule after the first attempt: 5 s, 5 min, 30 min, 2 h, 5 h,
# 10 h, 14 h, 20 h, 24 h (about three days in all).
WEBHOOK_SCHEDULE_S = (5.0, 300.0, 1800.0, 7200.0, 18000.0, 36000.0, 50400.0, 72000.0, 86400.0)


class NotificationSettings(ServiceSettings):
    service_name: str = "notification"
    grpc_port: int = 50054

    smtp_host: str = "127.0.0.1"
    """The SMTP server every e-mail goes to (``scripts/run``: the local mail catcher)."""
    smtp_port: int = Field(default=25, ge=1, le=65535)
    smtp_username: str = ""
    smtp_password: str = ""
    smtp_starttls: bool = False
    """Upgrade the connection with STARTTLS before sending (a relay outside the host)."""
    smtp_timeout_s: float = Field(default=10.0, gt=0)
    mail_from: str = "Stint <notifications@stint.localhost>"
    mail_retry_base_s: float = Field(default=5.0, gt=0)
    """The first retry of an e-mail the server did not take; doubling up to the cap."""
    mail_retry_cap_s: float = Field(default=3600.0, gt=0)
    mail_max_attempts: int = Field(default=30, ge=1)
    """Then the e-mail is given up (NotificationFailed): about a day at the defaults."""
    send_lease_s: float = Field(default=120.0, gt=0)
    """An e-mail or webhook still marked as being sent this long after it was taken
    belongs to a replica that died mid-send: it is sent again, with the same id."""

    public_base_url: str = "http://127.0.0.1:8000"
    """The public address of the platform: links in e-mails and the one-click
    unsubscribe link (``/v1/notifications/unsubscribe``)."""
    unsubscribe_secret: str = DEVELOPMENT_UNSUBSCRIBE_SECRET
    """Signs the tokens of unsubscribe links, so that nobody can forge one."""

    webhook_schedule_s: tuple[float, ...] = WEBHOOK_SCHEDULE_S
    """Delays between webhook attempts; after the last one the delivery fails."""
    webhook_timeout_s: float = Field(default=5.0, gt=0, le=30)
    """At most this long per attempt, connecting included."""
    webhook_private_targets: bool | None = None
    """Allow plain-http and loopback/private receivers (a local receiver). Unset: only
    in development and test. Never in production."""
    webhook_rotation_overlap_hours: float = Field(default=24.0, ge=0)
    """After a secret rotation, deliveries carry both signatures this long."""
    webhook_concurrency: int = Field(default=16, ge=1)

    reminder_lead_hours: float = Field(default=48.0, gt=0)
    """Apply-by, decision-deadline and review-window reminders go out this long ahead."""
    sweep_interval_s: float = Field(default=30.0, gt=0)
    """How often reminders and digests are swept."""
    delivery_interval_s: float = Field(default=1.0, gt=0)
    """How often due e-mails and webhook attempts are looked for."""
    sweep_batch: int = Field(default=100, ge=1)
    stream_poll_s: float = Field(default=5.0, gt=0)
    """A live stream looks for new notifications this often even without a signal."""

    @model_validator(mode="after")
    def _refuse_unsafe(self) -> NotificationSettings:
        if self.env == "production":
            if self.unsubscribe_secret == DEVELOPMENT_UNSUBSCRIBE_SECRET:
                raise ValueError(
                    "STINT_UNSUBSCRIBE_SECRET is the development default; set a real secret "
                    "or STINT_ENV=development"
                )
            if len(self.unsubscribe_secret) < 32:
                raise ValueError("STINT_UNSUBSCRIBE_SECRET must be at least 32 characters")
            if self.webhook_private_targets:
                raise ValueError(
                    "STINT_WEBHOOK_PRIVATE_TARGETS would let webhooks reach private "
                    "addresses; it is refused in production"
                )
        if not self.webhook_schedule_s:
            raise ValueError("STINT_WEBHOOK_SCHEDULE_S needs at least one delay")
        return self

    @property
    def private_targets_allowed(self) -> bool:
        if self.webhook_private_targets is None:
            return self.env in ("development", "test")
        return self.webhook_private_targets

    @property
    def reminder_lead(self) -> timedelta:
        return timedelta(hours=self.reminder_lead_hours)

    @property
    def rotation_overlap(self) -> timedelta:
        return timedelta(hours=self.webhook_rotation_overlap_hours)
