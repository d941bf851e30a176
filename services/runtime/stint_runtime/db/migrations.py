"""Ordered SQL migrations per service, recorded in the service's own schema.

The shared runtime's migrations (outbox, inbox) come first, then the service's own.
A session advisory lock makes it safe for several replicas to start at once: one
migrates, the others wait and then find nothing left to do.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path

import asyncpg

log = logging.getLogger(__name__)

RUNTIME_MIGRATIONS = Path(__file__).parent / "migrations"


@dataclass(frozen=True)
class Migration:
    name: str
    sql: str

    @property
    def checksum(self) -> str:
        return hashlib.sha256(self.sql.encode()).hexdigest()


class MigrationError(RuntimeError):
    pass


def discover(service_dir: Path) -> list[Migration]:
    """The runtime's migrations, then the service's, each folder in file-name order."""
    found: list[Migration] = []
    for prefix, folder in (("runtime", RUNTIME_MIGRATIONS), ("service", service_dir)):
        for path in sorted(folder.glob("*.sql")):
            found.append(Migration(f"{prefix}/{path.name}", path.read_text()))
    return found


async def migrate(conn: asyncpg.Connection, schema: str, service_dir: Path) -> list[str]:
    """Apply what is not applied yet; returns the names applied now."""
    migrations = discover(service_dir)
    lock_key = f"stint.migrate.{schema}"
    await conn.execute("SELECT pg_advisory_lock(hashtext($1))", lock_key)
    try:
        await conn.execute(f'SET search_path TO "{_ident(schema)}"')
        await conn.execute(
            """CREATE TABLE IF NOT EXISTS schema_migrations (
                   name text PRIMARY KEY,
                   checksum text NOT NULL,
                   applied_at timestamptz NOT NULL DEFAULT now())"""
        )
        rows = await conn.fetch("SELECT name, checksum FROM schema_migrations")
        applied = {r["name"]: r["checksum"] for r in rows}
        done: list[str] = []
        for migration in migrations:
            if migration.name in applied:
                if applied[migration.name] != migration.checksum:
                    raise MigrationError(
                        f"{migration.name} changed after it was applied; add a new file instead"
                    )
                continue
            async with conn.transaction():
                await conn.execute(migration.sql)
                await conn.execute(
                    "INSERT INTO schema_migrations (name, checksum) VALUES ($1, $2)",
                    migration.name,
                    migration.checksum,
                )
            log.info("applied migration", extra={"migration": migration.name, "schema": schema})
            done.append(migration.name)
        return done
    finally:
        await conn.execute("SELECT pg_advisory_unlock(hashtext($1))", lock_key)


def _ident(name: str) -> str:
    if not name.replace("_", "").isalnum():
        raise MigrationError(f"unsafe schema name: {name!r}")
    return name
