"""Skill and industry names as the marketplace compares them.

Case, surrounding and repeated spaces and well-known short forms would otherwise split
one skill into several ("JS", "js ", "JavaScript"), and a student searching for one
would miss listings written with another.
"""

from __future__ import annotations

from collections.abc import Mapping

__all__ = ["INDUSTRY_SYNONYMS", "SKILL_SYNONYMS", "normalise_industry", "normalise_skill"]

SKILL_SYNONYMS: Mapping[str, str] = {
    "js": "javascript",
    "ecmascript": "javascript",
    "ts": "typescript",
    "py": "python",
    "python3": "python",
    "golang": "go",
    "k8s": "kubernetes",
    "postgres": "postgresql",
    "psql": "postgresql",
    "reactjs": "react",
    "react.js": "react",
    "nodejs": "node.js",
    "node": "node.js",
    "ml": "machine learning",
    "ai": "artificial intelligence",
    "ux": "ux design",
    "ui": "ui design",
    "excel": "microsoft excel",
    "ms excel": "microsoft excel",
    "gcp": "google cloud",
    "aws": "amazon web services",
    "c sharp": "c#",
    "cpp": "c++",
}

INDUSTRY_SYNONYMS: Mapping[str, str] = {
    "tech": "technology",
    "it": "information technology",
    "fintech": "financial technology",
    "edtech": "education technology",
    "non-profit": "nonprofit",
    "non profit": "nonprofit",
    "ngo": "nonprofit",
    "healthcare": "health care",
}


def _fold(name: str) -> str:
    return " ".join(name.split()).lower()


def normalise_skill(name: str) -> str:
    """Trimmed, lower case, inner spaces collapsed, known short forms folded."""
    folded = _fold(name)
    return SKILL_SYNONYMS.get(folded, folded)


def normalise_industry(name: str) -> str:
    folded = _fold(name)
    return INDUSTRY_SYNONYMS.get(folded, folded)
