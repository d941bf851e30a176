"""``Idempotency-Key`` on POST: what identifies a request (``keys``), the stored
responses (``store``) and the middleware that replays them (``middleware``)."""
