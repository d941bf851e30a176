"""A relay in its own OS process, as a service replica runs it: settings from the
environment (``STINT_*``), JSON logs on stderr, graceful stop on SIGTERM.

    python -m tests.integration.runtime.relay_runner
"""

from __future__ import annotations

import asyncio
import signal

from aiokafka import AIOKafkaProducer

from stint_runtime import db, kafka
from stint_runtime.logging import configure_logging
from stint_runtime.outbox.relay import OutboxRelay
from stint_runtime.settings import ServiceSettings


async def main() -> None:
    settings = ServiceSettings()
    configure_logging(settings.service_name, "INFO")
    stopping = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stopping.set)
    pool = await db.create_pool(settings)

    def producer() -> AIOKafkaProducer:
        return kafka.make_producer(settings)

    relay = OutboxRelay(settings, pool, producer)
    task = asyncio.create_task(relay.run())
    await stopping.wait()
    await relay.stop()
    await task
    await pool.close()


if __name__ == "__main__":
    asyncio.run(main())
