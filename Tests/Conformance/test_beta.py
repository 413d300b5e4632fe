"""client.beta.messages and query strings: the path is what counts, a query such as ?beta=true is ignored."""

import httpx2
import pytest

from conftest import MODEL, make_async_client, make_client

MESSAGES = [{"role": "user", "content": "beta hello"}]


def recording_client(base_url):
    """A client whose requests are recorded, to see the URL the SDK really used."""
    urls = []
    http = httpx2.Client(event_hooks={"request": [lambda request: urls.append(request.url)]})
    return make_client(base_url, http_client=http), urls


def test_beta_create(base_url):
    client, urls = recording_client(base_url)
    with client:
        message = client.beta.messages.create(model=MODEL, max_tokens=64, messages=MESSAGES)
        assert message.content[0].text == "beta hello"
        assert message.usage.output_tokens == 3
        # The same call with the query string older SDK versions add.
        again = client.beta.messages.create(model=MODEL, max_tokens=64, messages=MESSAGES, extra_query={"beta": "true"})
        assert again.content[0].text == "beta hello"
    assert urls[0].path.endswith("/v1/messages")
    assert urls[1].params["beta"] == "true"


@pytest.mark.anyio
async def test_async_beta_create_and_stream(base_url):
    async with make_async_client(base_url) as client:
        message = await client.beta.messages.create(
            model=MODEL, max_tokens=64, messages=MESSAGES, extra_query={"beta": "true"}
        )
        assert message.content[0].text == "beta hello"
        async with client.beta.messages.stream(
            model=MODEL, max_tokens=64, messages=MESSAGES, extra_query={"beta": "true"}
        ) as stream:
            final = await stream.get_final_message()
    assert final.content[0].text == "beta hello"
    assert final.usage.input_tokens == message.usage.input_tokens == 6


def test_beta_stream_events(client):
    events = list(
        client.beta.messages.create(
            model=MODEL, max_tokens=64, messages=MESSAGES, stream=True, extra_query={"beta": "true"}
        )
    )
    assert [event.type for event in events if event.type == "message_delta"] == ["message_delta"]
    assert events[-1].type == "message_stop"


def test_any_query_string_is_ignored(client):
    message = client.messages.create(
        model=MODEL, max_tokens=64, messages=MESSAGES, extra_query={"beta": "true", "x": "1 2", "empty": ""}
    )
    assert message.content[0].text == "beta hello"
