import signal

from stint_devstack.supervisor import RestartBackoff, describe_exit
from stint_runtime.backoff import Backoff


def test_delays_double_while_a_child_keeps_crashing_and_are_capped() -> None:
    backoff = RestartBackoff(Backoff(base_s=0.5, cap_s=3.0), stable_after_s=30.0)
    delays = [backoff.after_exit(ran_for_s=1.0) for _ in range(5)]
    assert delays == [0.5, 1.0, 2.0, 3.0, 3.0]


def test_a_child_that_ran_long_enough_starts_over_at_the_first_delay() -> None:
    backoff = RestartBackoff(Backoff(base_s=0.5, cap_s=10.0), stable_after_s=30.0)
    for _ in range(3):
        backoff.after_exit(ran_for_s=1.0)
    assert backoff.after_exit(ran_for_s=45.0) == 0.5
    assert backoff.after_exit(ran_for_s=2.0) == 1.0


def test_exits_are_described_by_code_or_signal() -> None:
    assert describe_exit(3) == "exited with code 3"
    assert describe_exit(-signal.SIGKILL) == "was killed by SIGKILL"
