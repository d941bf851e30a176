"""Benchmark of the reputation service: signing a completion credential, verifying a
saved one offline (the verifier CLI's work, from files), and the reputation read at
the service (GetReputation over gRPC).

    .venv/bin/python scripts/bench_reputation.py [--signs 2000] [--verifies 2000] [--reads 2000]

Signing and verifying run in this process. The read starts an embedded Postgres and a
broker in a temporary directory, the reputation service in this process (gRPC on a
free 127.0.0.1 port), seeds a student with 50 reviewed, completed engagements and an
organization with 200 completed engagements and 2,000 decided applications, then calls
GetReputation one call at a time. Everything it started, it stops.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import io
import json
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from pydantic import SecretStr

from stint_reputation.domain.documents import (
    Completion,
    Issuer,
    StatusEntry,
    completion_credential,
    status_list_credential,
)
from stint_reputation.domain.signing import SigningKey
from stint_reputation.verify.__main__ import main as verify_main

ISSUER = Issuer("https://stint.example", "Stint")
NOW = datetime.now(UTC).replace(microsecond=0)
SECRET = "bench-internal-secret-not-for-production"  # noqa: S105 - a throwaway platform


def say(message: str) -> None:
    print(f"[bench] {message}", flush=True)


def completion() -> Completion:
    return Completion(
        credential_id=str(uuid.uuid4()),
        engagement_id=str(uuid.uuid4()),
        student_id=str(uuid.uuid4()),
        student_name="Ada Lovelace",
        listing_id=str(uuid.uuid4()),
        title="Build a CSV import for the billing dashboard",
        description="Validate a CSV file, report row-level errors, import valid rows.",
        industry="software",
        skills=("python", "fastapi", "postgresql"),
        estimated_hours=24,
        organization_id=str(uuid.uuid4()),
        organization_name="Northwind Labs",
        started_at=NOW - timedelta(days=14),
        completed_at=NOW,
    )


def timings(count: int, operation: Callable[[], object]) -> list[float]:
    """Milliseconds per call, after a short warm-up."""
    for _ in range(min(50, count)):
        operation()
    found = []
    for _ in range(count):
        started = time.perf_counter()
        operation()
        found.append((time.perf_counter() - started) * 1000)
    return found


def line(name: str, ms: list[float]) -> str:
    ordered = sorted(ms)
    p99 = ordered[int(len(ordered) * 0.99) - 1]
    return (
        f"{name:<50} n={len(ms):>5}  mean {statistics.fmean(ms):7.3f} ms  "
        f"p50 {statistics.median(ms):7.3f} ms  p99 {p99:7.3f} ms"
    )


def bench_signing(count: int, key: SigningKey) -> list[str]:
    def issue() -> object:
        return key.sign(completion_credential(ISSUER, completion(), StatusEntry("l", 7), NOW))

    return [line("sign a completion credential (build + EdDSA)", timings(count, issue))]


def bench_verifying(count: int, key: SigningKey) -> list[str]:
    with tempfile.TemporaryDirectory(prefix="stint-bench-verify-") as folder:
        root = Path(folder)
        document = completion_credential(ISSUER, completion(), StatusEntry("list-1", 7), NOW)
        (root / "credential.jwt").write_text(key.sign(document).jwt)
        (root / "jwks.json").write_text(json.dumps({"keys": [dict(key.public_jwk)]}))
        status = status_list_credential(ISSUER, "list-1", bytes(16384), NOW)
        (root / "status.jwt").write_text(key.sign(status).jwt)
        argv = [str(root / "credential.jwt"), "--keys", str(root / "jwks.json")]
        argv += ["--status", str(root / "status.jwt")]

        def verify() -> object:
            with contextlib.redirect_stdout(io.StringIO()):
                code = verify_main(argv)
            assert code == 0
            return code

        lines = [line("verify from files (CLI main, in process)", timings(count, verify))]
        spawned = []
        for _ in range(5):
            started = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "stint_reputation.verify", *argv],
                check=True,
                capture_output=True,
            )
            spawned.append((time.perf_counter() - started) * 1000)
        lines.append(line("verify CLI as a new process (interpreter start)", spawned))
        return lines


async def _seed(pool: object, student: str, organization: str) -> None:
    import asyncpg

    assert isinstance(pool, asyncpg.Pool)
    listing = str(uuid.uuid4())
    async with pool.acquire() as conn:
        await conn.execute(
            """INSERT INTO accounts VALUES ($1, 'student', 'ada@uni.example', 'uni.example',
                                           'Ada', NULL, now())""",
            student,
        )
        await conn.execute(
            """INSERT INTO listings VALUES ($1, $2, 'Northwind Labs', 'Bench', 'd', 'software',
                                           '{python,sql}', 20, 1)""",
            listing,
            organization,
        )
        rows = []
        for n in range(250):
            # 50 of the student's, then 200 of other students' for the organization.
            who = student if n < 50 else str(uuid.uuid4())
            rows.append((str(uuid.uuid4()), listing, who, organization, n))
        await conn.executemany(
            """INSERT INTO engagements (engagement_id, listing_id, student_id, organization_id,
                   status, started_at, due_at, delivered_at, completed_at, version)
               VALUES ($1, $2, $3, $4, 'completed', now() - interval '20 days',
                       now() - interval '5 days', now() - interval '6 days',
                       now() - interval '4 days' + $5 * interval '1 minute', 4)""",
            rows,
        )
        await conn.executemany(
            "INSERT INTO review_windows VALUES ($1, now(), now(), now())", [(r[0],) for r in rows]
        )
        reviews = []
        for engagement, _, who, org, n in rows:
            reviews.append(
                (str(uuid.uuid4()), engagement, "organization", org, who, 3 + n % 3, ["python"])
            )
            reviews.append((str(uuid.uuid4()), engagement, "student", who, org, 4, []))
        await conn.executemany(
            """INSERT INTO reviews (id, engagement_id, side, author_id, subject_id, rating,
                   comment, endorsed_skills, submitted_at, published_at)
               VALUES ($1, $2, $3, $4::uuid, $5::uuid, $6, 'ok', $7, now(), now())""",
            reviews,
        )
        await conn.executemany(
            """INSERT INTO application_decisions VALUES ($1, $2, $3, $4,
                   now() - interval '30 days', now() - interval '23 days',
                   now() - interval '30 days' + $5 * interval '1 hour', 3)""",
            [
                (
                    str(uuid.uuid4()),
                    organization,
                    *(("closed", "no_decision") if n % 10 == 0 else ("rejected", None)),
                    n % 48,
                )
                for n in range(2000)
            ],
        )


async def bench_reads(count: int, key: SigningKey) -> list[str]:
    from stint.reputation.v1 import reputation_service_pb2 as api
    from stint.reputation.v1 import reputation_service_pb2_grpc
    from stint_devstack import infra, provision
    from stint_reputation.main import build_spec
    from stint_reputation.settings import ReputationSettings
    from stint_runtime.rpc.client import open_channel
    from stint_runtime.service import start_service

    with tempfile.TemporaryDirectory(prefix="stint-bench-reputation-") as folder:
        root = Path(folder)
        say("starting embedded Postgres and the broker")
        pg = infra.start_postgres(root / "pg", fresh=True)
        broker = infra.start_broker(infra.free_port(), log_path=root / "broker.log")
        try:
            dbs = await provision.provision_database(pg.admin_dsn)
            await provision.provision_topics(broker.bootstrap_servers)
            settings = ReputationSettings(
                env="development",
                database_url=dbs["reputation"].dsn,
                kafka_bootstrap_servers=broker.bootstrap_servers,
                internal_secret=SECRET,
                log_level="WARNING",
                credential_signing_key=SecretStr(
                    json.dumps({**key.private.as_dict(private=True), "kid": key.kid})
                ),
            )
            running = await start_service(build_spec(settings))
            try:
                student, organization = str(uuid.uuid4()), str(uuid.uuid4())
                await _seed(running.pool, student, organization)
                lines = []
                async with open_channel(f"127.0.0.1:{running.grpc_port}", SECRET) as channel:
                    stub = reputation_service_pb2_grpc.ReputationServiceStub(channel)
                    for name, user in (("student", student), ("organization", organization)):
                        request = api.GetReputationRequest(user_id=user)
                        for _ in range(50):
                            await stub.GetReputation(request)
                        ms = []
                        for _ in range(count):
                            started = time.perf_counter()
                            await stub.GetReputation(request)
                            ms.append((time.perf_counter() - started) * 1000)
                        lines.append(line(f"GetReputation, {name} (gRPC, one at a time)", ms))
                return lines
            finally:
                await running.stop()
        finally:
            broker.stop()
            pg.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--signs", type=int, default=2000)
    parser.add_argument("--verifies", type=int, default=2000)
    parser.add_argument("--reads", type=int, default=2000)
    args = parser.parse_args()
    key = SigningKey.generate()
    results = bench_signing(args.signs, key) + bench_verifying(args.verifies, key)
    if args.reads:
        results += asyncio.run(bench_reads(args.reads, key))
    print()
    for result in results:
        print(result)


if __name__ == "__main__":
    main()
