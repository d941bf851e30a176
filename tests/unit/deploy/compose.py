"""Reading docker-compose.yml as Compose does: YAML (with merge keys), then variables
interpolated from an environment: ``${VAR}``, ``${VAR:-default}``, ``${VAR-default}``,
``${VAR:?error}``, ``${VAR?error}``, ``${VAR:+alt}``, ``$VAR`` and ``$$``."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

__all__ = ["MissingVariables", "interpolate", "load_compose", "read_env_file", "variables"]

_PATTERN = re.compile(
    r"\$(?:(?P<escaped>\$)"
    r"|\{(?P<braced>[A-Za-z_][A-Za-z0-9_]*)(?:(?P<op>:?[-?+])(?P<arg>[^}]*))?\}"
    r"|(?P<plain>[A-Za-z_][A-Za-z0-9_]*))"
)


class MissingVariables(Exception):
    """Required variables (``${VAR:?...}``) that the environment does not set."""

    def __init__(self, names: set[str]) -> None:
        super().__init__(f"required variables not set: {sorted(names)}")
        self.names = names


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


def variables(node: Any) -> dict[str, str]:
    """Every variable the values of ``node`` use, with its operator ('' when plain)."""
    found: dict[str, str] = {}
    if isinstance(node, dict):
        node = list(node.values())
    if isinstance(node, list):
        for item in node:
            found.update({k: v for k, v in variables(item).items() if v or k not in found})
        return found
    for match in _PATTERN.finditer(str(node) if isinstance(node, str) else ""):
        name = match.group("braced") or match.group("plain")
        if name:
            found[name] = match.group("op") or found.get(name, "")
    return found


def _substitute(text: str, env: Mapping[str, str], missing: set[str]) -> str:
    def replace(match: re.Match[str]) -> str:
        if match.group("escaped"):
            return "$"
        name = match.group("braced") or match.group("plain")
        op, arg = match.group("op") or "", match.group("arg") or ""
        value = env.get(name)
        empty = value is None or (op.startswith(":") and value == "")
        if op in (":-", "-"):
            return arg if empty else str(value)
        if op in (":?", "?"):
            if empty:
                missing.add(name)
                return ""
            return str(value)
        if op in (":+", "+"):
            return "" if empty else arg
        return value or ""

    return _PATTERN.sub(replace, text)


def interpolate(node: Any, env: Mapping[str, str]) -> Any:
    """Every string value of ``node`` interpolated; raises MissingVariables naming every
    required variable that is not set."""
    missing: set[str] = set()

    def walk(value: Any) -> Any:
        if isinstance(value, str):
            return _substitute(value, env, missing)
        if isinstance(value, dict):
            return {k: walk(v) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(v) for v in value]
        return value

    result = walk(node)
    if missing:
        raise MissingVariables(missing)
    return result


def load_compose(path: Path, env: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The compose file as parsed YAML; interpolated when ``env`` is given."""
    parsed = yaml.safe_load(path.read_text())
    if not isinstance(parsed, dict):
        raise ValueError(f"{path}: not a mapping")
    return parsed if env is None else dict(interpolate(parsed, env))
