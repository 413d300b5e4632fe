"""Client verdicts on real traffic: the official SDK and hand-rolled clients against faults, then
GET /_mock/verdict. For each check, a client that passes it and one that fails it, with the journal entries
the verdict names checked against the journal."""

import json
import time
import uuid

import anthropic
import pytest

from conftest import MODEL, http

TOOL = {"name": "get_weather", "input_schema": {"type": "object", "properties": {"city": {"type": "string"}}}}
# Turn 1: thinking, then a tool call; turn 2 (the tool result is back): the answer.
TOOL_LOOP = """
scripts:
  - name: think-then-call
    match: {tool_result: false}
    reply:
      content:
        - {type: thinking, thinking: "The user wants the weather; I will call the tool.", signature: "sig-Eq0BCkgIARABGAIiQL"}
        - {type: tool_use, name: get_weather, input: {city: Paris}}
  - name: answer
    match: {tool_result: get_weather}
    reply: {text: "Sunny in Paris."}
"""


def new_session():
    return f"verdict-{uuid.uuid4().hex[:12]}"


def sdk(server, session, fault=None, **options):
    headers = {"x-mock-session": session}
    if fault:
        headers["x-mock-fault"] = fault
    options.setdefault("max_retries", 0)
    return anthropic.Anthropic(api_key="k", base_url=server.base_url(), default_headers=headers, **options)


def raw_post(server, session, body, fault=None):
    headers = {"content-type": "application/json", "x-api-key": "k", "x-mock-session": session}
    if fault:
        headers["x-mock-fault"] = fault
    status, _, _ = http("POST", f"{server.url}/inference/v1/messages", body, headers)
    return status


def verdict(server, session, **params):
    query = "&".join(f"{key}={value}" for key, value in {"session": session, **params}.items())
    status, _, body = http("GET", f"{server.url}/_mock/verdict?{query}")
    assert status == 200, body
    return json.loads(body)


def check(result, name):
    return next(c for c in result["checks"] if c["name"] == name)


def journal_ids(server, session):
    _, _, body = http("GET", f"{server.url}/_mock/journal?session={session}")
    return [entry["id"] for entry in json.loads(body)["entries"]]


def add_scripts(server, session, yaml):
    status, _, body = http("POST", f"{server.url}/_mock/scripts", yaml.encode(), {"x-mock-session": session})
    assert status == 201, body


def ask(text):
    return {"model": MODEL, "max_tokens": 64, "messages": [{"role": "user", "content": text}]}


# --- 1. Retry-After honoured, 2. retries bounded, 3. no retry of the unretryable ---


def test_sdk_default_retries_pass_the_retry_checks(server):
    session = new_session()
    # Twice a 429 asking for one second, then the answer: the SDK's default retries wait and succeed.
    with sdk(server, session, fault="error;status=429;retry-after=1;times=2", max_retries=2) as client:
        reply = client.messages.create(**ask("patience"))
    assert reply.content[0].text == "patience"
    result = verdict(server, session)
    assert result["ok"], result
    honoured = check(result, "retry_after_honoured")
    assert honoured["status"] == "pass"
    assert [e["entries"] for e in honoured["evidence"]] == [journal_ids(server, session)[0:2], journal_ids(server, session)[1:3]]
    assert all(e["waited_ms"] >= e["advised_ms"] - 50 for e in honoured["evidence"])
    assert check(result, "retries_bounded")["status"] == "pass"
    assert check(result, "no_retry_of_unretryable")["status"] == "not_applicable"


def test_sdk_backs_off_without_advice(server):
    session = new_session()
    with sdk(server, session, fault="error;status=500;times=2", max_retries=2) as client:
        assert client.messages.create(**ask("again")).content[0].text == "again"
    bounded = check(verdict(server, session), "retries_bounded")
    assert bounded["status"] == "pass", bounded
    assert bounded["evidence"][0]["retries"] == 2


def test_client_that_ignores_retry_after_fails_naming_both_requests(server):
    session = new_session()
    assert raw_post(server, session, ask("now"), fault="error;status=429;retry-after=2") == 429
    assert raw_post(server, session, ask("now")) == 200
    result = verdict(server, session)
    assert not result["ok"]
    honoured = check(result, "retry_after_honoured")
    assert honoured["status"] == "fail"
    assert honoured["evidence"][0]["entries"] == journal_ids(server, session)
    assert honoured["evidence"][0]["advised_ms"] == 2000
    assert honoured["evidence"][0]["waited_ms"] < 2000


