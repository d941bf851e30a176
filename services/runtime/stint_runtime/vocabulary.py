"""Skill, industry and place names as the marketplace compares them, one vocabulary for
every service: a listing's skills (listing), a student's profile (matching) and an
endorsement of a skill (reputation) meet only when they fold alike.

Case, surrounding and repeated spaces and well-known short forms would otherwise split
one skill into several ("JS", "js ", "JavaScript"): a student writes "JS" or "Python 3"
where an employer wrote "javascript" or "python", and would miss the listing.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

__all__ = [
    "INDUSTRY_SYNONYMS",
    "SKILL_SYNONYMS",
    "industry_shape_problem",
    "normalise_industry",
    "normalise_location",
    "normalise_skill",
    "skill_shape_problem",
]

SKILL_SYNONYMS: Mapping[str, str] = {
    # Languages and runtimes
    "js": "javascript",
    "ecmascript": "javascript",
    "es6": "javascript",
    "ts": "typescript",
    "py": "python",
    "python3": "python",
    "python 3": "python",
    "golang": "go",
    "c sharp": "c#",
    "csharp": "c#",
    "cpp": "c++",
    "objective c": "objective-c",
    "r language": "r",
    "rlang": "r",
    "nodejs": "node.js",
    "node": "node.js",
    "node js": "node.js",
    "reactjs": "react",
    "react.js": "react",
    "react js": "react",
    "vuejs": "vue",
    "vue.js": "vue",
    "nextjs": "next.js",
    "html5": "html",
    "css3": "css",
    # Data
    "postgres": "postgresql",
    "psql": "postgresql",
    "mysql db": "mysql",
    "ml": "machine learning",
    "dl": "deep learning",
    "ai": "artificial intelligence",
    "nlp": "natural language processing",
    "cv": "computer vision",
    "dataviz": "data visualization",
    "data viz": "data visualization",
    "data visualisation": "data visualization",
    "visualization": "data visualization",
    "visualisation": "data visualization",
    "stats": "statistics",
    "bi": "business intelligence",
    "powerbi": "power bi",
    "ms power bi": "power bi",
    # Cloud and operations
    "k8s": "kubernetes",
    "gcp": "google cloud",
    "google cloud platform": "google cloud",
    "aws": "amazon web services",
    "azure cloud": "azure",
    "ci/cd": "ci",
    "continuous integration": "ci",
    # Office and finance
    "excel": "microsoft excel",
    "ms excel": "microsoft excel",
    "spreadsheet": "spreadsheets",
    "google sheets": "spreadsheets",
    "financial modelling": "financial modeling",
    "book keeping": "bookkeeping",
    # Design and marketing
    "ux": "ux design",
    "ui": "ui design",
    "user research": "ux research",
    "ux/ui": "ux design",
    "a11y": "accessibility",
    "search engine optimization": "seo",
    "search engine optimisation": "seo",
    "copy writing": "copywriting",
    "social media marketing": "social media",
    "smm": "social media",
    "presentations": "presentation",
    "public speaking": "presentation",
    "geographic information systems": "gis",
}

INDUSTRY_SYNONYMS: Mapping[str, str] = {
    "tech": "technology",
    "it": "information technology",
    "fintech": "financial technology",
    "edtech": "education technology",
    "non-profit": "nonprofit",
    "non profit": "nonprofit",
    "ngo": "nonprofit",
    "charity": "nonprofit",
    "healthcare": "health care",
    "health": "health care",
    "software development": "software",
    "software engineering": "software",
    "saas": "software",
    "climate tech": "climate",
    "cleantech": "climate",
    "clean energy": "climate",
    "renewable energy": "climate",
    "sustainability": "climate",
    "finance and accounting": "finance",
    "accounting": "finance",
    "banking": "finance",
    "advertising": "marketing",
    "digital marketing": "marketing",
    "graphic design": "design",
    "product design": "design",
    "ux": "design",
    "media": "media and publishing",
    "publishing": "media and publishing",
    "journalism": "media and publishing",
}

# A name is a few words: letters and digits, with the punctuation names of skills and
# industries use ("c#", "c++", "node.js", "ci/cd", "r&d", "e-commerce").
_SHAPE = re.compile(r"^[\w][\w .+#&/'-]*$")
_HAS_LETTER = re.compile(r"[^\W\d_]")


def _fold(name: str) -> str:
    return " ".join(name.split()).lower()


def normalise_skill(name: str) -> str:
    """Trimmed, lower case, inner spaces collapsed, known short forms folded."""
    folded = _fold(name)
    return SKILL_SYNONYMS.get(folded, folded)


def normalise_industry(name: str) -> str:
    folded = _fold(name)
    return INDUSTRY_SYNONYMS.get(folded, folded)


def normalise_location(name: str) -> str:
    """Places compare without case and spacing: "Rotterdam " is "rotterdam"."""
    return _fold(name)


def _shape_problem(folded: str, longest: int) -> str | None:
    if not folded:
        return "must not be empty"
    if len(folded) > longest:
        return f"at most {longest} characters (got {len(folded)})"
    if not _SHAPE.match(folded) or not _HAS_LETTER.search(folded):
        return "must be a name: letters, digits, spaces and . + # & / ' - only"
    return None


def skill_shape_problem(folded: str, longest: int) -> str | None:
    """Why a normalised skill name cannot be one, or None."""
    return _shape_problem(folded, longest)


def industry_shape_problem(folded: str, longest: int) -> str | None:
    """Why a normalised industry name cannot be one, or None: an industry is a short
    name ("software", "health care"), never a number, a sentence of symbols or empty."""
    return _shape_problem(folded, longest)
