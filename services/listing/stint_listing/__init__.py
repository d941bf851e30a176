"""The listing service: organizations and listings, from draft to open to closed."""
