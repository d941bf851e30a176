"""The formula ranks the labelled set better than a plain text baseline (BM25 over
skills and description), and the exploration slot costs the page little of that."""

from __future__ import annotations

from tests.unit.matching.ranking import evaluate, ndcg_at


def test_ndcg_counts_graded_gains_in_order() -> None:
    grades = {"a": 3, "b": 1}
    assert ndcg_at(["a", "b", "c"], grades) == 1.0
    assert ndcg_at(["b", "a"], grades) < 1.0
    assert ndcg_at(["c"], grades) == 0.0


def test_the_formula_beats_the_text_baseline() -> None:
    scores = evaluate()
    assert scores.formula > scores.bm25, scores
    assert scores.shipped > scores.bm25, scores
    assert scores.formula - scores.shipped < 0.05, scores
