import pytest

from stint_listing.main import build_spec
from stint_listing.rpc import SERVICE_NAME
from stint_listing.settings import ListingSettings


def test_defaults_name_the_service_and_its_port() -> None:
    settings = ListingSettings(env="development")
    assert (settings.service_name, settings.database_schema, settings.grpc_port) == (
        "listing",
        "listing",
        50051,
    )
    assert settings.pay_floor_cents_per_hour == 2000


def test_the_pay_floor_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STINT_ENV", "development")
    monkeypatch.setenv("STINT_PAY_FLOOR_CENTS_PER_HOUR", "2500")
    assert ListingSettings().pay_floor_cents_per_hour == 2500


def test_the_spec_serves_the_listing_service_and_consumes_hires() -> None:
    spec = build_spec(ListingSettings(env="development", sweep_interval_s=5))
    assert list(spec.grpc_service_names) == [SERVICE_NAME] == ["stint.listing.v1.ListingService"]
    assert [s.name for s in spec.subscriptions] == ["listing.application-events"]
    assert list(spec.subscriptions[0].handlers) == ["stint.application.v1.ApplicationHired"]
    assert [(job.name, job.interval_s) for job in spec.periodic] == [("listing-deadline-sweep", 5)]
    assert (spec.migrations_dir / "0001_organizations_and_listings.sql").is_file()
