"""Record and replay as the official SDK sees it: a mock plays the upstream (over HTTP and over HTTPS with its
test CA), a second forwards to it with --upstream and records with --record, a third replays the recordings
with the upstream gone. The same answers, the recorded pacing, faults injected into a replay, no key on disk,
and the time to first byte passing through."""

import time

import anthropic
import pytest

from conftest import MODEL, MockServer
from test_tls import TLSServer

UPSTREAM_KEY = "fw_upstream_key_for_tests_0001"
CLIENT_KEY = "sk-client-key-for-tests-0002"

SCRIPTS = """
scripts:
  - name: paced
    match: {last_user: paced}
    reply:
      text: "A paced answer from the upstream."
      stream: "ttfb=500ms;delay=40ms"
  - name: tool
    match: {last_user: weather}
    reply:
      content:
        - {type: text, text: "Checking."}
        - {type: tool_use, name: get_weather, input: {city: Paris}}
  - name: think
    match: {last_user: think}
    reply:
      content:
        - {type: thinking, thinking: "Let me think about it."}
        - {type: text, text: "Thought it through."}
"""


def start_upstream(tmp_path, tls=False):
    """The upstream mock, the base URL to forward to, and its test CA (for HTTPS)."""
    scripts = tmp_path / "upstream"
    scripts.mkdir()
    (scripts / "scripts.yaml").write_text(SCRIPTS)
    flags = ("--responses", str(scripts), "--api-key", UPSTREAM_KEY)
    if tls:
        server = TLSServer(None, *flags, ca_file=str(tmp_path / "ca.pem"))
        return server.mock, server.base_url(), server.ca_file
    mock = MockServer(*flags)
    return mock, mock.base_url(), None


@pytest.fixture(params=["http", "https"])
def recorded(request, tmp_path, monkeypatch):
    """(what the client saw through the proxy, the recordings directory)."""
    monkeypatch.setenv("FIREWORKS_API_KEY", UPSTREAM_KEY)
    upstream, url, ca = start_upstream(tmp_path, tls=request.param == "https")
    recordings = tmp_path / "recordings"
    empty = tmp_path / "empty"
    empty.mkdir()
    args = ["--responses", str(empty), "--upstream", url, "--record", str(recordings)]
    if ca:
        args += ["--upstream-ca-file", ca]
    proxy = MockServer(*args)
    seen = {}
    try:
        client = anthropic.Anthropic(api_key=CLIENT_KEY, base_url=proxy.base_url(), max_retries=0, timeout=20)
        started = time.monotonic()
        with client.messages.stream(model=MODEL, max_tokens=64, messages=[{"role": "user", "content": "paced"}]) as stream:
            times = []
            for event in stream:
                times.append(time.monotonic() - started)
            seen["paced"] = stream.get_final_message()
        seen["paced_times"] = times
        seen["tool"] = client.messages.create(
            model=MODEL, max_tokens=64, tools=[{"name": "get_weather", "input_schema": {"type": "object"}}],
            messages=[{"role": "user", "content": "weather"}])
        with client.messages.stream(model=MODEL, max_tokens=2048, thinking={"type": "enabled", "budget_tokens": 1024},
                                    messages=[{"role": "user", "content": "think"}]) as stream:
            seen["think"] = stream.get_final_message()
    finally:
        assert proxy.stop()[0] == 0, proxy.stderr()[-2000:]
        upstream.stop()
    return seen, recordings


def test_the_upstream_answers_through_the_proxy_with_its_time_to_first_byte(recorded):
    seen, _ = recorded
    assert seen["paced"].content[0].text == "A paced answer from the upstream."
    # The upstream waited 500 ms before its head: the SDK's first event came no sooner, and the rest at its pace.
    assert seen["paced_times"][0] >= 0.5
    assert seen["paced_times"][-1] - seen["paced_times"][0] >= 0.04 * 5
    assert seen["tool"].content[1].input == {"city": "Paris"}
    assert seen["think"].content[0].type == "thinking"


