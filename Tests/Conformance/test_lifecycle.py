"""The process: one start line on stdout, and exit code 0 within 2 s of SIGTERM or SIGINT, streams open or not."""

import json
import signal
import socket
import subprocess

import pytest

from conftest import BINARY, MODEL, ROOT, START_LINE, STOP_DEADLINE, http, make_client


def open_unread_stream(mock, words):
    """A streaming request whose reply is never read, so the server stays blocked writing it."""
    sock = socket.create_connection(("127.0.0.1", mock.port), timeout=30)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    body = json.dumps(
        {
            "model": MODEL,
            "max_tokens": 1000000,
            "stream": True,
            "messages": [{"role": "user", "content": "open " * words}],
        }
    ).encode()
    head = (
        "POST /inference/v1/messages HTTP/1.1\r\nHost: test\r\nx-api-key: k\r\n"
        f"content-type: application/json\r\ncontent-length: {len(body)}\r\n\r\n"
    )
    sock.sendall(head.encode() + body)
    assert sock.recv(15) == b"HTTP/1.1 200 OK"
    return sock


def test_start_line_is_the_only_stdout(make_server):
    mock = make_server()
    assert mock.start_line == f"fireworks-mock listening on {mock.url}\n"
    assert http("GET", f"{mock.url}/inference/health")[0] == 200
    code, seconds = mock.stop()
    assert code == 0 and seconds < STOP_DEADLINE
    assert mock.process.stdout.read() == b""


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_signal_with_open_streams(make_server, sig):
    mock = make_server("--delta-size", "1")
    sockets = [open_unread_stream(mock, 1500) for _ in range(8)]
    client = make_client(mock.base_url(), timeout=10)
    # One more stream read through the SDK and left half done.
    stream = client.messages.create(
        model=MODEL, max_tokens=1000000, messages=[{"role": "user", "content": "open " * 1500}], stream=True
    )
    events = iter(stream)
    assert [next(events).type, next(events).type] == ["message_start", "content_block_start"]
    try:
        code, seconds = mock.stop(sig)
        assert code == 0, f"exit code {code} after {seconds:.2f} s; stderr: {mock.stderr()[-2000:]}"
        assert seconds < STOP_DEADLINE
    finally:
        for sock in sockets:
            sock.close()
        try:
            stream.close()
        except Exception:
            pass  # The server cut the stream; how the client notices is not under test here.
        client.close()


def test_sigterm_while_idle_with_a_kept_alive_connection(make_server):
    mock = make_server()
    with make_client(mock.base_url()) as client:
        assert client.messages.create(model=MODEL, max_tokens=8, messages=[{"role": "user", "content": "bye"}])
        code, seconds = mock.stop()
    assert code == 0 and seconds < STOP_DEADLINE


def test_sigterm_right_after_the_start_line():
    codes = []
    for _ in range(20):
        process = subprocess.Popen(
            [str(BINARY), "--port", "0"],
            cwd=ROOT,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        try:
            assert START_LINE.fullmatch(process.stdout.readline().decode())
            process.send_signal(signal.SIGTERM)
            codes.append(process.wait(timeout=STOP_DEADLINE))
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
            process.stdout.close()
    assert codes == [0] * 20
