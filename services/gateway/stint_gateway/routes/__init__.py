"""One router per section of the public API; ``app.ROUTERS`` includes them."""
