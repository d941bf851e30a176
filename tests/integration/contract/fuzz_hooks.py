"""Schemathesis hooks for the contract fuzzer (``SCHEMATHESIS_HOOKS``): the fuzzer calls
each operation as a person its contract admits, and uses the API as a client that
follows the document would.

- Authorization: the bearer token of the first role the operation's ``x-stint-roles``
  names (an employer where it names none), from ``STINT_FUZZ_TOKENS`` (JSON, role to
  token). One employer, one student and one institution throughout, so that the
  stateful links (create, publish, apply, hire, deliver, complete, review) are walked
  by the parties each step needs.
- ``stint-cursor``: a list's cursor is a value the list gave out; the fuzzer has none
  at hand, so a valid one is the first page's (empty). Any other value is refused
  (422), as the document says, and the negative cases still try them.
- Headers drawn as another type for a negative case are sent as text, and that text
  may be a valid value after all (the coverage phase sends "{}" as the "object" for a
  string header, and "{}" is a well-formed Idempotency-Key). A rejection expected of
  such a case is dropped (``filter_failure``) only when every header the operation
  declares, as sent, is valid against the document and nothing else was negative;
  the report counts what was dropped.
- Listing terms: a schema-valid listing is mostly refused by the rules the document
  states beside the schema (apply_by in the future, pay per hour at least the floor),
  so a positive case's terms are made to obey them, as a client reading the document
  would; otherwise no listing would be created and the links beyond it never walked.
  A delivery's links are made http(s) URLs likewise.
  The rules themselves are tested in tests/integration/listing.
- ``Idempotency-Key``: a key is a client's promise that a retry carries the same body.
  A generated key that the run already sent with another body to the same place is
  replaced by a fresh one, as a correct client would; reuse itself is tested in
  tests/integration/gateway/test_idempotency.py.
"""

from __future__ import annotations

import hashlib
import json
import os
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import jsonschema_rs
import schemathesis
from hypothesis import strategies as st
from schemathesis.core.parameters import ParameterLocation

from stint_listing.settings import ListingSettings

CURSOR_FORMAT = "stint-cursor"
TOKENS_VARIABLE = "STINT_FUZZ_TOKENS"
_DEFAULT_ROLE = "employer"
_KEY_HEADER = "idempotency-key"

schemathesis.openapi.format(CURSOR_FORMAT, st.just(""))


def _tokens() -> dict[str, str]:
    tokens: dict[str, str] = json.loads(os.environ.get(TOKENS_VARIABLE, "{}"))
    return tokens


@schemathesis.auth(refresh_interval=None)
class RoleTokens:
    """The token of a person the operation admits."""

    def get(self, case: Any, context: Any) -> str | None:
        raw: dict[str, Any] = context.operation.definition.raw
        if not raw.get("security"):
            return None
        roles = raw.get("x-stint-roles") or [_DEFAULT_ROLE]
        return _tokens().get(roles[0])

    def set(self, case: Any, data: str, context: Any) -> None:
        case.headers = {**(case.headers or {}), "Authorization": f"Bearer {data}"}


_SENT: dict[tuple[str, str, str, str], str] = {}


def _fingerprint(body: Any) -> str:
    try:
        text = json.dumps(body, sort_keys=True, default=repr)
    except (TypeError, ValueError):
        text = repr(body)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


_FLOOR = ListingSettings.model_fields["pay_floor_cents_per_hour"].default
_MOST_HOURS = 1000
_LISTING_TERMS = {("POST", "/v1/listings"), ("PATCH", "/v1/listings/{listing_id}")}


def _obey_listing_rules(case: Any) -> None:
    body = getattr(case, "body", None)
    if (case.method.upper(), case.path) not in _LISTING_TERMS or not isinstance(body, dict):
        return
    if case.meta is None or case.meta.is_negative_at(ParameterLocation.BODY):
        return
    if isinstance(body.get("apply_by"), str):
        body["apply_by"] = (datetime.now(UTC) + timedelta(days=7)).isoformat()
    pay = body.get("pay")
    if isinstance(pay, dict) and isinstance(pay.get("amount_cents"), int):
        hours = body.get("estimated_hours")
        least = _FLOOR * (hours if isinstance(hours, int) else _MOST_HOURS)
        pay["amount_cents"] = max(pay["amount_cents"], least)


