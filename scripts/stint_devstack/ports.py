"""The ports the local platform listens on: the ones asked for, checked to be free, or
free ones picked for a 0."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Collection

from stint_devstack import infra
from stint_devstack.services import PlatformPorts


class PortTaken(RuntimeError):
    pass


def choose_ports(
    requested: PlatformPorts,
    *,
    unused: Collection[str] = (),
    taken: Callable[[int], bool] = lambda port: infra.port_open("127.0.0.1", port),
    pick: Callable[[], int] = infra.free_port,
) -> PlatformPorts:
    """``unused`` names the listeners that will not run (an external broker, a service
    not built yet): their ports are kept as asked and not checked."""
    chosen = dataclasses.asdict(requested)
    for name, port in chosen.items():
        if name in unused:
            continue
        if port == 0:
            chosen[name] = pick()
        elif taken(port):
            raise PortTaken(
                f"port {port} ({name}) is already in use: stop what listens there, or pass "
                f"--{name}-port with another port (0 picks a free one)"
            )
    return PlatformPorts(**chosen)
