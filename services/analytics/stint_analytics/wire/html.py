"""The report as one self-contained HTML page: the same numbers as the text, in
tables, with the charts inline as SVG (the page works offline, sent as one file).

Every number carries ``data-measure`` naming it (``ghosting.rate``,
``funnel.industry.Design.hired``), so that tools and tests read the page without
scraping its layout. Every text from the store is escaped.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape

from stint_analytics.domain.report import FunnelRow, MarketplaceReport
from stint_analytics.wire import charts
from stint_analytics.wire.formatting import (
    NONE,
    days,
    hours,
    moment,
    percent,
    period,
    share_of,
)

__all__ = ["render_html"]

STAGES = ("published", "applied", "shortlisted", "hired", "completed")

_CSS = """
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; color: #222; }
h1 { margin-bottom: 0.2rem; } h2 { margin-top: 2rem; border-bottom: 1px solid #ddd; }
table { border-collapse: collapse; margin: 0.5rem 0; }
th, td { padding: 0.2rem 0.6rem; border-bottom: 1px solid #eee; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
.note { color: #666; font-size: 0.9rem; } figure { margin: 1rem 0; } svg { max-width: 100%; }
.reference { background: #f6f6f6; padding: 0.5rem 1rem; }
"""


def _cell(value: object, measure: str | None = None) -> str:
    attr = f' data-measure="{escape(measure)}"' if measure else ""
    return f'<td class="n"{attr}>{escape(str(value))}</td>'


def _text(value: object) -> str:
    return f"<td>{escape(str(value))}</td>"


def _table(header: Sequence[str], rows: Iterable[str]) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in header)
    body = "".join(f"<tr>{row}</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _p(text: str, css: str = "") -> str:
    return f'<p class="{css}">{text}</p>' if css else f"<p>{text}</p>"


def _span(value: str, measure: str) -> str:
    return f'<span data-measure="{escape(measure)}">{escape(value)}</span>'


def _funnel_table(rows: Sequence[FunnelRow], kind: str) -> str:
    return _table(
        [kind, *STAGES],
        (
            _text(r.label)
            + "".join(_cell(getattr(r, s), f"funnel.{kind}.{r.label}.{s}") for s in STAGES)
            for r in rows
        ),
    )


def _overall(report: MarketplaceReport) -> str:
    reach, volumes = report.reach, report.overall
    rows = [
        _text("published")
        + _cell(reach.published, "reach.published")
        + _cell(share_of(reach.published, reach.published))
        + _cell(NONE)
        + _cell(NONE)
    ]
    for stage in STAGES[1:]:
        rows.append(
            _text(stage)
            + _cell(getattr(reach, stage), f"reach.{stage}")
            + _cell(share_of(getattr(reach, stage), reach.published))
            + _cell(getattr(volumes, stage), f"funnel.all.{stage}")
            + _cell(share_of(getattr(volumes, stage), volumes.applied))
        )
    return _table(["stage", "listings", "% of published", "applications", "% of applied"], rows)


def _decisions(report: MarketplaceReport) -> str:
    d = report.decisions
    summary = _p(
        f"Decided: {_span(str(d.decided), 'decisions.decided')}; without an answer: "
        f"{_span(str(d.undecided), 'decisions.undecided')}. Median "
        f"{_span(hours(d.median_hours), 'decisions.median')}, 90th percentile "
        f"{_span(hours(d.p90_hours), 'decisions.p90')}, mean "
        f"{_span(hours(d.mean_hours), 'decisions.mean')}."
    )
    table = _table(
        ["time to first decision", "applications"],
        (_text(b) + _cell(n, f"decisions.bucket.{b}") for b, n in d.distribution),
    )
    return summary + table + f"<figure>{charts.decision_chart(report)}</figure>"


def _employers(report: MarketplaceReport) -> str:
    rows = (
        _text(e.organization_name)
        + _cell(e.applications, f"employer.{e.organization_id}.applications")
        + _cell(e.responded, f"employer.{e.organization_id}.answered")
        + _cell(e.ghosted, f"employer.{e.organization_id}.ghosted")
        + _cell(percent(e.rate), f"employer.{e.organization_id}.rate")
        + _cell(hours(e.median_decision_hours), f"employer.{e.organization_id}.median")
        for e in report.employers
    )
    header = ["employer", "applications", "answered", "ghosted", "response rate", "median"]
    chart = f"<figure>{charts.response_chart(report)}</figure>" if report.employers else ""
    overall = _span(percent(report.response_rate), "response.rate")
    return _p(f"All employers: {overall}.") + _table(header, rows) + chart


def _outcomes(report: MarketplaceReport) -> str:
    f, c, x = report.fill, report.completion, report.exploration
    return (
        "<h2>Time to fill</h2>"
        + _p(
            f"Filled listings: {_span(str(f.filled), 'fill.filled')}, median "
            f"{_span(days(f.median_days), 'fill.median')}, mean "
            f"{_span(days(f.mean_days), 'fill.mean')}. Listings with a hire: "
            f"{_span(str(f.with_hire), 'fill.with_hire')}, median time to first hire "
            f"{_span(days(f.median_days_to_first_hire), 'fill.first_hire_median')}."
        )
        + "<h2>Completion and on-time delivery</h2>"
        + _p(
            f"Engagements started: {_span(str(c.started), 'completion.started')}; completed "
            f"{_span(str(c.completed), 'completion.completed')}, cancelled "
            f"{_span(str(c.cancelled), 'completion.cancelled')}, active "
            f"{_span(str(c.active), 'completion.active')}. Completion rate "
            f"{_span(percent(c.completion_rate), 'completion.rate')}; on time "
            f"{_span(str(c.on_time), 'completion.on_time')}, on-time rate "
            f"{_span(percent(c.on_time_rate), 'completion.on_time_rate')}."
        )
        + "<h2>Exploration</h2>"
        + _p(
            f"Students who worked in two or more industries: "
            f"{_span(str(x.multi_industry), 'exploration.multi')} of "
            f"{_span(str(x.students_worked), 'exploration.worked')} "
            f"({_span(percent(x.share), 'exploration.share')})."
        )
    )


def _references(report: MarketplaceReport) -> str:
    rows = []
    for comparison in report.benchmarks:
        measure = comparison.measure.replace(" ", "_")
        rows.append(
            _text(comparison.measure)
            + _cell(percent(comparison.stint), f"benchmark.{measure}.stint")
            + _text(comparison.stint_definition)
            + "<td>"
            + "<br>".join(escape(f"{ref.source}: {ref.wording}") for ref in comparison.references)
            + "</td>"
        )
    return (
        '<section class="reference"><h2>For reference only: NACE</h2>'
        + _p(
            "Published NACE figures, printed beside Stint's for reference: other "
            "populations and definitions (NACE counts full-time job offers made to "
            "interns, not hires for micro-internships), not a like-for-like comparison.",
            "note",
        )
        + _table(["measure", "Stint", "Stint's definition", "NACE (source, year)"], rows)
        + "</section>"
    )


def render_html(report: MarketplaceReport) -> str:
    r, g = report, report.ghosting
    body = [
        "<h1>Stint marketplace report</h1>",
        _p(
            f"Generated {escape(moment(r.generated_at))}; covers {escape(period(r))}. "
            f"Store: {_span(str(r.store.events), 'store.events')} events, newest "
            f"{escape(moment(r.store.newest_event_at))}.",
            "note",
        ),
        "<h2>Funnel</h2>",
        _overall(r),
        f"<figure>{charts.funnel_chart(r)}</figure>",
        "<h2>Funnel per industry</h2>",
        _funnel_table(r.by_industry, "industry"),
        "<h2>Funnel per week of publication</h2>",
        _funnel_table(r.by_week, "week"),
        f"<figure>{charts.weekly_chart(r.by_week)}</figure>" if r.by_week else "",
        "<h2>Time to first decision</h2>",
        _decisions(r),
        "<h2>Ghosting</h2>",
        _p(
            f"{_span(str(g.no_decision), 'ghosting.no_decision')} of "
            f"{_span(str(g.ended), 'ghosting.ended')} ended applications were closed with "
            f"no_decision: ghosting rate {_span(percent(g.rate), 'ghosting.rate')}."
        ),
        "<h2>Employer response rates</h2>",
        _employers(r),
        _outcomes(r),
        _references(r),
    ]
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        "<title>Stint marketplace report</title>"
        f"<style>{_CSS}</style></head><body>{''.join(body)}</body></html>\n"
    )
