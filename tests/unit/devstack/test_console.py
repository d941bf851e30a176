import json

from stint_devstack.banner import hide_password
from stint_devstack.console import condense


def test_a_json_record_becomes_one_short_line_with_its_extra_fields() -> None:
    record = {
        "ts": "2025-01-01T00:00:00+00:00",
        "level": "info",
        "service": "listing",
        "logger": "stint_runtime.service",
        "msg": "service started",
        "grpc_port": 50051,
        "trace_id": "ab" * 16,
    }
    assert condense(json.dumps(record)) == ["info    service started  grpc_port=50051"]


def test_a_traceback_in_a_record_follows_its_line() -> None:
    record = {"level": "error", "msg": "boom", "exc": "Traceback\n  File x\nValueError: y"}
    assert condense(json.dumps(record)) == [
        "error   boom",
        "Traceback",
        "  File x",
        "ValueError: y",
    ]


def test_other_output_is_shown_unchanged() -> None:
    assert condense("INFO:     Uvicorn running") == ["INFO:     Uvicorn running"]
    assert condense('["a list"]') == ['["a list"]']


def test_passwords_are_hidden_from_shown_dsns() -> None:
    assert (
        hide_password("postgresql://admin:s3cret@db:5432/x") == "postgresql://admin:***@db:5432/x"
    )
    assert hide_password("postgresql://postgres@/postgres?host=/s") == (
        "postgresql://postgres@/postgres?host=/s"
    )
