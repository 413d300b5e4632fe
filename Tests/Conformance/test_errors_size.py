"""413 request_too_large above 32 MiB of body, however the body is sent; the limit itself is still accepted."""

import anthropic
import httpx2
import pytest

from conftest import MODEL, assert_serving, make_async_client

LIMIT = 32 * 1024 * 1024
HEADERS = {"x-api-key": "k", "content-type": "application/json"}


@pytest.fixture(autouse=True)
def still_serving(server):
    yield
    assert_serving(server)


def test_sdk_body_over_the_limit(client):
    with pytest.raises(anthropic.RequestTooLargeError) as caught:
        client.messages.create(model=MODEL, max_tokens=8, messages=[{"role": "user", "content": "x" * (LIMIT + 1024)}])
    error = caught.value
    assert isinstance(error, anthropic.ContentTooLargeError)
    assert error.status_code == 413
    assert error.type == "request_too_large"
    assert error.body["type"] == "error"


@pytest.mark.anyio
async def test_async_sdk_body_over_the_limit(server):
    async with make_async_client(server.base_url("root")) as client:
        with pytest.raises(anthropic.RequestTooLargeError) as caught:
            await client.messages.create(
                model=MODEL, max_tokens=8, messages=[{"role": "user", "content": "y" * (LIMIT + 1)}], stream=True
            )
    assert caught.value.status_code == 413


def test_one_byte_over_versus_exactly_the_limit(server):
    url = f"{server.url}/inference/v1/messages"
    with httpx2.Client(timeout=60) as http:
        over = http.post(url, content=b" " * (LIMIT - 1) + b"{}", headers=HEADERS)
        assert over.status_code == 413
        assert over.json()["error"]["type"] == "request_too_large"
        # Exactly 32 MiB is read and validated: the answer is about the (empty) fields, not the size.
        at_limit = http.post(url, content=b" " * (LIMIT - 2) + b"{}", headers=HEADERS)
    assert at_limit.status_code == 400
    assert "field: 'model'" in at_limit.json()["error"]["message"]


def test_chunked_body_without_content_length(server):
    def body():
        piece = b" " * (1024 * 1024)
        for _ in range(33):
            yield piece
        yield b"{}"

    with httpx2.Client(timeout=60) as http:
        response = http.post(f"{server.url}/inference/v1/messages", content=body(), headers=HEADERS)
    assert response.status_code == 413
    assert response.json()["error"]["type"] == "request_too_large"
