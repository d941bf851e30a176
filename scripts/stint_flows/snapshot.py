"""Everything the invariants look at, gathered once the platform is quiet: every record
on the topics and their dead-letter twins, every service's outbox and inbox and the
tables that hold effects, the analytics store and the mail the platform sent. The
checks are then plain functions of a snapshot."""

from __future__ import annotations

import asyncio
import mailbox
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import asyncpg

from stint_flows.topics import Record, read_all
from stint_runtime import topics as platform_topics

OUTBOX_SCHEMAS = ("gateway", "listing", "application", "matching", "notification", "reputation")

QUERIES = {
    "listings": "SELECT id::text, slots, slots_filled, status FROM listing.listings",
    "listing_hires": "SELECT application_id::text, listing_id::text FROM listing.listing_hires",
    "applications": """SELECT id::text, listing_id::text, status, reject_reason, close_reason,
                              engagement_id::text FROM application.applications""",
    "engagements": "SELECT id::text, application_id::text, status FROM application.engagements",
    "application_listings": """SELECT listing_id::text, status, slots, hires, version
                                 FROM application.listing_projection""",
    "matching_listings": "SELECT listing_id::text, status, version FROM matching.listings",
    "matching_engagements": "SELECT engagement_id::text, status, version FROM matching.engagements",
    "matches_found": "SELECT listing_id::text, student_id::text FROM matching.matches_found",
    "verified_skills": "SELECT student_id::text, skill, endorsements FROM matching.verified_skills",
    "reputation_engagements": """SELECT engagement_id::text, status, version
                                   FROM reputation.engagements""",
    "review_windows": "SELECT engagement_id::text FROM reputation.review_windows",
    "credentials": "SELECT engagement_id::text FROM reputation.credentials",
    "announced_scores": "SELECT subject_id::text, score FROM reputation.announced_scores",
    "notification_keys": "SELECT key, recipient_id::text FROM notification.notifications",
    "emails": """SELECT message_id, status, in_doubt FROM notification.email_deliveries""",
}


@dataclass
class DeadLetter:
    consumer: str
    topic: str
    partition: int
    offset: int
    event_id: str


@dataclass
class Snapshot:
    records: list[Record] = field(default_factory=list)
    dead_letters: list[DeadLetter] = field(default_factory=list)
    outbox: dict[str, list[asyncpg.Record]] = field(default_factory=dict)
    inbox: dict[str, set[str]] = field(default_factory=dict)
    """Consumer group → the event ids its inbox holds."""
    tables: dict[str, list[asyncpg.Record]] = field(default_factory=dict)
    analytics: set[str] | None = None
    """Event ids in the analytics store; None without one."""
    mail: Counter[str] = field(default_factory=Counter)
    """Message-ID → copies in the mail catcher."""

    def rows(self, name: str) -> list[Any]:
        return self.tables.get(name, [])


async def take(
    admin_dsn: str, bootstrap: str, *, analytics_db: Path | None, maildir: Path | None
) -> Snapshot:
    snap = Snapshot()
    snap.records = await read_all(bootstrap)
    dlq = await read_all(bootstrap, [platform_topics.dlq_topic(t) for t in platform_topics.ALL])
    snap.dead_letters = [_dead_letter(r) for r in dlq]
    conn = await asyncpg.connect(admin_dsn)
    try:
        for schema in OUTBOX_SCHEMAS:
            snap.outbox[schema] = await conn.fetch(
                f"SELECT id, event_id::text, topic, key FROM {schema}.outbox ORDER BY id"
            )
            for row in await conn.fetch(f"SELECT consumer, event_id::text FROM {schema}.inbox"):
                snap.inbox.setdefault(row["consumer"], set()).add(row["event_id"])
        for name, sql in QUERIES.items():
            snap.tables[name] = await conn.fetch(sql)
    finally:
        await conn.close()
    if analytics_db is not None and analytics_db.exists():
        snap.analytics = await asyncio.to_thread(_analytics_ids, analytics_db)
    if maildir is not None and maildir.exists():
        snap.mail = await asyncio.to_thread(_message_ids, maildir)
    return snap


def _dead_letter(record: Record) -> DeadLetter:
    headers = record.headers
    return DeadLetter(
        consumer=headers.get("dlq_consumer", ""),
        topic=headers.get("dlq_original_topic", ""),
        partition=int(headers.get("dlq_original_partition", "-1")),
        offset=int(headers.get("dlq_original_offset", "-1")),
        event_id=record.event_id,
    )


def _analytics_ids(path: Path) -> set[str]:
    from stint_analytics.store.connection import opened

    with opened(path, read_only=True, wait_s=30) as conn:
        return {str(row[0]) for row in conn.execute("SELECT event_id FROM events").fetchall()}


def _message_ids(maildir: Path) -> Counter[str]:
    box = mailbox.Maildir(str(maildir), create=False)
    return Counter(str(message["Message-ID"]).strip("<>") for message in box)
