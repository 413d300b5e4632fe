"""Streams read by the SDK: create(stream=True) event by event, messages.stream() helpers, sync and async."""

import asyncio

import pytest

from conftest import MODEL

HELLO = [{"role": "user", "content": "Say hello"}]


def test_create_stream_events_in_fireworks_order(client):
    events = list(client.messages.create(model=MODEL, max_tokens=64, messages=HELLO, stream=True))
    types = [event.type for event in events]
    # The SDK skips ping events.
    assert types == [
        "message_start",
        "content_block_start",
        "content_block_delta",
        "content_block_delta",
        "content_block_stop",
        "message_delta",
        "message_stop",
    ]
    start = events[0].message
    assert start.usage.input_tokens == 0 and start.usage.output_tokens == 0
    assert start.content == [] and start.stop_reason is None
    assert [e.delta.text for e in events if e.type == "content_block_delta"] == ["Say hell", "o"]
    deltas = [e for e in events if e.type == "message_delta"]
    assert len(deltas) == 1
    assert deltas[0].delta.stop_reason == "end_turn"
    assert deltas[0].usage.input_tokens == 6
    assert deltas[0].usage.output_tokens == 3


def test_stream_usage_equals_non_stream_usage(client):
    request = dict(model=MODEL, max_tokens=5, system="sys", messages=[{"role": "user", "content": "a b c d e f g h"}])
    whole = client.messages.create(**request)
    with client.messages.stream(**request) as stream:
        final = stream.get_final_message()
    assert final.usage.input_tokens == whole.usage.input_tokens
    assert final.usage.output_tokens == whole.usage.output_tokens
    assert final.content[0].text == whole.content[0].text == "a b c d e"
    assert final.stop_reason == whole.stop_reason == "max_tokens"


def test_messages_stream_text_stream_and_final_message(client):
    with client.messages.stream(model=MODEL, max_tokens=64, messages=HELLO) as stream:
        pieces = list(stream.text_stream)
        final = stream.get_final_message()
    assert "".join(pieces) == "Say hello"
    assert final.content[0].text == "Say hello"
    assert final.usage.input_tokens == 6
    assert final.usage.output_tokens == 3
    assert final.id.startswith("msg_")


@pytest.mark.anyio
async def test_async_stream_helpers(async_client):
    async with async_client.messages.stream(model=MODEL, max_tokens=64, messages=HELLO) as stream:
        pieces = [text async for text in stream.text_stream]
        final = await stream.get_final_message()
    assert "".join(pieces) == "Say hello"
    assert final.usage.output_tokens == 3


@pytest.mark.anyio
async def test_async_create_stream(async_client):
    stream = await async_client.messages.create(model=MODEL, max_tokens=64, messages=HELLO, stream=True)
    types = [event.type async for event in stream]
    assert types[0] == "message_start" and types[-1] == "message_stop"


@pytest.mark.anyio
async def test_fifty_concurrent_streams_without_cross_talk(async_client):
    async def one(i):
        text = f"stream number {i} says {'x' * i}"
        async with async_client.messages.stream(
            model=MODEL, max_tokens=500, messages=[{"role": "user", "content": text}]
        ) as stream:
            received = "".join([piece async for piece in stream.text_stream])
        return text, received

    results = await asyncio.gather(*(one(i) for i in range(50)))
    assert len(results) == 50
    for text, received in results:
        assert received == text
