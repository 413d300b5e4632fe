"""MockServer: finding the binary, the start line, the health wait, stopping, and failures that show stderr."""

from __future__ import annotations

import os
import re
import signal
import socket
from pathlib import Path

import anthropic
import pytest

from conftest import ASK, MODEL, fake_binary
from fireworks_mock import MockServer, MockStartError, find_binary


def test_starts_on_a_free_port_answers_and_stops_on_sigterm() -> None:
    with MockServer() as mock:
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+", mock.url)
        assert mock.port == int(mock.url.rsplit(":", 1)[1]) and mock.port != 0
        assert mock.base_url == mock.url + "/inference"
        assert mock.healthy()
        client = anthropic.Anthropic(api_key="k", base_url=mock.base_url)
        reply = client.messages.create(model=MODEL, max_tokens=64, messages=ASK)
        assert reply.content[0].type == "text" and reply.content[0].text == "Say hello"
        assert (mock.tls_url, mock.tls_base_url, mock.ca_file) == (None, None, None)
        process = mock.process
    assert process is not None and process.returncode == 0
    assert not mock.healthy()


def test_a_given_port_is_used(unused_port: int) -> None:
    with MockServer(port=unused_port) as mock:
        assert mock.url == f"http://127.0.0.1:{unused_port}"


def test_a_taken_port_fails_with_the_servers_stderr(unused_port: int) -> None:
    with MockServer(port=unused_port):
        with pytest.raises(MockStartError) as caught:
            MockServer(port=unused_port).start()
    message = str(caught.value)
    assert "exited with code 1 before it could print its start line" in message
    assert f"cannot listen on 127.0.0.1:{unused_port}: address already in use" in message


def test_a_bad_option_fails_with_the_servers_stderr() -> None:
    with pytest.raises(MockStartError) as caught:
        MockServer(args=["--log-level", "loud"]).start()
    command, stderr = str(caught.value).split("\n--- its stderr ---\n")
    assert command.startswith("fireworks-mock exited with code ") and command.endswith("--log-level loud")
    assert "--log-level" in stderr and "loud" in stderr


def test_a_script_directory_with_an_error_fails_naming_the_file(tmp_path: Path) -> None:
    (tmp_path / "broken.yaml").write_text("name: broken\nreply: {textt: hi}\n")
    with pytest.raises(MockStartError) as caught:
        MockServer(responses=tmp_path).start()
    assert "broken.yaml: script 'broken': reply.textt: unknown field" in str(caught.value)


def test_responses_are_loaded(tmp_path: Path) -> None:
    (tmp_path / "hello.yaml").write_text("name: hello\nreply: {text: scripted}\n")
    with MockServer(responses=tmp_path) as mock:
        reply = mock.session().client().messages.create(model=MODEL, max_tokens=64, messages=ASK)
        assert reply.content[0].type == "text" and reply.content[0].text == "scripted"


def test_tls_serves_https_with_a_ca_to_trust() -> None:
    with MockServer(tls=True) as mock:
        assert mock.tls_url is not None and re.fullmatch(r"https://127\.0\.0\.1:\d+", mock.tls_url)
        assert mock.tls_base_url == mock.tls_url + "/inference"
        assert mock.ca_file is not None and Path(mock.ca_file).read_text().startswith("-----BEGIN CERTIFICATE-----")
        session = mock.session()
        reply = session.client(tls=True).messages.create(model=MODEL, max_tokens=64, messages=ASK)
        assert reply.content[0].type == "text" and reply.content[0].text == "Say hello"
        (entry,) = session.journal()
        assert entry.request["messages"] == ASK
        ca_file = mock.ca_file
    assert not os.path.exists(ca_file)


def test_an_untrusting_client_fails_its_handshake() -> None:
    with MockServer(tls=True) as mock:
        assert mock.tls_base_url is not None
        client = anthropic.Anthropic(api_key="k", base_url=mock.tls_base_url, max_retries=0)
        with pytest.raises(anthropic.APIConnectionError):
            client.messages.create(model=MODEL, max_tokens=64, messages=ASK)


def test_the_binary_comes_from_the_argument_then_the_variable_then_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, real_binary: str
) -> None:
    on_path = tmp_path / "bin"
    on_path.mkdir()
    (on_path / "fireworks-mock").symlink_to(real_binary)
    monkeypatch.setenv("PATH", f"{on_path}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("FIREWORKS_MOCK_BIN", "/bin/true")
    assert find_binary(real_binary) == real_binary
    assert find_binary() == "/bin/true"
    monkeypatch.delenv("FIREWORKS_MOCK_BIN")
    assert find_binary() == str(on_path / "fireworks-mock")
    with MockServer() as mock:
        assert mock.binary == str(on_path / "fireworks-mock") and mock.healthy()


def test_no_binary_anywhere_names_the_three_places(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FIREWORKS_MOCK_BIN")
    monkeypatch.setenv("PATH", str(tmp_path))
    expected = r"pass binary=\.\.\., set FIREWORKS_MOCK_BIN, or put fireworks-mock on PATH"
    with pytest.raises(MockStartError, match=expected):
        MockServer()
    monkeypatch.setenv("FIREWORKS_MOCK_BIN", str(tmp_path / "nothing"))
    with pytest.raises(MockStartError, match="nothing \\(from FIREWORKS_MOCK_BIN\\) is not an executable file"):
        MockServer()


def test_a_server_that_ignores_sigterm_is_killed(tmp_path: Path) -> None:
    binary = fake_binary(
        tmp_path,
        """
        import http.server, signal, sys
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        server = http.server.HTTPServer(("127.0.0.1", 0), http.server.BaseHTTPRequestHandler)
        server.RequestHandlerClass.do_GET = lambda self: (self.send_response(200), self.end_headers())
        print(f"fireworks-mock listening on http://127.0.0.1:{server.server_port}", flush=True)
        server.serve_forever()
        """,
    )
    mock = MockServer(binary, stop_timeout=0.5).start()
    assert mock.healthy()
    assert mock.stop() == -signal.SIGKILL


def test_a_server_that_never_prints_its_start_line_times_out(tmp_path: Path) -> None:
    binary = fake_binary(tmp_path, "import sys, time\nprint('starting', file=sys.stderr, flush=True)\ntime.sleep(9)\n")
    mock = MockServer(binary, start_timeout=0.5)
    with pytest.raises(MockStartError) as caught:
        mock.start()
    assert "did not print its start line within 0.5 s" in str(caught.value)
    assert "starting" in str(caught.value)
    assert mock.process is not None and mock.process.returncode is not None


@pytest.fixture
def unused_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port
