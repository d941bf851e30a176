"""The long fault campaign against ``scripts/run``'s platform (see stint_flows.chaos)."""

from __future__ import annotations

import sys

from stint_flows.chaos import main

if __name__ == "__main__":
    sys.exit(main())
