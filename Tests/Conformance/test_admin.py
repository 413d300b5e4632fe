"""The admin API and journal, driven the way a test suite would: scripts added per session over HTTP, the SDK
sending through them, and the journal showing what the SDK really sent and received."""

import json
import os
import pathlib
import subprocess
import sys
import re
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor

import anthropic
import pytest

from conftest import MODEL, http, make_client


def admin(server, method, path, body=None, session=None, headers=None):
    """An admin call: (status, parsed JSON)."""
    sent = dict(headers or {})
    if session is not None:
        sent["x-mock-session"] = session
    if isinstance(body, str):
        body = body.encode()
    status, _, raw = http(method, f"{server.url}/_mock{path}", body, sent)
    return status, json.loads(raw)


def session_client(server, session):
    return make_client(server.base_url(), default_headers={"x-mock-session": session})


WEATHER_TOOL = {
    "name": "get_weather",
    "description": "Weather for a city",
    "input_schema": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
}


def run_session(server, name, barrier):
    """One test suite's life on a shared mock: its own scripts, its own sequence, its own journal."""
    session = f"{name}-{uuid.uuid4().hex[:8]}"
    script = {
        "name": "tool-loop",
        "match": {"tools": "get_weather"},
        "replies": [
            {"content": [{"type": "tool_use", "id": f"toolu_{name}", "name": "get_weather", "input": {"city": name}}],
             "stop_reason": "tool_use"},
            {"content": [{"type": "text", "text": f"It is sunny in {name}."}]},
        ],
    }
    status, added = admin(server, "POST", "/scripts", json.dumps(script), session=session,
                          headers={"content-type": "application/json"})
    assert status == 201, added
    barrier.wait(timeout=30)
    with session_client(server, session) as client:
        messages = [{"role": "user", "content": f"Weather in {name}?"}]
        first = client.messages.create(model=MODEL, max_tokens=256, system=f"You are {name}'s assistant.",
                                       tools=[WEATHER_TOOL], messages=messages)
        assert first.stop_reason == "tool_use"
        call = first.content[0]
        assert (call.id, call.input) == (f"toolu_{name}", {"city": name})
        messages += [{"role": "assistant", "content": first.content},
                     {"role": "user", "content": [{"type": "tool_result", "tool_use_id": call.id, "content": "sunny"}]}]
        with client.messages.stream(model=MODEL, max_tokens=256, tools=[WEATHER_TOOL], messages=messages) as stream:
            final = stream.get_final_message()
        assert final.content[0].text == f"It is sunny in {name}."
    barrier.wait(timeout=30)
    status, journal = admin(server, "GET", "/journal", session=session)
    assert status == 200
    return session, journal


def test_two_sessions_in_parallel_see_only_their_own_scripts_and_journal(server, still_serving):
    barrier = threading.Barrier(2)
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda name: run_session(server, name, barrier), ["paris", "oslo"]))
    for (session, journal), name in zip(results, ["paris", "oslo"]):
        entries = journal["entries"]
        assert [entry["session"] for entry in entries] == [session, session]
        assert [entry["answer"]["script"] for entry in entries] == ["tool-loop", "tool-loop"]
        assert all(entry["answer"]["scope"] == "session" for entry in entries)
        first, second = entries
        # What the SDK sent: system prompt, tools, the tool_result it passed back, and its headers.
        assert first["request"]["system"] == f"You are {name}'s assistant."
        assert first["request"]["tools"][0]["name"] == "get_weather"
        assert second["request"]["messages"][2]["content"][0] == {
            "type": "tool_result", "tool_use_id": f"toolu_{name}", "content": "sunny"}
        assert first["headers"]["authorization"] == "Bearer test-key"
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", first["headers"]["anthropic-version"])
        assert first["headers"]["user-agent"] == f"Anthropic/Python {anthropic.__version__}"
        assert second["request"]["stream"] is True
        assert second["response"]["events"][0] == "message_start"
        assert second["response"]["events"][-1] == "message_stop"
        assert second["connection"] == "keep-alive"
    # Each session's scripts are its own: the other session's list does not show them.
    for session, _ in results:
        _, listing = admin(server, "GET", "/scripts", session=session)
        runtime = [s for s in listing["scripts"] if s["added_at_run_time"]]
        assert [(s["name"], s["session"], s["matches"]) for s in runtime] == [("tool-loop", session, 2)]
        status, reset = admin(server, "POST", "/reset", session=session)
        assert (status, reset["reset"], reset["journal_entries_cleared"]) == (200, "session", 2)


def test_global_script_added_then_replaced_then_deleted(server, client, still_serving):
    session = f"g-{uuid.uuid4().hex[:8]}"
    yaml = (f"name: only-{session}\nmatch: {{last_user: {{contains: {session}}}}}\n"
            "reply: {content: [{type: text, text: first version}]}\n")
    assert admin(server, "POST", "/scripts", yaml)[0] == 201
    ask = lambda: client.messages.create(model=MODEL, max_tokens=64,
                                         messages=[{"role": "user", "content": f"hi {session}"}]).content[0].text
    assert ask() == "first version"
    status, replaced = admin(server, "PUT", f"/scripts/only-{session}", yaml.replace("first", "second"))
    assert (status, replaced["replaced"]) == (200, f"only-{session}")
    assert ask() == "second version"
    assert admin(server, "DELETE", f"/scripts/only-{session}")[0] == 200
    assert ask() == f"hi {session}"


