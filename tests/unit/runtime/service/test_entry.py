"""``python -m <service> [serve|migrate]``: which of the two runs, with which settings."""

from __future__ import annotations

from pathlib import Path

import pytest

from stint_runtime.service import entry
from stint_runtime.settings import ServiceSettings

MIGRATIONS = Path("migrations")


def settings() -> ServiceSettings:
    return ServiceSettings(env="test", service_name="listing")


@pytest.fixture
def migrated(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, Path]]:
    calls: list[tuple[str, Path]] = []

    async def migrate_only(chosen: ServiceSettings, migrations_dir: Path) -> list[str]:
        calls.append((chosen.database_schema, migrations_dir))
        return ["0001_listings.sql"]

    monkeypatch.setattr(entry, "migrate_only", migrate_only)
    monkeypatch.setattr(entry, "configure_logging", lambda *args: None)
    return calls


@pytest.mark.parametrize("argv", [[], ["serve"]])
def test_serve_is_the_default(argv: list[str], migrated: list[tuple[str, Path]]) -> None:
    served: list[ServiceSettings] = []
    entry.run_command("stint_listing", settings, MIGRATIONS, served.append, argv=argv)
    assert [s.service_name for s in served] == ["listing"]
    assert migrated == []


def test_migrate_only_migrates(migrated: list[tuple[str, Path]]) -> None:
    served: list[ServiceSettings] = []
    entry.run_command("stint_listing", settings, MIGRATIONS, served.append, argv=["migrate"])
    assert migrated == [("listing", MIGRATIONS)]
    assert served == []


def test_an_unknown_command_is_refused(
    migrated: list[tuple[str, Path]], capsys: pytest.CaptureFixture[str]
) -> None:
    served: list[ServiceSettings] = []
    with pytest.raises(SystemExit) as exited:
        entry.run_command("stint_listing", settings, MIGRATIONS, served.append, argv=["drop"])
    assert exited.value.code == 2
    assert "python -m stint_listing" in capsys.readouterr().err
    assert (served, migrated) == ([], [])
