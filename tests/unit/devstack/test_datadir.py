from pathlib import Path

import pytest

from stint_devstack import datadir


def test_one_runner_per_data_dir(tmp_path: Path) -> None:
    with datadir.lock(tmp_path), pytest.raises(datadir.DataDirInUse), datadir.lock(tmp_path):
        pass
    with datadir.lock(tmp_path):  # free again once the first lets go
        pass


def test_wipe_removes_everything_but_the_lock(tmp_path: Path) -> None:
    (tmp_path / "pg").mkdir()
    (tmp_path / "pg" / "PG_VERSION").write_text("18")
    (tmp_path / "secrets.json").write_text("{}")
    with datadir.lock(tmp_path):
        datadir.wipe(tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ["run.lock"]


def test_the_previous_runs_logs_are_kept_once(tmp_path: Path) -> None:
    (tmp_path / "listing.log").write_text("second run\n")
    (tmp_path / "listing.log.1").write_text("first run\n")
    datadir.keep_previous_logs(tmp_path)
    assert not (tmp_path / "listing.log").exists()
    assert (tmp_path / "listing.log.1").read_text() == "second run\n"
