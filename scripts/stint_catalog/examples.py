"""An example of every event, as its JSON mapping shows it: every field set, with values
that read as what they are (ids look like ids, moments like moments)."""

from __future__ import annotations

import uuid
from typing import Any, cast

from google.protobuf import json_format, message_factory
from google.protobuf.descriptor import Descriptor, FieldDescriptor
from google.protobuf.message import Message

__all__ = ["example_json", "example_message"]

MOMENT = "2026-05-04T09:30:00Z"
_DEPTH = 4


def _id(seed: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"stint-example:{seed}"))


def _text(field: FieldDescriptor) -> str:
    name = field.name
    if name == "id" or name.endswith("_id"):
        return _id(field.full_name)
    if name.endswith(("_url", "link")):
        return f"https://stint.example/{name}"
    if name == "currency":
        return "EUR"
    if name == "email":
        return "amara@student.example"
    return f"{name.replace('_', ' ')}"


def _scalar(field: FieldDescriptor) -> Any:
    kind = field.cpp_type
    if kind == FieldDescriptor.CPPTYPE_STRING:
        return _text(field).encode() if field.type == FieldDescriptor.TYPE_BYTES else _text(field)
    if kind == FieldDescriptor.CPPTYPE_BOOL:
        return True
    if kind in (FieldDescriptor.CPPTYPE_DOUBLE, FieldDescriptor.CPPTYPE_FLOAT):
        return 0.75
    if kind == FieldDescriptor.CPPTYPE_ENUM and field.enum_type is not None:
        values = field.enum_type.values
        return values[1].number if len(values) > 1 else values[0].number
    return 3


def _fill(message: Message, depth: int) -> None:
    descriptor = cast(Descriptor, message.DESCRIPTOR)
    for field in descriptor.fields:
        target = field.message_type
        if target is not None and target.GetOptions().map_entry:
            key, value = target.fields_by_name["key"], target.fields_by_name["value"]
            if value.message_type is None:
                getattr(message, field.name)[_scalar(key)] = _scalar(value)
            elif depth < _DEPTH:
                _fill(getattr(message, field.name)[_scalar(key)], depth + 1)
        elif target is not None and target.full_name == "google.protobuf.Timestamp":
            stamp = (
                getattr(message, field.name).add()
                if field.is_repeated
                else getattr(message, field.name)
            )
            stamp.FromJsonString(MOMENT)
        elif target is not None:
            if depth < _DEPTH:
                child = getattr(message, field.name)
                _fill(child.add() if field.is_repeated else child, depth + 1)
        elif field.is_repeated:
            getattr(message, field.name).append(_scalar(field))
        else:
            setattr(message, field.name, _scalar(field))


def example_message(descriptor: Descriptor) -> Message:
    message = message_factory.GetMessageClass(descriptor)()
    _fill(message, 0)
    return message


def example_json(descriptor: Descriptor) -> dict[str, Any]:
    return json_format.MessageToDict(example_message(descriptor), preserving_proto_field_name=True)
