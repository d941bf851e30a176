"""Changes, each one transaction: lock the aggregate, apply a domain rule, save, and
write its event to the outbox."""
