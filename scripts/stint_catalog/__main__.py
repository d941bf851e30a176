"""``python -m stint_catalog``: write docs/asyncapi.yaml and docs/events.md from the
contracts and the services' subscriptions; ``--check`` exits 1 when they are stale."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

import yaml

from stint_catalog.asyncapi import document
from stint_catalog.catalog import gather
from stint_catalog.descriptors import ROOT, compile_contracts
from stint_catalog.markdown import render

ASYNCAPI = ROOT / "docs" / "asyncapi.yaml"
EVENTS = ROOT / "docs" / "events.md"


class _Literal(str):
    """Multi-line text (a protobuf schema) written as a YAML block."""


def _literal(dumper: yaml.SafeDumper, text: _Literal) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(text), style="|")


yaml.SafeDumper.add_representer(_Literal, _literal)


def _blocks(node: object) -> object:
    if isinstance(node, dict):
        return {k: _blocks(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_blocks(v) for v in node]
    return _Literal(node) if isinstance(node, str) and "\n" in node else node


def outputs() -> dict[Path, str]:
    # The services' settings log at start-up; the catalog prints only what it writes.
    logging.disable(logging.WARNING)
    contracts = compile_contracts()
    catalog = gather(contracts)
    spec = yaml.safe_dump(_blocks(document(contracts, catalog)), sort_keys=False, width=100)
    return {ASYNCAPI: spec, EVENTS: render(contracts, catalog)}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m stint_catalog", description=__doc__)
    parser.add_argument("--check", action="store_true", help="fail when the files are stale")
    args = parser.parse_args(argv)
    stale = []
    for path, text in outputs().items():
        if args.check:
            if not path.exists() or path.read_text() != text:
                stale.append(str(path.relative_to(ROOT)))
        else:
            path.write_text(text)
            print(f"wrote {path.relative_to(ROOT)}")
    if stale:
        print(f"stale: {', '.join(stale)}; run: python -m stint_catalog", file=sys.stderr)
        return 1
    if args.check:
        print("the event catalog is up to date")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
