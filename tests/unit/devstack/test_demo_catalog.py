from datetime import UTC, datetime

from stint_devstack import demo_catalog as catalog
from stint_devstack.demo import listing_body

PAY_FLOOR_CENTS_PER_HOUR = 2000


def all_listings() -> list[catalog.DemoListing]:
    return [listing for employer in catalog.EMPLOYERS for listing in employer.listings]


def test_every_demo_listing_pays_above_the_floor() -> None:
    for listing in all_listings():
        per_hour = listing.pay_cents / listing.estimated_hours
        assert per_hour >= PAY_FLOOR_CENTS_PER_HOUR, listing.title


def test_the_demo_spans_several_industries_with_two_or_three_listings_each() -> None:
    assert len({e.industry for e in catalog.EMPLOYERS}) >= 5
    assert all(2 <= len(e.listings) <= 3 for e in catalog.EMPLOYERS)
    titles = [listing.title for listing in all_listings()]
    assert len(titles) == len(set(titles)), "titles identify demo listings on re-runs"


def test_applications_and_hires_name_demo_students_and_listings() -> None:
    titles = {listing.title for listing in all_listings()}
    students = {s.email for s in catalog.STUDENTS}
    employers = {e.email: {lst.title for lst in e.listings} for e in catalog.EMPLOYERS}
    for application in catalog.APPLICATIONS:
        assert application.listing in titles and application.student in students
    for hire in catalog.HIRES:
        assert hire.listing in employers[hire.employer] and hire.student in students


def test_a_listing_body_follows_the_public_api() -> None:
    listing = catalog.EMPLOYERS[0].listings[0]
    body = listing_body(listing, now=datetime(2025, 3, 1, 12, 0, 0, 123, tzinfo=UTC))
    assert body["apply_by"] == "2025-03-31T12:00:00Z"
    assert body["pay"] == {"amount_cents": listing.pay_cents, "currency": "EUR"}
    assert body["skills"][0] == {"name": listing.skills[0][0], "required": listing.skills[0][1]}
    assert body["slots"] == listing.slots >= 1
