from datetime import UTC, datetime, timedelta, timezone

from google.protobuf.timestamp_pb2 import Timestamp

from stint_runtime.timestamps import from_timestamp, to_timestamp

PARIS_SUMMER = timezone(timedelta(hours=2))


def test_a_moment_round_trips_as_the_same_instant_in_utc() -> None:
    moment = datetime(2031, 6, 1, 14, 30, 5, 123456, tzinfo=PARIS_SUMMER)
    back = from_timestamp(to_timestamp(moment))
    assert back == moment
    assert back.utcoffset() == timedelta(0)
    assert back.replace(tzinfo=None) == datetime(2031, 6, 1, 12, 30, 5, 123456)


def test_a_timestamp_is_the_utc_instant() -> None:
    stamp = to_timestamp(datetime(1970, 1, 2, 1, 0, tzinfo=timezone(timedelta(hours=1))))
    assert (stamp.seconds, stamp.nanos) == (86_400, 0)


def test_no_moment_leaves_the_field_unset() -> None:
    assert to_timestamp(None) is None


def test_a_naive_moment_is_taken_as_utc() -> None:
    naive = datetime(2031, 6, 1, 12, 0)
    assert from_timestamp(to_timestamp(naive)) == naive.replace(tzinfo=UTC)


def test_an_unset_timestamp_reads_as_the_epoch() -> None:
    assert from_timestamp(Timestamp()) == datetime(1970, 1, 1, tzinfo=UTC)
