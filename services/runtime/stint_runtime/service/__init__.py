"""A service's life: what it is made of (``spec``), starting and stopping it
(``running``), and the ``python -m`` command line (``entry``)."""

from stint_runtime.service.running import RunningService, migrate_only, run_service, start_service
from stint_runtime.service.spec import PeriodicJob, Register, ServiceSpec

__all__ = [
    "PeriodicJob",
    "Register",
    "RunningService",
    "ServiceSpec",
    "migrate_only",
    "run_service",
    "start_service",
]
