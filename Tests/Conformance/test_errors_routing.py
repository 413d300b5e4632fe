"""404 for models Fireworks would not know and for unknown paths; 405 with `allow` for a wrong method."""

import anthropic
import pytest

from conftest import MODEL, REQUEST_ID, make_async_client, make_client

HELLO = [{"role": "user", "content": "route"}]
MODEL_NOT_FOUND = {
    "error": {"type": "not_found_error", "message": "Model not found, inaccessible, and/or not deployed"},
    "type": "error",
}


# Every test here ends by checking the shared server still answers.
pytestmark = pytest.mark.usefixtures("still_serving")


@pytest.mark.parametrize(
    "model",
    [
        "claude-opus-4-6",
        "kimi-k2p5",
        "fireworks/models/kimi-k2p5",
        "accounts/fireworks/models/",
        "accounts/fireworks/deployments/kimi-k2p5",
        "accounts/fireworks/models/kimi-k2p5/extra",
    ],
)
def test_unknown_model(base_url, model):
    with make_client(base_url) as client:
        with pytest.raises(anthropic.NotFoundError) as caught:
            client.messages.create(model=model, max_tokens=8, messages=HELLO)
    assert caught.value.status_code == 404
    assert caught.value.type == "not_found_error"
    assert caught.value.body == MODEL_NOT_FOUND


def test_unknown_model_on_streams(client):
    with pytest.raises(anthropic.NotFoundError):
        client.messages.create(model="not-a-fireworks-model", max_tokens=8, messages=HELLO, stream=True)
    with pytest.raises(anthropic.NotFoundError):
        with client.messages.stream(model="not-a-fireworks-model", max_tokens=8, messages=HELLO):
            pass


@pytest.mark.anyio
async def test_async_unknown_model(async_client):
    with pytest.raises(anthropic.NotFoundError) as caught:
        await async_client.messages.create(model="gpt-4o", max_tokens=8, messages=HELLO)
    assert caught.value.body == MODEL_NOT_FOUND


@pytest.mark.parametrize("path", ["/v1/models", "/v1/messages/count_tokens", "/v2/messages", "/inference/v1/complete"])
def test_unknown_path(base_url, path):
    with make_client(base_url) as client:
        with pytest.raises(anthropic.NotFoundError) as caught:
            client.post(path, body={"model": MODEL, "max_tokens": 8, "messages": HELLO}, cast_to=object)
        assert caught.value.type == "not_found_error"
        assert REQUEST_ID.fullmatch(caught.value.request_id)
        with pytest.raises(anthropic.NotFoundError):
            client.get(path, cast_to=object)


def test_wrong_method_on_messages(base_url):
    with make_client(base_url) as client:
        for call in (client.get, client.delete):
            with pytest.raises(anthropic.APIStatusError) as caught:
                call("/v1/messages", cast_to=object)
            # 405 has no exception class of its own in the SDK.
            assert type(caught.value) is anthropic.APIStatusError
            assert caught.value.status_code == 405
            assert caught.value.response.headers["allow"] == "POST"
            assert caught.value.body["type"] == "error"
            assert REQUEST_ID.fullmatch(caught.value.request_id)


def test_wrong_method_on_health(client):
    with pytest.raises(anthropic.APIStatusError) as caught:
        client.post("/health", cast_to=object)
    assert type(caught.value) is anthropic.APIStatusError
    assert caught.value.status_code == 405
    assert caught.value.response.headers["allow"] == "GET, HEAD"


@pytest.mark.anyio
async def test_async_wrong_method(server):
    async with make_async_client(server.base_url()) as client:
        with pytest.raises(anthropic.APIStatusError) as caught:
            await client.put("/v1/messages", cast_to=object)
    assert type(caught.value) is anthropic.APIStatusError
    assert caught.value.status_code == 405
