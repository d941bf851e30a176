"""``python -m stint_runtime.rpc.probe``: exits 0 when the service on this machine
answers the standard gRPC health check SERVING (a container's HEALTHCHECK). The port is
``--port``, or ``STINT_GRPC_PORT``; ``--service`` names the service to ask about (the
server's overall health by default)."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc

__all__ = ["main", "serving"]


def serving(port: int, service: str = "", timeout_s: float = 3.0) -> bool:
    with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
        stub = health_pb2_grpc.HealthStub(channel)
        try:
            reply = stub.Check(health_pb2.HealthCheckRequest(service=service), timeout=timeout_s)
        except grpc.RpcError:
            return False
    return bool(reply.status == health_pb2.HealthCheckResponse.SERVING)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m stint_runtime.rpc.probe", description=__doc__)
    parser.add_argument("--port", type=int, default=int(os.environ.get("STINT_GRPC_PORT", "0")))
    parser.add_argument("--service", default="")
    args = parser.parse_args(argv)
    if not args.port:
        print("no port: pass --port or set STINT_GRPC_PORT", file=sys.stderr)
        return 2
    return 0 if serving(args.port, args.service) else 1


if __name__ == "__main__":
    raise SystemExit(main())
