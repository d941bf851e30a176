"""The supervisor with real child processes (small Python scripts, no infrastructure)."""

import sys
import time
from pathlib import Path

from stint_devstack.infra import alive
from stint_devstack.supervisor import ChildSpec, RestartBackoff, Supervisor
from stint_runtime.backoff import Backoff
from tests.waiting import eventually


def child(name: str, code: str) -> ChildSpec:
    return ChildSpec(name, [sys.executable, "-c", code], {"PATH": "/usr/bin:/bin"})


def quick_supervisor(tmp_path: Path, grace_s: float = 5.0) -> Supervisor:
    return Supervisor(
        tmp_path / "logs",
        stop_grace_s=grace_s,
        backoff=lambda: RestartBackoff(Backoff(base_s=0.05, cap_s=0.2)),
    )


async def test_a_crashing_child_is_restarted_and_its_output_kept(tmp_path: Path) -> None:
    pids = tmp_path / "pids"
    supervisor = quick_supervisor(tmp_path)
    code = f"import os; open({str(pids)!r}, 'a').write(f'{{os.getpid()}}\\n'); print('up'); exit(3)"
    supervisor.start(child("crasher", code))
    try:
        await eventually(lambda: pids.exists() and len(pids.read_text().split()) >= 3, "3 starts")
    finally:
        await supervisor.stop()
    assert len(set(pids.read_text().split())) >= 3
    assert supervisor.restarts["crasher"] >= 2
    assert (tmp_path / "logs" / "crasher.log").read_text().count("up\n") >= 3


async def test_stop_ends_a_running_child_with_sigterm(tmp_path: Path) -> None:
    supervisor = quick_supervisor(tmp_path)
    supervisor.start(child("sleeper", "import time; print('ready', flush=True); time.sleep(60)"))
    await eventually(lambda: "sleeper" in supervisor.pids(), "the child to start")
    pid = supervisor.pids()["sleeper"]
    started = time.monotonic()
    await supervisor.stop()
    assert time.monotonic() - started < 3
    assert not alive(pid)
    assert supervisor.restarts["sleeper"] == 0


async def test_a_child_that_ignores_sigterm_is_killed_after_the_grace_period(
    tmp_path: Path,
) -> None:
    ready = tmp_path / "ready"
    supervisor = quick_supervisor(tmp_path, grace_s=0.5)
    code = (
        "import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); "
        f"open({str(ready)!r}, 'w').close(); time.sleep(60)"
    )
    supervisor.start(child("stubborn", code))
    await eventually(ready.exists, "the child to ignore SIGTERM")
    pid = supervisor.pids()["stubborn"]
    started = time.monotonic()
    await supervisor.stop()
    assert 0.4 < time.monotonic() - started < 4
    assert not alive(pid)


async def test_what_a_child_started_in_its_group_goes_with_it(tmp_path: Path) -> None:
    grandchild = tmp_path / "grandchild"
    supervisor = quick_supervisor(tmp_path)
    code = (
        "import subprocess, time; "
        "p = subprocess.Popen(['sleep', '60']); "
        f"open({str(grandchild)!r}, 'w').write(str(p.pid)); time.sleep(60)"
    )
    supervisor.start(child("parent", code))
    await eventually(lambda: grandchild.exists() and grandchild.read_text() != "", "the grandchild")
    grandchild_pid = int(grandchild.read_text())
    await supervisor.stop()
    await eventually(lambda: not alive(grandchild_pid), "the grandchild to be gone", timeout_s=5)


async def test_a_child_that_cannot_start_is_retried_without_stopping_the_others(
    tmp_path: Path,
) -> None:
    supervisor = quick_supervisor(tmp_path)
    supervisor.start(ChildSpec("ghost", [str(tmp_path / "no-such-program")], {}))
    supervisor.start(child("sleeper", "import time; time.sleep(60)"))
    try:
        await eventually(
            lambda: supervisor.restarts["ghost"] >= 2, "retries of the missing program"
        )
        assert "sleeper" in supervisor.pids()
    finally:
        await supervisor.stop()
