"""Idempotent consumers: one consumer group per subscription (``consumer``), each
message delivered exactly once in effect (``delivery``, ``store``)."""
