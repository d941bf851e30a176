"""Reading docker-compose.yml as written: the YAML (with its merge keys), the variables
its values refer to (``${VAR}``, ``${VAR:-default}``, ``${VAR:?error}``...), and the env
file Compose reads them from. Nothing here interpolates: the tests compare which
variable each value names, and Compose itself does the rest."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

__all__ = ["load_compose", "read_env_file", "referenced", "variables"]

_REFERENCE = re.compile(
    r"\$(?:\$|\{(?P<braced>[A-Za-z_][A-Za-z0-9_]*)(?P<op>:?[-?+])?[^}]*\}"
    r"|(?P<plain>[A-Za-z_][A-Za-z0-9_]*))"
)


def read_env_file(path: Path) -> dict[str, str]:
    values: dict[str, str] = {}
    for line in path.read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        key, sep, value = line.partition("=")
        if not sep:
            raise ValueError(f"{path}: not KEY=VALUE: {line!r}")
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        values[key.strip()] = value
    return values


def referenced(value: object) -> list[str]:
    """The variables a value names, in order."""
    text = value if isinstance(value, str) else ""
    return [m.group("braced") or m.group("plain") for m in _REFERENCE.finditer(text) if
            m.group("braced") or m.group("plain")]  # fmt: skip


def variables(node: Any) -> dict[str, str]:
    """Every variable the values of ``node`` use, with its operator ('' when plain)."""
    found: dict[str, str] = {}
    if isinstance(node, dict):
        node = list(node.values())
    if isinstance(node, list):
        for item in node:
            found.update({k: v for k, v in variables(item).items() if v or k not in found})
        return found
    for match in _REFERENCE.finditer(node if isinstance(node, str) else ""):
        name = match.group("braced") or match.group("plain")
        if name:
            found[name] = match.group("op") or found.get(name, "")
    return found


def load_compose(path: Path) -> dict[str, Any]:
    """The compose file as parsed YAML (merge keys resolved), variables as written."""
    parsed = yaml.safe_load(path.read_text())
    if not isinstance(parsed, dict):
        raise ValueError(f"{path}: not a mapping")
    return parsed
