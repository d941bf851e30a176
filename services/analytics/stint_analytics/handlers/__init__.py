"""The consumers: ``following`` lands the topics as they grow (``serve``), in the
service's consumer group; ``replaying`` lands them again from offset 0 (``rebuild``)."""
