"""The application service's settings (environment prefix ``STINT_``)."""

from __future__ import annotations

from datetime import timedelta

from pydantic import Field

from stint_runtime.settings import ServiceSettings


class ApplicationSettings(ServiceSettings):
    service_name: str = "application"
    grpc_port: int = 50052
    decision_window_days: float = Field(default=7.0, gt=0)
    """An application is decided within this long after the listing's apply_by (and
    never sooner than this long after applying), or closed with ``no_decision``."""
    auto_complete_window_days: float = Field(default=7.0, gt=0)
    """Delivered work the owner neither completes nor disputes completes by itself."""
    sweep_interval_s: float = Field(default=30.0, gt=0)
    """How often the decision-deadline and auto-complete sweeps run."""
    sweep_batch: int = Field(default=100, ge=1)
    """Rows per sweep transaction: short transactions, many of them."""
    unknown_listing_wait_s: float = Field(default=3.0, ge=0)
    """How long an application to a listing this service has not heard of yet waits for
    the listing's event (published a moment ago) before it is answered 404."""
    decisions_after_apply_by: bool = True
    """A listing closed because apply_by passed keeps its applications open until their
    decision deadline (the owner still decides and hires); False closes them at once
    with ``listing_closed``."""

    @property
    def decision_window(self) -> timedelta:
        return timedelta(days=self.decision_window_days)

    @property
    def auto_complete_window(self) -> timedelta:
        return timedelta(days=self.auto_complete_window_days)
