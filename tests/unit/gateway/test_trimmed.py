"""The documented pattern of trimmed text says exactly what the gateway takes."""

from __future__ import annotations

import re
from typing import Annotated

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

from stint_gateway.schemas.bounds import text
from stint_gateway.schemas.trimmed import WHITESPACE, trimmed_pattern
from stint_runtime.contract import FieldLimits

_BOUNDS = [(0, 10), (1, 1), (1, 60), (2, 5), (3, 120), (10, 40)]
# White space of every kind, the separators Python alone counts, NUL, and letters.
_ALPHABET = st.sampled_from(["a", "b", " ", "\n", "\x1c", "\x1f", "\u3000", "\x85", "\x00"])


def _taken(low: int, high: int, value: str) -> bool:
    adapter = TypeAdapter(Annotated[str, text(FieldLimits(min=low, max=high))])
    try:
        adapter.validate_python(value)
    except ValidationError:
        return False
    return True


@pytest.mark.parametrize(("low", "high"), _BOUNDS)
@given(value=st.text(_ALPHABET, max_size=130))
def test_the_pattern_matches_what_the_gateway_takes(low: int, high: int, value: str) -> None:
    documented = re.fullmatch(trimmed_pattern(low, high), value) is not None
    assert documented == (_taken(low, high, value) and "\x00" not in value)


def test_the_gateway_trims_as_the_services_do() -> None:
    assert "\x1c" in WHITESPACE and "\u3000" in WHITESPACE
    assert not _taken(1, 60, "\x1c\x1d")
    adapter = TypeAdapter(Annotated[str, text(FieldLimits(min=1, max=60))])
    assert adapter.validate_python(" \x1fdata\u3000") == "data"
