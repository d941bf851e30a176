"""The transactional outbox: events written in the state change's transaction
(``writer``), and the relay that publishes them (``relay``, ``rounds``,
``publication``, ``store``)."""

from stint_runtime.outbox.writer import enqueue, enqueue_many, notify_channel

__all__ = ["enqueue", "enqueue_many", "notify_channel"]
