"""``python -m stint_runtime.dlq``: list and replay dead letters."""

from stint_runtime.dlq.cli import main

raise SystemExit(main())
