"""Many streams at once on one server: each one gets exactly its own reply, nothing of another's."""

import asyncio

import pytest

from conftest import MESSAGE_ID, MODEL, count_tokens, input_tokens, make_async_client

STREAMS = 50


def prompt(i):
    # Distinct texts of distinct lengths, so a delta delivered to the wrong stream cannot go unnoticed.
    return f"stream {i:02d} says " + " ".join(f"w{i}x{j}" for j in range(i % 7 + 1)) + "!" * (i % 5)


class StartLine:
    """Holds every stream after its first event until all have one, so all are open at the same time."""

    def __init__(self, count):
        self.count = count
        self.arrived = 0
        self.all_open = asyncio.Event()

    async def arrive(self):
        self.arrived += 1
        if self.arrived == self.count:
            self.all_open.set()
        await asyncio.wait_for(self.all_open.wait(), timeout=60)


@pytest.mark.anyio
async def test_fifty_concurrent_streams(make_server):
    mock = make_server("--delta-size", "3")
    start = StartLine(STREAMS)
    async with make_async_client(mock.base_url()) as client:

        async def helper_stream(i):
            messages = [{"role": "user", "content": prompt(i)}]
            async with client.messages.stream(model=MODEL, max_tokens=500, messages=messages) as stream:
                pieces = stream.text_stream
                first = await pieces.__anext__()
                await start.arrive()
                rest = [piece async for piece in pieces]
                final = await stream.get_final_message()
            return i, first + "".join(rest), final

        async def event_stream(i):
            messages = [{"role": "user", "content": prompt(i)}]
            stream = await client.messages.create(model=MODEL, max_tokens=500, messages=messages, stream=True)
            async with stream:
                events = [await stream.__anext__()]
                await start.arrive()
                events += [event async for event in stream]
            assert [event.type for event in events].count("message_delta") == 1
            text = "".join(event.delta.text for event in events if event.type == "content_block_delta")
            return i, text, None

        results = await asyncio.gather(*(helper_stream(i) if i % 2 else event_stream(i) for i in range(STREAMS)))

    assert sorted(i for i, _, _ in results) == list(range(STREAMS))
    ids = set()
    for i, text, final in results:
        assert text == prompt(i)
        if final is not None:
            assert final.content[0].text == prompt(i)
            assert final.usage.output_tokens == count_tokens(prompt(i))
            assert final.usage.input_tokens == input_tokens([{"role": "user", "content": prompt(i)}])
            assert MESSAGE_ID.fullmatch(final.id)
            ids.add(final.id)
    assert len(ids) == STREAMS // 2


@pytest.mark.anyio
async def test_fifty_concurrent_plain_requests(server):
    async with make_async_client(server.base_url("root")) as client:

        async def one(i):
            message = await client.messages.create(
                model=MODEL, max_tokens=64, messages=[{"role": "user", "content": prompt(i)}]
            )
            return message.content[0].text, message.usage.output_tokens

        answers = await asyncio.gather(*(one(i) for i in range(STREAMS)))
    assert answers == [(prompt(i), count_tokens(prompt(i))) for i in range(STREAMS)]
