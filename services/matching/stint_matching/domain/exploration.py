"""The exploration slot. Micro-internships exist so that students try industries
early, with little risk; a ranking by fit alone keeps showing them what they already
know. So every page of recommendations of at least ``min_page`` items holds at least
one *good* match from an industry the student has neither listed nor worked in:

- eligible: an exploration listing (interest fit 0) that scores at least
  ``min_score`` and on which the student has at least one required skill (or the
  listing requires none), so that the suggestion is one they could really do;
- chosen: the best-scoring eligible one (on a tie, the one seen first);
- placed: when the page has no eligible item of its own, the chosen one takes the
  page's last place (the items above it keep their order; it scored lower than each).

Any item from a new industry is marked ``exploration: true`` and says so in its
reasons, whether it earned its place by score or took the slot.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from stint_matching.domain.columns import Array

__all__ = ["ExplorationRules", "page_rows"]


@dataclass(frozen=True)
class ExplorationRules:
    min_page: int = 5
    """Pages of at least this many items carry an exploration item."""
    min_score: float = 0.35
    """A good match: at least this score."""


def _best_first(rows: Array, scores: Array, published: Array) -> Array:
    """``rows`` by score, then the newest published, then row (stable, deterministic)."""
    order = np.lexsort((rows, -published[rows], -scores[rows]))
    ordered: Array = rows[order]
    return ordered


def page_rows(
    scores: Array,
    eligible: Array,
    exploring: Array,
    good_for_slot: Array,
    published: Array,
    limit: int,
    rules: ExplorationRules,
) -> list[int]:
    """The rows of one page, best first, with the exploration slot filled when the
    page is long enough and an eligible listing exists. ``eligible`` rows may be
    shown at all; ``exploring`` rows are from a new industry; ``good_for_slot`` rows
    pass the slot's bar of skills."""
    candidates = np.flatnonzero(eligible)
    if len(candidates) == 0 or limit <= 0:
        return []
    if len(candidates) > limit:
        top = np.argpartition(-scores[candidates], limit - 1)[:limit]
        candidates = candidates[top]
    page = [int(r) for r in _best_first(candidates, scores, published)]
    if limit < rules.min_page:
        return page
    slot = eligible & exploring & good_for_slot & (scores >= rules.min_score)
    if any(slot[row] for row in page):
        return page
    if not slot.any():
        return page
    chosen = int(np.argmax(np.where(slot, scores, -np.inf)))
    if len(page) >= limit:
        page = page[: limit - 1]
    return [*page, chosen]
