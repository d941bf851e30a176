"""Invariants of the marketplace, read from each service's own tables and recomputed
from the topics:

- every application ends in a terminal status (the tables' checks give it its reason);
- slots are never exceeded, and each hire is counted once, by both services;
- every decision is told once to the person it concerns (one notification per
  recipient and event), every match once;
- every completed engagement opens one review window and earns one credential;
- the projections other services keep (listings, engagements, scores, verified skills)
  equal the newest state the topics hold.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from google.protobuf.message import Message

from stint_flows.events import decoded, enum_word, first_copies, latest
from stint_flows.snapshot import Snapshot
from stint_flows.verdict import Verdict

LISTING_EVENTS = tuple(f"stint.listing.v1.Listing{e}" for e in ("Published", "Updated", "Closed"))
ENGAGEMENT_EVENTS = tuple(
    f"stint.application.v1.Engagement{e}"
    for e in ("Started", "Delivered", "Completed", "Cancelled")
)
TOLD = {
    "stint.application.v1.ApplicationSubmitted": "the owner",
    "stint.application.v1.ApplicationRejected": "the student",
    "stint.application.v1.ApplicationHired": "the student",
    "stint.application.v1.ApplicationClosed": "the student",
}


def check_effects(snap: Snapshot, verdict: Verdict) -> None:
    events = first_copies(snap.records)
    _answers(snap, verdict)
    _slots(snap, events, verdict)
    _told(snap, events, verdict)
    _completions(snap, events, verdict)
    _projections(snap, events, verdict)


def _answers(snap: Snapshot, verdict: Verdict) -> None:
    check = verdict.check("every application ends with an answer")
    applications = snap.rows("applications")
    waiting = [a["id"] for a in applications if a["status"] in ("submitted", "shortlisted")]
    check.figures = dict(Counter(a["status"] for a in applications))
    if waiting:
        check.fail(f"{len(waiting)} applications never answered", waiting)


def _slots(snap: Snapshot, events: list[Any], verdict: Verdict) -> None:
    check = verdict.check("slots never exceeded, each hire counted once")
    hires = Counter(h["listing_id"] for h in snap.rows("listing_hires"))
    hired = Counter(a["listing_id"] for a in snap.rows("applications") if a["status"] == "hired")
    for listing in snap.rows("listings"):
        lid = listing["id"]
        check.count("listings")
        if listing["slots_filled"] > listing["slots"] or hired[lid] > listing["slots"]:
            check.fail("more hires than slots", [lid])
        if not listing["slots_filled"] == hires[lid] == hired[lid]:
            check.fail(
                "hires counted differently",
                [(lid, listing["slots_filled"], hires[lid], hired[lid])],
            )
    announced = {
        m.application.id for m in _messages(events, {"stint.application.v1.ApplicationHired"})
    }
    counted = {h["application_id"] for h in snap.rows("listing_hires")}
    check.count("hires", len(counted))
    if counted != announced:
        check.fail(
            "hires counted by listing differ from those announced", sorted(counted ^ announced)
        )
    engaged = Counter(e["application_id"] for e in snap.rows("engagements"))
    if any(n != 1 for n in engaged.values()) or set(engaged) != announced:
        check.fail("not one engagement per hire", sorted(set(engaged) ^ announced))


def _told(snap: Snapshot, events: list[Any], verdict: Verdict) -> None:
    check = verdict.check("every decision told once, every match once")
    per_cause = Counter(row["key"].split(":", 1)[0] for row in snap.rows("notification_keys"))
    for record in events:
        if record.event_type in TOLD:
            check.count("decisions")
            if per_cause[record.event_id] != 1:
                check.fail(
                    f"{TOLD[record.event_type]} told {per_cause[record.event_id]} times",
                    [(record.event_type.rsplit(".", 1)[-1], record.event_id)],
                )
    matched = Counter(
        (m.match.listing_id, m.match.student_id)
        for m in _messages(events, {"stint.matching.v1.MatchFound"})
    )
    stored = {(r["listing_id"], r["student_id"]) for r in snap.rows("matches_found")}
    check.count("matches", len(matched))
    if any(n > 1 for n in matched.values()):
        check.fail("a match announced twice", [k for k, n in matched.items() if n > 1])
    if stored != set(matched):
        check.fail("matches stored differ from those announced", sorted(stored ^ set(matched)))


def _completions(snap: Snapshot, events: list[Any], verdict: Verdict) -> None:
    check = verdict.check("every completion opens one review window and earns one credential")
    completed = {
        m.engagement.id for m in _messages(events, {"stint.application.v1.EngagementCompleted"})
    }
    windows = {r["engagement_id"] for r in snap.rows("review_windows")}
    credentials = Counter(r["engagement_id"] for r in snap.rows("credentials"))
    check.count("completed", len(completed))
    if windows != completed:
        check.fail("review windows differ from completions", sorted(windows ^ completed))
    if set(credentials) != completed or any(n != 1 for n in credentials.values()):
        check.fail("credentials differ from completions", sorted(set(credentials) ^ completed))


def _listing_state(event: Any) -> tuple[str, int, str]:
    # Every listing event carries the listing as it now is.
    return event.listing.id, event.listing.version, enum_word(event.listing, "status")


def _engagement_state(event: Any) -> tuple[str, int, str]:
    return event.engagement.id, event.engagement.version, enum_word(event.engagement, "status")


def _projections(snap: Snapshot, events: list[Any], verdict: Verdict) -> None:
    check = verdict.check("projections equal a recomputation from the topics")
    listings = latest(
        events,
        LISTING_EVENTS,
        _listing_state,
    )
    engagements = latest(
        events,
        ENGAGEMENT_EVENTS,
        _engagement_state,
    )
    for table, truth, id_column in (
        ("application_listings", listings, "listing_id"),
        ("matching_listings", listings, "listing_id"),
        ("matching_engagements", engagements, "engagement_id"),
        ("reputation_engagements", engagements, "engagement_id"),
    ):
        rows = {r[id_column]: (r["version"], r["status"]) for r in snap.rows(table)}
        wrong = [k for k, state in truth.items() if rows.get(k) != state]
        check.count(table, len(rows))
        if wrong:
            check.fail(
                f"{table} differs from the topics", [(k, rows.get(k), truth[k]) for k in wrong]
            )
    scores = _newest(
        events, "stint.reputation.v1.ReputationChanged", lambda m: (m.user_id, round(m.score, 9))
    )
    announced = {r["subject_id"]: round(r["score"], 9) for r in snap.rows("announced_scores")}
    if announced != scores:
        check.fail(
            "announced scores differ from the topics",
            sorted(set(announced.items()) ^ set(scores.items())),
        )
    skills = _newest(
        events,
        "stint.reputation.v1.SkillVerified",
        lambda m: ((m.student_id, m.skill), m.endorsements),
    )
    verified = {
        (r["student_id"], r["skill"]): r["endorsements"] for r in snap.rows("verified_skills")
    }
    check.count("scores", len(scores))
    check.count("verified skills", len(skills))
    if verified != skills:
        check.fail(
            "verified skills differ from the topics",
            sorted(set(verified.items()) ^ set(skills.items())),
        )


def _messages(events: list[Any], types: set[str]) -> list[Any]:
    found: list[Message] = []
    for record in events:
        if record.event_type in types:
            message = decoded(record)
            if message is not None:
                found.append(message)
    return found


def _newest(events: list[Any], event_type: str, pick: Any) -> dict[Any, Any]:
    """The last value per key in log order (these events carry no version; a key's
    events share a partition)."""
    found: dict[Any, Any] = {}
    for message in _messages(events, {event_type}):
        key, value = pick(message)
        found[key] = value
    return found