def test_client_that_resends_a_400_fails(server):
    session = new_session()
    bad = {"model": MODEL, "messages": [{"role": "user", "content": "no max_tokens"}], "temperature": "hot"}
    assert raw_post(server, session, bad) == 400
    time.sleep(0.3)
    assert raw_post(server, session, bad) == 400
    unretryable = check(verdict(server, session), "no_retry_of_unretryable")
    assert unretryable["status"] == "fail"
    assert unretryable["evidence"][0]["entries"] == journal_ids(server, session)
    # The SDK does not resend it.
    other = new_session()
    with sdk(server, other, max_retries=2) as client:
        with pytest.raises(anthropic.BadRequestError):
            client.messages.create(model=MODEL, max_tokens=16, messages=[{"role": "user", "content": "x"}], extra_body={"temperature": "hot"})
    assert check(verdict(server, other), "no_retry_of_unretryable")["status"] == "pass"


# --- 4. A truncated stream is not kept ---


def stream_turn(client, messages):
    with client.messages.stream(model=MODEL, max_tokens=64, messages=messages) as stream:
        return stream.get_final_message()


def test_client_that_keeps_a_cut_stream_fails_and_one_that_retries_passes(server):
    story = "tell me a long story about a mock server"
    for careful in (False, True):
        session = new_session()
        # The first stream ends cleanly after 5 events, without message_stop: the SDK gives a partial message.
        with sdk(server, session, fault="cut;after=5;times=1") as client:
            messages = [{"role": "user", "content": story}]
            first = stream_turn(client, messages)
            assert first.stop_reason is None
            if careful:
                first = stream_turn(client, messages)
                assert first.stop_reason == "end_turn"
            messages += [{"role": "assistant", "content": first.content[0].text}, {"role": "user", "content": "go on"}]
            stream_turn(client, messages)
        kept = check(verdict(server, session), "truncated_stream_not_accepted")
        if careful:
            assert kept["status"] == "pass", kept
        else:
            assert kept["status"] == "fail", kept
            assert kept["evidence"][0]["entries"] == journal_ids(server, session)[0:2]
            assert "unfinished stream back as a finished assistant turn" in kept["explanation"]


# --- 5. History intact, 6. every tool call answered (with thinking and a tool loop) ---


def tool_loop(client, mangle=lambda blocks: blocks, result_id=None):
    messages = [{"role": "user", "content": "Weather in Paris?"}]
    first = client.messages.create(model=MODEL, max_tokens=256, tools=[TOOL], messages=messages)
    assert [b.type for b in first.content] == ["thinking", "tool_use"]
    call = first.content[1]
    blocks = mangle([b.model_dump(exclude_none=True) for b in first.content])
    messages += [
        {"role": "assistant", "content": blocks},
        {"role": "user", "content": [{"type": "tool_result", "tool_use_id": result_id or call.id, "content": "sunny"}]},
    ]
    return client.messages.create(model=MODEL, max_tokens=256, tools=[TOOL], messages=messages)


def test_tool_loop_sent_back_intact_passes(server):
    session = new_session()
    add_scripts(server, session, TOOL_LOOP)
    with sdk(server, session) as client:
        assert tool_loop(client).content[0].text == "Sunny in Paris."
    result = verdict(server, session)
    assert result["ok"], result
    assert check(result, "history_intact")["status"] == "pass"
    assert check(result, "tool_calls_answered")["status"] == "pass"


def test_client_that_changes_the_thinking_signature_fails(server):
    session = new_session()
    add_scripts(server, session, TOOL_LOOP)

    def resign(blocks):
        blocks[0]["signature"] = "sig-rewritten"
        return blocks

    with sdk(server, session) as client:
        tool_loop(client, mangle=resign)
    history = check(verdict(server, session), "history_intact")
    assert history["status"] == "fail"
    assert history["evidence"][0]["entries"] == journal_ids(server, session)
    assert 'messages[1].content[0].signature: sent "sig-Eq0BCkgIARABGAIiQL", got "sig-rewritten"' in history["explanation"]


