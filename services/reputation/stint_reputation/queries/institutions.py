"""What institutions and students read of links, engagements, credit and the signed
learner record. An institution sees only students linked to it (pending ones in its
list of students, nothing more); for any other student there is nothing (404)."""

from __future__ import annotations

import json
import uuid

import asyncpg

from stint_reputation.context import Context
from stint_reputation.domain.institutions import Credit, InstitutionLink
from stint_reputation.domain.portfolio import InstitutionEngagement
from stint_reputation.domain.projections import EngagementStatus
from stint_reputation.domain.records import RecordedCredential, RecordedCredit, learner_record
from stint_reputation.domain.signing import Signed
from stint_reputation.store import credentials, institutions
from stint_reputation.store.portfolio import page_institution_engagements
from stint_reputation.store.projections import get_account
from stint_runtime.db import connection
from stint_runtime.errors import InvalidArgument, NotFound
from stint_runtime.identity import Caller
from stint_runtime.ids import resource_id
from stint_runtime.paging import Page, decode_cursor, page_limit

__all__ = [
    "learner_record_of",
    "list_institution_engagements",
    "list_my_credits",
    "list_students",
]

_STATUSES = tuple(status.value for status in EngagementStatus)


async def list_students(
    pool: asyncpg.Pool, institution: Caller, limit: int, cursor: str
) -> Page[InstitutionLink]:
    size, after = page_limit(limit), decode_cursor(cursor)
    async with connection(pool) as conn:
        return await institutions.page_links(conn, institution.account_id, after, size)


async def list_institution_engagements(
    pool: asyncpg.Pool, institution: Caller, status: str, limit: int, cursor: str
) -> Page[InstitutionEngagement]:
    status = status.strip().lower()
    if status and status not in _STATUSES:
        raise InvalidArgument.one("status", f"must be one of {', '.join(_STATUSES)}")
    size, after = page_limit(limit), decode_cursor(cursor)
    async with connection(pool) as conn:
        return await page_institution_engagements(conn, institution.account_id, status, after, size)


async def list_my_credits(
    pool: asyncpg.Pool, student: Caller, limit: int, cursor: str
) -> Page[Credit]:
    size, after = page_limit(limit), decode_cursor(cursor)
    async with connection(pool) as conn:
        return await institutions.page_credits_of_student(conn, student.account_id, after, size)


async def learner_record_of(
    pool: asyncpg.Pool, ctx: Context, caller: Caller, student_id: str
) -> tuple[str, Signed]:
    """The student's own record, or a linked institution's view of it (with the credit
    that institution granted, not other institutions'): (id, signed)."""
    student_id = resource_id(student_id, "student")
    async with connection(pool) as conn:
        if caller.is_student:
            allowed = caller.account_id == student_id
        else:
            allowed = await institutions.linked(conn, caller.account_id, student_id)
        if not allowed:
            raise NotFound("No such student.")
        student = await get_account(conn, student_id)
        held = await credentials.standing_credentials_of(conn, student_id)
        credits = await institutions.credits_of_student(conn, student_id)
    if not caller.is_student:
        credits = [c for c in credits if c[0].institution_id == caller.account_id]
    recorded = [
        RecordedCredential(c.id, c.jwt, json.loads(c.document)["credentialSubject"]["achievement"])
        for c in held
    ]
    record_id = str(uuid.uuid4())
    document = learner_record(
        ctx.issuer,
        record_id,
        student_id,
        student.display_name if student else "",
        recorded,
        [RecordedCredit(credit, name, credential) for credit, name, credential in credits],
        ctx.clock(),
    )
    return record_id, ctx.signing_key.sign(document)
