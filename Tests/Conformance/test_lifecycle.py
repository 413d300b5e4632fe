"""The process as a service: prompt, clean exit on SIGTERM and SIGINT with streams open."""

import signal
import socket

from conftest import MODEL


def open_unread_stream(url):
    host, port = url.removeprefix("http://").rsplit(":", 1)
    sock = socket.create_connection((host, int(port)))
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    body = (
        '{"model":"%s","max_tokens":100000,"stream":true,"messages":[{"role":"user","content":"%s"}]}'
        % (MODEL, "open " * 3000)
    ).encode()
    sock.sendall(
        b"POST /inference/v1/messages HTTP/1.1\r\nHost: x\r\nx-api-key: k\r\ncontent-type: application/json\r\n"
        + f"content-length: {len(body)}\r\n\r\n".encode()
        + body
    )
    assert sock.recv(64).startswith(b"HTTP/1.1 200 OK")
    return sock


def test_sigterm_with_open_streams_exits_zero_within_two_seconds(make_server):
    mock = make_server("--delta-size", "1")
    sockets = [open_unread_stream(mock.url) for _ in range(20)]
    code, seconds = mock.stop(signal.SIGTERM)
    assert code == 0, f"exit code {code} after {seconds:.2f} s"
    for sock in sockets:
        sock.close()


def test_sigint_exits_zero(make_server):
    mock = make_server()
    sock = open_unread_stream(mock.url)
    code, _ = mock.stop(signal.SIGINT)
    assert code == 0
    sock.close()
