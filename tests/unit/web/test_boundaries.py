"""The web app is a client of the public API and nothing else: it imports no other
service, no generated contract, no gRPC, no database driver and no broker client (of
the shared runtime, only its logging)."""

from __future__ import annotations

import re
from pathlib import Path

import stint_web

FORBIDDEN = (
    "stint",
    "grpc",
    "asyncpg",
    "aiokafka",
    "stint_listing",
    "stint_application",
    "stint_gateway",
    "stint_matching",
    "stint_notification",
    "stint_reputation",
    "stint_analytics",
)
ALLOWED_RUNTIME = {"stint_runtime.logging"}


_IMPORT = re.compile(
    r"^\s*(?:from\s+([\w.]+)\s+import\b|import\s+([\w.]+(?:\s*,\s*[\w.]+)*))", re.M
)


def _imports(path: Path) -> set[str]:
    """The absolute modules a file imports (read as text: in a process where greenlets
    have run, as the browser tests' have, CPython 3.11's ast.parse can fail)."""
    found: set[str] = set()
    for source, names in _IMPORT.findall(path.read_text()):
        found.update([source] if source else [n.strip() for n in names.split(",")])
    return found


def test_the_web_app_imports_no_service_no_grpc_and_no_database() -> None:
    root = Path(stint_web.__file__).parent
    for path in root.rglob("*.py"):
        for module in _imports(path):
            top = module.split(".")[0]
            assert top not in FORBIDDEN, f"{path.name} imports {module}"
            if top == "stint_runtime":
                assert module in ALLOWED_RUNTIME, f"{path.name} imports {module}"