def _obey_delivery_rules(case: Any) -> None:
    body = getattr(case, "body", None)
    if case.path != "/v1/engagements/{engagement_id}/deliver" or not isinstance(body, dict):
        return
    if case.meta is None or case.meta.is_negative_at(ParameterLocation.BODY):
        return
    if isinstance(body.get("links"), list):
        body["links"] = [f"https://work.example/{index}" for index in range(len(body["links"]))]


def _as_sent(value: Any) -> str:
    return json.dumps(value) if isinstance(value, dict | list) else str(value)


@schemathesis.hook
def before_call(context: Any, case: Any, kwargs: dict[str, Any]) -> None:
    _obey_listing_rules(case)
    _obey_delivery_rules(case)
    headers = case.headers or {}
    # A header is text on the wire: a value drawn as an object or a number is sent as
    # text that may well be valid ("{}" is a well-formed key), so it is judged as sent.
    for header, value in list(headers.items()):
        if not isinstance(value, str):
            headers[header] = _as_sent(value)

    name = next((k for k in headers if k.lower() == _KEY_HEADER), None)
    if name is None:
        return
    who = str(headers.get("Authorization", ""))
    place = (who, case.method.upper(), case.formatted_path, headers[name])
    # The same request: the same body and the same query.
    request = _fingerprint([getattr(case, "body", None), case.query])
    if _SENT.setdefault(place, request) != request:
        headers[name] = uuid.uuid4().hex
        _SENT[(*place[:3], headers[name])] = request


# The gateway's answer when a service refused with more field errors than gRPC trailers
# carry (stint_gateway.http.rpc_problems): only rules beyond the schema get that far.
_TOO_MANY = "The request is not valid; it has too many problems to list."


def _covers(rule: str, loc: list[Any]) -> bool:
    parts = rule.split(".")
    return len(parts) <= len(loc) and all(
        part in ("*", str(at)) for part, at in zip(parts, loc, strict=False)
    )


@schemathesis.check
def refusals_name_their_rules(ctx: Any, response: Any, case: Any) -> bool | None:
    """A 422 to schema-valid input names only fields whose rules beyond the schema the
    document declares (``x-stint-rules``): the 422 that positive_data_acceptance lets
    such operations answer is never a bound the schema got wrong."""
    meta = case.meta
    if response.status_code != 422 or meta is None or not meta.generation.mode.is_positive:
        return None
    rules: dict[str, str] = case.operation.definition.raw.get("x-stint-rules") or {}
    if not rules:
        return None
    problem = response.json() or {}
    errors = problem.get("errors") or []
    if not errors and problem.get("detail") == _TOO_MANY:
        return None
    stray = [e["loc"] for e in errors if not any(_covers(rule, e["loc"]) for rule in rules)]
    if not errors or stray:
        raise AssertionError(
            f"422 for schema-valid input at {stray or 'no field'}, which no rule of the "
            f"document covers (x-stint-rules: {sorted(rules)})"
        )
    return None


def _sent_headers_are_valid(case: Any) -> bool:
    raw: dict[str, Any] = case.operation.definition.raw
    sent = {name.lower(): value for name, value in (case.headers or {}).items()}
    for parameter in raw.get("parameters", []):
        if parameter.get("in") != "header":
            continue
        value = sent.get(parameter["name"].lower())
        if value is None:
            if parameter.get("required"):
                return False
            continue
        if not jsonschema_rs.validator_for(parameter["schema"]).is_valid(str(value).strip()):
            return False
    return True


@schemathesis.hook
def filter_failure(context: Any, failure: Any, case: Any, response: Any) -> bool:
    """Keeps every failure but an accepted "negative" case whose only negative part
    is headers that, as sent, the document says are valid."""
    if type(failure).__name__ != "AcceptedNegativeData" or case.meta is None:
        return True
    negative = {
        str(location.value)
        for location, component in case.meta.components.items()
        if component.mode.is_negative
    }
    return not (negative == {"header"} and _sent_headers_are_valid(case))
