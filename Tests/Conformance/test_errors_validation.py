"""400 invalid_request_error for every feature Fireworks rejects, as the SDK raises it, with the field named."""

import re

import anthropic
import pytest

from conftest import MODEL, assert_serving

HELLO = [{"role": "user", "content": "hi"}]
TOOL = {"name": "lookup", "input_schema": {"type": "object"}}
SUMMARY = re.compile(r"([0-9]+) request validation errors?: ")


@pytest.fixture(autouse=True)
def still_serving(server):
    yield
    assert_serving(server)


def bad_request(client, **overrides):
    request = dict(model=MODEL, max_tokens=2000, messages=HELLO)
    request.update(overrides)
    with pytest.raises(anthropic.BadRequestError) as caught:
        client.messages.create(**request)
    error = caught.value
    assert error.status_code == 400
    assert error.type == "invalid_request_error"
    assert error.body["type"] == "error"
    assert error.body["error"]["type"] == "invalid_request_error"
    return error.body["error"]["message"]


def assert_summary(message, *issues):
    """`N request validation error(s): a; b` with N the number of issues listed, each present verbatim."""
    match = SUMMARY.match(message)
    assert match, message
    assert int(match.group(1)) == len(message[match.end() :].split("; ")) == len(issues)
    for issue in issues:
        assert issue in message


EXTRA = "Extra inputs are not permitted"


REJECTED = [
    (dict(service_tier="auto"), f"{EXTRA}, field: 'service_tier', value: 'auto'"),
    (dict(inference_geo="us"), f"{EXTRA}, field: 'inference_geo', value: 'us'"),
    (dict(container="container_1"), f"{EXTRA}, field: 'container', value: 'container_1'"),
    (dict(speed="fast"), f"{EXTRA}, field: 'speed', value: 'fast'"),
    (dict(cache_control={"type": "ephemeral"}), f"{EXTRA}, field: 'cache_control'"),
    (dict(extra_body={"output_config": {"speed": "fast"}}), f"{EXTRA}, field: 'output_config.speed', value: 'fast'"),
    (dict(tools=[{**TOOL, "cache_control": {"type": "ephemeral"}}]), f"{EXTRA}, field: 'tools[0].cache_control'"),
    (
        dict(tools=[{**TOOL, "eager_input_streaming": True}]),
        f"{EXTRA}, field: 'tools[0].eager_input_streaming', value: True",
    ),
    (
        dict(tools=[TOOL, {**TOOL, "allowed_callers": ["direct"]}]),
        f"{EXTRA}, field: 'tools[1].allowed_callers', value: ['direct']",
    ),
    (dict(tools=[{**TOOL, "defer_loading": True}]), f"{EXTRA}, field: 'tools[0].defer_loading', value: True"),
    (
        dict(tools=[{**TOOL, "input_examples": [{"q": "x"}]}]),
        f"{EXTRA}, field: 'tools[0].input_examples', value: [{{'q': 'x'}}]",
    ),
    (
        dict(messages=[{"role": "system", "content": "be nice"}, *HELLO]),
        "Input should be 'user' or 'assistant', field: 'messages[0].role', value: 'system'",
    ),
    (
        dict(messages=[{"role": "user", "content": [{"type": "text", "text": ""}]}]),
        "String should have at least 1 character, field: 'messages[0].content[0].text.text', value: ''",
    ),
    (
        dict(thinking={"type": "adaptive"}),
        "Input tag 'adaptive' found using 'type' does not match any of the expected tags: 'enabled', 'disabled',"
        " field: 'thinking'",
    ),
    (
        dict(thinking={"type": "enabled", "budget_tokens": 1023}),
        "Input should be greater than or equal to 1024, field: 'thinking.enabled.budget_tokens', value: 1023",
    ),
    (
        dict(tools=[{"type": "web_search_20250305", "name": "web_search", "input_schema": {"type": "object"}}]),
        "Input should be 'custom', field: 'tools[0].type', value: 'web_search_20250305'",
    ),
    (
        dict(extra_body={"temperature": 1.5}),
        "Input should be less than or equal to 1, field: 'temperature', value: 1.5",
    ),
    (dict(max_tokens=0), "Input should be greater than or equal to 1, field: 'max_tokens', value: 0"),
]


@pytest.mark.parametrize(
    "overrides, issue",
    [pytest.param(overrides, issue, id=issue.split("field: '")[1].split("'")[0]) for overrides, issue in REJECTED],
)
def test_rejected_field(client, overrides, issue):
    assert_summary(bad_request(client, **overrides), issue)


def test_search_result_block_is_not_a_fireworks_block(client):
    block = {"type": "search_result", "source": "s", "title": "t", "content": [{"type": "text", "text": "x"}]}
    message = bad_request(client, messages=[{"role": "user", "content": [block]}])
    assert_summary(
        message,
        "Input tag 'search_result' found using 'type' does not match any of the expected tags: 'text', 'image',"
        " 'document', 'thinking', 'redacted_thinking', 'tool_use', 'tool_result', field: 'messages[0].content[0]'",
    )


def test_every_issue_is_reported_at_once(client):
    message = bad_request(
        client,
        messages=[{"role": "system", "content": "x"}, {"role": "user", "content": [{"type": "text", "text": ""}]}],
        service_tier="auto",
        tools=[{**TOOL, "defer_loading": True}],
    )
    assert_summary(
        message,
        "field: 'messages[0].role'",
        "field: 'messages[1].content[0].text.text'",
        "field: 'tools[0].defer_loading'",
        "field: 'service_tier'",
    )


@pytest.mark.parametrize("budget, max_tokens", [(2000, 2000), (4096, 2048)])
def test_budget_must_be_below_max_tokens(client, budget, max_tokens):
    message = bad_request(client, max_tokens=max_tokens, thinking={"type": "enabled", "budget_tokens": budget})
    assert message == "`max_tokens` must be greater than `thinking.budget_tokens`."


def test_streaming_requests_fail_before_the_stream(client):
    with pytest.raises(anthropic.BadRequestError) as caught:
        client.messages.create(model=MODEL, max_tokens=64, messages=HELLO, stream=True, inference_geo="eu")
    assert "field: 'inference_geo'" in caught.value.body["error"]["message"]
    with pytest.raises(anthropic.BadRequestError) as caught:
        with client.messages.stream(model=MODEL, max_tokens=64, messages=HELLO, thinking={"type": "adaptive"}):
            pass
    assert "field: 'thinking'" in caught.value.body["error"]["message"]


@pytest.mark.anyio
async def test_async_bad_request(async_client):
    with pytest.raises(anthropic.BadRequestError) as caught:
        await async_client.messages.create(
            model=MODEL, max_tokens=64, messages=HELLO, tools=[{**TOOL, "eager_input_streaming": True}]
        )
    assert caught.value.status_code == 400
    assert "field: 'tools[0].eager_input_streaming', value: True" in caught.value.body["error"]["message"]


def test_error_body_is_the_fireworks_shape(client):
    raw_error = None
    try:
        client.messages.create(model=MODEL, max_tokens=64, messages=HELLO, service_tier="auto")
    except anthropic.BadRequestError as error:
        raw_error = error.response.json()
    # `error` first, then `type`, and no request_id key: the id travels in the header only.
    assert list(raw_error) == ["error", "type"]
    assert list(raw_error["error"]) == ["type", "message"]
