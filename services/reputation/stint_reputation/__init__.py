"""The reputation service (being built)."""
