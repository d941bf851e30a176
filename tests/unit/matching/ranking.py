"""Ranking quality on the labelled set (tests/data/matching): nDCG@10 of the
matching formula, of the page as shipped (with the exploration slot), and of a plain
text baseline (BM25 over each listing's title, description, industry and skills,
queried with the profile's skills and interests).

    .venv/bin/python -m tests.unit.matching.ranking
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import bm25s

from stint_matching.domain.exploration import ExplorationRules
from stint_matching.domain.index import MatchIndex
from stint_matching.domain.listings import ListingStatus, ListingView, SkillNeed
from stint_matching.domain.profiles import Profile, SkillLevel
from stint_runtime.vocabulary import normalise_industry, normalise_skill

__all__ = ["Scores", "evaluate", "ndcg_at"]

DATA = Path(__file__).parents[2] / "data" / "matching" / "eval.json"
NOW = datetime(2026, 12, 1, tzinfo=UTC)
K = 10


@dataclass(frozen=True)
class Scores:
    formula: float
    shipped: float
    bm25: float


def ndcg_at(ranked: Sequence[str], grades: Mapping[str, int], k: int = K) -> float:
    """Normalised discounted cumulative gain of ``ranked`` (gain 2^grade - 1)."""
    gain = sum(
        (2 ** grades.get(item, 0) - 1) / math.log2(i + 2) for i, item in enumerate(ranked[:k])
    )
    ideal = sorted(grades.values(), reverse=True)[:k]
    best = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return gain / best if best else 0.0


def _listing(raw: Mapping[str, Any], n: int) -> ListingView:
    return ListingView(
        id=f"00000000-0000-0000-0000-{n:012d}",
        organization_id="00000000-0000-0000-0000-0000000000aa",
        organization_name="",
        title=raw["title"],
        industry=normalise_industry(raw["industry"]),
        skills=tuple(SkillNeed(normalise_skill(s), r) for s, r in raw["skills"]),
        estimated_hours=raw["estimated_hours"],
        duration_days=raw["duration_days"],
        remote=raw["remote"],
        location=raw["location"],
        status=ListingStatus.OPEN,
        apply_by=NOW + timedelta(days=30),
        published_at=NOW - timedelta(hours=n),
        version=1,
    )


def _profile(raw: Mapping[str, Any], n: int) -> Profile:
    return Profile(
        student_id=f"00000000-0000-0000-0001-{n:012d}",
        headline="",
        skills=tuple(SkillLevel(normalise_skill(s), level) for s, level in raw["skills"]),
        interests=tuple(normalise_industry(i) for i in raw["interests"]),
        availability_hours_per_week=raw["hours"],
        remote_ok=raw["remote_ok"],
        location=raw["location"],
        updated_at=NOW,
        version=1,
    )


def _text(raw: Mapping[str, Any]) -> str:
    skills = " ".join(s for s, _ in raw["skills"])
    return f"{raw['title']} {raw['description']} {raw['industry']} {skills}"


def evaluate(data: Path = DATA) -> Scores:
    found = json.loads(data.read_text())
    raw_listings, raw_profiles = found["listings"], found["profiles"]
    index = MatchIndex()
    views = [_listing(raw, n) for n, raw in enumerate(raw_listings)]
    label_of = {view.id: raw["id"] for view, raw in zip(views, raw_listings, strict=True)}
    for view in views:
        index.put_listing(view)
    retriever = bm25s.BM25()
    retriever.index(
        bm25s.tokenize([_text(raw) for raw in raw_listings], show_progress=False),
        show_progress=False,
    )
    totals = Scores(0.0, 0.0, 0.0)
    for n, raw in enumerate(raw_profiles):
        profile = _profile(raw, n)
        index.put_profile(profile)
        grades: dict[str, int] = raw["relevant"]
        everything = index.recommend(profile.student_id, NOW, len(views), ExplorationRules())
        formula = [label_of[view.id] for view, _ in everything]
        page = index.recommend(profile.student_id, NOW, K, ExplorationRules())
        shipped = [label_of[view.id] for view, _ in page]
        query = " ".join([s for s, _ in raw["skills"]] + raw["interests"])
        hits, _ = retriever.retrieve(
            bm25s.tokenize([query], show_progress=False), k=len(views), show_progress=False
        )
        text = [raw_listings[int(i)]["id"] for i in hits[0]]
        totals = Scores(
            totals.formula + ndcg_at(formula, grades),
            totals.shipped + ndcg_at(shipped, grades),
            totals.bm25 + ndcg_at(text, grades),
        )
    count = len(raw_profiles)
    return Scores(totals.formula / count, totals.shipped / count, totals.bm25 / count)


if __name__ == "__main__":
    scores = evaluate()
    print(f"nDCG@{K} over the labelled set ({DATA.relative_to(Path.cwd())}):")
    print(f"  matching formula            {scores.formula:.3f}")
    print(f"  as shipped (with the slot)  {scores.shipped:.3f}")
    print(f"  BM25 baseline               {scores.bm25:.3f}")
