"""Connection bounds seen from the SDK: a pooled connection the server closed for idleness is replaced without
an error, and a client past --max-connections waits instead of failing."""

import socket
import threading
import time

import pytest

from conftest import MODEL, assert_serving, make_async_client, make_client

IDLE = 0.5


def ask(sdk, text, **options):
    return sdk.messages.create(
        model=MODEL, max_tokens=32, messages=[{"role": "user", "content": text}], **options
    )


def test_idle_connection_closed_by_the_server_is_replaced_without_an_error(make_server):
    server = make_server("--idle-timeout", f"{int(IDLE * 1000)}ms")
    # No retries: the SDK must not need one.
    with make_client(server.base_url(), max_retries=0) as sdk:
        assert ask(sdk, "first").content[0].text == "first"
        time.sleep(IDLE * 3)
        assert ask(sdk, "after idle").content[0].text == "after idle"
        time.sleep(IDLE * 3)
        with sdk.messages.stream(model=MODEL, max_tokens=32, messages=[{"role": "user", "content": "streamed"}]) as stream:
            assert stream.get_final_text() == "streamed"
    assert_serving(server)


@pytest.mark.anyio
async def test_async_client_after_idle_timeout(make_server):
    import asyncio

    server = make_server("--idle-timeout", f"{int(IDLE * 1000)}ms")
    async with make_async_client(server.base_url(), max_retries=0) as sdk:
        first = await sdk.messages.create(model=MODEL, max_tokens=16, messages=[{"role": "user", "content": "a"}])
        assert first.content[0].text == "a"
        await asyncio.sleep(IDLE * 3)
        second = await sdk.messages.create(model=MODEL, max_tokens=16, messages=[{"role": "user", "content": "b"}])
        assert second.content[0].text == "b"


def test_idle_connection_is_closed_quietly_on_the_wire(make_server):
    server = make_server("--idle-timeout", f"{int(IDLE * 1000)}ms")
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as raw:
        started = time.monotonic()
        assert raw.recv(1024) == b""  # a FIN and no bytes
        assert time.monotonic() - started >= IDLE * 0.8


def test_slow_request_head_gets_408_timeout_error(make_server):
    server = make_server("--header-timeout", "300ms")
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as raw:
        raw.sendall(b"POST /inference/v1/messages HTTP/1.1\r\nHost: x\r\n")
        answer = b""
        while chunk := raw.recv(4096):
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 408 Request Timeout\r\n")
    assert b'"type":"timeout_error"' in body


def test_client_past_max_connections_waits_then_is_served(make_server):
    # One connection at a time; the first client's pooled connection holds it until the idle timeout frees it.
    server = make_server("--max-connections", "1", "--idle-timeout", "1s")
    with make_client(server.base_url(), max_retries=0) as first, make_client(server.base_url(), max_retries=0) as second:
        assert ask(first, "holder").content[0].text == "holder"
        outcome = {}

        def wait_in_line():
            started = time.monotonic()
            outcome["text"] = ask(second, "waited", timeout=20).content[0].text
            outcome["waited"] = time.monotonic() - started

        waiter = threading.Thread(target=wait_in_line)
        waiter.start()
        waiter.join(30)
        assert outcome.get("text") == "waited"
        # It was held back until the first connection went idle and closed, not refused.
        assert outcome["waited"] >= 0.5
