"""The runtime's gRPC server over a real connection: health follows the dependency
checks, identity arrives only when signed, domain errors map to status codes, for
unary calls and server streams alike."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc

from stint_runtime import identity
from stint_runtime.errors import InvalidArgument, NotFound
from stint_runtime.identity import Caller
from stint_runtime.rpc.client import open_channel
from stint_runtime.rpc.errors import field_errors_from
from stint_runtime.rpc.server import LIVENESS_SERVICE, GrpcServer
from tests.waiting import eventually

SECRET = "grpc-test-secret"


def _probe_service() -> grpc.GenericRpcHandler:
    async def who_am_i(request: bytes, context: Any) -> bytes:
        caller = identity.current_caller()
        return f"{caller.account_id}:{caller.role}".encode() if caller else b"anonymous"

    async def find(request: bytes, context: Any) -> bytes:
        raise NotFound("no such listing")

    async def validate(request: bytes, context: Any) -> bytes:
        raise InvalidArgument.one(("pay", "amount_cents"), "below the floor")

    async def crash(request: bytes, context: Any) -> bytes:
        raise RuntimeError("secret internals")

    async def count(request: bytes, context: Any) -> AsyncIterator[bytes]:
        caller = identity.current_caller()
        for number in range(3):
            yield f"{number}:{caller.account_id if caller else 'anonymous'}".encode()
        raise NotFound("nothing after three")

    def unary(fn: Any) -> grpc.RpcMethodHandler[bytes, bytes]:
        return grpc.unary_unary_rpc_method_handler(fn)

    return grpc.method_handlers_generic_handler(
        "stint.test.Probe",
        {
            "WhoAmI": unary(who_am_i),
            "Find": unary(find),
            "Validate": unary(validate),
            "Crash": unary(crash),
            "Count": grpc.unary_stream_rpc_method_handler(count),
        },
    )


@pytest.fixture
async def probe_server() -> Any:
    healthy = {"db": True}

    async def check() -> bool:
        return healthy["db"]

    server = GrpcServer(
        host="127.0.0.1",
        port=0,
        internal_secret=SECRET,
        service_names=["stint.test.Probe"],
        checks=[check],
        check_interval_s=0.1,
    )
    server.server.add_generic_rpc_handlers((_probe_service(),))
    port = await server.start()
    yield port, healthy
    await server.stop(0.5)


async def _call(channel: grpc.aio.Channel, method: str) -> bytes:
    fn: grpc.aio.UnaryUnaryMultiCallable[bytes, bytes] = channel.unary_unary(
        f"/stint.test.Probe/{method}"
    )
    result: bytes = await fn(b"")
    return result


async def test_health_follows_the_dependency_checks(probe_server: Any) -> None:
    port, healthy = probe_server
    async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
        stub = health_pb2_grpc.HealthStub(channel)
        request = health_pb2.HealthCheckRequest(service="stint.test.Probe")
        assert (await stub.Check(request)).status == health_pb2.HealthCheckResponse.SERVING
        healthy["db"] = False

        async def not_serving() -> bool:
            reply = await stub.Check(request)
            return bool(reply.status == health_pb2.HealthCheckResponse.NOT_SERVING)

        await eventually(not_serving, "health to turn NOT_SERVING after the check failed", 2.5)


async def test_signed_identity_reaches_the_handler(probe_server: Any) -> None:
    port, _ = probe_server
    async with open_channel(f"127.0.0.1:{port}", SECRET) as channel:
        identity.set_current_caller(Caller("acc-1", "student"))
        try:
            assert await _call(channel, "WhoAmI") == b"acc-1:student"
        finally:
            identity.set_current_caller(None)
        assert await _call(channel, "WhoAmI") == b"anonymous"
    async with open_channel(f"127.0.0.1:{port}", "forged-secret") as channel:
        identity.set_current_caller(Caller("acc-1", "employer", "org-1"))
        try:
            assert await _call(channel, "WhoAmI") == b"anonymous"
        finally:
            identity.set_current_caller(None)


async def test_domain_errors_become_status_codes_without_internals(probe_server: Any) -> None:
    port, _ = probe_server
    async with open_channel(f"127.0.0.1:{port}", SECRET) as channel:
        with pytest.raises(grpc.aio.AioRpcError) as not_found:
            await _call(channel, "Find")
        assert not_found.value.code() == grpc.StatusCode.NOT_FOUND
        with pytest.raises(grpc.aio.AioRpcError) as invalid:
            await _call(channel, "Validate")
        assert invalid.value.code() == grpc.StatusCode.INVALID_ARGUMENT
        errors = field_errors_from(invalid.value.trailing_metadata())  # type: ignore[arg-type]
        assert [e.loc for e in errors] == [("pay", "amount_cents")]
        with pytest.raises(grpc.aio.AioRpcError) as crashed:
            await _call(channel, "Crash")
        assert crashed.value.code() == grpc.StatusCode.INTERNAL
        assert "secret internals" not in (crashed.value.details() or "")


async def test_liveness_stays_serving_while_dependencies_are_down(probe_server: Any) -> None:
    port, healthy = probe_server
    healthy["db"] = False
    async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
        stub = health_pb2_grpc.HealthStub(channel)
        overall = health_pb2.HealthCheckRequest(service="")

        async def not_serving() -> bool:
            reply = await stub.Check(overall)
            return bool(reply.status == health_pb2.HealthCheckResponse.NOT_SERVING)

        await eventually(not_serving, "overall health to follow the failing check", 2.5)
        liveness = health_pb2.HealthCheckRequest(service=LIVENESS_SERVICE)
        assert (await stub.Check(liveness)).status == health_pb2.HealthCheckResponse.SERVING


async def test_a_server_stream_carries_identity_and_ends_with_its_status(
    probe_server: Any,
) -> None:
    port, _ = probe_server
    async with open_channel(f"127.0.0.1:{port}", SECRET) as channel:
        count: grpc.aio.UnaryStreamMultiCallable[bytes, bytes] = channel.unary_stream(
            "/stint.test.Probe/Count"
        )
        identity.set_current_caller(Caller("acc-7", "student"))
        try:
            call = count(b"")
            received = [item async for item in _until_status(call)]
        finally:
            identity.set_current_caller(None)
        assert received == [b"0:acc-7", b"1:acc-7", b"2:acc-7"]
        assert await call.code() == grpc.StatusCode.NOT_FOUND


async def _until_status(call: Any) -> AsyncIterator[bytes]:
    try:
        async for item in call:
            yield item
    except grpc.aio.AioRpcError:
        return
