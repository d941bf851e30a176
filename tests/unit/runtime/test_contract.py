"""What the contracts declare about themselves: who may call each method, and the
bounds of request fields, read by the gateway and the services alike."""

from __future__ import annotations

import pytest

from stint.application.v1 import application_service_pb2 as api
from stint.listing.v1 import listing_service_pb2
from stint_runtime.contract import Access, FieldLimits, field_limits, method_access
from stint_runtime.errors import PermissionDenied, Unauthenticated
from stint_runtime.identity import Caller

STUDENT = Caller("00000000-0000-4000-8000-0000000000a1", "student")
EMPLOYER = Caller("00000000-0000-4000-8000-0000000000c1", "employer", "org")
INSTITUTION = Caller("00000000-0000-4000-8000-0000000000d1", "institution")


def test_a_method_names_its_roles_and_action_in_either_spelling() -> None:
    expected = Access(("student",), "apply")
    assert method_access("stint.application.v1.ApplicationService.SubmitApplication") == expected
    assert method_access("/stint.application.v1.ApplicationService/SubmitApplication") == expected
    assert method_access("/stint.listing.v1.ListingService/GetListing") is None
    with pytest.raises(KeyError):
        method_access("/stint.listing.v1.ListingService/NoSuchMethod")


def test_anonymous_callers_are_unauthenticated() -> None:
    access = method_access("/stint.application.v1.ApplicationService/SubmitApplication")
    assert access is not None
    refusal = access.refusal(None)
    assert isinstance(refusal, Unauthenticated)
    assert refusal.message == "Sign in to apply."


@pytest.mark.parametrize("caller", [EMPLOYER, INSTITUTION])
def test_a_wrong_role_is_denied_in_words(caller: Caller) -> None:
    access = method_access("/stint.application.v1.ApplicationService/SubmitApplication")
    assert access is not None
    refusal = access.refusal(caller)
    assert isinstance(refusal, PermissionDenied)
    assert refusal.message == "Only students can apply."


def test_several_roles_are_named_together() -> None:
    access = method_access("/stint.application.v1.ApplicationService/CancelEngagement")
    assert access is not None
    assert access.refusal(STUDENT) is None and access.refusal(EMPLOYER) is None
    refusal = access.refusal(INSTITUTION)
    assert refusal is not None
    assert refusal.message == "Only students or employers can cancel engagements."


def test_every_method_that_changes_something_declares_who_may_call_it() -> None:
    for service in (
        api.DESCRIPTOR.services_by_name["ApplicationService"],
        listing_service_pb2.DESCRIPTOR.services_by_name["ListingService"],
    ):
        for method in service.methods:
            open_to_all = {"GetListing", "SearchListings", "CreateOrganization"}
            if method.name not in open_to_all:
                assert method_access(method.full_name) is not None, method.full_name


def test_field_bounds_are_read_from_the_contract() -> None:
    draft = field_limits(listing_service_pb2.ListingDraft.DESCRIPTOR)
    assert draft["title"] == FieldLimits(min=3, max=120)
    assert draft["title"].bounds == (3, 120)
    assert "apply_by" not in draft
    answers = field_limits(api.SubmitApplicationRequest.DESCRIPTOR)["answers"]
    assert (answers.max, answers.key_max, answers.entry_max) == (20, 200, 4000)
    with pytest.raises(ValueError):
        _ = draft["location"].bounds
