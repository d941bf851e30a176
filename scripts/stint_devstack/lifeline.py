"""Children that die with their parent.

If the runner is killed outright (SIGKILL, out of memory), nothing runs its shutdown
code; the kernel's parent-death signal then sends each child SIGTERM, so no service or
broker outlives it. Linux only; elsewhere this does nothing.
"""

from __future__ import annotations

import ctypes
import signal
import sys

_PR_SET_PDEATHSIG = 1
# Loaded before any fork: the function below runs between fork and exec.
_LIBC = ctypes.CDLL(None, use_errno=True) if sys.platform == "linux" else None


def die_with_parent() -> None:
    """A ``preexec_fn``: ask for SIGTERM when the parent exits."""
    if _LIBC is not None:
        _LIBC.prctl(_PR_SET_PDEATHSIG, int(signal.SIGTERM))
