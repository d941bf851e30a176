"""Decodes events with nothing but the published descriptor set, as a consumer outside
the project would: ``python descriptor_decoder.py DESCRIPTORS RECORDS`` reads records
(JSON lines of ``event_type`` and base64 ``value``), decodes each value by its type and
prints one line per record: the type and the decoded message as JSON. Imports only
protobuf, and says so."""

from __future__ import annotations

import base64
import json
import sys

from google.protobuf import descriptor_pb2, descriptor_pool, json_format, message_factory


def main(descriptors: str, records: str) -> int:
    with open(descriptors, "rb") as file:
        found = descriptor_pb2.FileDescriptorSet.FromString(file.read())
    pool = descriptor_pool.DescriptorPool()
    for proto in found.file:
        pool.Add(proto)
    with open(records) as file:
        for line in file:
            record = json.loads(line)
            kind = message_factory.GetMessageClass(pool.FindMessageTypeByName(record["event_type"]))
            message = kind.FromString(base64.b64decode(record["value"]))
            print(json.dumps({"event_type": record["event_type"],
                              "value": json_format.MessageToDict(message)}))  # fmt: skip
    ours = sorted(m for m in sys.modules if m == "stint" or m.startswith(("stint.", "stint_")))
    print(json.dumps({"project_modules": ours}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1], sys.argv[2]))
