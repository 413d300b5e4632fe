"""Every error answer as the SDK sees it: exception class, status, error type, and a server that keeps serving."""

import json
import urllib.error
import urllib.request

import anthropic
import pytest

from conftest import MODEL

HELLO = [{"role": "user", "content": "hi"}]


def raw_post(url, body, headers):
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def assert_healthy(server):
    with urllib.request.urlopen(f"{server.url}/health", timeout=5) as response:
        assert response.status == 200
        assert json.loads(response.read()) == {"status": "ok"}


@pytest.mark.parametrize(
    "extra, field",
    [
        ({"service_tier": "auto"}, "field: 'service_tier'"),
        ({"inference_geo": "us"}, "field: 'inference_geo'"),
        ({"thinking": {"type": "adaptive"}}, "Input tag 'adaptive' found using 'type'"),
        ({"thinking": {"type": "enabled", "budget_tokens": 100}}, "field: 'thinking.enabled.budget_tokens'"),
        ({"output_config": {"speed": "fast"}}, "field: 'output_config.speed'"),
        (
            {"tools": [{"name": "t", "input_schema": {"type": "object"}, "cache_control": {"type": "ephemeral"}}]},
            "field: 'tools[0].cache_control'",
        ),
        (
            {"tools": [{"name": "t", "input_schema": {"type": "object"}, "eager_input_streaming": True}]},
            "field: 'tools[0].eager_input_streaming', value: True",
        ),
        ({"tools": [{"type": "web_search_20250305", "name": "web_search"}]}, "field: 'tools[0].type'"),
        ({"temperature": 1.5}, "field: 'temperature'"),
    ],
)
def test_validation_errors_are_bad_requests_naming_the_field(client, server, extra, field):
    with pytest.raises(anthropic.BadRequestError) as caught:
        client.messages.create(model=MODEL, max_tokens=2000, messages=HELLO, extra_body=extra)
    error = caught.value
    assert error.status_code == 400
    assert error.body["error"]["type"] == "invalid_request_error"
    assert field in error.body["error"]["message"]
    assert "request validation error" in error.body["error"]["message"]
    assert error.request_id.startswith("req_")
    assert_healthy(server)


def test_several_problems_in_one_message(client):
    with pytest.raises(anthropic.BadRequestError) as caught:
        client.messages.create(
            model=MODEL,
            max_tokens=64,
            messages=[{"role": "system", "content": "x"}, {"role": "user", "content": [{"type": "text", "text": ""}]}],
            extra_body={"service_tier": "auto"},
        )
    message = caught.value.body["error"]["message"]
    assert message.startswith("3 request validation errors: ")
    assert "Input should be 'user' or 'assistant', field: 'messages[0].role', value: 'system'" in message
    assert "String should have at least 1 character, field: 'messages[1].content[0].text.text', value: ''" in message


def test_budget_not_below_max_tokens(client):
    with pytest.raises(anthropic.BadRequestError) as caught:
        client.messages.create(
            model=MODEL, max_tokens=1500, thinking={"type": "enabled", "budget_tokens": 2000}, messages=HELLO
        )
    assert caught.value.body["error"]["message"] == "`max_tokens` must be greater than `thinking.budget_tokens`."


def test_unknown_model_is_not_found(client):
    with pytest.raises(anthropic.NotFoundError) as caught:
        client.messages.create(model="claude-opus-4-6", max_tokens=64, messages=HELLO)
    assert caught.value.status_code == 404
    assert caught.value.body == {
        "error": {"type": "not_found_error", "message": "Model not found, inaccessible, and/or not deployed"},
        "type": "error",
    }


def test_router_models_are_accepted(client):
    message = client.messages.create(model="accounts/fireworks/routers/kimi-k2p5-turbo", max_tokens=64, messages=HELLO)
    assert message.content[0].text == "hi"


def test_unknown_path_and_wrong_method(client):
    with pytest.raises(anthropic.NotFoundError) as caught:
        client.post("/v2/messages", body={}, cast_to=object)
    assert caught.value.body["error"]["type"] == "not_found_error"
    with pytest.raises(anthropic.APIStatusError) as caught:
        client.get("/v1/messages", cast_to=object)
    assert caught.value.status_code == 405
    assert caught.value.response.headers["allow"] == "POST"
    assert type(caught.value) is anthropic.APIStatusError


def test_missing_key_is_an_authentication_error(server):
    body = json.dumps({"model": MODEL, "max_tokens": 8, "messages": HELLO}).encode()
    status, headers, payload = raw_post(f"{server.url}/inference/v1/messages", body, {"content-type": "application/json"})
    assert status == 401
    assert json.loads(payload)["error"]["type"] == "authentication_error"
    assert headers["request-id"].startswith("req_")


def test_x_api_key_header_is_accepted(server):
    body = json.dumps({"model": MODEL, "max_tokens": 8, "messages": HELLO}).encode()
    status, _, payload = raw_post(
        f"{server.url}/inference/v1/messages", body, {"content-type": "application/json", "x-api-key": "k"}
    )
    assert status == 200
    assert json.loads(payload)["content"][0]["text"] == "hi"


def test_configured_key_rejects_others(make_server):
    mock = make_server("--api-key", "only-this")
    wrong = anthropic.Anthropic(api_key="other", base_url=f"{mock.url}/inference", max_retries=0)
    with pytest.raises(anthropic.AuthenticationError) as caught:
        wrong.messages.create(model=MODEL, max_tokens=8, messages=HELLO)
    assert caught.value.status_code == 401
    right = anthropic.Anthropic(api_key="only-this", base_url=f"{mock.url}/inference", max_retries=0)
    assert right.messages.create(model=MODEL, max_tokens=8, messages=HELLO).content[0].text == "hi"


def test_body_over_32_mib_is_request_too_large(client, server):
    with pytest.raises(anthropic.RequestTooLargeError) as caught:
        client.messages.create(model=MODEL, max_tokens=8, messages=[{"role": "user", "content": "x" * (33 * 1024 * 1024)}])
    assert caught.value.status_code == 413
    assert caught.value.body["error"]["type"] == "request_too_large"
    assert_healthy(server)


def test_invalid_json_is_a_bad_request(server):
    status, _, payload = raw_post(
        f"{server.url}/inference/v1/messages", b'{"model": }', {"content-type": "application/json", "x-api-key": "k"}
    )
    assert status == 400
    assert "JSON decode error" in json.loads(payload)["error"]["message"]
    assert_healthy(server)


def test_overloaded_script_is_retried_by_the_sdk(server):
    headers = {"x-mock-scenario": "overloaded", "x-mock-session": "retry-test"}
    patient = anthropic.Anthropic(api_key="k", base_url=f"{server.url}/inference", max_retries=2, default_headers=headers)
    message = patient.messages.create(model=MODEL, max_tokens=8, messages=HELLO)
    assert message.content[0].text == "Third time lucky."

    impatient = anthropic.Anthropic(
        api_key="k",
        base_url=f"{server.url}/inference",
        max_retries=0,
        default_headers={"x-mock-scenario": "overloaded", "x-mock-session": "no-retry-test"},
    )
    with pytest.raises(anthropic.OverloadedError) as caught:
        impatient.messages.create(model=MODEL, max_tokens=8, messages=HELLO)
    assert caught.value.status_code == 529
    assert caught.value.body["error"]["type"] == "overloaded_error"
