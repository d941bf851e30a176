"""Invariants of delivery, read from each service's own tables and the topics:

- every event of every outbox reached its topic (at least once: delivery is at least
  once), and the first copies of a key's events are in the order of its versions;
- every consumer group's inbox holds every event of its topics, save those it
  dead-lettered: each applied once (the inbox's primary key), none missed;
- the analytics store holds every event of every topic;
- every e-mail the platform recorded as sent reached the mail catcher, once (twice
  only for one whose send was in doubt, with the same Message-ID).
"""

from __future__ import annotations

from collections import Counter, defaultdict

from stint_flows.events import first_copies, versioned
from stint_flows.snapshot import Snapshot
from stint_flows.subscriptions import Group
from stint_flows.verdict import Verdict


def check_delivery(snap: Snapshot, groups: list[Group], verdict: Verdict) -> None:
    _outboxes(snap, verdict)
    _inboxes(snap, groups, verdict)
    _analytics(snap, verdict)
    _mail(snap, verdict)


def _outboxes(snap: Snapshot, verdict: Verdict) -> None:
    check = verdict.check("every outbox event reached the broker, in order per key")
    first = first_copies(snap.records)
    on_broker = {r.event_id for r in first}
    copies = Counter(r.event_id for r in snap.records if r.event_id)
    for schema, rows in snap.outbox.items():
        missing = [r["event_id"] for r in rows if r["event_id"] not in on_broker]
        check.count("events", len(rows))
        check.count("published more than once", sum(copies[r["event_id"]] > 1 for r in rows))
        if missing:
            check.fail(f"{len(missing)} {schema} events never reached the broker", missing)
    # The order a consumer relies on: a key's events in the order of the aggregate's
    # versions (writers of one aggregate lock it, so its outbox rows commit in order).
    versions: dict[tuple[str, str], list[int]] = defaultdict(list)
    for record in first:
        found = versioned(record)
        if found is not None:
            versions[(record.topic, record.key)].append(found)
    disordered = [key for key, seen in versions.items() if seen != sorted(seen)]
    check.count("versioned keys", len(versions))
    if disordered:
        check.fail(f"{len(disordered)} keys with events out of order", disordered)


def _on_topics(snap: Snapshot) -> dict[str, set[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    for record in snap.records:
        if record.event_id:
            found[record.topic].add(record.event_id)
    return found


def _inboxes(snap: Snapshot, groups: list[Group], verdict: Verdict) -> None:
    check = verdict.check("every consumer applied every event of its topics once")
    on_topics = _on_topics(snap)
    dead = defaultdict(set)
    for letter in snap.dead_letters:
        dead[letter.consumer].add(letter.event_id)
    for group in groups:
        expected = set().union(*(on_topics[t] for t in group.topics)) - dead[group.name]
        held = snap.inbox.get(group.name, set())
        missing = expected - held
        check.count("groups")
        check.count("events applied", len(held & expected))
        check.count("dead-lettered", len(dead[group.name]))
        if missing:
            check.fail(f"{group.name} missed {len(missing)} events", sorted(missing))


def _analytics(snap: Snapshot, verdict: Verdict) -> None:
    check = verdict.check("analytics landed every event once")
    if snap.analytics is None:
        check.fail("no analytics store")
        return
    everything = set().union(*_on_topics(snap).values())
    missing = everything - snap.analytics
    check.count("events landed", len(snap.analytics))
    if missing:
        check.fail(f"{len(missing)} events never landed", sorted(missing))


def _mail(snap: Snapshot, verdict: Verdict) -> None:
    check = verdict.check("every e-mail sent reached the mail catcher once")
    sent = [row for row in snap.rows("emails") if row["status"] == "sent"]
    lost = [r["message_id"] for r in sent if snap.mail[r["message_id"].strip("<>")] == 0]
    doubled = [
        r["message_id"]
        for r in sent
        if snap.mail[r["message_id"].strip("<>")] > 1 and not r["in_doubt"]
    ]
    check.count("sent", len(sent))
    check.count("in doubt", sum(bool(r["in_doubt"]) for r in sent))
    check.count("copies in the mail catcher", sum(snap.mail.values()))
    if lost:
        check.fail(f"{len(lost)} e-mails recorded as sent never arrived", lost)
    if doubled:
        check.fail(f"{len(doubled)} e-mails arrived twice though never in doubt", doubled)
