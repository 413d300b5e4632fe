"""create(stream=True) read event by event: the Fireworks sequence, zero usage up front, one message_delta."""

import pytest

from conftest import MESSAGE_ID, MODEL, REQUEST_ID, make_async_client, make_client

PROMPT = "Stream me this sentence, please."
REQUEST = dict(model=MODEL, max_tokens=64, messages=[{"role": "user", "content": PROMPT}])


def chunks(text, size):
    return [text[i : i + size] for i in range(0, len(text), size)]


def check_events(events, whole, text=PROMPT, delta_size=8):
    """Checks a stream's events against the non-streaming message of the same request."""
    deltas = chunks(text, delta_size)
    # The SDK drops ping events; everything else arrives in this exact order.
    assert [event.type for event in events] == [
        "message_start",
        "content_block_start",
        *["content_block_delta"] * len(deltas),
        "content_block_stop",
        "message_delta",
        "message_stop",
    ]
    start = events[0].message
    assert MESSAGE_ID.fullmatch(start.id)
    assert (start.type, start.role, start.model) == ("message", "assistant", MODEL)
    assert start.content == []
    assert start.stop_reason is None and start.stop_sequence is None
    assert start.usage.input_tokens == 0
    assert start.usage.output_tokens == 0
    assert start.usage.cache_creation_input_tokens == 0
    assert start.usage.cache_read_input_tokens == 0

    block_start = events[1]
    assert block_start.index == 0
    assert (block_start.content_block.type, block_start.content_block.text) == ("text", "")

    delta_events = events[2 : 2 + len(deltas)]
    assert all(event.index == 0 and event.delta.type == "text_delta" for event in delta_events)
    assert [event.delta.text for event in delta_events] == deltas

    assert events[-3].index == 0
    final = [event for event in events if event.type == "message_delta"]
    assert len(final) == 1
    assert final[0].delta.stop_reason == whole.stop_reason
    assert final[0].delta.stop_sequence == whole.stop_sequence
    assert final[0].usage.input_tokens == whole.usage.input_tokens
    assert final[0].usage.output_tokens == whole.usage.output_tokens


def test_sync_stream_events(base_url):
    with make_client(base_url) as client:
        whole = client.messages.create(**REQUEST)
        stream = client.messages.create(stream=True, **REQUEST)
        with stream:
            events = list(stream)
            assert REQUEST_ID.fullmatch(stream.response.headers["request-id"])
    check_events(events, whole)
    assert (whole.usage.input_tokens, whole.usage.output_tokens) == (13, 10)


@pytest.mark.anyio
async def test_async_stream_events(base_url):
    async with make_async_client(base_url) as client:
        whole = await client.messages.create(**REQUEST)
        stream = await client.messages.create(stream=True, **REQUEST)
        async with stream:
            events = [event async for event in stream]
    check_events(events, whole)


def test_stream_with_max_tokens_and_stop_sequence(client):
    for options, text in [
        (dict(max_tokens=4), "Stream me this"),
        (dict(max_tokens=64, stop_sequences=["please"]), "Stream me this sentence, "),
    ]:
        request = {**REQUEST, **options}
        whole = client.messages.create(**request)
        events = list(client.messages.create(stream=True, **request))
        assert whole.content[0].text == text
        check_events(events, whole, text=text)


def test_delta_size_option(make_server):
    mock = make_server("--delta-size", "3")
    with make_client(mock.base_url()) as client:
        whole = client.messages.create(**REQUEST)
        events = list(client.messages.create(stream=True, **REQUEST))
    check_events(events, whole, delta_size=3)


def test_multibyte_text_streams_whole(make_server):
    mock = make_server("--delta-size", "1")
    text = "naïve café, 漢字 and 🙂!"
    with make_client(mock.base_url()) as client:
        events = list(
            client.messages.create(
                model=MODEL, max_tokens=64, messages=[{"role": "user", "content": text}], stream=True
            )
        )
    assert "".join(event.delta.text for event in events if event.type == "content_block_delta") == text


def test_thinking_streams_before_the_text(client):
    request = dict(
        model=MODEL, max_tokens=4000, thinking={"type": "enabled", "budget_tokens": 1024}, messages=REQUEST["messages"]
    )
    whole = client.messages.create(**request)
    events = list(client.messages.create(stream=True, **request))
    starts = [event.content_block.type for event in events if event.type == "content_block_start"]
    assert starts == ["thinking", "text"] == [block.type for block in whole.content]
    thinking = "".join(
        e.delta.thinking for e in events if e.type == "content_block_delta" and e.delta.type == "thinking_delta"
    )
    signatures = [
        e.delta.signature for e in events if e.type == "content_block_delta" and e.delta.type == "signature_delta"
    ]
    assert thinking == whole.content[0].thinking
    assert signatures == [whole.content[0].signature]
    final = [event for event in events if event.type == "message_delta"]
    assert len(final) == 1 and final[0].usage.output_tokens == whole.usage.output_tokens
