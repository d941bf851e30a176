"""Messages for an organization none of whose accounts is known yet: kept until its
first account's identity event arrives."""

from __future__ import annotations

import json
from datetime import datetime

import asyncpg

from stint_notification.domain.records import Audience, Message

__all__ = ["keep_for_organization", "take_for_organization"]


def _encode(message: Message) -> str:
    def text(parts: tuple[str | datetime, ...]) -> list[dict[str, str]]:
        return [{"s": p} if isinstance(p, str) else {"t": p.isoformat()} for p in parts]

    return json.dumps(
        {
            "type": message.type,
            "title": text(message.title),
            "body": text(message.body),
            "data": dict(message.data),
        }
    )


def _decode(key: str, organization_id: str, raw: str) -> Message:
    found = json.loads(raw)

    def text(parts: list[dict[str, str]]) -> tuple[str | datetime, ...]:
        return tuple(p["s"] if "s" in p else datetime.fromisoformat(p["t"]) for p in parts)

    return Message(
        key=key,
        audience=Audience.organization(organization_id),
        type=found["type"],
        title=text(found["title"]),
        body=text(found["body"]),
        data=found["data"],
    )


async def keep_for_organization(
    conn: asyncpg.Connection, organization_id: str, message: Message, now: datetime
) -> None:
    await conn.execute(
        """INSERT INTO waiting_for_organization (key, organization_id, message, created_at)
           VALUES ($1, $2, $3::jsonb, $4) ON CONFLICT (key) DO NOTHING""",
        message.key,
        organization_id,
        _encode(message),
        now,
    )


async def take_for_organization(conn: asyncpg.Connection, organization_id: str) -> list[Message]:
    rows = await conn.fetch(
        """DELETE FROM waiting_for_organization WHERE organization_id = $1
           RETURNING key, message, created_at""",
        organization_id,
    )
    ordered = sorted(rows, key=lambda r: r["created_at"])
    return [_decode(r["key"], organization_id, r["message"]) for r in ordered]
