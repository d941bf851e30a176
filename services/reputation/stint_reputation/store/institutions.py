"""Institution settings, links to students, and credit."""

from __future__ import annotations

import asyncpg

from stint_reputation.domain.institutions import (
    Credit,
    InstitutionLink,
    InstitutionSettings,
)
from stint_reputation.store.pages import newest_first
from stint_reputation.store.rows import LINK_COLUMNS, credit_from_row, link_from_row
from stint_runtime.paging import Page, Position

__all__ = [
    "credits_of_student",
    "get_settings",
    "insert_credit",
    "insert_link",
    "institution_links_of_student",
    "linked",
    "lock_link",
    "page_credits_of_student",
    "page_links",
    "pending_links_of_institution",
    "save_link",
    "save_settings",
]

_LINKS = f"SELECT {LINK_COLUMNS} FROM institution_links"  # noqa: S608 (constant column list)
_CREDITS = (
    "SELECT id, institution_id, student_id, engagement_id, credits, term, note, granted_at, "
    "granted_at AS at FROM credits"
)


async def get_settings(conn: asyncpg.Connection, institution_id: str) -> InstitutionSettings | None:
    row = await conn.fetchrow(
        """SELECT institution_id, email_domains, credit_policy FROM institution_settings
           WHERE institution_id = $1""",
        institution_id,
    )
    if row is None:
        return None
    return InstitutionSettings(
        str(row["institution_id"]), tuple(row["email_domains"]), row["credit_policy"]
    )


async def save_settings(
    conn: asyncpg.Connection, settings: InstitutionSettings, at: object
) -> None:
    await conn.execute(
        """INSERT INTO institution_settings (institution_id, email_domains, credit_policy,
                                             updated_at)
           VALUES ($1, $2, $3, $4)
           ON CONFLICT (institution_id) DO UPDATE SET
               email_domains = EXCLUDED.email_domains, credit_policy = EXCLUDED.credit_policy,
               updated_at = EXCLUDED.updated_at""",
        settings.institution_id,
        list(settings.email_domains),
        settings.credit_policy,
        at,
    )


async def lock_link(
    conn: asyncpg.Connection, institution_id: str, student_id: str
) -> InstitutionLink | None:
    row = await conn.fetchrow(
        f"{_LINKS} WHERE institution_id = $1 AND student_id = $2 FOR UPDATE",
        institution_id,
        student_id,
    )
    return link_from_row(row) if row else None


async def linked(conn: asyncpg.Connection, institution_id: str, student_id: str) -> bool:
    """True when the student is linked (not merely pending) to the institution."""
    found = await conn.fetchval(
        """SELECT EXISTS (SELECT 1 FROM institution_links WHERE institution_id = $1
                          AND student_id = $2 AND status = 'linked')""",
        institution_id,
        student_id,
    )
    return bool(found)


async def insert_link(conn: asyncpg.Connection, link: InstitutionLink) -> bool:
    inserted = await conn.fetchval(
        """INSERT INTO institution_links (institution_id, student_id, status, requested_at,
                                          linked_at)
           VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (institution_id, student_id) DO NOTHING RETURNING true""",
        link.institution_id,
        link.student_id,
        link.status.value,
        link.requested_at,
        link.linked_at,
    )
    return bool(inserted)


async def save_link(conn: asyncpg.Connection, link: InstitutionLink) -> None:
    await conn.execute(
        """UPDATE institution_links SET status = $3, linked_at = $4
           WHERE institution_id = $1 AND student_id = $2""",
        link.institution_id,
        link.student_id,
        link.status.value,
        link.linked_at,
    )


async def institution_links_of_student(
    conn: asyncpg.Connection, student_id: str, *, pending_only: bool = False
) -> list[InstitutionLink]:
    rows = await conn.fetch(
        f"{_LINKS} WHERE student_id = $1 AND ($2 = false OR status = 'pending') FOR UPDATE",
        student_id,
        pending_only,
    )
    return [link_from_row(row) for row in rows]


async def pending_links_of_institution(
    conn: asyncpg.Connection, institution_id: str
) -> list[tuple[InstitutionLink, str]]:
    """Pending links with each student's e-mail domain (empty while unknown), locked."""
    rows = await conn.fetch(
        """SELECT l.institution_id, l.student_id, l.status, l.requested_at, l.linked_at,
                  coalesce(a.email_domain, '') AS email_domain
           FROM institution_links l LEFT JOIN accounts a ON a.account_id = l.student_id
           WHERE l.institution_id = $1 AND l.status = 'pending'
           FOR UPDATE OF l""",
        institution_id,
    )
    return [(link_from_row(row), row["email_domain"]) for row in rows]


async def page_links(
    conn: asyncpg.Connection, institution_id: str, after: Position | None, limit: int
) -> Page[InstitutionLink]:
    return await newest_first(
        conn,
        """SELECT l.institution_id, l.student_id, l.status, l.requested_at, l.linked_at,
                  coalesce(a.display_name, '') AS display_name,
                  l.requested_at AS at, l.student_id AS id
           FROM institution_links l LEFT JOIN accounts a ON a.account_id = l.student_id""",
        "l.institution_id = $1",
        [institution_id],
        at="l.requested_at",
        id_column="l.student_id",
        after=after,
        limit=limit,
        record=link_from_row,
    )


async def insert_credit(conn: asyncpg.Connection, credit: Credit) -> bool:
    """False when the institution already credited this engagement."""
    inserted = await conn.fetchval(
        """INSERT INTO credits (id, institution_id, student_id, engagement_id, credits, term,
                                note, granted_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
           ON CONFLICT (institution_id, engagement_id) DO NOTHING RETURNING true""",
        credit.id,
        credit.institution_id,
        credit.student_id,
        credit.engagement_id,
        credit.credits,
        credit.term,
        credit.note,
        credit.granted_at,
    )
    return bool(inserted)


async def page_credits_of_student(
    conn: asyncpg.Connection, student_id: str, after: Position | None, limit: int
) -> Page[Credit]:
    return await newest_first(
        conn,
        _CREDITS,
        "student_id = $1",
        [student_id],
        at="granted_at",
        id_column="id",
        after=after,
        limit=limit,
        record=credit_from_row,
    )


async def credits_of_student(
    conn: asyncpg.Connection, student_id: str
) -> list[tuple[Credit, str, str | None]]:
    """Every credit of the student, oldest first, with the institution's name and the
    credited engagement's credential id (when issued)."""
    rows = await conn.fetch(
        """SELECT k.id, k.institution_id, k.student_id, k.engagement_id, k.credits, k.term,
                  k.note, k.granted_at, coalesce(a.display_name, '') AS institution_name,
                  c.id AS credential_id
           FROM credits k
           LEFT JOIN accounts a ON a.account_id = k.institution_id
           LEFT JOIN credentials c ON c.engagement_id = k.engagement_id
           WHERE k.student_id = $1 ORDER BY k.granted_at, k.id""",
        student_id,
    )
    return [
        (
            credit_from_row(row),
            row["institution_name"],
            str(row["credential_id"]) if row["credential_id"] else None,
        )
        for row in rows
    ]
