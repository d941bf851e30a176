"""Live streams learn of new notifications through Postgres: the transaction that
creates one NOTIFYs (delivered at commit, to every replica that LISTENs), and each
replica's ``Followers`` wakes the streams of that recipient. A signal is only a hint:
a stream always reads what it has not seen from the table, so a lost signal delays a
notification by at most the stream's poll interval and never loses one."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Iterator

import asyncpg

__all__ = ["Followers", "channel", "signal_created"]

log = logging.getLogger(__name__)


def channel(schema: str) -> str:
    return f"stint_notifications_{schema}"


async def signal_created(conn: asyncpg.Connection, schema: str, recipient_id: str) -> None:
    """Inside the creating transaction: the signal leaves when it commits."""
    await conn.execute("SELECT pg_notify($1, $2)", channel(schema), recipient_id)


class Followers:
    """The live streams of this replica, by recipient."""

    def __init__(self) -> None:
        self._waiting: dict[str, set[asyncio.Event]] = {}
        self.listening = asyncio.Event()
        """Set while the LISTEN connection is up."""

    @contextlib.contextmanager
    def follow(self, recipient_id: str) -> Iterator[asyncio.Event]:
        """An event set whenever ``recipient_id`` may have something new."""
        wake = asyncio.Event()
        self._waiting.setdefault(recipient_id, set()).add(wake)
        try:
            yield wake
        finally:
            found = self._waiting.get(recipient_id)
            if found is not None:
                found.discard(wake)
                if not found:
                    del self._waiting[recipient_id]

    def wake(self, recipient_id: str) -> None:
        for event in self._waiting.get(recipient_id, ()):
            event.set()

    def wake_all(self) -> None:
        for events in self._waiting.values():
            for event in events:
                event.set()

    @property
    def streams(self) -> int:
        return sum(len(events) for events in self._waiting.values())

    async def listen(self, conn: asyncpg.Connection, schema: str) -> None:
        """LISTEN on ``conn`` until cancelled or the connection is lost. On (re)connecting
        every stream looks again: signals sent while nobody listened are not lost."""

        def received(_conn: object, _pid: int, _channel: str, payload: object) -> None:
            self.wake(str(payload))

        lost = asyncio.Event()
        conn.add_termination_listener(lambda _conn: lost.set())
        await conn.add_listener(channel(schema), received)
        self.listening.set()
        self.wake_all()
        try:
            await lost.wait()
            log.warning("the notification LISTEN connection was lost")
        finally:
            self.listening.clear()
            with contextlib.suppress(Exception):
                await conn.remove_listener(channel(schema), received)
