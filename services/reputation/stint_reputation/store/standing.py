"""The facts a reputation is computed from, each from published or completed things
only (an unpublished review is in none of these queries), and the last score
announced per subject."""

from __future__ import annotations

from datetime import datetime

import asyncpg

from stint_reputation.domain.scoring import (
    Reputation,
    StandingInputs,
    VerifiedSkill,
    reputation_of,
)
from stint_reputation.domain.subjects import Subject, SubjectKind

__all__ = ["announce_if_changed", "reputation_for", "standing_inputs", "verified_skills"]

# Decisions that answered the applicant: the owner's own, or a closure the owner's
# action caused (the listing filled or withdrawn). no_decision counts against;
# withdrawals are the student's and count for nothing.
_ANSWERED = """(status IN ('hired', 'rejected')
                OR (status = 'closed' AND close_reason IN ('position_filled', 'listing_closed')))"""
_UNANSWERED = "(status = 'closed' AND close_reason = 'no_decision')"


async def _one(conn: asyncpg.Connection, query: str, *args: object) -> asyncpg.Record:
    """The row of an aggregate query (which always has one)."""
    row = await conn.fetchrow(query, *args)
    assert row is not None
    return row


async def standing_inputs(conn: asyncpg.Connection, subject: Subject) -> StandingInputs:
    reviews = await _one(
        conn,
        """SELECT count(*) AS n, coalesce(sum(rating), 0) AS total FROM reviews
           WHERE subject_id = $1 AND published_at IS NOT NULL""",
        subject.id,
    )
    column = "student_id" if subject.kind is SubjectKind.STUDENT else "organization_id"
    on_time = (
        "delivered_at IS NOT NULL AND delivered_at <= due_at"
        if subject.kind is SubjectKind.STUDENT
        else "NOT completed_automatically"
    )
    work = await _one(
        conn,
        f"""SELECT count(*) AS completed, count(*) FILTER (WHERE {on_time}) AS on_time
            FROM engagements WHERE {column} = $1 AND status = 'completed'""",  # noqa: S608
        subject.id,
    )
    facts = StandingInputs(
        review_count=reviews["n"],
        rating_sum=reviews["total"],
        completed=work["completed"],
        on_time=work["on_time"],
    )
    if subject.kind is SubjectKind.STUDENT:
        return facts
    decisions = await _one(
        conn,
        f"""SELECT count(*) FILTER (WHERE {_ANSWERED} AND decided_at <= decision_due_at)
                       AS on_time,
                   count(*) FILTER (WHERE {_ANSWERED} OR {_UNANSWERED}) AS counted,
                   percentile_cont(0.5) WITHIN GROUP (
                       ORDER BY extract(epoch FROM decided_at - created_at) / 3600.0)
                       FILTER (WHERE {_ANSWERED}) AS median_hours
            FROM application_decisions
            WHERE organization_id = $1 AND decided_at IS NOT NULL""",  # noqa: S608
        subject.id,
    )
    median = decisions["median_hours"]
    return StandingInputs(
        review_count=facts.review_count,
        rating_sum=facts.rating_sum,
        completed=facts.completed,
        on_time=facts.on_time,
        decided_on_time=decisions["on_time"],
        decisions_counted=decisions["counted"],
        median_decision_hours=float(median) if median is not None else None,
    )


async def verified_skills(conn: asyncpg.Connection, student_id: str) -> tuple[VerifiedSkill, ...]:
    """Skills endorsed in published reviews, with the number of engagements each was
    endorsed on, most endorsed first."""
    rows = await conn.fetch(
        """SELECT skill, count(*) AS endorsements
           FROM reviews, unnest(endorsed_skills) AS skill
           WHERE subject_id = $1 AND published_at IS NOT NULL AND side = 'organization'
           GROUP BY skill ORDER BY endorsements DESC, skill""",
        student_id,
    )
    return tuple(VerifiedSkill(row["skill"], row["endorsements"]) for row in rows)


async def announce_if_changed(
    conn: asyncpg.Connection, subject_id: str, score: float, formula_id: str, at: datetime
) -> bool:
    """Record the score; True when it differs from the last one announced (or none was)."""
    changed = await conn.fetchval(
        """INSERT INTO announced_scores (subject_id, score, formula_id, announced_at)
           VALUES ($1, $2, $3, $4)
           ON CONFLICT (subject_id) DO UPDATE SET
               score = EXCLUDED.score, formula_id = EXCLUDED.formula_id,
               announced_at = EXCLUDED.announced_at
           WHERE announced_scores.score <> EXCLUDED.score
              OR announced_scores.formula_id <> EXCLUDED.formula_id
           RETURNING true""",
        subject_id,
        score,
        formula_id,
        at,
    )
    return bool(changed)


async def reputation_for(conn: asyncpg.Connection, subject: Subject) -> Reputation:
    """The subject's reputation now, from published and completed facts only."""
    facts = await standing_inputs(conn, subject)
    skills = await verified_skills(conn, subject.id) if subject.kind is SubjectKind.STUDENT else ()
    return reputation_of(subject, facts, skills)
