"""The report's charts, drawn by matplotlib as SVG to inline in the HTML: no network,
no files, text kept as text (so the numbers in a chart are searchable).

Only the object-oriented API is used (``Figure``, no ``pyplot``): no global state and
no GUI backend, safe in a server or a test.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

import matplotlib
from matplotlib.figure import Figure

from stint_analytics.domain.report import FunnelRow, MarketplaceReport

__all__ = ["decision_chart", "funnel_chart", "response_chart", "weekly_chart"]

_STYLE: dict[Any, Any] = {"svg.fonttype": "none", "svg.hashsalt": "stint-analytics", "font.size": 9}
_STAGES = ("published", "applied", "shortlisted", "hired", "completed")
_COLOURS = ("#4c72b0", "#55a868", "#c44e52", "#8172b2", "#ccb974")


def _svg(figure: Figure) -> str:
    buffer = io.StringIO()
    with matplotlib.rc_context(_STYLE):
        figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    text = buffer.getvalue()
    return text[text.index("<svg") :]


def _figure(width: float = 6.4, height: float = 3.0) -> Figure:
    with matplotlib.rc_context(_STYLE):
        return Figure(figsize=(width, height), layout="constrained")


def funnel_chart(report: MarketplaceReport) -> str:
    figure = _figure()
    axes = figure.subplots()
    values = [getattr(report.overall, stage) for stage in _STAGES]
    bars = axes.barh(list(_STAGES)[::-1], values[::-1], color=_COLOURS[0])
    axes.bar_label(bars, padding=3)
    axes.set_xlabel("listings published, then applications (completed: engagements)")
    axes.set_title("Funnel")
    return _svg(figure)


def weekly_chart(rows: Sequence[FunnelRow]) -> str:
    figure = _figure(height=3.2)
    axes = figure.subplots()
    labels = [row.label for row in rows]
    width = 0.8 / len(_STAGES)
    for i, (stage, colour) in enumerate(zip(_STAGES, _COLOURS, strict=True)):
        positions = [x + (i - 2) * width for x in range(len(rows))]
        axes.bar(positions, [getattr(r, stage) for r in rows], width, label=stage, color=colour)
    axes.set_xticks(range(len(rows)), labels, rotation=45 if len(rows) > 6 else 0)
    axes.set_ylabel("count")
    axes.set_title("Funnel per week of publication", pad=18)
    axes.legend(ncols=5, fontsize=7, loc="lower center", bbox_to_anchor=(0.5, 1.0), frameon=False)
    return _svg(figure)


def decision_chart(report: MarketplaceReport) -> str:
    figure = _figure(height=2.8)
    axes = figure.subplots()
    labels = [label for label, _ in report.decisions.distribution]
    bars = axes.bar(labels, [n for _, n in report.decisions.distribution], color=_COLOURS[1])
    axes.bar_label(bars, padding=2)
    axes.set_ylabel("applications")
    axes.set_title("Time to first decision")
    return _svg(figure)


def response_chart(report: MarketplaceReport) -> str:
    rated = [e for e in report.employers if e.rate is not None][:20]
    figure = _figure(height=max(1.6, 0.3 * len(rated) + 1.0))
    axes = figure.subplots()
    bars = axes.barh(
        [e.organization_name for e in rated][::-1],
        [100 * (e.rate or 0) for e in rated][::-1],
        color=_COLOURS[2],
    )
    axes.bar_label(bars, fmt="%.0f %%", padding=3)
    axes.set_xlim(0, 110)
    axes.set_xlabel("response rate (%)")
    axes.set_title("Employer response rates")
    return _svg(figure)