def test_no_recording_holds_a_key(recorded):
    _, recordings = recorded
    files = list(recordings.iterdir())
    assert len([f for f in files if f.suffix == ".json"]) == 3
    for path in files:
        text = path.read_text()
        assert UPSTREAM_KEY not in text and CLIENT_KEY not in text, path.name


def test_the_recordings_replay_offline_with_their_pacing(recorded):
    seen, recordings = recorded
    replay = MockServer("--responses", str(recordings))
    try:
        client = anthropic.Anthropic(api_key="any-key", base_url=replay.base_url(), max_retries=0, timeout=20)
        started = time.monotonic()
        with client.messages.stream(model=MODEL, max_tokens=64, messages=[{"role": "user", "content": "paced"}]) as stream:
            first = None
            for _ in stream:
                first = first if first is not None else time.monotonic() - started
            message = stream.get_final_message()
        took = time.monotonic() - started
        assert message.content == seen["paced"].content
        assert message.id == seen["paced"].id
        assert first >= 0.5 and took >= 0.5 + 0.04 * 5
        tool = client.messages.create(
            model=MODEL, max_tokens=64, tools=[{"name": "get_weather", "input_schema": {"type": "object"}}],
            messages=[{"role": "user", "content": "weather"}])
        assert tool.content == seen["tool"].content and tool.id == seen["tool"].id
        with client.messages.stream(model=MODEL, max_tokens=2048, thinking={"type": "enabled", "budget_tokens": 1024},
                                    messages=[{"role": "user", "content": "think"}]) as stream:
            assert stream.get_final_message().content == seen["think"].content

        fast = anthropic.Anthropic(api_key="any-key", base_url=replay.base_url(), max_retries=0, timeout=20,
                                   default_headers={"x-mock-stream": "speed=0"})
        started = time.monotonic()
        with fast.messages.stream(model=MODEL, max_tokens=64, messages=[{"role": "user", "content": "paced"}]) as stream:
            assert stream.get_final_message().content == seen["paced"].content
        assert time.monotonic() - started < 0.5
    finally:
        assert replay.stop()[0] == 0


def test_a_fault_breaks_a_replay_where_asked(recorded):
    _, recordings = recorded
    replay = MockServer("--responses", str(recordings))
    try:
        client = anthropic.Anthropic(
            api_key="any-key", base_url=replay.base_url(), max_retries=0, timeout=20,
            default_headers={"x-mock-stream": "speed=0", "x-mock-fault": "mid-stream-error;after=4;type=overloaded_error"})
        with pytest.raises(anthropic.APIStatusError) as raised:
            with client.messages.stream(model=MODEL, max_tokens=64, messages=[{"role": "user", "content": "paced"}]) as stream:
                stream.get_final_message()
        assert raised.value.body["error"]["type"] == "overloaded_error"
    finally:
        assert replay.stop()[0] == 0


def test_an_upstream_whose_certificate_is_not_trusted_gets_a_502_naming_it(tmp_path, monkeypatch):
    monkeypatch.setenv("FIREWORKS_API_KEY", UPSTREAM_KEY)
    upstream, url, _ = start_upstream(tmp_path, tls=True)
    empty = tmp_path / "empty"
    empty.mkdir()
    # No --upstream-ca-file: the test CA is not trusted, so the handshake fails verification.
    proxy = MockServer("--responses", str(empty), "--upstream", url)
    try:
        client = anthropic.Anthropic(api_key=CLIENT_KEY, base_url=proxy.base_url(), max_retries=0, timeout=20)
        with pytest.raises(anthropic.APIStatusError) as raised:
            client.messages.create(model=MODEL, max_tokens=16, messages=[{"role": "user", "content": "paced"}])
        assert raised.value.status_code == 502
        assert raised.value.body["error"]["type"] == "api_error"
        message = raised.value.body["error"]["message"]
        assert url + "/v1/messages" in message and "TLS" in message, message
    finally:
        assert proxy.stop()[0] == 0
        upstream.stop()
