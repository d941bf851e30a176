"""The words of a match, made from its assessment: one explanation term per factor of
the formula (its contribution and a detail), and the reasons a person reads, which are
the details of the terms that added something, best first. Nothing is said that the
numbers did not count: the reasons are the score's own terms.

Students read "You have ..."; a listing's owner reads the same facts about the
candidate ("Has ...").
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum

from stint_matching.domain.scoring import Assessment

__all__ = ["Audience", "Term", "explain", "reasons"]


class Audience(Enum):
    STUDENT = "student"
    OWNER = "owner"


@dataclass(frozen=True)
class Term:
    factor: str
    contribution: float
    detail: str


def _listed(names: Sequence[str]) -> str:
    return ", ".join(names)


def _skills(have: Sequence[str], missing: Sequence[str], kind: str, who: Audience) -> str:
    total = len(have) + len(missing)
    subject = "You have" if who is Audience.STUDENT else "Has"
    if total == 0:
        return f"No {kind} skill is asked for"
    text = f"{subject} {len(have)} of {total} {kind} skills"
    if have:
        text += f": {_listed(have)}"
    if missing:
        text += f" (missing: {_listed(missing)})"
    return text


def _required(a: Assessment, who: Audience) -> str:
    return _skills(a.required_have, a.required_missing, "required", who)


def _optional(a: Assessment, who: Audience) -> str:
    return _skills(a.optional_have, a.optional_missing, "nice-to-have", who)


def _verified(a: Assessment, who: Audience) -> str:
    if not a.verified_have:
        return "None of the project's skills is verified by an employer yet"
    whose = "your" if who is Audience.STUDENT else "their"
    return f"Employers verified {whose} {_listed(a.verified_have)} on past projects"


def _interest(a: Assessment, who: Audience) -> str:
    student = who is Audience.STUDENT
    if a.interested:
        return f"{a.industry.capitalize()} is one of {'your' if student else 'their'} interests"
    if a.worked_in:
        return f"{'You have' if student else 'Has'} worked in {a.industry} before"
    if student:
        return (
            f"New for you: {a.industry} is an industry you have neither listed nor worked "
            "in, a low-risk way to try it"
        )
    return f"New to {a.industry}: neither among their interests nor worked in before"


def _availability(a: Assessment, who: Audience) -> str:
    subject = "Your" if who is Audience.STUDENT else "Their"
    needed = round(a.hours_needed, 1)
    if a.hours_have <= 0:
        return f"No weekly hours given; the project needs about {needed:g} h/week"
    share = min(100, round(100 * a.hours_have / a.hours_needed)) if a.hours_needed else 100
    return f"{subject} {a.hours_have} h/week cover {share}% of the {needed:g} h/week it needs"


def _location(a: Assessment, who: Audience) -> str:
    student = who is Audience.STUDENT
    if a.remote:
        if a.remote_ok:
            return "Remote, and " + ("you are" if student else "they are") + " open to remote work"
        return "Remote, though " + ("you prefer" if student else "they prefer") + " on-site work"
    if a.on_site_here:
        return f"On site in {a.listing_place}, where " + ("you are" if student else "they are")
    return f"On site in {a.listing_place or 'its location'}, not where " + (
        "you are" if student else "they are"
    )


_DETAILS: dict[str, Callable[[Assessment, Audience], str]] = {
    "required_skills": _required,
    "optional_skills": _optional,
    "verified_skills": _verified,
    "interest": _interest,
    "availability": _availability,
    "location": _location,
}


def explain(assessment: Assessment, who: Audience) -> list[Term]:
    """Every term of the formula, in the formula's order; the contributions add up to
    the score."""
    return [
        Term(factor, assessment.contributions[factor], _DETAILS[factor](assessment, who))
        for factor in assessment.contributions
    ]


def reasons(assessment: Assessment, terms: Sequence[Term]) -> list[str]:
    """The terms that added to the score, largest first; an exploration match also
    says that the industry is new (its interest term, which added nothing)."""
    adding = sorted(
        (t for t in terms if t.contribution > 0), key=lambda t: t.contribution, reverse=True
    )
    said = [t.detail for t in adding]
    if assessment.exploration:
        said.insert(0, next(t.detail for t in terms if t.factor == "interest"))
    return said
