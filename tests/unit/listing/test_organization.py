"""Registering an organization: what an employer writes about it is checked."""

import uuid

import pytest

from stint_listing.domain.organization import new_organization
from stint_runtime.errors import InvalidArgument
from tests.unit.listing.examples import NOW


def test_a_valid_organization_comes_back_normalised() -> None:
    organization = new_organization(
        uuid.uuid4(), name="  Northwind   Labs ", industry="Tech", website="", now=NOW
    )
    assert (organization.name, organization.industry) == ("Northwind Labs", "technology")


def test_text_holding_a_nul_character_is_refused_on_its_field() -> None:
    # Postgres text cannot store U+0000: the write would fail, so the input is refused.
    with pytest.raises(InvalidArgument) as refused:
        new_organization(
            uuid.uuid4(),
            name="North\x00wind",
            industry="Soft\x00ware",
            website="https://north\x00wind.example",
            now=NOW,
        )
    assert [e.loc for e in refused.value.errors] == [("name",), ("industry",), ("website",)]
