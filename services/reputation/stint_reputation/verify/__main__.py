"""``python -m stint_reputation.verify CREDENTIAL --keys JWKS [--status LIST ...]``

Verifies a saved credential offline. CREDENTIAL is a file holding the compact JWT
(``Accept: application/vc+jwt`` from ``GET /v1/credentials/{id}``), the JSON reply, or
an EnvelopedVerifiableCredential; JWKS the saved ``/.well-known/jwks.json``; each
LIST a saved ``GET /v1/credentials/status/{list_id}``. Exit status 0 when every check
passed, 1 when one failed, 2 for unreadable input.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from stint_reputation.verify.checks import verify_credential

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m stint_reputation.verify",
        description="Verify a saved Stint credential offline: signature, key, dates, status.",
    )
    parser.add_argument("credential", type=Path, help="the saved credential (JWT or JSON)")
    parser.add_argument("--keys", type=Path, required=True, help="the saved JWK Set")
    parser.add_argument(
        "--status", type=Path, action="append", default=[], help="a saved status list (repeat)"
    )
    parser.add_argument(
        "--no-status", action="store_true", help="skip the revocation check (not recommended)"
    )
    parser.add_argument("--at", help="check the dates at this RFC 3339 moment instead of now")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        credential = args.credential.read_text()
        keys = args.keys.read_text()
        lists = [path.read_text() for path in args.status]
        now = datetime.fromisoformat(args.at) if args.at else datetime.now(UTC)
    except (OSError, ValueError) as exc:
        print(f"cannot read the input: {exc}", file=sys.stderr)
        return 2
    if now.tzinfo is None:
        now = now.replace(tzinfo=UTC)
    report = verify_credential(credential, keys, lists, now, check_status=not args.no_status)
    if args.json:
        checks = [{"check": c.name, "ok": c.ok, "detail": c.detail} for c in report.checks]
        print(json.dumps({"valid": report.valid, "checks": checks}, indent=2))
    else:
        for check in report.checks:
            print(f"{'ok  ' if check.ok else 'FAIL'} {check.name}: {check.detail}")
        print("VALID" if report.valid else "NOT VALID")
    return 0 if report.valid else 1


if __name__ == "__main__":
    sys.exit(main())
