"""The SDK's messages.stream() helper: text_stream, get_final_message and get_final_text, sync and async."""

import pytest

from conftest import MESSAGE_ID, MODEL, REQUEST_ID, make_async_client, make_client

TEXT = "The helper should rebuild this exact reply."
REQUEST = dict(model=MODEL, max_tokens=128, messages=[{"role": "user", "content": TEXT}])


def same_message(streamed, whole):
    """Everything but the id matches the non-streaming answer."""
    assert MESSAGE_ID.fullmatch(streamed.id) and streamed.id != whole.id
    assert streamed.model_dump(exclude={"id"}) == whole.model_dump(exclude={"id"})


def test_sync_stream_helper(base_url):
    with make_client(base_url) as client:
        whole = client.messages.create(**REQUEST)
        with client.messages.stream(**REQUEST) as stream:
            pieces = list(stream.text_stream)
            final = stream.get_final_message()
            text = stream.get_final_text()
            assert REQUEST_ID.fullmatch(stream.request_id)
    assert pieces == [TEXT[i : i + 8] for i in range(0, len(TEXT), 8)]
    assert text == TEXT
    assert final.content[0].citations is None
    assert final.stop_reason == "end_turn"
    same_message(final, whole)


@pytest.mark.anyio
async def test_async_stream_helper(base_url):
    async with make_async_client(base_url) as client:
        whole = await client.messages.create(**REQUEST)
        async with client.messages.stream(**REQUEST) as stream:
            pieces = [piece async for piece in stream.text_stream]
            final = await stream.get_final_message()
            text = await stream.get_final_text()
    assert "".join(pieces) == text == TEXT
    same_message(final, whole)


def test_final_message_without_reading_the_text(client):
    # get_final_message() alone drains the stream.
    with client.messages.stream(**REQUEST) as stream:
        final = stream.get_final_message()
    assert final.content[0].text == TEXT
    assert final.usage.output_tokens == 13


def test_helper_events_carry_snapshots(client):
    with client.messages.stream(**REQUEST) as stream:
        snapshots = [event.snapshot for event in stream if event.type == "text"]
    assert snapshots[-1] == TEXT
    assert all(TEXT.startswith(snapshot) for snapshot in snapshots)


@pytest.mark.anyio
async def test_async_truncated_stream(async_client):
    async with async_client.messages.stream(model=MODEL, max_tokens=3, messages=REQUEST["messages"]) as stream:
        final = await stream.get_final_message()
    assert final.content[0].text == "The helper"
    assert final.stop_reason == "max_tokens"
    assert (final.usage.input_tokens, final.usage.output_tokens) == (16, 3)
