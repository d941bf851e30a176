"""Stint's local platform: the embedded Postgres and broker, provisioning, the service
supervisor and demo data. Used by ``scripts/run`` and by the integration tests."""
