"""Names to addresses, for the checks of webhook targets (at every attempt, so that a
name that later points inside the network is refused then)."""

from __future__ import annotations

import asyncio
import socket

__all__ = ["resolve"]


async def resolve(host: str, port: int, timeout_s: float = 3.0) -> list[str]:
    """Every address ``host`` resolves to (an IP literal is itself); [] when none."""
    try:
        async with asyncio.timeout(timeout_s):
            infos = await asyncio.get_running_loop().getaddrinfo(
                host.strip("[]"), port, type=socket.SOCK_STREAM
            )
    except (OSError, TimeoutError, UnicodeError):
        return []
    return sorted({str(info[4][0]) for info in infos})
