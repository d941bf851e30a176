"""The event catalog analysts read: an AsyncAPI 3 document of every topic and event
(``docs/asyncapi.yaml``) and its human reading (``docs/events.md``), generated from the
contracts (``protos/``) and from what the services' code subscribes to, so that neither
can drift from the code. ``python -m stint_catalog`` writes them; ``--check`` fails when
the committed ones are stale."""
