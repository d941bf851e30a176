"""The contracts compiled with their comments: a descriptor pool of every .proto file,
and the leading comment of each message and field (protoc's source info)."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from google.protobuf import descriptor_pb2, descriptor_pool
from google.protobuf.descriptor import Descriptor, FieldDescriptor, FileDescriptor
from grpc_tools import protoc

__all__ = ["Contracts", "compile_contracts"]

ROOT = Path(__file__).resolve().parents[2]
PROTOS = ROOT / "protos"

# Paths in SourceCodeInfo: 4 = message_type, 2 = field, 5 = enum_type, 2 = value.
_MESSAGE, _FIELD = 4, 2


@dataclass(frozen=True)
class Contracts:
    pool: descriptor_pool.DescriptorPool
    comments: dict[str, str]
    """Leading comments by full name (messages, fields: ``pkg.Message.field``)."""

    def file(self, name: str) -> FileDescriptor:
        return self.pool.FindFileByName(name)

    def comment(self, full_name: str) -> str:
        return self.comments.get(full_name, "")

    def field_comment(self, field: FieldDescriptor) -> str:
        return self.comment(field.full_name)

    def message_comment(self, message: Descriptor) -> str:
        return self.comment(message.full_name)


def compile_contracts(protos: Path = PROTOS) -> Contracts:
    include = Path(protoc.__file__).parent / "_proto"
    files = sorted(str(p.relative_to(protos)) for p in protos.rglob("*.proto"))
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "contracts.binpb"
        args = [
            "protoc",
            f"-I{protos}",
            f"-I{include}",
            f"--descriptor_set_out={out}",
            "--include_imports",
            "--include_source_info",
            *files,
        ]
        if protoc.main(args) != 0:
            raise SystemExit("protoc failed")
        found = descriptor_pb2.FileDescriptorSet.FromString(out.read_bytes())
    pool = descriptor_pool.DescriptorPool()
    comments: dict[str, str] = {}
    for file in found.file:
        pool.Add(file)
        comments |= _comments(file)
    return Contracts(pool, comments)


def _comments(file: descriptor_pb2.FileDescriptorProto) -> dict[str, str]:
    prefix = f"{file.package}." if file.package else ""
    found: dict[str, str] = {}
    for location in file.source_code_info.location:
        path = list(location.path)
        text = " ".join(location.leading_comments.split())
        if not text or len(path) < 2 or path[0] != _MESSAGE:
            continue
        message = file.message_type[path[1]]
        if len(path) == 2:
            found[prefix + message.name] = text
        elif len(path) == 4 and path[2] == _FIELD:
            found[f"{prefix}{message.name}.{message.field[path[3]].name}"] = text
    return found
