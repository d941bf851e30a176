"""Input rules: every problem names its field, and nothing is stored when one fails."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from urllib.parse import urlsplit
from uuid import UUID

from stint_application.domain.applications import RejectReason
from stint_runtime.errors import FieldError, InvalidArgument, NotFound

__all__ = [
    "MAX_ANSWERS",
    "MAX_COVER_NOTE",
    "MAX_LINKS",
    "resource_id",
    "validate_application",
    "validate_cancellation",
    "validate_delivery",
    "validate_rejection",
]

MAX_COVER_NOTE = 4000
MAX_ANSWERS = 20
MAX_ANSWER = 4000
MAX_QUESTION = 200
MAX_NOTE = 2000
MAX_SUMMARY = 4000
MAX_LINKS = 20
MAX_URL = 2000
MAX_REASON = 2000


def _too_long(loc: tuple[str | int, ...], text: str, limit: int) -> list[FieldError]:
    if len(text) > limit:
        return [FieldError(loc, f"at most {limit} characters (got {len(text)})")]
    return _nul(loc, text)


def _nul(loc: tuple[str | int, ...], text: str) -> list[FieldError]:
    """Postgres text cannot hold U+0000: refused here, rather than failing the write."""
    if "\x00" in text:
        return [FieldError(loc, "must not contain the NUL character (U+0000)")]
    return []


def _raise_if(errors: list[FieldError]) -> None:
    if errors:
        raise InvalidArgument(errors)


def validate_application(cover_note: str, answers: Mapping[str, str]) -> None:
    errors = _too_long(("cover_note",), cover_note, MAX_COVER_NOTE)
    if len(answers) > MAX_ANSWERS:
        errors.append(FieldError(("answers",), f"at most {MAX_ANSWERS} answers"))
    for question, answer in answers.items():
        errors += _too_long(("answers", question), question, MAX_QUESTION)
        errors += _too_long(("answers", question), answer, MAX_ANSWER)
    _raise_if(errors)


def validate_rejection(reason: RejectReason | None, note: str) -> RejectReason:
    """A rejection always carries a reason code the student can read."""
    errors = _too_long(("note",), note, MAX_NOTE)
    if reason is None:
        codes = ", ".join(r.value for r in RejectReason)
        errors.insert(0, FieldError(("reason_code",), f"required: one of {codes}"))
    _raise_if(errors)
    assert reason is not None
    return reason


def _is_web_url(text: str) -> bool:
    try:
        parts = urlsplit(text)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname) and " " not in text


def validate_delivery(summary: str, links: Sequence[str]) -> None:
    errors: list[FieldError] = []
    if not summary.strip():
        errors.append(FieldError(("summary",), "required: say what was delivered"))
    errors += _too_long(("summary",), summary, MAX_SUMMARY)
    if len(links) > MAX_LINKS:
        errors.append(FieldError(("links",), f"at most {MAX_LINKS} links"))
    for index, link in enumerate(links):
        if len(link) > MAX_URL or not _is_web_url(link) or "\x00" in link:
            errors.append(FieldError(("links", index), "must be an http(s) URL"))
    _raise_if(errors)


def validate_cancellation(reason: str) -> None:
    errors: list[FieldError] = []
    if not reason.strip():
        errors.append(FieldError(("reason",), "required: say why the engagement is cancelled"))
    errors += _too_long(("reason",), reason, MAX_REASON)
    _raise_if(errors)


def resource_id(value: str, what: str) -> str:
    """A well-formed id, in canonical form; anything else names nothing that exists."""
    try:
        return str(UUID(value))
    except ValueError:
        raise NotFound(f"{what} not found.") from None
