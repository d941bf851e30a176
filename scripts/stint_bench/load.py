"""Load on one URL at a fixed concurrency over keep-alive connections, and what it
measured: requests per second and latency percentiles.

wrk (Debian: ``apt-get install wrk``) is the generator when it is installed: written in
C, it takes a small share of a core where a Python client would take most of one and
become the bottleneck on a 2-core machine. Without it, a minimal asyncio client runs in
this process and its figures say so (``generator``).
"""

from __future__ import annotations

import asyncio
import re
import shutil
import subprocess
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

__all__ = ["Measured", "generator", "measure"]

_UNITS = {"us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0}


@dataclass(frozen=True)
class Measured:
    name: str
    rate: float
    p50_ms: float
    p90_ms: float
    p99_ms: float
    failures: int
    generator: str


def generator() -> str:
    return "wrk" if shutil.which("wrk") else "python"


def measure(
    name: str, url: str, *, seconds: float, concurrency: int, headers: dict[str, str]
) -> Measured:
    if generator() == "wrk":
        return _wrk(name, url, seconds, concurrency, headers)
    return asyncio.run(_python(name, url, seconds, concurrency, headers))


def _wrk(
    name: str, url: str, seconds: float, concurrency: int, headers: dict[str, str]
) -> Measured:
    command = ["wrk", "-t1", f"-c{concurrency}", f"-d{max(1, round(seconds))}s", "--latency"]
    for key, value in headers.items():
        command += ["-H", f"{key}: {value}"]
    done = subprocess.run(
        [*command, url], capture_output=True, text=True, timeout=seconds + 60, check=True
    )
    out = done.stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    percentiles = {
        int(p): float(v) * _UNITS[unit]
        for p, v, unit in re.findall(r"^\s+(50|90|99)%\s+([\d.]+)(us|ms|s|m)\s*$", out, re.M)
    }
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    errors = re.search(r"Socket errors:.*?(\d+).*?(\d+).*?(\d+).*?(\d+)", out)
    failures = int(bad.group(1)) if bad else 0
    failures += sum(int(n) for n in errors.groups()) if errors else 0
    return Measured(
        name,
        rate,
        percentiles[50] * 1e3,
        percentiles[90] * 1e3,
        percentiles[99] * 1e3,
        failures,
        "wrk",
    )


async def _python(
    name: str, url: str, seconds: float, concurrency: int, headers: dict[str, str]
) -> Measured:
    parts = urlsplit(url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    extra = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    request = f"GET {target} HTTP/1.1\r\nHost: {host}:{port}\r\n{extra}\r\n".encode()
    latencies: list[float] = []
    deadline = time.perf_counter() + seconds

    async def worker() -> int:
        reader, writer = await asyncio.open_connection(host, port)
        failures = 0
        try:
            while time.perf_counter() < deadline:
                started = time.perf_counter()
                writer.write(request)
                failures += await _status(reader) != 200
                latencies.append(time.perf_counter() - started)
        finally:
            writer.close()
            await writer.wait_closed()
        return failures

    started = time.perf_counter()
    failures = sum(await asyncio.gather(*(worker() for _ in range(concurrency))))
    elapsed = time.perf_counter() - started
    ordered = sorted(latencies)

    def at(share: float) -> float:
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1e3

    return Measured(name, len(ordered) / elapsed, at(0.5), at(0.9), at(0.99), failures, "python")


async def _status(reader: asyncio.StreamReader) -> int:
    status = int((await reader.readline()).split()[1])
    length = 0
    while (line := await reader.readline()) not in (b"\r\n", b""):
        key, _, value = line.partition(b":")
        if key.strip().lower() == b"content-length":
            length = int(value)
    await reader.readexactly(length)
    return status
