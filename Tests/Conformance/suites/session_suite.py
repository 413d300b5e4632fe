"""A small test suite as an application's own tests would be written: each test gets its own mock session, sets
up scripts over the admin API, drives the SDK, asserts on the journal and resets. test_admin.py runs two copies
of it at once, as two pytest processes against one mock, the way parallel CI jobs share one service container.

Not collected on its own (the name does not start with test_); it needs MOCK_URL and SUITE_NAME."""

import json
import os
import time
import urllib.request
import uuid

import anthropic
import pytest

MOCK = os.environ["MOCK_URL"]
SUITE = os.environ["SUITE_NAME"]
MODEL = "accounts/fireworks/models/kimi-k2p5"


def admin(method, path, session, body=None):
    request = urllib.request.Request(f"{MOCK}/_mock{path}", data=body.encode() if body else None, method=method,
                                     headers={"x-mock-session": session})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


@pytest.fixture
def session():
    name = f"{SUITE}-{uuid.uuid4().hex[:8]}"
    yield name
    admin("POST", "/reset", name)


@pytest.fixture
def client(session):
    with anthropic.Anthropic(api_key="k", base_url=f"{MOCK}/inference", max_retries=0,
                             default_headers={"x-mock-session": session}) as sdk:
        yield sdk


def ask(client, text):
    return client.messages.create(model=MODEL, max_tokens=64, messages=[{"role": "user", "content": text}])


@pytest.mark.parametrize("round_", range(5))
def test_sequence_is_this_sessions_own(session, client, round_):
    admin("POST", "/scripts", session, f"name: counter\nreplies:\n"
          + "".join(f"  - content: [{{type: text, text: '{SUITE} {i}'}}]\n" for i in range(3)))
    answers = []
    for _ in range(3):
        answers.append(ask(client, "next").content[0].text)
        time.sleep(0.01)  # interleave with the other suite
    assert answers == [f"{SUITE} 0", f"{SUITE} 1", f"{SUITE} 2"]
    entries = admin("GET", "/journal", session)["entries"]
    assert [e["answer"]["script"] for e in entries] == ["counter"] * 3
    assert {e["session"] for e in entries} == {session}


@pytest.mark.parametrize("round_", range(5))
def test_journal_shows_only_what_this_test_sent(session, client, round_):
    for i in range(3):
        client.messages.create(model=MODEL, max_tokens=16, system=f"{SUITE} system {i}",
                               messages=[{"role": "user", "content": f"{SUITE} says {i}"}])
    entries = admin("GET", "/journal", session)["entries"]
    assert [e["request"]["system"] for e in entries] == [f"{SUITE} system {i}" for i in range(3)]
    assert [e["answer"]["kind"] for e in entries] == ["echo"] * 3


def test_a_session_fault_stays_in_its_session(session, client):
    admin("POST", "/scripts", session, "name: flaky\ntimes: 1\nreply: {error: {status: 529}}")
    with pytest.raises(anthropic.InternalServerError):
        ask(client, "first")
    assert ask(client, "second").content[0].text == "second"
