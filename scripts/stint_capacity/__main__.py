"""``python -m stint_capacity``: write docs/capacity.md from the recorded figures, the
activity model and the wiring; ``--check`` exits 1 when it is stale."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from stint_capacity.activity import Activity
from stint_capacity.figures import FIGURES, load
from stint_capacity.report import render
from stint_capacity.wiring import read_wiring

DOCUMENT = FIGURES.parents[1] / "capacity.md"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m stint_capacity", description=__doc__)
    parser.add_argument("--check", action="store_true", help="fail when the file is stale")
    args = parser.parse_args(argv)
    text = render(Activity(), load(), read_wiring())
    if args.check:
        if not DOCUMENT.exists() or DOCUMENT.read_text() != text:
            print("stale: docs/capacity.md; run: python -m stint_capacity", file=sys.stderr)
            return 1
        print("the capacity model is up to date")
        return 0
    DOCUMENT.write_text(text)
    print(f"wrote {DOCUMENT.relative_to(FIGURES.parents[2])}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
