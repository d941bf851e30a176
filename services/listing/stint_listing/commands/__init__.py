"""Changes, each one transaction: lock the listing, apply a domain rule, save, and
write its event to the outbox."""
