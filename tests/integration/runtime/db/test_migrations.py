"""The migration runner against real Postgres: ordered, recorded, safe in parallel."""

from __future__ import annotations

import asyncio
from pathlib import Path

import asyncpg
import pytest

from stint_runtime import db
from stint_runtime.db.migrations import MigrationError, migrate
from stint_runtime.settings import ServiceSettings


def _write(folder: Path, name: str, sql: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(sql)


async def test_concurrent_replicas_apply_each_migration_once(
    scratch_service: ServiceSettings, tmp_path: Path
) -> None:
    _write(tmp_path, "0001_shelf.sql", "CREATE TABLE shelf (id int PRIMARY KEY);")
    _write(tmp_path, "0002_book.sql", "ALTER TABLE shelf ADD COLUMN book text;")
    conns = [await db.connect(scratch_service) for _ in range(3)]
    try:
        applied = await asyncio.gather(
            *(migrate(c, scratch_service.database_schema, tmp_path) for c in conns)
        )
    finally:
        for c in conns:
            await c.close()
    flat = sorted(name for names in applied for name in names)
    assert flat == [
        "runtime/0001_outbox_inbox.sql",
        "service/0001_shelf.sql",
        "service/0002_book.sql",
    ]
    conn = await db.connect(scratch_service)
    try:
        columns = await conn.fetch(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_schema = $1 AND table_name = 'shelf' ORDER BY ordinal_position",
            scratch_service.database_schema,
        )
        assert [c["column_name"] for c in columns] == ["id", "book"]
    finally:
        await conn.close()


async def test_an_edited_applied_migration_is_refused(
    scratch_service: ServiceSettings, tmp_path: Path
) -> None:
    _write(tmp_path, "0001_shelf.sql", "CREATE TABLE shelf (id int);")
    conn = await db.connect(scratch_service)
    try:
        await migrate(conn, scratch_service.database_schema, tmp_path)
        _write(tmp_path, "0001_shelf.sql", "CREATE TABLE shelf (id bigint);")
        with pytest.raises(MigrationError, match="changed after it was applied"):
            await migrate(conn, scratch_service.database_schema, tmp_path)
    finally:
        await conn.close()


async def test_a_failing_migration_leaves_nothing_half_done(
    scratch_service: ServiceSettings, tmp_path: Path
) -> None:
    _write(tmp_path, "0001_bad.sql", "CREATE TABLE half (id int); SELECT no_such_function();")
    conn = await db.connect(scratch_service)
    try:
        with pytest.raises(asyncpg.UndefinedFunctionError):
            await migrate(conn, scratch_service.database_schema, tmp_path)
        exists = await conn.fetchval("SELECT to_regclass('half')")
        recorded = await conn.fetchval(
            "SELECT count(*) FROM schema_migrations WHERE name LIKE 'service/%'"
        )
        assert exists is None and recorded == 0
    finally:
        await conn.close()
