"""Non-streaming messages.create against the echo mode, through both base URLs, sync and async."""

import re

import anthropic
import pytest

from conftest import MODEL

HELLO = [{"role": "user", "content": "Say hello"}]


def test_create_echoes_the_last_user_message(client):
    message = client.messages.create(model=MODEL, max_tokens=64, messages=HELLO)
    assert message.type == "message"
    assert message.role == "assistant"
    assert message.model == MODEL
    assert len(message.content) == 1
    assert message.content[0].type == "text"
    assert message.content[0].text == "Say hello"
    assert message.content[0].citations is None
    assert message.stop_reason == "end_turn"
    assert message.stop_sequence is None
    assert re.fullmatch(r"msg_[0-9A-Za-z]{24}", message.id)
    assert message.usage.input_tokens == 6
    assert message.usage.output_tokens == 3
    assert message.usage.cache_creation_input_tokens == 0
    assert message.usage.cache_read_input_tokens == 0
    assert re.fullmatch(r"req_[0-9A-Za-z]{24}", message._request_id)


def test_base_url_without_inference_prefix(server):
    bare = anthropic.Anthropic(api_key="k", base_url=server.url, max_retries=0)
    message = bare.messages.create(model=MODEL, max_tokens=64, messages=[{"role": "user", "content": "root"}])
    assert message.content[0].text == "root"


def test_text_blocks_and_system_prompt(client):
    message = client.messages.create(
        model=MODEL,
        max_tokens=100,
        system="Be brief",
        messages=[
            {"role": "user", "content": "first"},
            {"role": "assistant", "content": "ok"},
            {"role": "user", "content": [{"type": "text", "text": "line one"}, {"type": "text", "text": "line two"}]},
        ],
    )
    assert message.content[0].text == "line one\nline two"
    # system "Be brief" 3 (Be, brie, f) + three messages of 3 framing tokens + first 2, ok 1, line one 2, line two 2
    assert message.usage.input_tokens == 3 + 9 + 2 + 1 + 2 + 2


def test_max_tokens_truncates(client):
    message = client.messages.create(
        model=MODEL, max_tokens=2, messages=[{"role": "user", "content": "one two three four"}]
    )
    assert message.content[0].text == "one two"
    assert message.stop_reason == "max_tokens"
    assert message.usage.output_tokens == 2


def test_stop_sequences_cut_before_the_match(client):
    message = client.messages.create(
        model=MODEL,
        max_tokens=64,
        stop_sequences=["STOP", "three"],
        messages=[{"role": "user", "content": "one two three STOP four"}],
    )
    assert message.content[0].text == "one two "
    assert message.stop_reason == "stop_sequence"
    assert message.stop_sequence == "three"


def test_beta_messages_use_the_query_string(client):
    message = client.beta.messages.create(model=MODEL, max_tokens=64, messages=[{"role": "user", "content": "beta"}])
    assert message.content[0].text == "beta"


def test_raw_response_headers(client):
    raw = client.messages.with_raw_response.create(model=MODEL, max_tokens=64, messages=HELLO)
    assert raw.status_code == 200
    assert raw.headers["content-type"] == "application/json"
    assert raw.headers["fireworks-prompt-tokens"] == "6"
    assert raw.headers["request-id"].startswith("req_")
    assert raw.parse().content[0].text == "Say hello"


def test_raw_output_extension_is_kept(client):
    message = client.messages.create(
        model=MODEL,
        max_tokens=64,
        messages=HELLO,
        extra_body={"raw_output": True, "output_config": {"effort": "max"}},
    )
    raw = message.model_extra["raw_output"] if message.model_extra else message.raw_output
    assert raw["completion"] == "Say hello"
    assert "<|reasoning_effort|>high\n" in raw["prompt_fragments"]
    assert raw["grammar"] is None


def test_thinking_in_echo_mode(client):
    message = client.messages.create(
        model=MODEL,
        max_tokens=2000,
        thinking={"type": "enabled", "budget_tokens": 1024},
        messages=HELLO,
    )
    assert [block.type for block in message.content] == ["thinking", "text"]
    assert message.content[0].thinking == 'The user wrote: "Say hello". In echo mode I repeat it back.'
    assert message.content[0].signature
    assert message.content[1].text == "Say hello"


@pytest.mark.anyio
async def test_async_create(async_client):
    message = await async_client.messages.create(model=MODEL, max_tokens=64, messages=HELLO)
    assert message.content[0].text == "Say hello"
    assert message.usage.output_tokens == 3
