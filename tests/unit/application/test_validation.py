from __future__ import annotations

from collections.abc import Callable

import pytest

from stint_application.domain.applications import RejectReason
from stint_application.domain.validation import (
    validate_application,
    validate_cancellation,
    validate_delivery,
    validate_rejection,
)
from stint_runtime.errors import InvalidArgument


def locs(error: InvalidArgument) -> list[tuple[str | int, ...]]:
    return [e.loc for e in error.errors]


def test_a_cover_note_of_4000_characters_is_accepted() -> None:
    validate_application("x" * 4000, {})


def test_a_longer_cover_note_is_refused_on_its_field() -> None:
    with pytest.raises(InvalidArgument) as refused:
        validate_application("x" * 4001, {})
    assert locs(refused.value) == [("cover_note",)]
    assert "4000" in refused.value.errors[0].msg


def test_answers_are_bounded() -> None:
    with pytest.raises(InvalidArgument) as refused:
        validate_application("", {"why": "y" * 4001})
    assert locs(refused.value) == [("answers", "why")]


def test_a_rejection_needs_a_reason_code() -> None:
    with pytest.raises(InvalidArgument) as refused:
        validate_rejection(None, "")
    assert locs(refused.value) == [("reason_code",)]
    assert "skills_mismatch" in refused.value.errors[0].msg


def test_a_rejection_note_is_optional() -> None:
    assert validate_rejection(RejectReason.OTHER, "") is RejectReason.OTHER


@pytest.mark.parametrize("summary", ["", "   "])
def test_a_delivery_needs_a_summary(summary: str) -> None:
    with pytest.raises(InvalidArgument) as refused:
        validate_delivery(summary, [])
    assert locs(refused.value) == [("summary",)]


@pytest.mark.parametrize(
    "link", ["ftp://example.org/x", "example.org", "javascript:alert(1)", "https://", "http://a b"]
)
def test_delivery_links_must_be_web_urls(link: str) -> None:
    with pytest.raises(InvalidArgument) as refused:
        validate_delivery("Done", ["https://example.org/ok", link])
    assert locs(refused.value) == [("links", 1)]


def test_a_good_delivery_passes() -> None:
    validate_delivery("Wrote the copy", ["https://example.org/a", "http://example.org/b?c=1"])


def test_a_cancellation_needs_a_reason() -> None:
    with pytest.raises(InvalidArgument) as refused:
        validate_cancellation(" ")
    assert locs(refused.value) == [("reason",)]
    validate_cancellation("The brief changed")


def test_text_holding_a_nul_character_is_refused_on_its_field() -> None:
    # Postgres text (and jsonb) cannot store U+0000: the write would fail, so the input
    # is refused first, naming the field.
    nul = "a\x00b"
    refusals: list[tuple[Callable[[], object], list[tuple[str | int, ...]]]] = [
        (lambda: validate_application(nul, {}), [("cover_note",)]),
        (lambda: validate_application("", {"why": nul}), [("answers", "why")]),
        (lambda: validate_application("", {nul: "yes"}), [("answers", nul)]),
        (lambda: validate_rejection(RejectReason.OTHER, nul), [("note",)]),
        (lambda: validate_delivery(nul, []), [("summary",)]),
        (lambda: validate_delivery("Done", [f"https://example.org/{nul}"]), [("links", 0)]),
        (lambda: validate_cancellation(nul), [("reason",)]),
    ]
    for refuse, expected in refusals:
        with pytest.raises(InvalidArgument) as refused:
            refuse()
        assert locs(refused.value) == expected
