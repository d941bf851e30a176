"""Translations at the service's edges: Kafka records into rows (``events``, found by
type in the ``catalog``), and the report into text and HTML with charts."""
