"""The report as plain text: aligned tables, one section per measure."""

from __future__ import annotations

from collections.abc import Sequence

from stint_analytics.domain.report import FunnelRow, MarketplaceReport
from stint_analytics.wire.formatting import (
    NONE,
    days,
    hours,
    moment,
    percent,
    period,
    share_of,
)

__all__ = ["render_text"]

STAGES = ("published", "applied", "shortlisted", "hired", "completed")


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *rows, strict=True)]

    def line(cells: Sequence[str]) -> str:
        first, *rest = cells
        return (
            "  "
            + "  ".join(
                [
                    first.ljust(widths[0]),
                    *(c.rjust(w) for c, w in zip(rest, widths[1:], strict=True)),
                ]
            ).rstrip()
        )

    return [line(header), *(line(row) for row in rows)]


def _funnel_rows(rows: Sequence[FunnelRow]) -> list[list[str]]:
    return [[r.label, *(str(getattr(r, stage)) for stage in STAGES)] for r in rows]


def render_text(report: MarketplaceReport) -> str:
    r = report
    out = [
        "Stint marketplace report",
        f"generated {moment(r.generated_at)}; covers {period(r)}",
        f"store: {r.store.events} events, newest {moment(r.store.newest_event_at)}",
        "",
        "Funnel: listings reaching each stage, and application volumes",
    ]
    reach = r.reach
    volumes = r.overall
    out += _table(
        ["stage", "listings", "% of published", "applications", "% of applied"],
        [
            [
                "published",
                str(reach.published),
                share_of(reach.published, reach.published),
                NONE,
                NONE,
            ],
            *(
                [
                    stage,
                    str(getattr(reach, stage)),
                    share_of(getattr(reach, stage), reach.published),
                    str(getattr(volumes, stage)),
                    share_of(getattr(volumes, stage), volumes.applied),
                ]
                for stage in STAGES[1:]
            ),
        ],
    )
    out += ["", "Funnel per industry (volumes)"]
    out += _table(["industry", *STAGES], _funnel_rows(r.by_industry))
    out += ["", "Funnel per week of publication (ISO weeks, UTC; volumes)"]
    out += _table(["week", *STAGES], _funnel_rows(r.by_week))
    d = r.decisions
    out += [
        "",
        "Time to first decision (the employer's first answer: shortlist, reject or hire)",
        f"  decided: {d.decided}, without an answer: {d.undecided}",
        f"  median {hours(d.median_hours)}, 90th percentile {hours(d.p90_hours)}, "
        f"mean {hours(d.mean_hours)}",
    ]
    out += _table(["distribution", "applications"], [[b, str(n)] for b, n in d.distribution])
    g = r.ghosting
    out += [
        "",
        "Ghosting: applications closed with no_decision",
        f"  {g.no_decision} of {g.ended} ended applications: ghosting rate {percent(g.rate)}",
        "",
        "Employer response rates: answered / (answered + ghosted)",
        f"  all employers: {percent(r.response_rate)}",
    ]
    out += _table(
        ["employer", "applications", "answered", "ghosted", "response rate", "median decision"],
        [
            [
                e.organization_name,
                str(e.applications),
                str(e.responded),
                str(e.ghosted),
                percent(e.rate),
                hours(e.median_decision_hours),
            ]
            for e in r.employers
        ],
    )
    f, c, x = r.fill, r.completion, r.exploration
    out += [
        "",
        "Time to fill: from publication to the hire that filled the last slot",
        f"  filled listings: {f.filled}, median {days(f.median_days)}, mean {days(f.mean_days)}",
        f"  listings with a hire: {f.with_hire}, median time to first hire "
        f"{days(f.median_days_to_first_hire)}",
        "",
        "Completion and on-time delivery",
        f"  engagements started: {c.started}; completed {c.completed}, cancelled "
        f"{c.cancelled}, active {c.active}",
        f"  completion rate {percent(c.completion_rate)} (completed / (completed + cancelled))",
        f"  on time: {c.on_time} of {c.completed} completed, on-time rate "
        f"{percent(c.on_time_rate)}; completed automatically: {c.completed_automatically}",
        "",
        "Exploration: students who worked in two or more industries",
        f"  {x.multi_industry} of {x.students_worked} students who worked: {percent(x.share)}",
        "",
        "For reference only: published NACE figures (other populations and definitions;",
        "NACE counts full-time job offers to interns, not hires for micro-internships)",
    ]
    for comparison in r.benchmarks:
        out.append(
            f"  {comparison.measure}: Stint {percent(comparison.stint)} "
            f"({comparison.stint_definition})"
        )
        out += [f"    {ref.source}: {ref.wording}" for ref in comparison.references]
    return "\n".join(out) + "\n"
