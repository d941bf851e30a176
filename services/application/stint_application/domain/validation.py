"""Input rules: every problem names its field, and nothing is stored when one fails."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from urllib.parse import urlsplit

from stint.application.v1 import application_service_pb2 as api
from stint_application.domain.applications import RejectReason
from stint_runtime.contract import FieldLimits, field_limits
from stint_runtime.errors import FieldError, InvalidArgument
from stint_runtime.text import length_errors as _too_long

__all__ = [
    "MAX_ANSWERS",
    "MAX_COVER_NOTE",
    "MAX_LINKS",
    "validate_application",
    "validate_cancellation",
    "validate_delivery",
    "validate_rejection",
]


def _max(limits: FieldLimits, what: str = "max") -> int:
    found: int | None = getattr(limits, what)
    assert found is not None, f"the contract declares no {what} here"
    return found


# The bounds the contract declares on the requests, which the gateway checks too.
_SUBMIT = field_limits(api.SubmitApplicationRequest.DESCRIPTOR)
_REJECT = field_limits(api.RejectApplicationRequest.DESCRIPTOR)
_DELIVER = field_limits(api.DeliverEngagementRequest.DESCRIPTOR)
_CANCEL = field_limits(api.CancelEngagementRequest.DESCRIPTOR)

MAX_COVER_NOTE = _max(_SUBMIT["cover_note"])
MAX_ANSWERS = _max(_SUBMIT["answers"])
MAX_ANSWER = _max(_SUBMIT["answers"], "entry_max")
MAX_QUESTION = _max(_SUBMIT["answers"], "key_max")
MAX_NOTE = _max(_REJECT["note"])
MAX_SUMMARY = _max(_DELIVER["summary"])
MAX_LINKS = _max(_DELIVER["links"])
MAX_URL = _max(_DELIVER["links"], "entry_max")
MAX_REASON = _max(_CANCEL["reason"])


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
