"""Regenerate the Python contracts (messages, gRPC stubs, .pyi) from protos/, and the
published descriptor set protos/stint.binpb: a FileDescriptorSet of every contract with
its imports, with which a consumer in any language decodes any event by its
``event_type`` header.

python scripts/gen_protos.py            # write services/contracts and protos/stint.binpb
python scripts/gen_protos.py --check    # exit 1 when the committed ones are stale
python scripts/gen_protos.py --publish  # make the contracts as they are the published ones

``--publish`` writes protos/published/stint-v1.binpb (a buf image), against which
``buf breaking`` checks every later change: run it when a release publishes contracts.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from grpc_tools import protoc

ROOT = Path(__file__).resolve().parent.parent
PROTOS = ROOT / "protos"
OUT = ROOT / "services" / "contracts"
DESCRIPTORS = PROTOS / "stint.binpb"
PUBLISHED = PROTOS / "published" / "stint-v1.binpb"
GENERATED_SUFFIXES = ("_pb2.py", "_pb2.pyi", "_pb2_grpc.py", "_pb2_grpc.pyi")


def generate(into: Path, descriptors: Path) -> None:
    # protoc finds the mypy-protobuf plugins on PATH, next to this interpreter.
    bindir = str(Path(sys.executable).parent)
    os.environ["PATH"] = bindir + os.pathsep + os.environ.get("PATH", "")
    proto_files = sorted(str(p.relative_to(PROTOS)) for p in PROTOS.rglob("*.proto"))
    include = Path(protoc.__file__).parent / "_proto"
    args = [
        "protoc",
        f"-I{PROTOS}",
        f"-I{include}",
        f"--python_out={into}",
        f"--grpc_python_out={into}",
        f"--mypy_out={into}",
        f"--mypy_grpc_out={into}",
        f"--descriptor_set_out={descriptors}",
        "--include_imports",
        *proto_files,
    ]
    if protoc.main(args) != 0:
        raise SystemExit("protoc failed")
    for package in {p.parent for p in into.rglob("*.py")} | {into / "stint"}:
        while package != into:
            (package / "__init__.py").touch()
            (package / "py.typed").touch()
            package = package.parent


def generated_files(root: Path) -> set[Path]:
    return {
        p.relative_to(root)
        for p in root.rglob("*")
        if p.is_file()
        and (p.name.endswith(GENERATED_SUFFIXES) or p.name in {"__init__.py", "py.typed"})
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="fail when generated code is stale")
    parser.add_argument("--publish", action="store_true", help="refresh the published baseline")
    ns = parser.parse_args()
    if ns.publish:
        buf = ROOT / ".stint" / "tools" / "node_modules" / ".bin" / "buf"
        PUBLISHED.parent.mkdir(parents=True, exist_ok=True)
        built = subprocess.run(
            [str(buf), "build", "--exclude-source-info", "-o", str(PUBLISHED)], cwd=ROOT
        )
        print(f"wrote {PUBLISHED.relative_to(ROOT)}")
        return built.returncode
    if not ns.check:
        shutil.rmtree(OUT / "stint", ignore_errors=True)
        OUT.mkdir(parents=True, exist_ok=True)
        generate(OUT, DESCRIPTORS)
        print(f"generated {len(generated_files(OUT))} files under {OUT.relative_to(ROOT)}")
        print(f"wrote {DESCRIPTORS.relative_to(ROOT)}")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "contracts"
        fresh.mkdir()
        descriptors = Path(tmp) / DESCRIPTORS.name
        generate(fresh, descriptors)
        want, have = generated_files(fresh), generated_files(OUT)
        stale = sorted(str(p) for p in want ^ have)
        stale += sorted(
            str(p) for p in want & have if not filecmp.cmp(fresh / p, OUT / p, shallow=False)
        )
        if not DESCRIPTORS.exists() or not filecmp.cmp(descriptors, DESCRIPTORS, shallow=False):
            stale.append(str(DESCRIPTORS.relative_to(ROOT)))
    if stale:
        print("generated contracts are stale; run: python scripts/gen_protos.py", file=sys.stderr)
        for path in stale:
            print(f"  {path}", file=sys.stderr)
        return 1
    print("generated contracts are up to date")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
