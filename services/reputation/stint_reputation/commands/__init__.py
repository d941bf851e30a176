"""Changes, each one transaction: lock what changes, apply a domain rule, save, and
write its events to the outbox."""
