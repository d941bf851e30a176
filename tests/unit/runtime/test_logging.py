import json
import logging

from opentelemetry.sdk.trace import TracerProvider

from stint_runtime.logging import JsonFormatter


def test_log_lines_are_json_with_trace_ids_and_extras() -> None:
    formatter = JsonFormatter("listing")
    tracer = TracerProvider().get_tracer("t")
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "hello %s", ("world",), None)
    record.listing_id = "L1"
    with tracer.start_as_current_span("s") as span:
        line = json.loads(formatter.format(record))
    assert line["msg"] == "hello world"
    assert line["service"] == "listing"
    assert line["listing_id"] == "L1"
    assert line["trace_id"] == format(span.get_span_context().trace_id, "032x")
