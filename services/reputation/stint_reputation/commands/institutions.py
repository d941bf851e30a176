"""Institutions: their e-mail domains, linking students (at once by domain, or by the
institution's approval), and the academic credit they grant."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

import asyncpg

from stint_reputation import events
from stint_reputation.context import Context
from stint_reputation.domain import institutions as rules
from stint_reputation.domain.access import require_found
from stint_reputation.domain.institutions import (
    Credit,
    InstitutionLink,
    InstitutionSettings,
    LinkStatus,
)
from stint_reputation.domain.projections import AccountView
from stint_reputation.store import institutions as store
from stint_reputation.store.portfolio import institution_engagement
from stint_reputation.store.projections import get_account, get_engagement
from stint_runtime.db import transaction
from stint_runtime.errors import Conflict, NotFound
from stint_runtime.identity import Caller
from stint_runtime.ids import resource_id

__all__ = [
    "approve_student",
    "grant_credit",
    "link_institution",
    "link_pending_by_domain",
    "put_settings",
]


async def _linked_now(
    conn: asyncpg.Connection, ctx: Context, links: Sequence[InstitutionLink], domain: str
) -> None:
    """Link the pending ``links`` whose institution lists ``domain``."""
    for link in links:
        settings = await store.get_settings(conn, link.institution_id)
        if settings and rules.domain_matches(domain, settings.email_domains):
            approved = rules.approve(link, ctx.clock())
            await store.save_link(conn, approved)
            await events.institution_linked(conn, ctx.schema, approved)


async def put_settings(
    pool: asyncpg.Pool,
    ctx: Context,
    institution: Caller,
    email_domains: Sequence[str],
    credit_policy: str,
) -> InstitutionSettings:
    """Replace the institution's domains and policy; pending students at a domain
    now listed are linked."""
    domains = rules.normalise_domains(email_domains, credit_policy)
    settings = InstitutionSettings(institution.account_id, domains, credit_policy.strip())
    async with transaction(pool) as conn:
        await store.save_settings(conn, settings, ctx.clock())
        for link, domain in await store.pending_links_of_institution(conn, settings.institution_id):
            if domain and rules.domain_matches(domain, domains):
                approved = rules.approve(link, ctx.clock())
                await store.save_link(conn, approved)
                await events.institution_linked(conn, ctx.schema, approved)
    return settings


def _institution(account: AccountView | None) -> AccountView:
    if account is None or account.role != "institution":
        raise NotFound("No such institution.")
    return account


async def link_institution(
    pool: asyncpg.Pool, ctx: Context, student: Caller, institution_id: str
) -> InstitutionLink:
    """The student asks to be linked; asking again answers the link as it stands."""
    institution_id = resource_id(institution_id, "institution")
    async with transaction(pool) as conn:
        _institution(await get_account(conn, institution_id))
        me = await get_account(conn, student.account_id)
        settings = await store.get_settings(conn, institution_id)
        link = rules.link_for(
            institution_id,
            student.account_id,
            me.email_domain if me else None,
            settings,
            ctx.clock(),
        )
        if not await store.insert_link(conn, link):
            return require_found(
                await store.lock_link(conn, institution_id, student.account_id), "institution"
            )
        if link.status is LinkStatus.LINKED:
            await events.institution_linked(conn, ctx.schema, link)
        return link


async def link_pending_by_domain(
    conn: asyncpg.Connection, ctx: Context, student: AccountView
) -> None:
    """Inside an event handler's transaction: a student whose account this service
    learnt of after they asked is linked where their domain is listed."""
    pending = await store.institution_links_of_student(conn, student.id, pending_only=True)
    await _linked_now(conn, ctx, pending, student.email_domain)


async def approve_student(
    pool: asyncpg.Pool, ctx: Context, institution: Caller, student_id: str
) -> InstitutionLink:
    student_id = resource_id(student_id, "student")
    async with transaction(pool) as conn:
        link = require_found(
            await store.lock_link(conn, institution.account_id, student_id), "student"
        )
        approved = rules.approve(link, ctx.clock())
        if approved != link:
            await store.save_link(conn, approved)
            await events.institution_linked(conn, ctx.schema, approved)
        return approved


async def grant_credit(
    pool: asyncpg.Pool,
    ctx: Context,
    institution: Caller,
    engagement_id: str,
    credits: float,
    term: str,
    note: str,
) -> Credit:
    """For an engagement of a linked student (any other does not exist for the
    institution), completed, once per institution."""
    engagement_id = resource_id(engagement_id, "engagement")
    rules.validate_credit(credits, term, note)
    async with transaction(pool) as conn:
        require_found(
            await institution_engagement(conn, institution.account_id, engagement_id),
            "engagement",
        )
        engagement = require_found(await get_engagement(conn, engagement_id), "engagement")
        rules.require_creditable(engagement)
        credit = Credit(
            id=str(uuid.uuid4()),
            institution_id=institution.account_id,
            student_id=engagement.student_id,
            engagement_id=engagement.id,
            credits=credits,
            term=term.strip(),
            note=note.strip(),
            granted_at=ctx.clock(),
        )
        if not await store.insert_credit(conn, credit):
            raise Conflict("Your institution already granted credit for this engagement.")
        await events.credit_granted(conn, ctx.schema, credit)
        return credit
