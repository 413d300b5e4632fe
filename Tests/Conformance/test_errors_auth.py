"""401 authentication_error: no key at all, and any key but the configured one under --api-key."""

import anthropic
import httpx2
import pytest

from conftest import MODEL, REQUEST_ID, assert_serving, make_async_client, make_client

HELLO = [{"role": "user", "content": "auth"}]
BODY = {"model": MODEL, "max_tokens": 8, "messages": HELLO}


def assert_authentication_error(error):
    assert isinstance(error, anthropic.AuthenticationError)
    assert error.status_code == 401
    assert error.type == "authentication_error"
    assert error.body["type"] == "error"
    assert REQUEST_ID.fullmatch(error.request_id)


def test_sdk_without_any_key(server, base_url):
    with make_client(base_url) as client:
        with pytest.raises(anthropic.AuthenticationError) as caught:
            # Omit drops the Authorization header the client would add for its key.
            client.messages.create(
                model=MODEL, max_tokens=8, messages=HELLO, extra_headers={"Authorization": anthropic.Omit()}
            )
    assert_authentication_error(caught.value)
    assert caught.value.response.request.headers.get("authorization") is None
    assert_serving(server)


@pytest.mark.parametrize(
    "headers",
    [{}, {"x-api-key": ""}, {"authorization": "Bearer"}, {"authorization": "Basic dXNlcjpwYXNz"}],
    ids=["none", "empty-x-api-key", "bearer-without-token", "basic"],
)
def test_raw_requests_without_a_usable_key(server, headers):
    with httpx2.Client(timeout=10) as http:
        for path in ("/inference/v1/messages", "/v1/messages"):
            response = http.post(server.url + path, json=BODY, headers=headers)
            assert response.status_code == 401
            assert response.json()["error"]["type"] == "authentication_error"
            assert REQUEST_ID.fullmatch(response.headers["request-id"])
    assert_serving(server)


def test_missing_key_on_a_stream(server):
    with make_client(server.base_url()) as client:
        with pytest.raises(anthropic.AuthenticationError) as caught:
            with client.messages.stream(
                model=MODEL, max_tokens=8, messages=HELLO, extra_headers={"Authorization": anthropic.Omit()}
            ):
                pass
    assert_authentication_error(caught.value)


def test_any_key_works_without_api_key_option(server):
    with httpx2.Client(timeout=10) as http:
        for headers in ({"x-api-key": "anything"}, {"authorization": "Bearer anything"}, {"authorization": "bearer x"}):
            response = http.post(f"{server.url}/inference/v1/messages", json=BODY, headers=headers)
            assert response.status_code == 200, headers
            assert response.json()["content"][0]["text"] == "auth"


def test_configured_key(make_server):
    mock = make_server("--api-key", "sekrit")
    for url in (mock.base_url("inference"), mock.base_url("root")):
        with make_client(url, api_key="wrong") as wrong:
            with pytest.raises(anthropic.AuthenticationError) as caught:
                wrong.messages.create(model=MODEL, max_tokens=8, messages=HELLO)
            assert_authentication_error(caught.value)
            with pytest.raises(anthropic.AuthenticationError):
                with wrong.messages.stream(model=MODEL, max_tokens=8, messages=HELLO):
                    pass
        with make_client(url, api_key="sekrit") as right:
            assert right.messages.create(model=MODEL, max_tokens=8, messages=HELLO).content[0].text == "auth"
    with httpx2.Client(timeout=10) as http:
        endpoint = f"{mock.url}/inference/v1/messages"
        assert http.post(endpoint, json=BODY, headers={"x-api-key": "sekrit"}).status_code == 200
        assert http.post(endpoint, json=BODY, headers={"x-api-key": "sekrit2"}).status_code == 401
        assert http.post(endpoint, json=BODY, headers={"authorization": "Bearer sekri"}).status_code == 401
        assert http.post(endpoint, json=BODY).status_code == 401
        # Health needs no key.
        assert http.get(f"{mock.url}/health").status_code == 200
    assert_serving_with_key(mock)


def assert_serving_with_key(mock):
    with make_client(mock.base_url(), api_key="sekrit") as client:
        assert client.messages.create(model=MODEL, max_tokens=8, messages=HELLO).content[0].text == "auth"


@pytest.mark.anyio
async def test_async_wrong_key(make_server):
    mock = make_server("--api-key", "sekrit")
    async with make_async_client(mock.base_url(), api_key="nope") as client:
        with pytest.raises(anthropic.AuthenticationError) as caught:
            await client.messages.create(model=MODEL, max_tokens=8, messages=HELLO)
    assert_authentication_error(caught.value)
