"""The bytes under the SDK: SSE framing the SDK depends on, and the Fireworks-specific fields and headers."""

import json

import httpx2

from conftest import MODEL, REQUEST_ID

BODY = {"model": MODEL, "max_tokens": 64, "messages": [{"role": "user", "content": "Say hello"}]}
HEADERS = {"x-api-key": "k", "content-type": "application/json"}


def parse_sse(text):
    """(event name, data) pairs; asserts every event is `event:` + `data:` lines closed by a blank line."""
    assert text.endswith("\n\n"), "the last event must be closed by a blank line or the SDK drops it"
    events = []
    for block in text[:-2].split("\n\n"):
        lines = block.split("\n")
        assert len(lines) == 2 and lines[0].startswith("event: ") and lines[1].startswith("data: "), block
        name, data = lines[0][len("event: ") :], json.loads(lines[1][len("data: ") :])
        assert data["type"] == name
        events.append((name, data))
    return events


def test_stream_framing_and_fireworks_usage(server):
    with httpx2.Client(timeout=30) as http:
        with http.stream(
            "POST", f"{server.url}/inference/v1/messages", json={**BODY, "stream": True}, headers=HEADERS
        ) as response:
            assert response.status_code == 200
            assert response.headers["content-type"].startswith("text/event-stream")
            assert REQUEST_ID.fullmatch(response.headers["request-id"])
            text = response.read().decode()
    events = parse_sse(text)
    names = [name for name, _ in events]
    assert names == [
        "message_start",
        "ping",
        "content_block_start",
        "content_block_delta",
        "content_block_delta",
        "content_block_stop",
        "message_delta",
        "message_stop",
    ]
    usage = events[0][1]["message"]["usage"]
    assert usage == {
        "input_tokens": 0,
        "output_tokens": 0,
        "cache_creation_input_tokens": 0,
        "cache_read_input_tokens": 0,
        "cache_creation": None,
        "service_tier": None,
        "inference_geo": None,
    }
    assert events[2][1]["content_block"] == {"type": "text", "text": ""}
    final = events[6][1]
    assert final["delta"] == {"stop_reason": "end_turn", "stop_sequence": None}
    assert final["usage"] == {
        "input_tokens": 6,
        "output_tokens": 3,
        "cache_creation_input_tokens": 0,
        "cache_read_input_tokens": 0,
    }


def test_non_stream_body_and_prompt_headers(server):
    with httpx2.Client(timeout=30) as http:
        response = http.post(f"{server.url}/inference/v1/messages", json=BODY, headers=HEADERS)
    assert response.status_code == 200
    assert response.headers["fireworks-prompt-tokens"] == "6"
    assert response.headers["fireworks-cached-prompt-tokens"] == "0"
    body = response.json()
    assert body["content"] == [{"type": "text", "text": "Say hello", "citations": None}]
    assert (body["stop_reason"], body["stop_sequence"]) == ("end_turn", None)
    assert body["usage"]["input_tokens"] == 6 and body["usage"]["output_tokens"] == 3


def test_stream_false_and_bearer_auth(server):
    # Some clients always send `stream`, false included, and authenticate with a Bearer token.
    with httpx2.Client(timeout=30) as http:
        response = http.post(
            f"{server.url}/v1/messages",
            json={**BODY, "stream": False},
            headers={"authorization": "Bearer k", "anthropic-version": "2023-06-01"},
        )
    assert response.status_code == 200
    assert response.json()["content"][0]["text"] == "Say hello"


def test_head_and_health_routes(server):
    with httpx2.Client(timeout=10) as http:
        for path in ("/health", "/inference/health"):
            response = http.get(server.url + path)
            assert (response.status_code, response.json()) == (200, {"status": "ok"})
            assert REQUEST_ID.fullmatch(response.headers["request-id"])
            head = http.head(server.url + path)
            assert head.status_code == 200 and head.content == b""
