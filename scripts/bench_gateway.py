"""Benchmark of the gateway's read path: three reads through the gateway and the
services, next to a bare FastAPI endpoint and the gateway's middleware alone, all on
the same uvicorn server, in the same run.

    .venv/bin/python scripts/bench_gateway.py [--seconds 10] [--concurrency 64]
        [--profile DIR] [--record]

Starts an embedded Postgres and broker, the listing and application services and the
gateway as separate processes on 127.0.0.1 (``stint_bench.platform``), publishes 30
listings and applies to 10 of them as a student, then loads each endpoint for
``--seconds`` at ``--concurrency`` keep-alive connections (after a warm-up), with wrk when
it is installed (``apt-get install wrk``; otherwise an asyncio client in this process,
which the table says). The endpoints:

- ``bare FastAPI``: a FastAPI app returning a small JSON, mounted beside the gateway;
- ``gateway middleware``: the same handler inside the gateway app (tracing, metrics,
  headers, body limit, idempotency, problems; no downstream call);
- ``GET /v1/listings/{id}`` (anonymous), ``GET /v1/listings`` (search, anonymous, 20 a
  page) and ``GET /v1/me/applications`` (the student's, signed in): the real paths.

``--profile DIR`` samples the gateway and the listing service with py-spy while the
listing read runs and prints where their time goes. ``--record`` writes the listing
read's rate into docs/capacity/figures.json. Everything it started, it stops.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path

from stint_bench.load import Measured, generator, measure
from stint_bench.marketplace import set_up
from stint_bench.platform import Platform, platform, say
from stint_bench.profiling import hottest, profiled
from stint_capacity.figures import record

READ = "GET /v1/listings/{id}"


def endpoints(running: Platform) -> dict[str, tuple[str, dict[str, str]]]:
    say("publishing 30 listings and applying to 10 of them")
    readable = set_up(running.base_url)
    student = {"Authorization": f"Bearer {readable.student_token}"}
    return {
        "bare FastAPI": ("/bench/bare", {}),
        "gateway middleware": ("/bench/gateway-bare", {}),
        READ: (f"/v1/listings/{readable.listing_id}", {}),
        "GET /v1/listings": ("/v1/listings?limit=20", {}),
        "GET /v1/me/applications": ("/v1/me/applications?limit=20", student),
    }


def run(running: Platform, args: argparse.Namespace) -> list[Measured]:
    results = []
    for name, (path, headers) in endpoints(running).items():
        url = running.base_url + path
        measure(name, url, seconds=2, concurrency=args.concurrency, headers=headers)  # warm-up
        say(f"measuring {name} for {args.seconds:g} s at {args.concurrency} connections")
        if name == READ and args.profile:
            pids = {n: running.pids[n] for n in ("gateway", "listing")}
            with profiled(pids, args.profile, args.seconds):
                found = measure(
                    name, url, seconds=args.seconds, concurrency=args.concurrency, headers=headers
                )
        else:
            found = measure(
                name, url, seconds=args.seconds, concurrency=args.concurrency, headers=headers
            )
        if found.failures:
            raise RuntimeError(f"{name}: {found.failures} failed requests")
        results.append(found)
    return results


def report(results: list[Measured], concurrency: int) -> None:
    print(f"\nload: {generator()}, {concurrency} connections")
    print(f"{'endpoint':<26}{'req/s':>10}{'p50 ms':>10}{'p90 ms':>10}{'p99 ms':>10}")
    for r in results:
        print(f"{r.name:<26}{r.rate:>10.0f}{r.p50_ms:>10.2f}{r.p90_ms:>10.2f}{r.p99_ms:>10.2f}")
    bare = results[0]
    for r in results[1:]:
        print(
            f"{r.name} vs {bare.name}: throughput x{r.rate / bare.rate:.2f}, "
            f"p99 {r.p99_ms:.1f} ms (x{r.p99_ms / bare.p99_ms:.1f})"
        )


def show_profile(into: Path) -> None:
    for name in ("gateway", "listing"):
        collapsed = into / f"{name}.txt"
        if not collapsed.exists():
            continue
        print(f"\n{name}: the functions on most samples ({collapsed})")
        for frame, share in hottest(collapsed):
            print(f"  {share:6.1%}  {frame[:110]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--concurrency", type=int, default=64)
    parser.add_argument("--profile", type=Path, help="sample the read with py-spy into DIR")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    parser.add_argument("--record", action="store_true", help="write the figure for capacity")
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="stint-bench-"))
    try:
        with platform(root) as running:
            results = run(running, args)
        report(results, args.concurrency)
        if args.profile:
            show_profile(args.profile)
        if args.record:
            read = next(r for r in results if r.name == READ)
            record(
                "gateway_read_requests_per_s", read.rate, unit="requests/s",
                source="scripts/bench_gateway.py",
                what=f"{READ} through the gateway and the listing service at "
                f"{args.concurrency} connections",
            )  # fmt: skip
    finally:
        if args.keep:
            say(f"logs and data kept in {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
