"""The HTTP plumbing around every route: problem+json errors (``problems``, their
handlers, and those of failed service calls), body limits, tracing and metrics."""