def test_an_answers_request_id_finds_its_journal_entry(server, client):
    message = client.messages.create(model=MODEL, max_tokens=16, messages=[{"role": "user", "content": "find me"}])
    _, journal = admin(server, "GET", f"/journal?request_id={message._request_id}")
    (entry,) = journal["entries"]
    assert entry["request"]["messages"][0]["content"] == "find me"
    assert json.loads(entry["response"]["body"])["id"] == message.id


def test_every_answer_the_sdk_has_read_is_already_in_the_journal(server):
    # No polling: an answer is journaled before its last bytes leave, so the look right after each call sees it.
    session = f"order-{uuid.uuid4()}"
    client = session_client(server, session)
    missing = []
    for round in range(1, 101):
        if round % 2:
            client.messages.create(model=MODEL, max_tokens=16, messages=[{"role": "user", "content": f"r{round}"}])
        else:
            with client.messages.stream(model=MODEL, max_tokens=16, messages=[{"role": "user", "content": f"r{round}"}]) as stream:
                stream.get_final_message()
        _, journal = admin(server, "GET", "/journal", session=session)
        if len(journal["entries"]) != round:
            missing.append(round)
    assert missing == []


def test_bad_script_gets_the_loaders_message(server):
    status, body = admin(server, "POST", "/scripts", "name: x\nreply: {content: [{type: txt}]}")
    assert status == 400
    assert body["type"] == "error"
    assert body["error"]["message"].startswith("request body (YAML): script 'x': reply.content[0].type: unknown block type 'txt'")


def test_journal_shows_a_fault_the_sdk_saw(server, client, still_serving):
    session = f"f-{uuid.uuid4().hex[:8]}"
    with session_client(server, session) as sdk:
        with pytest.raises(anthropic.APIError):
            with sdk.messages.stream(model=MODEL, max_tokens=64, messages=[{"role": "user", "content": "x" * 40}],
                                     extra_headers={"x-mock-fault": "mid-stream-error;after=4;type=overloaded_error"}) as stream:
                stream.get_final_message()
    _, journal = admin(server, "GET", "/journal", session=session)
    (entry,) = journal["entries"]
    assert entry["fault"] == "mid-stream-error;after=4;type=overloaded_error"
    assert entry["fault_origin"] == "header"
    assert entry["response"]["events"] == ["message_start", "ping", "content_block_start", "content_block_delta", "error"]


def test_strict_mode_raises_not_found_naming_the_nearest_script(make_server):
    strict = make_server("--strict")
    with make_client(strict.base_url()) as sdk:
        with pytest.raises(anthropic.NotFoundError) as raised:
            sdk.messages.create(model=MODEL, max_tokens=16, messages=[{"role": "user", "content": "hello"}])
    message = raised.value.body["error"]["message"]
    assert message.startswith("No script matched this request (strict mode); nearest: ")
    assert "headers.x-mock-scenario: header not sent" in message
    _, journal = admin(strict, "GET", "/journal")
    assert journal["entries"][0]["near_misses"][0]["failed"] == ["headers.x-mock-scenario: header not sent"]


def test_admin_token_is_required_when_set(make_server):
    guarded = make_server("--admin-token", "s3cret")
    status, body = admin(guarded, "GET", "/journal")
    assert (status, body["error"]["type"]) == (401, "authentication_error")
    status, body = admin(guarded, "GET", "/journal", headers={"authorization": "Bearer s3cret"})
    assert (status, body["count"]) == (200, 0)


def test_journal_can_be_turned_off(make_server):
    off = make_server("--journal-size", "0")
    with make_client(off.base_url()) as sdk:
        sdk.messages.create(model=MODEL, max_tokens=16, messages=[{"role": "user", "content": "hello"}])
    _, journal = admin(off, "GET", "/journal")
    assert (journal["capacity"], journal["count"], journal["recorded"]) == (0, 0, 0)


def test_two_pytest_processes_share_one_mock_without_interference(server):
    """Two copies of a test suite run at once as separate pytest processes against the same mock."""
    suite = pathlib.Path(__file__).parent / "suites" / "session_suite.py"
    runs = [subprocess.Popen([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(suite)],
                             env={**os.environ, "MOCK_URL": server.url, "SUITE_NAME": name},
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
            for name in ("alpha", "beta")]
    outputs = [run.communicate(timeout=120)[0].decode() for run in runs]
    for run, output in zip(runs, outputs):
        assert run.returncode == 0, output
        assert "11 passed" in output, output
    # Each suite reset its sessions as it went: nothing of theirs is left in the journal.
    _, journal = admin(server, "GET", "/journal")
    assert not [e for e in journal["entries"] if e["session"].startswith(("alpha-", "beta-"))]
