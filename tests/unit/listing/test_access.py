import uuid

import pytest

from stint_listing.domain import access
from stint_listing.domain.listing import ListingStatus
from stint_runtime.errors import NotFound, PermissionDenied, Unauthenticated
from stint_runtime.identity import Caller
from tests.unit.listing.examples import listing


def _employer(organization_id: uuid.UUID | str) -> Caller:
    return Caller("acc-employer", "employer", str(organization_id))


def test_only_employers_with_an_organization_create_listings() -> None:
    org = uuid.uuid4()
    assert access.hiring_organization(_employer(org)) == org
    for caller in (
        Caller("acc-student", "student"),
        Caller("acc-employer", "employer"),
        _employer("not-a-uuid"),
        Caller("acc-system", "system", str(org)),
    ):
        with pytest.raises(PermissionDenied):
            access.hiring_organization(caller)


def test_only_an_employer_has_listings_of_its_own() -> None:
    org = uuid.uuid4()
    assert access.own_listings_of(_employer(org)) == org
    with pytest.raises(Unauthenticated):
        access.own_listings_of(None)
    with pytest.raises(PermissionDenied, match="Only employers have listings of their own"):
        access.own_listings_of(Caller("acc-student", "student"))


def test_organizations_are_registered_by_the_platform_or_their_own_employer() -> None:
    org = uuid.uuid4()
    access.ensure_may_register(Caller("gateway", "system"), org)
    access.ensure_may_register(_employer(org), org)
    with pytest.raises(PermissionDenied):
        access.ensure_may_register(_employer(uuid.uuid4()), org)
    with pytest.raises(PermissionDenied):
        access.ensure_may_register(Caller("acc-student", "student", str(org)), org)
    with pytest.raises(Unauthenticated):
        access.ensure_may_register(None, org)


def test_a_stranger_finds_no_listing_to_change() -> None:
    mine = listing()
    access.ensure_owner(_employer(mine.organization_id), mine)
    for stranger in (_employer(uuid.uuid4()), Caller("acc-student", "student")):
        with pytest.raises(NotFound):
            access.ensure_owner(stranger, mine)


def test_drafts_are_visible_to_their_owner_only() -> None:
    draft = listing()
    access.ensure_visible(_employer(draft.organization_id), draft)
    for other in (None, _employer(uuid.uuid4()), Caller("acc-student", "student")):
        with pytest.raises(NotFound):
            access.ensure_visible(other, draft)
        access.ensure_visible(other, listing(status=ListingStatus.OPEN))
        access.ensure_visible(other, listing(status=ListingStatus.CLOSED))
