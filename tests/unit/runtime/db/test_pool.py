"""The pool's connections: lent for a block and returned, inside a transaction when asked."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import pytest

from stint_runtime import db


class Connection:
    def __init__(self, journal: list[str]) -> None:
        self.journal = journal

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[None]:
        self.journal.append("begin")
        try:
            yield
        except BaseException:
            self.journal.append("rollback")
            raise
        self.journal.append("commit")


class Pool:
    def __init__(self) -> None:
        self.journal: list[str] = []

    @asynccontextmanager
    async def acquire(self) -> AsyncIterator[Connection]:
        self.journal.append("acquire")
        try:
            yield Connection(self.journal)
        finally:
            self.journal.append("release")


def pool() -> Any:
    return Pool()


async def test_a_connection_goes_back_to_the_pool() -> None:
    lender = pool()
    async with db.connection(lender) as conn:
        assert isinstance(conn, Connection)
    assert lender.journal == ["acquire", "release"]


async def test_a_transaction_commits_when_the_block_ends_cleanly() -> None:
    lender = pool()
    async with db.transaction(lender):
        lender.journal.append("work")
    assert lender.journal == ["acquire", "begin", "work", "commit", "release"]


async def test_a_transaction_rolls_back_when_the_block_fails() -> None:
    lender = pool()
    with pytest.raises(LookupError):
        async with db.transaction(lender):
            raise LookupError("no such listing")
    assert lender.journal == ["acquire", "begin", "rollback", "release"]
