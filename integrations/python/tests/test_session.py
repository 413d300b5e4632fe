"""The `mock_session` and `fireworks_mock` fixtures, used directly: clients, scripts, faults and the journal."""

from __future__ import annotations

import warnings

import anthropic
import pytest
from anthropic.types import ToolParam

from conftest import ASK, MODEL
from fireworks_mock import AdminError, FireworksMock, JournalEntry, MockSession, ScriptWarning

WEATHER = """
name: weather
match: {tools: get_weather}
replies:
  - content: [{type: tool_use, name: get_weather, input: {city: Paris}}]
  - text: "Sunny in Paris."
"""
TOOLS: list[ToolParam] = [{"name": "get_weather", "input_schema": {"type": "object"}}]


def test_a_session_script_answers_that_session_only(mock_session: MockSession, fireworks_mock: FireworksMock) -> None:
    assert mock_session.script(WEATHER) == ["weather"]
    reply = mock_session.client().messages.create(model=MODEL, max_tokens=64, tools=TOOLS, messages=ASK)
    call = reply.content[0]
    assert call.type == "tool_use" and (call.name, call.input) == ("get_weather", {"city": "Paris"})
    other = fireworks_mock.session()
    echoed = other.client().messages.create(model=MODEL, max_tokens=64, tools=TOOLS, messages=ASK)
    assert echoed.content[0].type == "text" and echoed.content[0].text == "Say hello"
    assert [entry.answer.kind for entry in other.journal()] == ["echo"]
    other.reset()


def test_a_script_may_be_a_dict_or_a_list(mock_session: MockSession) -> None:
    assert mock_session.script({"name": "one", "match": {"last_user": "one"}, "reply": {"text": "1"}}) == ["one"]
    assert mock_session.script([{"name": "two", "reply": {"text": "2"}}]) == ["two"]
    client = mock_session.client()
    for text, expected in [("one", "1"), ("anything", "2")]:
        reply = client.messages.create(model=MODEL, max_tokens=64, messages=[{"role": "user", "content": text}])
        assert reply.content[0].type == "text" and reply.content[0].text == expected


def test_a_bad_script_raises_with_every_problem(mock_session: MockSession) -> None:
    with pytest.raises(AdminError) as caught:
        mock_session.script("name: bad\nreply: {textt: hi}\n")
    assert caught.value.status == 400
    assert caught.value.message.splitlines() == [
        "request body (YAML): script 'bad': reply.textt: unknown field (known: content, text, stop_reason, "
        "stop_sequence, usage, fault, stream, or error, raw)",
        "request body (YAML): script 'bad': reply: a reply needs 'text', 'content', 'error' or 'raw'",
    ]


def test_the_servers_warnings_become_script_warnings(mock_session: MockSession) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        mock_session.script("name: first\nreply: {text: a}\n---\nname: second\nreply: {text: b}\n")
    assert [warning.category for warning in caught] == [ScriptWarning]
    assert "script 'second': can never match: script 'first'" in str(caught[0].message)


def test_a_fault_with_times_fails_the_first_requests_then_the_sdk_retries(mock_session: MockSession) -> None:
    mock_session.fault("error;status=529;retry-after-ms=10", times=2)
    reply = mock_session.client().messages.create(model=MODEL, max_tokens=64, messages=ASK)
    assert reply.content[0].type == "text" and reply.content[0].text == "Say hello"
    entries = mock_session.journal()
    assert [entry.response.status for entry in entries] == [529, 529, 200]
    assert [entry.fault_origin for entry in entries] == ["header", "header", None]
    assert entries[0].headers["x-mock-fault"] == "error;status=529;retry-after-ms=10;times=2"
    assert entries[0].response.json()["error"]["type"] == "overloaded_error"


def test_a_fault_reaches_clients_made_before_it_and_can_be_removed(mock_session: MockSession) -> None:
    client = mock_session.client(max_retries=0)
    mock_session.fault("error;status=429")
    with pytest.raises(anthropic.RateLimitError):
        client.messages.create(model=MODEL, max_tokens=64, messages=ASK)
    mock_session.fault(None)
    client.messages.create(model=MODEL, max_tokens=64, messages=ASK)
    assert [entry.response.status for entry in mock_session.journal()] == [429, 200]


def test_a_header_set_on_the_request_wins_over_the_sessions_fault(mock_session: MockSession) -> None:
    mock_session.fault("error;status=429")
    client = mock_session.client(max_retries=0)
    with pytest.raises(anthropic.InternalServerError):
        client.messages.create(
            model=MODEL, max_tokens=64, messages=ASK, extra_headers={"x-mock-fault": "error;status=500"}
        )


def test_times_is_given_once(mock_session: MockSession) -> None:
    with pytest.raises(ValueError, match="not both"):
        mock_session.fault("empty;times=1", times=2)


def test_a_stream_fault_is_journaled_with_its_writes(mock_session: MockSession) -> None:
    mock_session.fault("reset;after=3")
    client = mock_session.client(max_retries=0)
    with pytest.raises(Exception) as caught:
        with client.messages.stream(model=MODEL, max_tokens=64, messages=ASK) as stream:
            stream.get_final_message()
    assert type(caught.value).__module__ == "httpx2" and type(caught.value).__name__ == "ReadError"
    entry = mock_session.last_request()
    assert (entry.fault, entry.fault_origin, entry.connection) == ("reset;after=3", "header", "reset")
    assert entry.response.events == ("message_start", "ping", "content_block_start")
    assert entry.response.body is None and sum(write.bytes for write in entry.response.writes) == entry.response.bytes


