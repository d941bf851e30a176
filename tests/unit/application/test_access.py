from __future__ import annotations

import pytest

from stint_application.domain.access import (
    require_found,
    require_owner,
    require_party,
    require_student_of,
)
from stint_application.domain.applications import Application
from stint_application.domain.engagements import Engagement
from stint_runtime.errors import NotFound
from stint_runtime.identity import Caller
from tests.unit.application.examples import (
    ORG,
    OTHER_ORG,
    OTHER_STUDENT,
    STUDENT,
    application,
    engagement,
)

APPLICANT = Caller(STUDENT, "student")
ANOTHER_STUDENT = Caller(OTHER_STUDENT, "student")
OWNER = Caller("00000000-0000-4000-8000-0000000000c1", "employer", ORG)
STRANGER = Caller("00000000-0000-4000-8000-0000000000c2", "employer", OTHER_ORG)
INSTITUTION = Caller("00000000-0000-4000-8000-0000000000c3", "institution")


@pytest.mark.parametrize("item", [application(), engagement()])
def test_both_parties_see_it_and_nobody_else(item: Application | Engagement) -> None:
    require_party(APPLICANT, item, "application")
    require_party(OWNER, item, "application")
    for outsider in (ANOTHER_STUDENT, STRANGER, INSTITUTION):
        with pytest.raises(NotFound):
            require_party(outsider, item, "application")


def test_only_the_owner_organization_decides() -> None:
    require_owner(OWNER, ORG, "application")
    for outsider in (STRANGER, APPLICANT, Caller("x", "employer", None)):
        with pytest.raises(NotFound, match="No such application"):
            require_owner(outsider, ORG, "application")


def test_only_the_student_acts_as_the_student() -> None:
    require_student_of(APPLICANT, engagement(), "engagement")
    for outsider in (ANOTHER_STUDENT, OWNER):
        with pytest.raises(NotFound):
            require_student_of(outsider, engagement(), "engagement")


def test_what_the_store_did_not_find_does_not_exist() -> None:
    found = application()
    assert require_found(found, "application") is found
    with pytest.raises(NotFound, match="No such listing"):
        require_found(None, "listing")
