"""Reads, each of the caller's own: the inbox, preferences, the webhook delivery log,
and the live stream."""
