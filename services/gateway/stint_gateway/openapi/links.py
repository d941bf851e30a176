"""The links between operations (OpenAPI ``links``): where the id an answer carries
can be used next. A client, or a stateful tester, follows them through the marketplace:
register; create a listing, publish it, apply, shortlist, hire; deliver, complete,
review; and onward to the people's reputation, portfolio and profile.
Links start from answers that name one resource: a list may be empty, and a link
whose value is not there is a broken promise to a client."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

__all__ = ["LINKS", "Link", "add_links"]


@dataclass(frozen=True)
class Link:
    name: str
    target: str
    """``"METHOD /path"`` of the operation the link leads to."""
    parameters: Mapping[str, str]
    """The target's parameters, as runtime expressions on the source's answer."""
    description: str


def _to(target: str, name: str, description: str, **parameters: str) -> Link:
    return Link(name, target, parameters, description)


_BODY_ID = "$response.body#/id"

_LISTING = "/v1/listings/{listing_id}"
_APPLICATION = "/v1/applications/{application_id}"
_ENGAGEMENT = "/v1/engagements/{engagement_id}"
_USER = "/v1/users/{user_id}"


def _listing_next(source: str) -> list[Link]:
    listing = source
    return [
        _to(f"GET {_LISTING}", "read", "Read the listing.", listing_id=listing),
        _to(f"PATCH {_LISTING}", "change", "Change its terms.", listing_id=listing),
        _to(f"POST {_LISTING}/publish", "publish", "Open it for applications.", listing_id=listing),
        _to(f"POST {_LISTING}/close", "close", "Withdraw it.", listing_id=listing),
        _to(f"POST {_LISTING}/applications", "apply", "Apply to it.", listing_id=listing),
        _to(
            f"GET {_LISTING}/applications", "applications", "Its applications.", listing_id=listing
        ),
        _to(f"GET {_LISTING}/candidates", "candidates", "Students who fit.", listing_id=listing),
    ]


def _application_next(source: str) -> list[Link]:
    application = source
    return [
        _to(f"GET {_APPLICATION}", "read", "Read the application.", application_id=application),
        _to(
            f"POST {_APPLICATION}/withdraw", "withdraw", "Withdraw it.", application_id=application
        ),
        _to(
            f"POST {_APPLICATION}/shortlist",
            "shortlist",
            "Shortlist it.",
            application_id=application,
        ),
        _to(f"POST {_APPLICATION}/reject", "reject", "Reject it.", application_id=application),
        _to(f"POST {_APPLICATION}/hire", "hire", "Hire the applicant.", application_id=application),
    ]


def _engagement_next(source: str) -> list[Link]:
    engagement = source
    return [
        _to(f"GET {_ENGAGEMENT}", "read", "Read the engagement.", engagement_id=engagement),
        _to(
            f"POST {_ENGAGEMENT}/deliver", "deliver", "Hand in the work.", engagement_id=engagement
        ),
        _to(
            f"POST {_ENGAGEMENT}/complete", "complete", "Accept the work.", engagement_id=engagement
        ),
        _to(f"POST {_ENGAGEMENT}/cancel", "cancel", "Cancel it.", engagement_id=engagement),
        _to(f"POST {_ENGAGEMENT}/reviews", "review", "Review it.", engagement_id=engagement),
        _to(
            "POST /v1/institution/engagements/{engagement_id}/credit",
            "credit",
            "Grant academic credit for it.",
            engagement_id=engagement,
        ),
    ]


def _user_next(source: str) -> list[Link]:
    user = source
    return [
        _to(f"GET {_USER}/reputation", "reputation", "Their reputation.", user_id=user),
        _to(f"GET {_USER}/reviews", "reviews", "Reviews about them.", user_id=user),
        _to(f"GET {_USER}/portfolio", "portfolio", "Their portfolio.", user_id=user),
        _to(f"GET {_USER}/clr", "learner_record", "Their learner record.", user_id=user),
        _to("GET /v1/students/{student_id}/profile", "profile", "Their profile.", student_id=user),
    ]


LINKS: Mapping[str, list[Link]] = {
    "POST /v1/auth/register": _user_next(_BODY_ID),
    "GET /v1/me": _user_next(_BODY_ID),
    "POST /v1/listings": _listing_next(_BODY_ID),
    f"PATCH {_LISTING}": _listing_next(_BODY_ID),
    f"POST {_LISTING}/publish": _listing_next(_BODY_ID),
    f"GET {_LISTING}": _listing_next(_BODY_ID),
    f"POST {_LISTING}/applications": _application_next(_BODY_ID),
    f"GET {_APPLICATION}": _application_next(_BODY_ID),
    f"POST {_APPLICATION}/shortlist": _application_next(_BODY_ID),
    f"POST {_APPLICATION}/hire": _engagement_next(_BODY_ID),
    f"GET {_ENGAGEMENT}": _engagement_next(_BODY_ID),
    f"POST {_ENGAGEMENT}/deliver": _engagement_next(_BODY_ID),
    f"POST {_ENGAGEMENT}/complete": [
        *_engagement_next(_BODY_ID),
        *_user_next("$response.body#/student_id"),
    ],
}


def _pointer(method: str, path: str) -> str:
    escaped = path.replace("~", "~0").replace("/", "~1")
    return f"#/paths/{escaped}/{method.lower()}"


def _success(operation: dict[str, Any]) -> dict[str, Any]:
    responses: dict[str, Any] = operation["responses"]
    status = min(code for code in responses if code.startswith("2"))
    answer: dict[str, Any] = responses[status]
    return answer


def add_links(document: dict[str, Any]) -> None:
    """Adds ``LINKS`` to the success answers of ``document``; a link to or from an
    operation the document does not have is an error, so that none goes stale."""
    paths: dict[str, Any] = document["paths"]
    for source, links in LINKS.items():
        method, path = source.split(" ", 1)
        answer = _success(paths[path][method.lower()])
        declared = answer.setdefault("links", {})
        for link in links:
            target_method, target_path = link.target.split(" ", 1)
            if target_method.lower() not in paths.get(target_path, {}):
                raise KeyError(f"link {link.name} of {source}: no operation {link.target}")
            declared[link.name] = {
                "operationRef": _pointer(target_method, target_path),
                "parameters": dict(link.parameters),
                "description": link.description,
            }
