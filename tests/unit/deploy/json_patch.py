"""JSON patch (RFC 6902) operations, as kustomize applies them to a resource."""

from __future__ import annotations

import copy
from typing import Any

__all__ = ["JsonPatchError", "apply_operation"]


class JsonPatchError(Exception):
    """The operation cannot apply: a missing path or an unknown operation."""


def apply_operation(document: dict[str, Any], operation: dict[str, Any]) -> None:
    """Apply one operation (add, replace, remove) to ``document`` in place."""
    op, path = operation.get("op"), str(operation.get("path", ""))
    parts = [p.replace("~1", "/").replace("~0", "~") for p in path.split("/")[1:]]
    if not parts:
        raise JsonPatchError(f"JSON patch path {path!r} is empty")
    parent: Any = document
    for part in parts[:-1]:
        parent = parent[int(part)] if isinstance(parent, list) else parent.get(part)
        if parent is None:
            raise JsonPatchError(f"JSON patch path {path!r} does not exist")
    last = parts[-1]
    if op == "remove":
        del parent[int(last) if isinstance(parent, list) else last]
    elif op in ("add", "replace"):
        value = copy.deepcopy(operation.get("value"))
        if isinstance(parent, list):
            if last == "-":
                parent.append(value)
            elif op == "add":
                parent.insert(int(last), value)
            else:
                parent[int(last)] = value
        else:
            if op == "replace" and last not in parent:
                raise JsonPatchError(f"JSON patch replaces {path!r}, which does not exist")
            parent[last] = value
    else:
        raise JsonPatchError(f"JSON patch operation {op!r} is not supported")
