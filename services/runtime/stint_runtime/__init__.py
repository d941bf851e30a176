"""The shared runtime every Stint service's main is made of.

Settings, logging, Postgres pools and migrations, the transactional outbox and its
relay, idempotent consumers with a dead-letter topic, gRPC servers and clients with
health, identity and error mapping, and OpenTelemetry tracing.
"""
