from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

import pytest

from stint_runtime.dlq import DeadLetter, dead_letter_headers, dlq_name, original_headers
from stint_runtime.dlq.cli import main


@dataclass
class Record:
    topic: str = "stint.listing.v1"
    partition: int = 1
    offset: int = 7
    timestamp: int = 0
    key: bytes | None = b"lst-1"
    value: bytes | None = b"payload"
    headers: list[tuple[str, bytes]] = field(default_factory=list)


def test_a_dead_letter_keeps_the_original_headers_and_says_why() -> None:
    record = Record(headers=[("event_id", b"e-1"), ("dlq_error", b"an older failure")])
    headers = dead_letter_headers(
        record, KeyError("listing"), "matching-listing", datetime(2024, 5, 1, tzinfo=UTC)
    )
    assert headers == [
        ("event_id", b"e-1"),
        ("dlq_error", b"'listing'"),
        ("dlq_error_type", b"KeyError"),
        ("dlq_original_topic", b"stint.listing.v1"),
        ("dlq_original_partition", b"1"),
        ("dlq_original_offset", b"7"),
        ("dlq_consumer", b"matching-listing"),
        ("dlq_failed_at", b"2024-05-01T00:00:00.000000Z"),
    ]
    assert original_headers(headers) == [("event_id", b"e-1")]


def test_an_error_without_a_message_is_named_by_its_type() -> None:
    (error,) = [
        v for k, v in dead_letter_headers(Record(), RuntimeError(), "c") if k == "dlq_error"
    ]
    assert error == b"RuntimeError"


def test_a_dead_letter_lists_as_one_line() -> None:
    letter = DeadLetter(
        topic="stint.listing.v1.dlq",
        partition=0,
        offset=3,
        key=b"lst-1",
        value=b"",
        headers=tuple(
            dead_letter_headers(
                Record(headers=[("event_id", b"e-1"), ("event_type", b"stint.listing.v1.X")]),
                ValueError("bad\nthing"),
                "matching",
                datetime(2024, 5, 1, tzinfo=UTC),
            )
        ),
    )
    assert letter.line() == (
        "0:3  e-1  stint.listing.v1.X  stint.listing.v1/1@7  matching  "
        "2024-05-01T00:00:00.000000Z  ValueError: bad thing"
    )
    assert letter.original_topic == "stint.listing.v1"
    assert letter.event_id == "e-1"


def test_the_original_topic_defaults_to_the_dlq_name_without_suffix() -> None:
    letter = DeadLetter("stint.listing.v1.dlq", 0, 0, None, None, ())
    assert letter.original_topic == "stint.listing.v1"
    assert (
        dlq_name("stint.listing.v1") == dlq_name("stint.listing.v1.dlq") == "stint.listing.v1.dlq"
    )


def test_the_cli_needs_a_broker(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("STINT_KAFKA_BOOTSTRAP_SERVERS", raising=False)
    assert main(["list", "--topic", "stint.listing.v1"]) == 2


def test_replay_needs_event_ids_or_all() -> None:
    with pytest.raises(SystemExit):
        main(["replay", "--topic", "t", "--bootstrap", "x:1"])
