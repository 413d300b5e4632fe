"""What the official SDK does with each fault (x-mock-fault header) and stream shape (x-mock-stream)."""

import json

import anthropic
import httpx2
import pytest

from conftest import MODEL

REQUEST = dict(model=MODEL, max_tokens=64, messages=[{"role": "user", "content": "Say hello world"}])


def client_with(server, fault=None, shape=None, session=None, retries=0, timeout=10.0):
    headers = {"x-mock-session": session or f"faults-{fault}-{shape}"}
    if fault:
        headers["x-mock-fault"] = fault
    if shape:
        headers["x-mock-stream"] = shape
    return anthropic.Anthropic(
        api_key="k", base_url=f"{server.url}/inference", max_retries=retries, timeout=timeout, default_headers=headers
    )


def stream_events(client):
    return [event.type for event in client.messages.create(stream=True, **REQUEST)]


def final_message(client):
    with client.messages.stream(**REQUEST) as stream:
        return stream.get_final_message()


@pytest.mark.parametrize(
    "status, exception",
    [
        (400, anthropic.BadRequestError),
        (401, anthropic.AuthenticationError),
        (403, anthropic.PermissionDeniedError),
        (413, anthropic.RequestTooLargeError),
        (429, anthropic.RateLimitError),
        (500, anthropic.InternalServerError),
        (503, anthropic.ServiceUnavailableError),
        (504, anthropic.GatewayTimeoutError),
        (529, anthropic.OverloadedError),
    ],
)
def test_http_errors_map_to_sdk_exceptions(server, status, exception):
    with pytest.raises(exception) as caught:
        final_message(client_with(server, f"error;status={status}"))
    assert caught.value.status_code == status
    assert caught.value.body["type"] == "error"


def test_fail_twice_then_succeed_exercises_retries(server):
    client = client_with(server, "error;status=429;retry-after-ms=10;times=2", session="twice", retries=2)
    assert final_message(client).content[0].text == "Say hello world"
    # The session's two failures are spent: without retries the next request succeeds at once.
    assert client_with(server, "error;status=429;retry-after-ms=10;times=2", session="twice").messages.create(**REQUEST)


def test_x_should_retry_false_stops_retries(server):
    client = client_with(server, "error;status=503;x-should-retry=false;times=1", session="no-retry", retries=2)
    with pytest.raises(anthropic.ServiceUnavailableError):
        client.messages.create(**REQUEST)


def test_mid_stream_error_is_an_api_status_error_with_status_200(server):
    with pytest.raises(anthropic.APIStatusError) as caught:
        final_message(client_with(server, "mid-stream-error;after=4"))
    assert caught.value.status_code == 200
    assert caught.value.body["error"]["type"] == "overloaded_error"


def test_cut_with_terminator_ends_quietly(server):
    client = client_with(server, "cut;after=4")
    assert stream_events(client) == ["message_start", "content_block_start", "content_block_delta"]
    message = final_message(client)
    assert message.content[0].text == "Say hell"
    assert message.stop_reason is None


def test_cut_without_terminator_is_a_protocol_error(server):
    with pytest.raises(httpx2.RemoteProtocolError):
        final_message(client_with(server, "cut;after=4;terminator=false"))
    with pytest.raises(httpx2.RemoteProtocolError):
        stream_events(client_with(server, "cut;after-bytes=300;terminator=false"))


def test_cut_inside_the_first_event_leaves_no_message(server):
    assert stream_events(client_with(server, "cut;after-bytes=300")) == []
    with pytest.raises(AssertionError):
        final_message(client_with(server, "cut;after-bytes=300"))


def test_reset_is_a_read_error(server):
    with pytest.raises(httpx2.ReadError):
        final_message(client_with(server, "reset;after=4"))
    with pytest.raises(anthropic.APIConnectionError):
        client_with(server, "reset").messages.create(**REQUEST)


def test_empty_reply_is_a_connection_error(server):
    with pytest.raises(anthropic.APIConnectionError):
        final_message(client_with(server, "empty"))


