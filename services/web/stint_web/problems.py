"""An API problem's field errors, placed beside the form's fields: an error's ``loc``
(``["body", "pay", "amount_cents"]``) belongs to the form field whose name is the
longest prefix of it (``pay``); what matches no field is shown above the form."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field

from stint_web.gateway import ApiProblem, FieldError

__all__ = ["FormErrors", "place"]

_WHERE = ("body", "query", "path", "header")


@dataclass(frozen=True)
class FormErrors:
    fields: Mapping[str, list[str]] = field(default_factory=dict)
    general: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.fields or self.general)

    def of(self, name: str) -> list[str]:
        return list(self.fields.get(name, ()))


def _path(error: FieldError) -> list[str]:
    loc = [str(part) for part in error.loc]
    return loc[1:] if loc and loc[0] in _WHERE else loc


def place(
    problem: ApiProblem, fields: Collection[str], aliases: Mapping[str, str] = {}
) -> FormErrors:
    """``aliases`` names a form field for an API field the form spells differently."""
    by_field: dict[str, list[str]] = {}
    general: list[str] = []
    for error in problem.errors:
        path = _path(error)
        name = next(
            (
                ".".join(path[:n])
                for n in range(len(path), 0, -1)
                if ".".join(path[:n]) in fields or ".".join(path[:n]) in aliases
            ),
            None,
        )
        if name is None:
            general.append(f"{' '.join(path) or 'request'}: {error.msg}")
        else:
            by_field.setdefault(aliases.get(name, name), []).append(error.msg)
    if not problem.errors:
        general.append(problem.detail or problem.title)
    return FormErrors(by_field, general)
