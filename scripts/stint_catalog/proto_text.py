"""One event's protobuf schema as a single self-contained .proto text: the event and
every message and enum it uses, in one file (AsyncAPI's protobuf schema parser reads no
imports but Google's). Types of other packages keep their simple name, prefixed with
their package when two would clash; a comment above each names its full name."""

from __future__ import annotations

from google.protobuf.descriptor import Descriptor, EnumDescriptor, FieldDescriptor

from stint_catalog.descriptors import Contracts

__all__ = ["SCALARS", "event_proto"]

SCALARS = {
    FieldDescriptor.TYPE_DOUBLE: "double",
    FieldDescriptor.TYPE_FLOAT: "float",
    FieldDescriptor.TYPE_INT64: "int64",
    FieldDescriptor.TYPE_UINT64: "uint64",
    FieldDescriptor.TYPE_INT32: "int32",
    FieldDescriptor.TYPE_FIXED64: "fixed64",
    FieldDescriptor.TYPE_FIXED32: "fixed32",
    FieldDescriptor.TYPE_BOOL: "bool",
    FieldDescriptor.TYPE_STRING: "string",
    FieldDescriptor.TYPE_BYTES: "bytes",
    FieldDescriptor.TYPE_UINT32: "uint32",
    FieldDescriptor.TYPE_SFIXED32: "sfixed32",
    FieldDescriptor.TYPE_SFIXED64: "sfixed64",
    FieldDescriptor.TYPE_SINT32: "sint32",
    FieldDescriptor.TYPE_SINT64: "sint64",
}
_WELL_KNOWN = "google.protobuf."

Named = Descriptor | EnumDescriptor


def _is_map(field: FieldDescriptor) -> bool:
    message = field.message_type
    return message is not None and message.GetOptions().map_entry


def _closure(root: Descriptor) -> list[Named]:
    """``root`` and every message and enum it reaches, in first-seen order."""
    seen: dict[str, Named] = {}
    pending: list[Named] = [root]
    while pending:
        item = pending.pop(0)
        if item.full_name in seen or item.full_name.startswith(_WELL_KNOWN):
            continue
        seen[item.full_name] = item
        if isinstance(item, Descriptor):
            for field in item.fields:
                entry = field.message_type
                if entry is not None and _is_map(field):
                    for part in entry.fields:
                        if part.message_type is not None:
                            pending.append(part.message_type)
                        elif part.enum_type is not None:
                            pending.append(part.enum_type)
                elif field.message_type is not None:
                    pending.append(field.message_type)
                elif field.enum_type is not None:
                    pending.append(field.enum_type)
    return list(seen.values())


def _names(types: list[Named]) -> dict[str, str]:
    simple = [t.name for t in types]
    names: dict[str, str] = {}
    for item in types:
        if simple.count(item.name) > 1:
            area = item.full_name.split(".")[-3].capitalize()
            names[item.full_name] = f"{area}{item.name}"
        else:
            names[item.full_name] = item.name
    return names


def _type(field: FieldDescriptor, names: dict[str, str]) -> str:
    target = field.message_type or field.enum_type
    if target is None:
        return SCALARS[field.type]
    if target.full_name.startswith(_WELL_KNOWN):
        return target.full_name
    return names[target.full_name]


def _field(field: FieldDescriptor, names: dict[str, str]) -> str:
    if field.message_type is not None and _is_map(field):
        entry = field.message_type.fields_by_name
        kind = f"map<{_type(entry['key'], names)}, {_type(entry['value'], names)}>"
    elif field.is_repeated:
        kind = f"repeated {_type(field, names)}"
    elif field.has_presence and field.containing_oneof is not None:
        kind = f"optional {_type(field, names)}"
    else:
        kind = _type(field, names)
    return f"{kind} {field.name} = {field.number};"


def _comment(text: str, indent: str = "") -> list[str]:
    return [f"{indent}// {text}"] if text else []


def event_proto(contracts: Contracts, event: Descriptor) -> str:
    types = _closure(event)
    names = _names(types)
    imports = sorted({f.message_type.file.name for t in types if isinstance(t, Descriptor)
                      for f in t.fields if f.message_type is not None
                      and f.message_type.full_name.startswith(_WELL_KNOWN)})  # fmt: skip
    lines = ['syntax = "proto3";', "", f"package {event.file.package};", ""]
    lines += [f'import "{name}";' for name in imports] + ([""] if imports else [])
    for item in types:
        if item.full_name != event.full_name or item.file.package != event.file.package:
            lines.append(f"// {item.full_name}")
        if isinstance(item, EnumDescriptor):
            lines.append(f"enum {names[item.full_name]} {{")
            lines += [f"  {value.name} = {value.number};" for value in item.values]
        else:
            lines += _comment(contracts.message_comment(item))
            if item is event:
                lines.append("// @RootNode")
            lines.append(f"message {names[item.full_name]} {{")
            for field in item.fields:
                lines += _comment(contracts.field_comment(field), "  ")
                lines.append(f"  {_field(field, names)}")
        lines += ["}", ""]
    return "\n".join(lines).rstrip("\n") + "\n"