def test_client_that_drops_the_thinking_block_in_a_tool_loop_fails(server):
    session = new_session()
    add_scripts(server, session, TOOL_LOOP)
    with sdk(server, session) as client:
        tool_loop(client, mangle=lambda blocks: blocks[1:])
    history = check(verdict(server, session), "history_intact")
    assert history["status"] == "fail"
    assert "the thinking block sent is missing" in history["explanation"]


def test_client_that_answers_a_tool_call_with_a_wrong_id_fails(server):
    session = new_session()
    add_scripts(server, session, TOOL_LOOP)
    with sdk(server, session) as client:
        tool_loop(client, result_id="toolu_made_up")
    tools = check(verdict(server, session), "tool_calls_answered")
    assert tools["status"] == "fail"
    assert "a tool_result for toolu_made_up, which entry" in tools["explanation"]


def test_sdk_tool_loop_with_thinking_over_a_mid_stream_error_passes(server):
    session = new_session()
    add_scripts(server, session, TOOL_LOOP)
    # The first stream breaks with an overloaded_error event; the application retries that turn, then loops.
    # (An application that retries at once is caught by retries_bounded.)
    with sdk(server, session, fault="mid-stream-error;after=4;type=overloaded_error;times=1") as client:
        messages = [{"role": "user", "content": "Weather in Paris?"}]
        with pytest.raises(anthropic.APIStatusError):
            with client.messages.stream(model=MODEL, max_tokens=256, tools=[TOOL], messages=messages) as stream:
                stream.get_final_message()
        # A careful application backs off before trying an overloaded turn again, as the SDK does for its retries.
        time.sleep(0.5)
        with client.messages.stream(model=MODEL, max_tokens=256, tools=[TOOL], messages=messages) as stream:
            first = stream.get_final_message()
        call = first.content[1]
        messages += [
            {"role": "assistant", "content": [b.model_dump(exclude_none=True) for b in first.content]},
            {"role": "user", "content": [{"type": "tool_result", "tool_use_id": call.id, "content": "sunny"}]},
        ]
        with client.messages.stream(model=MODEL, max_tokens=256, tools=[TOOL], messages=messages) as stream:
            assert stream.get_final_text() == "Sunny in Paris."
    result = verdict(server, session)
    assert result["ok"], json.dumps(result, indent=1)
    assert {c["name"]: c["status"] for c in result["checks"]} == {
        "retry_after_honoured": "not_applicable",
        "retries_bounded": "pass",
        "no_retry_of_unretryable": "not_applicable",
        "truncated_stream_not_accepted": "pass",
        "history_intact": "pass",
        "tool_calls_answered": "pass",
        "streams_consumed": "pass",
    }


# --- 7. Streams consumed; the report and its parameters ---


def test_client_that_abandons_a_stream_fails_unless_expected(server):
    session = new_session()
    with sdk(server, session) as client:
        long_text = "word " * 4000
        with client.messages.stream(model=MODEL, max_tokens=100000, messages=[{"role": "user", "content": long_text}],
                                    extra_headers={"x-mock-stream": "delay=5ms"}) as stream:
            for _ in zip(range(3), stream.text_stream):
                pass
    # The mock sees the client leave at its next write.
    deadline = time.monotonic() + 10
    while check(verdict(server, session), "streams_consumed")["status"] != "fail" and time.monotonic() < deadline:
        time.sleep(0.1)
    assert check(verdict(server, session), "streams_consumed")["status"] == "fail"
    assert check(verdict(server, session, expect_abandon="true"), "streams_consumed")["status"] == "not_applicable"


def test_text_report_and_bad_parameters(server):
    session = new_session()
    raw_post(server, session, ask("x"), fault="error;status=429;retry-after=3")
    raw_post(server, session, ask("x"))
    status, headers, body = http("GET", f"{server.url}/_mock/verdict?session={session}&format=text")
    assert status == 200
    assert headers["content-type"].startswith("text/plain")
    report = body.decode()
    assert report.startswith(f"Verdict for session '{session}': FAILED (1 of 7 checks failed; 2 requests)")
    assert "FAIL  retry_after_honoured" in report
    status, _, body = http("GET", f"{server.url}/_mock/verdict?session={session}&max_retries=lots")
    assert status == 400
    assert json.loads(body)["error"]["message"] == "max_retries: must be a whole number ≥ 0, not 'lots'"
