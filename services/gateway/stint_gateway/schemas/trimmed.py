"""Trimmed text, the same way in the gateway, the services and the document.

The services trim text with Python's ``str.strip()``, which takes more characters for
white space than the Unicode property pydantic's own ``strip_whitespace`` uses (the
information separators U+001C to U+001F among them): the gateway trims as the services
do, so that it never passes a value a service then refuses. The document says the
rule as it is: the length counts after trimming, which a length bound on the text as
sent cannot say, so the schema is a pattern over the text as sent."""

from __future__ import annotations

import sys

__all__ = ["WHITESPACE", "trim", "trimmed_pattern"]

WHITESPACE = "".join(chr(code) for code in range(sys.maxunicode + 1) if chr(code).isspace())
"""What ``str.strip()`` removes."""


def trim(value: object) -> object:
    return value.strip() if isinstance(value, str) else value


def _escaped(character: str) -> str:
    # Control and Latin-1 characters as \xNN (every regex dialect of JSON Schema's
    # validators reads it); the rest as themselves.
    return f"\\x{ord(character):02x}" if ord(character) <= 0xFF else character


_SPACE = "[" + "".join(map(_escaped, WHITESPACE)) + "]"
# Postgres text cannot hold NUL: every service refuses it.
_SOLID = "[^" + "".join(map(_escaped, WHITESPACE)) + "\\x00]"
_ANY = "[^\\x00]"


def _bounded(low: int, high: int | None) -> str:
    return f"{{{low},}}" if high is None else f"{{{low},{high}}}"


def trimmed_pattern(low: int | None, high: int | None) -> str:
    """A pattern for text of ``low`` to ``high`` characters once trimmed (``None``: no
    bound), with no NUL."""
    low = low or 0
    most = None if high is None else high - 2
    if high == 0:
        core = ""
    elif high == 1:
        core = _SOLID
    elif low <= 1:
        # One solid character, or two with anything between them.
        core = f"{_SOLID}(?:{_ANY}{_bounded(0, most)}{_SOLID})?"
    else:
        core = f"{_SOLID}{_ANY}{_bounded(low - 2, most)}{_SOLID}"
    if low == 0 and core:
        core = f"(?:{core})?"
    return f"^{_SPACE}*{core}{_SPACE}*$"
