"""``scripts/run`` end to end: from a fresh copy to a healthy platform serving the demo
listings, a killed service brought back, and SIGTERM leaving no process behind."""

from __future__ import annotations

import base64
import json
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import httpx

from stint_devstack import demo, demo_catalog
from stint_runtime import topics
from tests.integration.devstack.conftest import PlatformRun, seen
from tests.integration.devstack.processes import descendants, living, living_mentioning
from tests.integration.runtime.topic_reader import TopicReader
from tests.waiting import eventually

SHUTDOWN_BOUND_S = 30.0
DECODER = Path(__file__).with_name("descriptor_decoder.py")


def ready(run: PlatformRun) -> bool:
    try:
        return httpx.get(f"{run.gateway_url}/readyz", timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


def open_titles(run: PlatformRun) -> set[str]:
    reply = httpx.get(f"{run.gateway_url}/v1/listings", params={"limit": 100}, timeout=10)
    assert reply.status_code == 200, reply.text
    return {item["title"] for item in reply.json()["items"]}


def token_of(run: PlatformRun, email: str) -> str:
    tokens = httpx.post(
        f"{run.gateway_url}/v1/auth/token",
        json={"email": email, "password": demo_catalog.PASSWORD},
        timeout=10,
    )
    assert tokens.status_code == 200, tokens.text
    return str(tokens.json()["access_token"])


def engagements_of(run: PlatformRun, email: str) -> list[dict[str, object]]:
    reply = httpx.get(
        f"{run.gateway_url}/v1/me/engagements",
        headers={"Authorization": f"Bearer {token_of(run, email)}"},
        timeout=10,
    )
    assert reply.status_code == 200, reply.text
    items: list[dict[str, object]] = reply.json()["items"]
    return items


async def test_a_fresh_copy_starts_healthy_and_serves_the_demo_listings(
    platform_run: PlatformRun,
) -> None:
    assert ready(platform_run)
    expected = {listing.title for e in demo_catalog.EMPLOYERS for listing in e.listings}
    assert expected <= open_titles(platform_run)
    assert engagements_of(platform_run, demo_catalog.HIRES[0].student), "the demo hire"
    state = platform_run.state()
    assert {"listing", "application", "gateway"} <= set(state["services"])
    assert state["postgres_pid"] and state["broker_pid"]


def _get(run: PlatformRun, path: str, email: str) -> httpx.Response:
    headers = {"Authorization": f"Bearer {token_of(run, email)}"}
    return httpx.get(f"{run.gateway_url}{path}", headers=headers, timeout=10)


async def test_the_demo_runs_the_whole_loop_on_every_service(platform_run: PlatformRun) -> None:
    """Matched and told why, told of every decision (in-app and by mail), hired,
    reviewed, credentialed, and all of it in the analytics report, as scripts/run
    leaves it for a newcomer."""
    run = platform_run
    services = set(run.state()["services"])
    assert {"matching", "notification", "reputation", "analytics"} <= services, services
    student = demo_catalog.HIRES[0].student

    def recommended() -> list[dict[str, object]] | None:
        reply = _get(run, "/v1/me/recommendations?limit=5", demo_catalog.STUDENTS[0].email)
        items: list[dict[str, object]] = reply.json().get("items", [])
        return items if reply.status_code == 200 and items else None

    items = await eventually(recommended, "recommendations for the first demo student", 30)
    assert all(item["reasons"] for item in items)

    def told() -> list[dict[str, object]] | None:
        reply = _get(run, "/v1/me/notifications?limit=50", student)
        found: list[dict[str, object]] = reply.json().get("items", [])
        return found if reply.status_code == 200 and found else None

    notices = await eventually(told, "the hired student's notifications", 30)
    assert any(str(n["type"]).startswith("application.") for n in notices), notices
    mail = run.repo / ".stint" / "mail"
    await eventually(lambda: any((mail / "new").glob("*")), "mail in the Maildir", 30)

    account = _get(run, "/v1/me", student).json()["id"]

    def credentialed() -> list[dict[str, object]] | None:
        reply = _get(run, f"/v1/users/{account}/portfolio", student)
        found: list[dict[str, object]] = reply.json().get("entries", [])
        return found if any(entry.get("credential_id") for entry in found) else None

    await eventually(credentialed, "a credential in the hired student's portfolio", 30)

    store = run.repo / ".stint" / "analytics.duckdb"

    def reported() -> str | None:
        # While the platform runs, as the banner tells a newcomer to.
        done = subprocess.run(
            [sys.executable, "-m", "stint_analytics", "--db", str(store), "report"],
            cwd=run.repo, capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip
        return done.stdout if done.returncode == 0 and "hired" in done.stdout.lower() else None

    report = await eventually(reported, "the marketplace report", 60, interval_s=2)
    assert "ghosting rate" in report.lower(), report


def _unchanged(reader: TopicReader) -> Callable[[], bool]:
    """True once two looks, one interval apart, find the same number of records: the
    reader, reading from the start, reached the end of the topic."""
    seen = [-1]

    def settled() -> bool:
        count = len(reader.records)
        same, seen[0] = count == seen[0], count
        return same

    return settled


async def _every_record(bootstrap: str) -> list[dict[str, str]]:
    """Every record of every topic, as JSON lines for the decoder."""
    found: list[dict[str, str]] = []
    for topic in topics.ALL:
        async with TopicReader(bootstrap, topic) as reader:
            await eventually(_unchanged(reader), f"the end of {topic}", 20, interval_s=0.5)
            for record in reader.records:
                headers = {k: v.decode() for k, v in record.headers}
                value = base64.b64encode(record.value or b"").decode()
                found.append({"event_type": headers["event_type"], "value": value})
    return found


# Before any fault: the broker keeps everything in memory, a restart empties it.
async def test_every_event_of_the_demo_decodes_with_the_descriptor_set_alone(
    platform_run: PlatformRun, tmp_path: Path
) -> None:
    bootstrap = f"127.0.0.1:{platform_run.state()['ports']['broker']}"
    records = await _every_record(bootstrap)
    kinds = {r["event_type"] for r in records}
    assert {"stint.listing.v1.ListingPublished", "stint.application.v1.ApplicationHired"} <= kinds
    lines = tmp_path / "records.jsonl"
    lines.write_text("".join(json.dumps(r) + "\n" for r in records))
    descriptors = platform_run.repo / "protos" / "stint.binpb"
    decoded = subprocess.run(
        [sys.executable, str(DECODER), str(descriptors), str(lines)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert decoded.returncode == 0, decoded.stderr
    *messages, imported = [json.loads(line) for line in decoded.stdout.splitlines()]
    assert imported == {"project_modules": []}, "the decoder used the project's code"
    assert len(messages) == len(records)
    published = [m["value"] for m in messages if m["event_type"].endswith("ListingPublished")]
    assert all(m["listing"]["id"] and m["listing"]["title"] for m in published)


async def test_a_killed_service_is_restarted(platform_run: PlatformRun) -> None:
    killed = platform_run.state()["services"]["listing"]
    signal_pid(killed, signal.SIGKILL)

    def restarted() -> bool:
        return platform_run.state()["services"].get("listing") not in (None, killed)

    await eventually(restarted, seen("new listing process", platform_run), 20, interval_s=0.2)
    assert "listing was killed by SIGKILL" in platform_run.output.read_text()
    await eventually(
        lambda: ready(platform_run), seen("healthy /readyz", platform_run), 30, interval_s=0.2
    )
    await eventually(
        lambda: len(open_titles(platform_run)) > 0,
        seen("listings", platform_run),
        10,
        interval_s=0.2,
    )


async def test_a_dead_broker_is_replaced_and_the_platform_recovers(
    platform_run: PlatformRun,
) -> None:
    killed = platform_run.state()["broker_pid"]
    signal_pid(killed, signal.SIGKILL)

    await eventually(
        lambda: platform_run.state()["broker_pid"] != killed,
        seen("new broker", platform_run),
        15,
        interval_s=0.2,
    )
    assert "the broker exited" in platform_run.output.read_text()
    # Events flow again: the application service learns of a new listing from the
    # listing service's events, through the new broker.
    employer, student = demo_catalog.EMPLOYERS[0], demo_catalog.STUDENTS[1]
    listing = demo.listing_body(replace(employer.listings[0], title="After the broker restart"))
    owner = {"Authorization": f"Bearer {token_of(platform_run, employer.email)}"}
    created = httpx.post(f"{platform_run.gateway_url}/v1/listings", json=listing, headers=owner)
    assert created.status_code == 201, created.text
    listing_id = created.json()["id"]
    published = httpx.post(
        f"{platform_run.gateway_url}/v1/listings/{listing_id}/publish", headers=owner
    )
    assert published.status_code == 200, published.text
    applicant = {"Authorization": f"Bearer {token_of(platform_run, student.email)}"}

    def applied() -> bool:
        reply = httpx.post(
            f"{platform_run.gateway_url}/v1/listings/{listing_id}/applications",
            json={"cover_note": "Still here after the broker restart."},
            headers={**applicant, "Idempotency-Key": str(uuid.uuid4())},
            timeout=10,
        )
        assert reply.status_code in (201, 404), reply.text
        return reply.status_code == 201

    await eventually(
        applied, seen("application to the new listing", platform_run), 40, interval_s=0.2
    )
    await eventually(
        lambda: ready(platform_run), seen("healthy /readyz", platform_run), 30, interval_s=0.2
    )


async def test_sigterm_stops_everything_and_leaves_no_process(platform_run: PlatformRun) -> None:
    runner = platform_run.process.pid
    state = platform_run.state()
    started = descendants(runner) | {runner, state["postgres_pid"], state["broker_pid"]}
    started |= set(state["services"].values())
    assert living(started) == started, "everything the run started should be up"

    began = time.monotonic()
    platform_run.process.send_signal(signal.SIGTERM)
    code = platform_run.process.wait(SHUTDOWN_BOUND_S)
    took = time.monotonic() - began

    assert code == 0, platform_run.tail()
    assert took < SHUTDOWN_BOUND_S
    await eventually(
        lambda: not living(started), seen("exit of every process", platform_run), 5, interval_s=0.2
    )
    assert not living_mentioning(str(platform_run.repo)), "a process still uses the copy"
    assert not platform_run.state_path.exists()
    assert "stopped" in platform_run.tail(5)


def signal_pid(pid: int, sig: signal.Signals) -> None:
    import os

    os.kill(pid, sig)
