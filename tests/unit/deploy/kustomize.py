"""Enough of kustomize, in Python, to render Stint's kustomizations where no kustomize
binary is installed: resources, components, namespace, images, and patches (strategic
merge by kind and name, or JSON 6902 with a target). A field it does not know is an
error, so that a kustomization never renders here differently without saying so.
Where a kustomize binary exists, the tests compare both renders (``kustomize_binary``)."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

from tests.unit.deploy.json_patch import JsonPatchError, apply_operation
from tests.unit.deploy.pods import Resource, containers, split_image

__all__ = ["KustomizeError", "Resource", "render", "resource_id"]

FILE_NAMES = ("kustomization.yaml", "kustomization.yml", "Kustomization")
KNOWN_FIELDS = {"apiVersion", "kind", "namespace", "resources", "components", "patches", "images"}
CLUSTER_SCOPED = {
    "Namespace",
    "ClusterRole",
    "ClusterRoleBinding",
    "CustomResourceDefinition",
    "PriorityClass",
    "StorageClass",
}


class KustomizeError(Exception):
    """The kustomization cannot be rendered: a missing file, a conflict, a bad patch."""


def render(directory: Path) -> list[Resource]:
    """Every resource the kustomization in ``directory`` produces."""
    return _build(directory.resolve(), "Kustomization", ())


def resource_id(resource: Resource) -> tuple[str, str, str]:
    meta = resource.get("metadata", {})
    return (str(resource.get("kind")), str(meta.get("namespace", "")), str(meta.get("name")))


def _load(directory: Path) -> dict[str, Any]:
    for name in FILE_NAMES:
        path = directory / name
        if path.is_file():
            loaded = yaml.safe_load(path.read_text()) or {}
            if not isinstance(loaded, dict):
                raise KustomizeError(f"{path}: not a mapping")
            unknown = set(loaded) - KNOWN_FIELDS
            if unknown:
                raise KustomizeError(f"{path}: fields this renderer does not know: {unknown}")
            return loaded
    raise KustomizeError(f"{directory}: no kustomization file")


def _build(
    directory: Path, kind: str, stack: tuple[Path, ...], inherited: list[Resource] | None = None
) -> list[Resource]:
    """A Kustomization starts empty; a Component adds to, and transforms, what the
    kustomization that lists it has accumulated so far."""
    if directory in stack:
        raise KustomizeError(f"{directory}: kustomizations include each other in a cycle")
    if not directory.is_dir():
        raise KustomizeError(f"{directory}: referenced {kind.lower()} does not exist")
    spec = _load(directory)
    if spec.get("kind", "Kustomization") != kind:
        raise KustomizeError(f"{directory}: is a {spec.get('kind')}, expected a {kind}")
    inner = (*stack, directory)
    resources = list(inherited or [])
    for entry in spec.get("resources") or []:
        _within(directory, directory / entry)
        _add(resources, _resources_of(directory / entry, inner), directory)
    for entry in spec.get("components") or []:
        resources = _build((directory / entry).resolve(), "Component", inner, resources)
    return _transform(directory, spec, resources)


def _within(directory: Path, path: Path) -> None:
    """Kustomize reads files only from within the kustomization's own directory (other
    kustomizations, being directories, may be anywhere)."""
    resolved = path.resolve()
    if resolved.is_file() and not resolved.is_relative_to(directory):
        raise KustomizeError(f"{directory}: file {path} is outside the kustomization")


def _resources_of(path: Path, stack: tuple[Path, ...]) -> list[Resource]:
    path = path.resolve()
    if path.is_dir():
        return _build(path, "Kustomization", stack)
    if path.is_file():
        docs = [d for d in yaml.safe_load_all(path.read_text()) if d is not None]
        for doc in docs:
            if not isinstance(doc, dict) or "kind" not in doc or "metadata" not in doc:
                raise KustomizeError(f"{path}: a document is not a Kubernetes resource")
        return docs
    raise KustomizeError(f"{path}: referenced resource does not exist")


def _add(resources: list[Resource], new: list[Resource], where: Path) -> None:
    known = {resource_id(r) for r in resources}
    for resource in new:
        if resource_id(resource) in known:
            raise KustomizeError(f"{where}: {resource_id(resource)} is defined twice")
        known.add(resource_id(resource))
        resources.append(resource)


def _transform(directory: Path, spec: dict[str, Any], resources: list[Resource]) -> list[Resource]:
    for entry in spec.get("patches") or []:
        resources = _patch(directory, entry, resources)
    for image in spec.get("images") or []:
        _set_image(resources, image)
    namespace = spec.get("namespace")
    if namespace:
        for resource in resources:
            if resource["kind"] not in CLUSTER_SCOPED:
                resource["metadata"]["namespace"] = namespace
    return resources


def _patch(directory: Path, entry: dict[str, Any], resources: list[Resource]) -> list[Resource]:
    if "path" in entry:
        path = directory / entry["path"]
        _within(directory, path)
        if not path.is_file():
            raise KustomizeError(f"{directory}: patch file {entry['path']!r} does not exist")
        docs = [d for d in yaml.safe_load_all(path.read_text()) if d is not None]
        if len(docs) != 1:
            raise KustomizeError(f"{path}: a patch file holds exactly one patch")
        patch = docs[0]
    elif "patch" in entry:
        patch = yaml.safe_load(entry["patch"])
    else:
        raise KustomizeError(f"{directory}: a patch needs a path or an inline patch")
    target = entry.get("target")
    if isinstance(patch, list):
        if not target:
            raise KustomizeError(f"{directory}: a JSON 6902 patch needs a target")
        matched = [r for r in resources if _selected(r, target)]
        if not matched:
            raise KustomizeError(f"{directory}: patch target {target} matches nothing")
        for resource in matched:
            for operation in patch:
                try:
                    apply_operation(resource, operation)
                except JsonPatchError as exc:
                    raise KustomizeError(f"{directory}: {exc}") from exc
        return resources
    if not isinstance(patch, dict):
        raise KustomizeError(f"{directory}: a patch is neither a mapping nor a list")
    if not target:
        meta = patch.get("metadata", {})
        target = {"kind": patch.get("kind"), "name": meta.get("name")}
        if "namespace" in meta:
            target["namespace"] = meta["namespace"]
    matched = [r for r in resources if _selected(r, target)]
    if not matched:
        raise KustomizeError(f"{directory}: patch target {target} matches nothing")
    if patch.get("$patch") == "delete":
        return [r for r in resources if not any(r is m for m in matched)]
    for resource in matched:
        _merge(resource, patch)
    return resources


def _selected(resource: Resource, target: dict[str, Any]) -> bool:
    meta = resource.get("metadata", {})
    if "kind" in target and resource.get("kind") != target["kind"]:
        return False
    if "name" in target and meta.get("name") != target["name"]:
        return False
    if "namespace" in target and meta.get("namespace") != target["namespace"]:
        return False
    labels = meta.get("labels") or {}
    for requirement in filter(None, str(target.get("labelSelector", "")).split(",")):
        key, _, value = requirement.partition("=")
        if labels.get(key.strip()) != value.strip():
            return False
    return True


def _merge(base: dict[str, Any], patch: dict[str, Any]) -> None:
    """Strategic merge, as far as Stint's patches need: maps merge, lists of named
    items (containers, env, volumes, ports) merge by name, other lists are replaced."""
    for key, value in patch.items():
        if key == "$patch":
            continue
        if value is None:
            base.pop(key, None)
        elif isinstance(value, dict) and isinstance(base.get(key), dict):
            _merge(base[key], value)
        elif isinstance(value, list) and isinstance(base.get(key), list):
            base[key] = _merge_list(base[key], value)
        else:
            base[key] = copy.deepcopy(value)


def _merge_list(base: list[Any], patch: list[Any]) -> list[Any]:
    items = base + patch
    key = next(
        (
            k
            for k in ("name", "containerPort", "port")
            if items and all(isinstance(i, dict) and k in i for i in items)
        ),
        None,
    )
    if key is None:
        return copy.deepcopy(patch)
    # As kustomize orders them: the patch's items first, then the others in their order.
    merged: list[Any] = []
    for item in patch:
        same = next((copy.deepcopy(b) for b in base if b[key] == item[key]), None)
        if same is None:
            merged.append(copy.deepcopy(item))
        else:
            _merge(same, item)
            merged.append(same)
    patched = {item[key] for item in patch}
    return merged + [copy.deepcopy(b) for b in base if b[key] not in patched]


def _set_image(resources: list[Resource], image: dict[str, Any]) -> None:
    for resource in resources:
        for container in containers(resource, init=True):
            name, tag = split_image(container["image"])
            if name != image["name"]:
                continue
            name = image.get("newName", name)
            tag = image.get("newTag", tag)
            container["image"] = f"{name}:{tag}" if tag else name