def test_a_fault_that_cannot_apply_is_journaled_as_not_applied(mock_session: MockSession) -> None:
    mock_session.fault("reset;after=100")
    with mock_session.client().messages.stream(model=MODEL, max_tokens=64, messages=ASK) as stream:
        assert stream.get_final_message().stop_reason == "end_turn"
    entry = mock_session.last_request()
    assert (entry.fault, entry.fault_applied, entry.connection) == ("reset;after=100", False, "keep-alive")
    assert entry.fault_not_applied == "the stream ended after 8 events, before 'reset;after=100' could apply"
    mock_session.fault("reset;after=3")
    with pytest.raises(Exception):
        with mock_session.client(max_retries=0).messages.stream(model=MODEL, max_tokens=64, messages=ASK) as stream:
            stream.get_final_message()
    entry = mock_session.last_request()
    assert (entry.fault_applied, entry.fault_not_applied) == (True, None)


def test_the_journal_is_typed_and_filtered(mock_session: MockSession) -> None:
    mock_session.script({"name": "hi", "match": {"last_user": "hi"}, "reply": {"text": "Hello!"}})
    client = mock_session.client()
    first = client.messages.create(model=MODEL, max_tokens=64, messages=[{"role": "user", "content": "hi"}])
    client.messages.create(model=MODEL, max_tokens=64, messages=ASK)
    scripted, echoed = mock_session.journal()
    assert isinstance(scripted, JournalEntry) and scripted.id + 1 == echoed.id
    assert (scripted.answer.kind, scripted.answer.source, scripted.answer.script, scripted.answer.scope) == (
        "script", "script 'hi'", "hi", "session")
    assert scripted.request_id == first._request_id and scripted.session == mock_session.name
    assert (scripted.method, scripted.path, scripted.response.status) == ("POST", "/inference/v1/messages", 200)
    assert scripted.headers["x-mock-session"] == mock_session.name
    assert scripted.time.tzinfo is not None and scripted.duration_ms >= 0
    assert echoed.answer.kind == "echo" and echoed.near_misses[0].script == "hi"
    assert echoed.near_misses[0].failed == ("last_user: text does not satisfy contains 'hi'",)
    assert [entry.id for entry in mock_session.journal(answer="echo")] == [echoed.id]
    assert [entry.id for entry in mock_session.journal(script="hi")] == [scripted.id]
    assert [entry.id for entry in mock_session.journal(since=scripted.id)] == [echoed.id]
    assert mock_session.journal(request_id=first._request_id) == [scripted]
    assert mock_session.last_request().id == echoed.id


def test_last_request_of_a_silent_session_raises(mock_session: MockSession) -> None:
    with pytest.raises(LookupError, match="has sent no request"):
        mock_session.last_request()


def test_a_bad_journal_filter_is_refused(mock_session: MockSession) -> None:
    with pytest.raises(AdminError, match="unknown query parameter 'colour'"):
        mock_session.journal(colour="red")


def test_reset_forgets_scripts_counts_and_entries(mock_session: MockSession) -> None:
    mock_session.script({"name": "once", "times": 1, "reply": {"text": "scripted"}})
    mock_session.fault("error;status=500", times=1)
    client = mock_session.client(max_retries=0)
    with pytest.raises(anthropic.InternalServerError):
        client.messages.create(model=MODEL, max_tokens=64, messages=ASK)
    mock_session.reset()
    assert mock_session.journal() == []
    reply = client.messages.create(model=MODEL, max_tokens=64, messages=ASK)
    assert reply.content[0].type == "text" and reply.content[0].text == "Say hello"


@pytest.mark.anyio
async def test_the_async_client_is_in_the_session_and_follows_faults(mock_session: MockSession) -> None:
    mock_session.script({"name": "async", "reply": {"text": "awaited"}})
    client = mock_session.async_client(max_retries=0)
    mock_session.fault("error;status=503", times=1)
    with pytest.raises(anthropic.ServiceUnavailableError):
        await client.messages.create(model=MODEL, max_tokens=64, messages=ASK)
    reply = await client.messages.create(model=MODEL, max_tokens=64, messages=ASK)
    assert reply.content[0].type == "text" and reply.content[0].text == "awaited"
    await client.close()


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


def test_verdict_passes_the_sdks_retries_and_explains_a_client_that_hurries(mock_session: MockSession) -> None:
    mock_session.fault("error;status=429;retry-after=1", times=1)
    patient = mock_session.client(max_retries=2)
    assert patient.messages.create(model=MODEL, max_tokens=64, messages=ASK).content[0].type == "text"
    verdict = mock_session.verdict()
    assert verdict.ok, verdict.explain()
    assert verdict.check("retry_after_honoured").status == "pass"

    mock_session.reset()
    mock_session.fault("error;status=429;retry-after=2", times=1)
    hasty = mock_session.client(max_retries=0)
    with pytest.raises(anthropic.RateLimitError):
        hasty.messages.create(model=MODEL, max_tokens=64, messages=ASK)
    hasty.messages.create(model=MODEL, max_tokens=64, messages=ASK)
    verdict = mock_session.verdict()
    assert not verdict.ok
    failed = verdict.check("retry_after_honoured")
    assert failed.status == "fail" and failed.evidence[0].values["advised_ms"] == 2000
    assert [entry.id for entry in mock_session.journal()] == list(failed.evidence[0].entries)
    assert "retry_after_honoured: A retry came sooner than retry-after asked" in verdict.explain()
    assert mock_session.verdict(retry_after_tolerance_ms=5000).ok
