"""Non-streaming messages.create in echo mode: sync and async clients, through both base URLs."""

import pytest

from conftest import MESSAGE_ID, MODEL, REQUEST_ID, input_tokens, make_async_client, make_client

HELLO = [{"role": "user", "content": "Say hello"}]


def assert_hello_message(message):
    assert message.type == "message"
    assert message.role == "assistant"
    assert message.model == MODEL
    assert MESSAGE_ID.fullmatch(message.id)
    assert [block.type for block in message.content] == ["text"]
    assert message.content[0].text == "Say hello"
    assert message.content[0].citations is None
    assert message.stop_reason == "end_turn"
    assert message.stop_sequence is None
    assert (message.usage.input_tokens, message.usage.output_tokens) == (6, 3)
    assert (message.usage.cache_creation_input_tokens, message.usage.cache_read_input_tokens) == (0, 0)
    assert REQUEST_ID.fullmatch(message._request_id)


def test_sync_create(base_url):
    with make_client(base_url) as client:
        assert_hello_message(client.messages.create(model=MODEL, max_tokens=64, messages=HELLO))


@pytest.mark.anyio
async def test_async_create(base_url):
    async with make_async_client(base_url) as client:
        assert_hello_message(await client.messages.create(model=MODEL, max_tokens=64, messages=HELLO))


def test_citations_are_an_explicit_null_on_the_wire(client):
    raw = client.messages.with_raw_response.create(model=MODEL, max_tokens=64, messages=HELLO)
    body = raw.http_response.json()
    assert body["content"] == [{"type": "text", "text": "Say hello", "citations": None}]
    assert raw.headers["content-type"].startswith("application/json")


def test_every_message_gets_a_fresh_id(client):
    ids = {client.messages.create(model=MODEL, max_tokens=8, messages=HELLO).id for _ in range(5)}
    assert len(ids) == 5


def test_echo_is_the_last_user_message_and_input_counts_everything(client):
    system = "You are terse."
    messages = [
        {"role": "user", "content": "first question"},
        {"role": "assistant", "content": "first answer"},
        {"role": "user", "content": [{"type": "text", "text": "line one"}, {"type": "text", "text": "line two!"}]},
    ]
    tools = [
        {
            "name": "get_weather",
            "description": "Current weather for a city.",
            "input_schema": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
        }
    ]
    message = client.messages.create(model=MODEL, max_tokens=100, system=system, messages=messages, tools=tools)
    # Text blocks of the last user turn are joined by newlines.
    assert message.content[0].text == "line one\nline two!"
    assert message.usage.input_tokens == input_tokens(messages, system, tools)
    assert message.usage.output_tokens == 5


def test_tool_result_turn_echoes_the_result_text(client):
    messages = [
        {"role": "user", "content": "Weather in Paris?"},
        {
            "role": "assistant",
            "content": [{"type": "tool_use", "id": "toolu_01", "name": "get_weather", "input": {"city": "Paris"}}],
        },
        {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "toolu_01", "content": "sunny, 21 C"}]},
    ]
    message = client.messages.create(model=MODEL, max_tokens=100, messages=messages)
    assert message.content[0].text == "sunny, 21 C"
    assert message.usage.input_tokens == input_tokens(messages)


def test_system_as_text_blocks_with_cache_control(client):
    system = [{"type": "text", "text": "Be kind.", "cache_control": {"type": "ephemeral"}}]
    message = client.messages.create(model=MODEL, max_tokens=10, system=system, messages=HELLO)
    assert message.usage.input_tokens == input_tokens(HELLO, system)


def test_supported_optional_parameters_are_accepted(client):
    message = client.messages.create(
        model=MODEL,
        max_tokens=64,
        messages=HELLO,
        metadata={"user_id": "user-1"},
        tool_choice={"type": "auto"},
        tools=[{"name": "noop", "input_schema": {"type": "object"}}],
        output_config={"effort": "low"},
        thinking={"type": "disabled"},
        extra_body={"temperature": 0.2, "top_p": 0.9, "top_k": 40},
    )
    assert message.content[0].text == "Say hello"


def test_router_and_other_account_model_ids(client):
    for model in ("accounts/fireworks/routers/kimi-k2p5-turbo", "accounts/my-team/models/llama-v3p1-8b-instruct"):
        message = client.messages.create(model=model, max_tokens=8, messages=HELLO)
        assert message.model == model
        assert message.content[0].text == "Say hello"
