"""The listing service's settings (environment prefix ``STINT_``)."""

from __future__ import annotations

from pydantic import Field

from stint_runtime.settings import ServiceSettings

__all__ = ["ListingSettings"]


class ListingSettings(ServiceSettings):
    service_name: str = "listing"
    grpc_port: int = 50051
    pay_floor_cents_per_hour: int = Field(default=2000, ge=0)
    """Lowest pay per estimated hour a listing may offer (STINT_PAY_FLOOR_CENTS_PER_HOUR)."""
    sweep_interval_s: float = Field(default=30.0, gt=0)
    """How often open listings past their apply_by are closed."""
    sweep_batch: int = Field(default=100, ge=1)
    """Listings closed per sweep transaction: short transactions, many of them."""
