"""The analytics rules as plain types and functions: how an event type becomes a
table, and how the report's measures are defined and computed."""
