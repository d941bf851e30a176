"""docs/capacity.md, written from the model: figures, assumptions, then the results."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields, replace

from stint_capacity.activity import Activity
from stint_capacity.figures import Figure
from stint_capacity.model import (
    MIN_PARTITIONS,
    MIN_REPLICAS,
    SERVER_CORES,
    UTILISATION,
    Model,
    Wiring,
    compute,
    growth_to_break,
)

__all__ = ["CAPPED", "render"]

CAPPED = 500
"""The MatchFound cap of the second scenario: the best 500 students per listing."""


ADVICE = {
    "matching relay (one leader publishes every MatchFound)": "announce a listing's best "
    "students only (a cap), or one event per listing carrying its students",
    "busiest other relay": "more partitions do not help one leader: shard the relay by "
    "partition across replicas, or cut the events (digests, caps)",
    "analytics (one writer lands every event)": "land only the typed tables the report "
    "reads, or one store per topic (DuckDB has one writer per file)",
    "matching index in each replica's memory (16 GiB)": "shard the index by student id "
    "across replicas (each scores its share), or narrower columns (float16)",
    "one Postgres server for every schema (writes)": "move the busiest schema to a server "
    "of its own (a service's database URL): the table above says which",
    "one Postgres server for every schema (2 TB)": "prune what is only history "
    "(announced matches of closed listings, old notifications), then move the largest "
    "schema to a server of its own",
}


def _n(value: float) -> str:
    for limit, suffix in ((1e12, " T"), (1e9, " G"), (1e6, " M"), (1e3, " k")):
        if abs(value) >= limit:
            return f"{value / limit:.3g}{suffix}"
    return f"{value:.3g}"


def _bytes(value: float) -> str:
    return f"{_n(value)}B"


def _figures(figures: Mapping[str, Figure]) -> list[str]:
    lines = ["| figure | value | what | measured by | on |", "|---|---|---|---|---|"]
    for name, f in figures.items():
        value = f"{_n(f.value)} {f.unit}"
        lines.append(f"| `{name}` | {value} | {f.what} | `{f.source}` | {f.measured} |")
    return lines


def _activity(a: Activity) -> list[str]:
    lines = ["| assumption | value |", "|---|---|"]
    for field in fields(a):
        value = getattr(a, field.name)
        lines.append(f"| `{field.name}` | {value:,} |")
    return lines


def _topics(model: Model) -> list[str]:
    lines = [
        "| topic | events/day | peak events/s | consumer groups | partitions |",
        "|---|---|---|---|---|",
    ]
    for t in model.topics:
        lines.append(
            f"| `{t.topic}` | {_n(t.per_day)} | {_n(t.peak_per_s)} | {t.groups} | {t.partitions} |"
        )
    return lines


def _services(model: Model) -> list[str]:
    lines = [
        "| service | API requests/s | events consumed/s | events published/s | cores | replicas "
        "| its relay busy |",
        "|---|---|---|---|---|---|---|",
    ]
    for s in model.services:
        lines.append(
            f"| {s.service} | {_n(s.requests_per_s)} | {_n(s.consumed_per_s)} "
            f"| {_n(s.produced_per_s)} | {s.cores:.1f} | {s.replicas} | {s.relay_busy:.0%} |"
        )
    return lines


def _schemas(model: Model) -> list[str]:
    years = model.activity.years_kept
    lines = [
        f"| schema | writes/s at peak | size after {years:g} years | a server of its own |",
        "|---|---|---|---|",
    ]
    for s in model.schemas:
        own = "**yes**" if s.own_server else "no"
        lines.append(f"| {s.schema} | {_n(s.writes_per_s)} | {_bytes(s.bytes)} | {own} |")
    return lines


def _limits(model: Model, figures: Mapping[str, Figure], wiring: Wiring) -> list[str]:
    rows = []
    for limit, use in model.limits.uses.items():
        factor = growth_to_break(model.activity, figures, wiring, limit)
        rows.append((factor if factor is not None else float("inf"), limit, use))
    rows.sort()
    lines = ["| limit | use at this size | breaks at | what then |", "|---|---|---|---|"]
    for factor, limit, use in rows:
        at = "beyond x1000" if factor == float("inf") else f"x{factor:.3g} the size"
        lines.append(f"| {limit} | {use:.0%} | {at} | {ADVICE[limit]} |")
    first = rows[0]
    lines += [
        "",
        f"First to break: **{first[1]}**, at {first[2]:.0%} of its limit at this size "
        + (
            f"(already past it: it holds up to x{first[0]:.3g} of this size)."
            if first[2] >= 1
            else f"(it breaks at x{first[0]:.3g} of this size)."
        ),
    ]
    return lines


def _fanout(model: Model, capped: Model) -> list[str]:
    """What capping MatchFound changes: which limits then hold at this size."""
    broken = {k for k, use in model.limits.uses.items() if use >= 1}
    held = sorted(k for k in broken if capped.limits.uses[k] < 1)
    if not held:
        return []
    return [
        f"As shipped, a newly published listing is announced to every student above the "
        f"threshold ({_n(model.matches_per_listing)} of them), and each announcement is an "
        f"event, a notification and its deliveries. Capped at the best {CAPPED}, "
        f"{len(held)} of the {len(broken)} limits past breaking hold at this size: "
        + "; ".join(held)
        + ".",
        "",
    ]


def render(activity: Activity, figures: Mapping[str, Figure], wiring: Wiring) -> str:
    model = compute(activity, figures, wiring)
    capped = compute(replace(activity, match_cap=CAPPED), figures, wiring)
    a = activity
    out = [
        "# Capacity model",
        "",
        "What a platform of "
        f"{_n(a.students)} students, {_n(a.employers)} employers and {_n(a.open_listings)} "
        "open listings needs at peak, computed by `python -m stint_capacity` from the "
        "figures the benchmarks record (`docs/capacity/figures.json`; each benchmark "
        "writes its figure with `--record`), the activity model in "
        "`scripts/stint_capacity/activity.py`, and the platform's wiring read from the "
        "code (who publishes each topic, which consumer groups read it: the event "
        "catalog's). Do not edit this file: run the command. `scripts/test` fails when "
        "it is stale.",
        "",
        "## How it is computed",
        "",
        "- A **replica** is one Python process: one core. A figure measured on the 2-core "
        "benchmark machine, with Postgres and the broker on the same cores, is a lower "
        "bound for a replica with a core of its own.",
        "- **Peak**: a day's events times the busiest hour's share, over 3,600 s, times "
        "the burst factor.",
        f"- **Replicas** run at most {UTILISATION:.0%} busy at peak, at least "
        f"{MIN_REPLICAS}: the cores a service needs are its API requests over the "
        "read path's rate (recommendations over matching's `Recommend` rate), plus its "
        "consumed events over the consumer rate (every group of it reads its topics' "
        "every event: handled or only recorded), plus what it publishes over the traced "
        "relay rate, plus, for matching, scoring each newly published listing against "
        "every student.",
        f"- **Partitions**: a topic's peak over a consumer replica's rate at "
        f"{UTILISATION:.0%}, doubled (room to grow before a repartition, which reorders "
        f"a key's events) and rounded up to a power of two, at least {MIN_PARTITIONS}. "
        "A group cannot use more replicas than its topic has partitions.",
        "- **One relay per service** publishes (the leader): its rate is a ceiling that "
        "replicas do not raise.",
        f"- **Postgres**: a schema writes a transaction per state change and per consumed "
        f"event; a server of {SERVER_CORES} cores takes the measured transaction rate per "
        f"2 cores times {SERVER_CORES // 2}, at {UTILISATION:.0%}. A schema needs its own "
        "server when it alone takes a third of that, or half of 2 TB.",
        "",
        "## Figures",
        "",
        *_figures(figures),
        "",
        "## Activity model",
        "",
        *_activity(a),
        "",
        "## Events per topic",
        "",
        f"A newly published listing matches {_n(model.matches_per_listing)} students "
        "(the measured share above the threshold, times the students).",
        "",
        *_topics(model),
        "",
        "## Replicas per service",
        "",
        *_services(model),
        "",
        "## Postgres per schema",
        "",
        *_schemas(model),
        "",
        "## What breaks first",
        "",
        *_limits(model, figures, wiring),
        "",
        *_fanout(model, capped),
        f"## With MatchFound capped at the best {CAPPED} students per listing",
        "",
        "The same platform if matching announced only a listing's best "
        f"{CAPPED} students (a setting it does not have yet):",
        "",
        *_topics(capped),
        "",
        *_services(capped),
        "",
        *_schemas(capped),
        "",
        *_limits(capped, figures, wiring),
        "",
    ]
    return "\n".join(out)
