"""The matching service (being built)."""
