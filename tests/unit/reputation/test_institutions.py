"""Institutions: domains normalised and checked, linking at once by domain (a
subdomain too, a look-alike never), approval, and credit bounds."""

from __future__ import annotations

import math

import pytest

from stint_reputation.domain.institutions import (
    InstitutionSettings,
    LinkStatus,
    approve,
    domain_matches,
    link_for,
    normalise_domains,
    require_creditable,
    validate_credit,
)
from stint_reputation.domain.projections import EngagementStatus
from stint_runtime.errors import Conflict, InvalidArgument
from tests.unit.reputation.examples import NOW, engagement

SCHOOL = InstitutionSettings("inst", ("uni.edu",), "")


def test_domains_are_lower_case_host_names_each_once() -> None:
    assert normalise_domains([" Uni.EDU. ", "uni.edu", "cs.uni.edu"], "") == (
        "uni.edu",
        "cs.uni.edu",
    )
    with pytest.raises(InvalidArgument) as error:
        normalise_domains(["uni.edu", "@uni.edu", "localhost", "-x.edu", "a" * 64 + ".edu"], "")
    assert [e.loc for e in error.value.errors] == [
        ("email_domains", 1),
        ("email_domains", 2),
        ("email_domains", 3),
        ("email_domains", 4),
    ]
    with pytest.raises(InvalidArgument):
        normalise_domains([f"d{i}.edu" for i in range(21)], "")
    with pytest.raises(InvalidArgument):
        normalise_domains([], "p" * 4001)


def test_a_domain_matches_itself_and_its_subdomains_only() -> None:
    assert domain_matches("uni.edu", ["uni.edu"])
    assert domain_matches("CS.Uni.Edu", ["uni.edu"])
    assert not domain_matches("notuni.edu", ["uni.edu"])
    assert not domain_matches("uni.edu.evil.com", ["uni.edu"])


def test_linked_at_once_by_domain_pending_otherwise() -> None:
    assert link_for("inst", "s", "uni.edu", SCHOOL, NOW).status is LinkStatus.LINKED
    assert link_for("inst", "s", "gmail.com", SCHOOL, NOW).status is LinkStatus.PENDING
    assert link_for("inst", "s", None, SCHOOL, NOW).status is LinkStatus.PENDING
    assert link_for("inst", "s", "uni.edu", None, NOW).status is LinkStatus.PENDING
    pending = link_for("inst", "s", "gmail.com", SCHOOL, NOW)
    approved = approve(pending, NOW)
    assert approved.status is LinkStatus.LINKED and approved.linked_at == NOW
    assert approve(approved, NOW) is approved


@pytest.mark.parametrize("credits", [0, -1, 100.5, math.inf, math.nan])
def test_credits_are_positive_and_bounded(credits: float) -> None:
    with pytest.raises(InvalidArgument) as error:
        validate_credit(credits, "Fall 2026", "")
    assert [e.loc for e in error.value.errors] == [("credits",)]


def test_credit_needs_a_term_and_a_completed_engagement() -> None:
    validate_credit(3, "Fall 2026", "")
    with pytest.raises(InvalidArgument) as error:
        validate_credit(3, "  ", "n" * 2001)
    assert [e.loc for e in error.value.errors] == [("term",), ("note",)]
    require_creditable(engagement())
    with pytest.raises(Conflict):
        require_creditable(engagement(status=EngagementStatus.ACTIVE, completed_at=None))
