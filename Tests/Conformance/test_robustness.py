"""Bad input of every kind gets an answer (or a closed connection) and leaves the server serving."""

import json
import socket

import anthropic
import httpx2
import pytest

from conftest import MODEL, make_client

HEADERS = {"x-api-key": "k", "content-type": "application/json"}


# Every test here ends by checking the shared server still answers.
pytestmark = pytest.mark.usefixtures("still_serving")


@pytest.mark.parametrize(
    "body",
    [b'{"model": }', b"", b"[]", b"null", b'"text"', b"\xff\xfe{}", b'{"model": "' + b"a" * 10 + b'"'],
    ids=["broken", "empty", "array", "null", "string", "not-utf8", "unterminated"],
)
def test_bodies_that_are_not_a_request_object(server, body):
    with httpx2.Client(timeout=10) as http:
        response = http.post(f"{server.url}/inference/v1/messages", content=body, headers=HEADERS)
    assert response.status_code == 400
    assert response.json()["error"]["type"] == "invalid_request_error"


def test_wrong_types_everywhere(server):
    body = {"model": 5, "messages": "hi", "max_tokens": "many", "stream": "perhaps", "stop_sequences": "x"}
    with httpx2.Client(timeout=10) as http:
        response = http.post(f"{server.url}/inference/v1/messages", json=body, headers=HEADERS)
    assert response.status_code == 400
    message = response.json()["error"]["message"]
    for field in ("model", "max_tokens", "stream", "stop_sequences"):
        assert f"field: '{field}'" in message


def raw_exchange(server, data, read_timeout=5):
    with socket.create_connection(("127.0.0.1", server.port), timeout=read_timeout) as sock:
        sock.sendall(data)
        received = b""
        try:
            while chunk := sock.recv(65536):
                received += chunk
        except (TimeoutError, ConnectionResetError):
            pass
    return received


@pytest.mark.parametrize(
    "data",
    [
        b"NOT HTTP AT ALL\r\n\r\n",
        b"POST /inference/v1/messages HTTP/1.1\r\nHost: x\r\nContent-Length: nope\r\n\r\n",
        b"\x00\x01\x02\x03" * 64,
    ],
    ids=["garbage-line", "bad-content-length", "binary"],
)
def test_malformed_http(server, data):
    answer = raw_exchange(server, data)
    if answer:
        head, _, body = answer.partition(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1.1 400")
        assert json.loads(body)["error"]["type"] == "invalid_request_error"


def test_client_that_hangs_up_mid_request(server):
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as sock:
        sock.sendall(b'POST /inference/v1/messages HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{"mod')


def test_client_that_leaves_mid_stream(server):
    text = "word " * 2000
    with make_client(server.base_url()) as client:
        for _ in range(5):
            with client.messages.create(
                model=MODEL, max_tokens=100000, messages=[{"role": "user", "content": text}], stream=True
            ) as stream:
                for index, _event in enumerate(stream):
                    if index == 3:
                        break


def test_errors_and_successes_share_a_connection(client):
    # The SDK keeps one connection alive: error answers must leave it usable.
    for _ in range(3):
        with pytest.raises(anthropic.BadRequestError):
            client.messages.create(
                model=MODEL, max_tokens=8, messages=[{"role": "user", "content": "x"}], container="c"
            )
        with pytest.raises(anthropic.NotFoundError):
            client.messages.create(model="nope", max_tokens=8, messages=[{"role": "user", "content": "x"}])
        assert (
            client.messages.create(model=MODEL, max_tokens=8, messages=[{"role": "user", "content": "ok"}])
            .content[0]
            .text
            == "ok"
        )
