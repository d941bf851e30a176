"""``python -m stint_reputation.revoke CREDENTIAL_ID --reason TEXT [--operator NAME]``

An operator revokes a credential (fraud, a mistake in what was certified), whichever
organization issued it. It connects with the service's own settings (the same
``STINT_*`` environment as the service: database, schema, signing key, public base
URL); the running service's relay publishes CredentialRevoked from the outbox. The
status list is signed again at once, so verifiers see the revocation on their next
fetch. Exit status 0 when revoked, 1 when refused (unknown, already revoked).
"""

from __future__ import annotations

import argparse
import asyncio
import getpass
import sys
from collections.abc import Sequence

from stint_reputation.commands.revoking import revoke_as_operator
from stint_reputation.context import Context
from stint_reputation.settings import ReputationSettings
from stint_runtime import db
from stint_runtime.errors import DomainError

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m stint_reputation.revoke", description="Revoke a credential, saying why."
    )
    parser.add_argument("credential_id", help="the credential's id (the UUID in its URL)")
    parser.add_argument("--reason", required=True, help="why; recorded and told to the student")
    parser.add_argument("--operator", default=None, help="who revokes (default: the login name)")
    return parser


async def _revoke(settings: ReputationSettings, credential_id: str, reason: str, who: str) -> str:
    pool = await db.create_pool(settings, max_size=2)
    try:
        ctx = Context.from_settings(settings)
        revoked = await revoke_as_operator(pool, ctx, who, credential_id, reason)
        return f"revoked {revoked.id} at {revoked.revoked_at}: {revoked.revoked_reason}"
    finally:
        await pool.close()


def main(argv: Sequence[str] | None = None, settings: ReputationSettings | None = None) -> int:
    args = _parser().parse_args(argv)
    chosen = settings or ReputationSettings()
    who = args.operator or getpass.getuser()
    try:
        print(asyncio.run(_revoke(chosen, args.credential_id, args.reason, who)))
    except DomainError as exc:
        print(f"not revoked: {exc.message}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
