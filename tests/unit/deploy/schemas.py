"""Rendered resources checked against the schemas of the API server they will meet:
kubernetes-validate's schemas of a pinned Kubernetes release, strict (an unknown field
is an error, as ``kubectl apply --validate=strict`` would make it), and for KEDA's
ScaledObject the schema checked in under deploy/k8s/schemas."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import kubernetes_validate

from tests.unit.deploy.pods import Resource

__all__ = ["KUBERNETES_VERSION", "schema_problems"]

KUBERNETES_VERSION = "1.31.0"
"""The oldest release the manifests promise to run on (native gRPC probes are GA)."""

_SCHEMAS = Path(__file__).resolve().parents[3] / "deploy" / "k8s" / "schemas"
# Custom resources: (apiVersion, kind) -> their schema file.
_CUSTOM = {("keda.sh/v1alpha1", "ScaledObject"): "keda-scaledobject-v1alpha1.json"}


def _custom_schema(name: str) -> Any:
    return json.loads((_SCHEMAS / name).read_text())


def _where(resource: Resource) -> str:
    return f"{resource.get('kind')}/{(resource.get('metadata') or {}).get('name')}"


def _path(error: jsonschema.ValidationError) -> str:
    return ".".join(str(part) for part in error.absolute_path) or "(the resource)"


def schema_problems(resources: list[Resource]) -> list[str]:
    problems: list[str] = []
    for resource in resources:
        custom = _CUSTOM.get((str(resource.get("apiVersion")), str(resource.get("kind"))))
        try:
            if custom is not None:
                jsonschema.validate(resource, _custom_schema(custom))
            else:
                kubernetes_validate.validate(resource, KUBERNETES_VERSION, strict=True)
        except jsonschema.ValidationError as error:
            problems.append(f"{_where(resource)}: {_path(error)}: {error.message}")
        except kubernetes_validate.SchemaNotFoundError as error:
            problems.append(f"{_where(resource)}: {error.message}")
    return problems
