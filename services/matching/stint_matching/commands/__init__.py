"""Changes, each one transaction: lock, check, apply the domain's rule, save, and
write its events to the outbox."""
