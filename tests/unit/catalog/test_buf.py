"""Schema governance with buf: the contracts follow the STANDARD style, and no change
breaks the published contracts; renaming a field of a published event is refused."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.unit.catalog.tools import REPOSITORY, run_tool

PUBLISHED = REPOSITORY / "protos" / "published" / "stint-v1.binpb"


def test_the_contracts_pass_buf_lint() -> None:
    linted = run_tool("buf", "lint")
    assert linted.returncode == 0, linted.stdout + linted.stderr


def test_nothing_breaks_the_published_contracts() -> None:
    checked = run_tool("buf", "breaking", "--against", str(PUBLISHED))
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_renaming_a_field_of_a_published_event_is_refused(tmp_path: Path) -> None:
    shutil.copytree(REPOSITORY / "protos", tmp_path / "protos")
    shutil.copy(REPOSITORY / "buf.yaml", tmp_path / "buf.yaml")
    events = tmp_path / "protos" / "stint" / "listing" / "v1" / "events.proto"
    events.write_text(events.read_text().replace("CloseReason reason = 2;", "CloseReason why = 2;"))
    checked = run_tool("buf", "breaking", "--against", str(PUBLISHED), cwd=tmp_path)
    assert checked.returncode != 0
    assert 'changed name from "reason" to "why"' in checked.stdout


def test_renumbering_one_is_refused_too(tmp_path: Path) -> None:
    shutil.copytree(REPOSITORY / "protos", tmp_path / "protos")
    shutil.copy(REPOSITORY / "buf.yaml", tmp_path / "buf.yaml")
    events = tmp_path / "protos" / "stint" / "listing" / "v1" / "events.proto"
    events.write_text(
        events.read_text().replace("CloseReason reason = 2;", "CloseReason reason = 3;")
    )
    checked = run_tool("buf", "breaking", "--against", str(PUBLISHED), cwd=tmp_path)
    assert checked.returncode != 0
