"""A replica killed (SIGKILL) in the middle of a burst: every notification is made
once, every e-mail sent once. A second replica runs as its own process beside the
package's; the consumer groups split the partitions between them, and the one left
takes over the partitions and the e-mails the dead one had taken."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from aiokafka.admin import AIOKafkaAdminClient

from stint.application.v1 import application_pb2 as apb
from tests.integration.notification.conftest import known, notification_settings
from tests.integration.notification.feed import EventFeed
from tests.integration.notification.mail import MailCatcher
from tests.waiting import eventually

if TYPE_CHECKING:
    import asyncpg

    from stint_runtime.service import RunningService
    from tests.integration.conftest import SettingsFactory

BURST = 40
GROUP = "notification.matching-events"


def _environment(settings: Any) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("STINT_")}
    for name, value in settings.model_dump(mode="json").items():
        if value is None:
            continue
        env[f"STINT_{name.upper()}"] = value if isinstance(value, str) else json.dumps(value)
    env["PYTHONUNBUFFERED"] = "1"
    return env


@contextmanager
def replica(settings: Any) -> Iterator[subprocess.Popen[bytes]]:
    process = subprocess.Popen(
        [sys.executable, "-m", "stint_notification"],
        env=_environment(settings),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        yield process
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)


async def _assigned_members(bootstrap: str, group: str) -> int:
    """Members of a stable group (the embedded broker does not describe assignments)."""
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        (described,) = await admin.describe_consumer_groups([group])
        # (error_code, group, state, protocol_type, protocol, members, ...); a member is
        (found,) = described.groups
        if found[2] != "Stable":
            return 0
        return len(found[5])
    finally:
        await admin.close()


async def test_a_replica_killed_mid_burst_loses_nothing_and_repeats_nothing(
    service_settings: SettingsFactory,
    notification_service: RunningService,
    feed: EventFeed,
    mail: MailCatcher,
    pool: asyncpg.Pool,
) -> None:
    # The second replica signs its e-mails' Message-IDs with its own domain: which
    # replica recorded an e-mail (in the consumer's transaction) shows in the mailbox.
    settings = notification_settings(
        service_settings, mail.port, mail_from="Stint <notifications@replica-b.test>"
    )
    bootstrap = settings.kafka_bootstrap_servers
    owner = await feed.register("employer")
    students = [await feed.register("student") for _ in range(BURST)]
    for person in (owner, students[-1]):
        await known(pool, person)
    listing = await feed.publish_listing(owner)
    ids = [s.id for s in students]

    async def made() -> int:
        count: int = await pool.fetchval(
            "SELECT count(*) FROM notifications WHERE recipient_id = ANY($1::uuid[])", ids
        )
        return count

    async def recorded_by_b() -> bool:
        return bool(
            await pool.fetchval(
                "SELECT true FROM email_deliveries WHERE message_id LIKE '%@replica-b.test>' "
                "LIMIT 1"
            )
        )

    with replica(settings) as process:
        await eventually(lambda: _two(bootstrap), "the second replica to join", timeout_s=40)

        async def warmed_up() -> bool:
            # Until the second replica handles events of its own partitions.
            warm = await feed.register("student")
            await feed.match(listing, warm, ["A fit."])
            return await recorded_by_b()

        await eventually(warmed_up, "the second replica to handle events", interval_s=0.3)
        warm_rows = await pool.fetchval(
            "SELECT count(*) FROM email_deliveries WHERE message_id LIKE '%@replica-b.test>'"
        )
        for student in students:
            await feed.match(listing, student, ["A fit."])
            app = feed.application(
                listing,
                student,
                status=apb.APPLICATION_STATUS_REJECTED,
                reject_reason=apb.REJECT_REASON_OTHER,
                version=2,
            )
            await feed.application_event("rejected", app, reason=apb.REJECT_REASON_OTHER)
        await eventually(lambda: _at_least(made, BURST // 2), "half of the burst handled")
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)

    expected = 2 * BURST
    await eventually(lambda: _at_least(made, expected), "every notification", timeout_s=60)
    await asyncio.sleep(0)
    rows = await pool.fetch(
        "SELECT key FROM notifications WHERE recipient_id = ANY($1::uuid[])", ids
    )
    assert len(rows) == expected and len({r["key"] for r in rows}) == expected

    async def all_sent() -> list[Any] | None:
        found = await pool.fetch(
            "SELECT message_id, status, in_doubt FROM email_deliveries "
            "WHERE recipient_id = ANY($1::uuid[])",
            ids,
        )
        return (
            found if len(found) == expected and all(r["status"] == "sent" for r in found) else None
        )

    sent = await eventually(all_sent, "every e-mail sent", timeout_s=60)
    addresses = {s.email for s in students}
    kept = Counter(str(m["Message-ID"]) for m in mail.messages() if str(m["To"]) in addresses)
    assert set(kept) == {r["message_id"] for r in sent}, "an e-mail was lost"
    recorded_by_b_in_burst = sum(1 for m in kept if m.endswith("@replica-b.test>"))
    assert recorded_by_b_in_burst > 0, "the killed replica handled none of the burst"
    assert warm_rows > 0
    repeated = {message_id for message_id, n in kept.items() if n > 1}
    in_doubt = {r["message_id"] for r in sent if r["in_doubt"]}
    # Only an e-mail whose sender died between the server's "250 OK" and the commit can
    # arrive twice, with the same Message-ID (mail clients show it once).
    assert repeated <= in_doubt, (repeated, in_doubt)


async def _two(bootstrap: str) -> bool:
    return await _assigned_members(bootstrap, GROUP) == 2


async def _at_least(count: Any, n: int) -> bool:
    return bool(await count() >= n)
