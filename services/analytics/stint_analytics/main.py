"""The composition root: what ``serve``, ``rebuild`` and ``report`` are made of."""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from stint_analytics import queries
from stint_analytics.commands.landing import prepare_store
from stint_analytics.context import Context
from stint_analytics.domain.report import MarketplaceReport
from stint_analytics.handlers.following import EventFollower
from stint_analytics.handlers.replaying import Replayed, replay_from_zero
from stint_analytics.settings import AnalyticsSettings
from stint_analytics.wire.html import render_html
from stint_analytics.wire.text import render_text
from stint_runtime.logging import configure_logging
from stint_runtime.metrics import serve_metrics

__all__ = ["rebuild", "report", "serve"]

log = logging.getLogger(__name__)


def serve(settings: AnalyticsSettings) -> None:
    """Land every topic until SIGTERM or SIGINT, then stop gracefully."""
    configure_logging(settings.service_name, settings.log_level)
    asyncio.run(_serve(settings))


async def _serve(settings: AnalyticsSettings) -> None:
    ctx = Context.from_settings(settings)
    stopping = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stopping.set)
    await asyncio.to_thread(prepare_store, ctx)
    metrics = (
        serve_metrics(settings.metrics_host, settings.metrics_port)
        if (settings.metrics_port)
        else None
    )
    follower = EventFollower(settings, ctx)
    running = asyncio.create_task(follower.run(), name="analytics-follower")
    log.info(
        "analytics started",
        extra={"store": str(ctx.db_path), "group": ctx.group, "topics": list(ctx.topics)},
    )
    stopped = asyncio.create_task(stopping.wait())
    await asyncio.wait({running, stopped}, return_when=asyncio.FIRST_COMPLETED)
    log.info("stopping: landing the batch in flight")
    await follower.stop()
    stopped.cancel()
    if metrics is not None:
        await asyncio.to_thread(metrics.stop)
    log.info("stopped", extra={"events": follower.landed.events})


@contextmanager
def _progress_bar(show: bool) -> Iterator[Progress]:
    progress = Progress(
        TextColumn("rebuilding"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("records"),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        disable=not show,
        transient=False,
    )
    with progress:
        yield progress


def rebuild(settings: AnalyticsSettings, *, show_progress: bool = True) -> Replayed:
    """Drop the store's tables and land every partition again from offset 0."""
    configure_logging(settings.service_name, settings.log_level)
    ctx = Context.from_settings(settings)
    with _progress_bar(show_progress) as progress:
        task = progress.add_task("rebuild", total=None)

        def advance(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        return asyncio.run(replay_from_zero(settings, ctx, advance))


def report(
    settings: AnalyticsSettings,
    *,
    since: date | None = None,
    until: date | None = None,
    html: Path | None = None,
) -> tuple[MarketplaceReport, str]:
    """The report and its text; with ``html``, the page is written there too."""
    ctx = Context.from_settings(settings)
    found = queries.report(ctx, since, until)
    if html is not None:
        html.parent.mkdir(parents=True, exist_ok=True)
        html.write_text(render_html(found), encoding="utf-8")
    return found, render_text(found)