def test_stall_hits_the_client_timeout(server):
    with pytest.raises(httpx2.ReadTimeout):
        final_message(client_with(server, "stall;after=4", timeout=1.0))
    with pytest.raises(anthropic.APITimeoutError):
        client_with(server, "stall;after=0", timeout=1.0).messages.create(**REQUEST)


def test_short_stall_is_survived(server):
    assert final_message(client_with(server, "stall;after=3;for=200ms")).content[0].text == "Say hello world"


@pytest.mark.parametrize(
    "kind, error",
    [
        ("invalid-json", json.JSONDecodeError),
        ("missing-blank-line", json.JSONDecodeError),
        ("bad-chunk-size", httpx2.RemoteProtocolError),
        ("garbage", httpx2.RemoteProtocolError),
    ],
)
def test_malformed_streams(server, kind, error):
    with pytest.raises(error):
        final_message(client_with(server, f"malformed;kind={kind};at=3"))


def test_missing_and_duplicated_message_delta(server):
    missing = final_message(client_with(server, "no-message-delta"))
    assert missing.stop_reason is None
    assert missing.usage.output_tokens == 0
    duplicated = final_message(client_with(server, "duplicate-message-delta"))
    assert duplicated.stop_reason == "end_turn"
    assert duplicated.usage.output_tokens == 5


def test_unknown_index_breaks_the_accumulator(server):
    assert stream_events(client_with(server, "unknown-index")).count("content_block_delta") == 3
    with pytest.raises(IndexError):
        final_message(client_with(server, "unknown-index"))


@pytest.mark.parametrize(
    "shape",
    [
        "delay=5ms;ttft=20ms;jitter=0.5",
        "ping=5ms;delay=20ms",
        "chunk=words:1",
        "events-per-write=4",
        "split",
        "drip",
        "crlf",
        "comments",
        "multiline",
        "unknown-events",
        "crlf;comments;multiline;unknown-events;split",
    ],
)
def test_stream_shapes_are_read_transparently(server, shape):
    message = final_message(client_with(server, shape=shape))
    assert message.content[0].text == "Say hello world"
    assert message.usage.output_tokens == 5
    assert message.stop_reason == "end_turn"


def test_bad_fault_header_is_a_bad_request(server):
    with pytest.raises(anthropic.BadRequestError) as caught:
        client_with(server, "explode").messages.create(**REQUEST)
    assert "x-mock-fault: unknown fault 'explode'" in caught.value.body["error"]["message"]


def test_server_wide_fault_flag(make_server):
    mock = make_server("--fault", "error;status=529;times=1")
    client = anthropic.Anthropic(api_key="k", base_url=f"{mock.url}/inference", max_retries=0)
    with pytest.raises(anthropic.OverloadedError):
        client.messages.create(**REQUEST)
    assert client.messages.create(**REQUEST).content[0].text == "Say hello world"


def test_script_reply_with_a_fault_and_a_shape(server):
    headers = {"x-mock-scenario": "flaky", "x-mock-session": "flaky-test"}
    client = anthropic.Anthropic(api_key="k", base_url=f"{server.url}/inference", max_retries=0, default_headers=headers)
    with pytest.raises(anthropic.APIStatusError) as caught:
        final_message(client)
    assert caught.value.body["error"]["type"] == "overloaded_error"
    assert final_message(client).content[0].text == "This one does."


def test_rate_limit_answers_429_with_retry_after(make_server):
    mock = make_server("--rate-limit", "2/s")
    client = anthropic.Anthropic(api_key="k", base_url=f"{mock.url}/inference", max_retries=0)
    client.messages.create(**REQUEST)
    client.messages.create(**REQUEST)
    with pytest.raises(anthropic.RateLimitError) as caught:
        client.messages.create(**REQUEST)
    assert caught.value.response.headers["retry-after"] == "1"
    assert caught.value.response.headers["x-ratelimit-limit-requests"] == "2"
    assert caught.value.body["error"]["message"] == "Rate limit exceeded: 2 requests per second"
