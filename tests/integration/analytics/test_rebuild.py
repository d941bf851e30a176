"""A rebuild from offset 0 gives the same tables and the same numbers; the command
line (``rebuild``, ``report --html``) works as a real process."""

from __future__ import annotations

import asyncio
import dataclasses
import os
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

from stint_analytics import queries
from stint_analytics.context import Context
from stint_analytics.domain.report import FunnelRow, MarketplaceReport
from stint_analytics.handlers.replaying import replay_from_zero
from tests.integration.analytics.conftest import (
    ANALYTICS_PACKAGE,
    AnalyticsFactory,
    assert_each_event_once,
    following,
    publish,
    read_store,
    wait_caught_up,
)
from tests.integration.analytics.history import march_history
from tests.integration.analytics.stream import event_ids_on_topics
from tests.integration.infra import TestInfra


def snapshot(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows, but the moment they landed."""
    tables = {"events": "SELECT * EXCLUDE (landed_at) FROM events ORDER BY event_id"}
    for schema, table in read_store(path, "SELECT schema_name, table_name FROM typed_tables"):
        tables[f"{schema}.{table}"] = f'SELECT * FROM "{schema}"."{table}" ORDER BY event_id'
    return {name: read_store(path, sql) for name, sql in tables.items()}


def numbers(report: MarketplaceReport) -> MarketplaceReport:
    return dataclasses.replace(report, generated_at=report.store.newest_event_at)  # type: ignore[arg-type]


async def test_a_rebuild_from_zero_gives_the_same_tables_and_numbers(
    infra: TestInfra, analytics_settings: AnalyticsFactory
) -> None:
    await publish(infra.bootstrap_servers, march_history(2036).events)
    settings = analytics_settings()
    ctx = Context.from_settings(settings)
    async with following(settings):
        expected = await wait_caught_up(settings.analytics_db, infra.bootstrap_servers)
    before = snapshot(settings.analytics_db)
    report_before = numbers(queries.report(ctx))
    records = len(await event_ids_on_topics(infra.bootstrap_servers))
    seen: list[tuple[int, int]] = []

    replayed = await replay_from_zero(settings, ctx, lambda done, total: seen.append((done, total)))

    assert (replayed.records, replayed.events) == (records, len(expected))
    assert seen[-1] == (records, records)
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)
    assert snapshot(settings.analytics_db) == before
    assert numbers(queries.report(ctx)) == report_before
    assert_each_event_once(settings.analytics_db, expected)


def cli(settings_env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("STINT_")}
    env["PYTHONPATH"] = os.pathsep.join([str(ANALYTICS_PACKAGE), env.get("PYTHONPATH", "")])
    return subprocess.run(
        [sys.executable, "-m", "stint_analytics", *args],
        env={**env, **settings_env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


async def test_the_command_line_rebuilds_and_reports(
    infra: TestInfra, analytics_settings: AnalyticsFactory, tmp_path: Path
) -> None:
    await publish(infra.bootstrap_servers, march_history(2037).events)
    settings = analytics_settings()
    env = {
        "STINT_ENV": "test",
        "STINT_KAFKA_BOOTSTRAP_SERVERS": infra.bootstrap_servers,
        "STINT_ANALYTICS_DB": str(settings.analytics_db),
    }
    missing = await asyncio.to_thread(cli, env, "report")
    assert missing.returncode == 3 and "run `serve` or `rebuild` first" in missing.stderr

    rebuilt = await asyncio.to_thread(cli, env, "rebuild")
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert "events landed" in rebuilt.stdout and "rebuilding" in rebuilt.stderr

    page = tmp_path / "march.html"
    args = ("report", "--html", str(page), "--since", "2037-03-01", "--until", "2037-04-01")
    reported = await asyncio.to_thread(cli, env, *args)
    assert reported.returncode == 0, reported.stderr
    assert "1 of 9 ended applications: ghosting rate 11.1 %" in reported.stdout
    assert "listings published from 2037-03-01 until 2037-04-01 (exclusive)" in reported.stdout
    html = page.read_text()
    assert html.count("<svg") == 4 and 'data-measure="ghosting.rate">11.1 %<' in html
    report = queries.report(Context.from_settings(settings), date(2037, 3, 1), date(2037, 4, 1))
    assert report.overall == FunnelRow("all", 3, 10, 5, 4, 2)
