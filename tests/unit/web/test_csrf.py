"""The form token is read from the form or the page script's header, and compared in
constant time."""

from __future__ import annotations

from stint_web.csrf import carries_token, submitted_token

FORM = "application/x-www-form-urlencoded"


def test_the_token_comes_from_the_form_or_the_header() -> None:
    assert submitted_token(FORM, b"a=1&csrf_token=abc", None) == "abc"
    assert submitted_token(f"{FORM}; charset=utf-8", b"csrf_token=abc", None) == "abc"
    assert submitted_token("application/json", b'{"csrf_token": "abc"}', None) is None
    assert submitted_token("application/json", b"", "abc") == "abc"
    assert submitted_token(FORM, b"a=1", None) is None


def test_only_the_same_token_passes() -> None:
    assert carries_token("abc", "abc")
    assert not carries_token("abc", "abd")
    assert not carries_token("abc", None)
    assert not carries_token("abc", "")
