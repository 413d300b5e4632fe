"""The request-id header as the SDK exposes it: `_request_id` on results, `request_id` on errors and streams."""

import anthropic
import pytest

from conftest import MODEL, REQUEST_ID

HELLO = [{"role": "user", "content": "ids"}]


def test_result_request_id_is_the_header(client):
    raw = client.messages.with_raw_response.create(model=MODEL, max_tokens=8, messages=HELLO)
    header = raw.headers["request-id"]
    assert REQUEST_ID.fullmatch(header)
    assert raw.request_id == header
    assert raw.parse()._request_id == header


def test_request_ids_are_unique(client):
    ids = {client.messages.create(model=MODEL, max_tokens=8, messages=HELLO)._request_id for _ in range(10)}
    assert len(ids) == 10
    assert all(REQUEST_ID.fullmatch(value) for value in ids)


def test_stream_request_id(client):
    with client.messages.stream(model=MODEL, max_tokens=8, messages=HELLO) as stream:
        stream.until_done()
        assert REQUEST_ID.fullmatch(stream.request_id)
        assert stream.response.headers["request-id"] == stream.request_id


def test_error_request_id(client):
    with pytest.raises(anthropic.NotFoundError) as caught:
        client.messages.create(model="claude-opus-4-6", max_tokens=8, messages=HELLO)
    assert REQUEST_ID.fullmatch(caught.value.request_id)
    assert caught.value.response.headers["request-id"] == caught.value.request_id


@pytest.mark.anyio
async def test_async_request_ids(async_client):
    message = await async_client.messages.create(model=MODEL, max_tokens=8, messages=HELLO)
    assert REQUEST_ID.fullmatch(message._request_id)
    with pytest.raises(anthropic.BadRequestError) as caught:
        await async_client.messages.create(model=MODEL, max_tokens=8, messages=HELLO, service_tier="auto")
    assert REQUEST_ID.fullmatch(caught.value.request_id)
    assert caught.value.request_id != message._request_id
