"""The HTTPS listener (--tls-port with --tls-self-signed) as the official SDK sees it: sync and async clients
and streaming, trusting the test CA by `verify=` or by SSL_CERT_FILE; a client without the CA gets the SDK's
connection error while the server goes on; faults keep their meaning over TLS."""

import re
import socket
import ssl
import threading
import warnings

import anthropic
import httpx2
import pytest

from conftest import MODEL, MockServer, assert_serving, count_tokens, http

HTTPS_LINE = re.compile(r"fireworks-mock listening on (https://127\.0\.0\.1:([0-9]+))\n")
REQUEST = dict(model=MODEL, max_tokens=64, messages=[{"role": "user", "content": "Say hello over TLS"}])


class TLSServer:
    """A mock with both listeners; `https` and `https_port` come from its second start line."""

    def __init__(self, tmp_path_factory, *extra, ca_file=None):
        self.ca_file = ca_file or str(tmp_path_factory.mktemp("tls") / "ca.pem")
        self.mock = MockServer("--tls-port", "0", "--tls-self-signed", "--tls-ca-out", self.ca_file, *extra)
        # Not select(): the first readline may already have buffered this line. The server prints it right after
        # the first, so a bounded wait in a thread is enough.
        lines = []
        reader = threading.Thread(target=lambda: lines.append(self.mock.process.stdout.readline().decode()), daemon=True)
        reader.start()
        reader.join(timeout=10)
        line = lines[0] if lines else ""
        match = HTTPS_LINE.fullmatch(line)
        if not match:
            self.mock.kill()
            raise RuntimeError(f"unexpected second start line {line!r}; stderr: {self.mock.stderr()}")
        self.https = match.group(1)
        self.https_port = int(match.group(2))

    def base_url(self, host="127.0.0.1"):
        return f"https://{host}:{self.https_port}/inference"

    def verify(self):
        return ssl.create_default_context(cafile=self.ca_file)


@pytest.fixture(scope="module")
def tls(tmp_path_factory):
    server = TLSServer(tmp_path_factory)
    yield server
    code, seconds = server.mock.stop()
    assert code == 0, f"SIGTERM: exit code {code} after {seconds:.2f} s; stderr: {server.mock.stderr()[-2000:]}"


@pytest.fixture
def no_cert_env(monkeypatch):
    for name in ("SSL_CERT_FILE", "SSL_CERT_DIR"):
        monkeypatch.delenv(name, raising=False)


def sync_client(tls, host="127.0.0.1", verify=None, **options):
    http_client = anthropic.DefaultHttpxClient(verify=verify) if verify is not None else None
    return anthropic.Anthropic(
        api_key="k", base_url=tls.base_url(host), max_retries=0, timeout=10.0, http_client=http_client, **options
    )


def test_second_start_line_names_the_https_url(tls):
    assert tls.mock.url.startswith("http://127.0.0.1:")
    assert tls.https.startswith("https://127.0.0.1:")
    assert tls.https_port != tls.mock.port
    with open(tls.ca_file) as file:
        assert file.read().startswith("-----BEGIN CERTIFICATE-----\n")


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_sync_create_with_verify(tls, host, no_cert_env):
    with sync_client(tls, host, verify=tls.verify()) as client:
        message = client.messages.create(**REQUEST)
    assert message.content[0].text == "Say hello over TLS"
    assert message._request_id.startswith("req_")


def test_sync_create_with_ssl_cert_file(tls, monkeypatch):
    # The workflow the README shows: the application keeps its default client and the environment names the CA.
    monkeypatch.setenv("SSL_CERT_FILE", tls.ca_file)
    with sync_client(tls, "localhost") as client:
        assert client.messages.create(**REQUEST).content[0].text == "Say hello over TLS"


def test_sync_stream_helper(tls, no_cert_env):
    with sync_client(tls, verify=tls.verify()) as client:
        with client.messages.stream(**REQUEST) as stream:
            text = "".join(stream.text_stream)
            final = stream.get_final_message()
    assert text == "Say hello over TLS"
    assert final.stop_reason == "end_turn"
    assert final.usage.output_tokens == count_tokens("Say hello over TLS")


def test_raw_stream_events_over_tls(tls, no_cert_env):
    with sync_client(tls, verify=tls.verify()) as client:
        events = [event.type for event in client.messages.create(stream=True, **REQUEST)]
    assert events[0] == "message_start"
    assert events[-2:] == ["message_delta", "message_stop"]


@pytest.mark.anyio
async def test_async_create_and_stream(tls, no_cert_env):
    async with anthropic.AsyncAnthropic(
        api_key="k",
        base_url=tls.base_url(),
        max_retries=0,
        timeout=10.0,
        http_client=anthropic.DefaultAsyncHttpxClient(verify=tls.verify()),
    ) as client:
        message = await client.messages.create(**REQUEST)
        assert message.content[0].text == "Say hello over TLS"
        async with client.messages.stream(**REQUEST) as stream:
            text = "".join([piece async for piece in stream.text_stream])
        assert text == "Say hello over TLS"


def test_client_without_the_ca_gets_a_connection_error_and_the_server_goes_on(tls, no_cert_env):
    with sync_client(tls) as client:
        with pytest.raises(anthropic.APIConnectionError) as caught:
            client.messages.create(**REQUEST)
    assert "CERTIFICATE_VERIFY_FAILED" in repr(caught.value.__cause__) or isinstance(
        caught.value.__cause__, (httpx2.ConnectError, ssl.SSLError)
    )
    assert_serving(tls.mock)
    with sync_client(tls, verify=tls.verify()) as client:
        assert client.messages.create(**REQUEST).content[0].text == "Say hello over TLS"


def test_plain_http_client_on_the_tls_port_fails_and_the_server_goes_on(tls):
    client = anthropic.Anthropic(
        api_key="k", base_url=f"http://127.0.0.1:{tls.https_port}/inference", max_retries=0, timeout=10.0
    )
    with pytest.raises(anthropic.APIConnectionError):
        client.messages.create(**REQUEST)
    assert_serving(tls.mock)


def test_stalled_handshake_does_not_block_others(tls, no_cert_env):
    with socket.create_connection(("127.0.0.1", tls.https_port)) as silent:
        with sync_client(tls, verify=tls.verify()) as client:
            assert client.messages.create(**REQUEST).content[0].text == "Say hello over TLS"
        silent.settimeout(0.1)
        with pytest.raises(TimeoutError):
            silent.recv(1)


def faulty(tls, fault):
    return sync_client(tls, verify=tls.verify(), default_headers={"x-mock-fault": fault})


def test_reset_fault_over_tls_breaks_the_stream(tls, no_cert_env):
    # Python's ssl module reads a TLS connection cut without close_notify as an end of stream (ragged EOF),
    # so the SDK usually reports the chunked body left incomplete; a reset seen first is a ReadError.
    with faulty(tls, "reset;after=5") as client:
        with pytest.raises((httpx2.RemoteProtocolError, httpx2.ReadError)):
            with client.messages.stream(**REQUEST) as stream:
                stream.get_final_message()
        with pytest.raises(anthropic.APIConnectionError):
            client.messages.create(**REQUEST)
    assert_serving(tls.mock)


def test_cut_without_terminator_over_tls_is_a_protocol_error(tls, no_cert_env):
    with faulty(tls, "cut;after=5;terminator=false") as client:
        with pytest.raises(httpx2.RemoteProtocolError):
            with client.messages.stream(**REQUEST) as stream:
                stream.get_final_message()


def test_empty_fault_over_tls_is_a_connection_error(tls, no_cert_env):
    with faulty(tls, "empty") as client:
        with pytest.raises(anthropic.APIConnectionError):
            client.messages.create(**REQUEST)


def test_mid_stream_error_over_tls(tls, no_cert_env):
    with faulty(tls, "mid-stream-error;after=4;type=overloaded_error") as client:
        with pytest.raises(anthropic.APIStatusError) as caught:
            with client.messages.stream(**REQUEST) as stream:
                stream.get_final_message()
    assert caught.value.body["error"]["type"] == "overloaded_error"


def test_state_is_shared_with_the_plain_listener(tls, no_cert_env):
    headers = {"x-mock-session": "tls-shared", "x-mock-fault": "error;status=529;times=1"}
    status, _, _ = http(
        "POST",
        f"{tls.mock.url}/inference/v1/messages",
        REQUEST,
        {"content-type": "application/json", "x-api-key": "k", **headers},
    )
    assert status == 529
    with sync_client(tls, verify=tls.verify(), default_headers=headers) as client:
        assert client.messages.create(**REQUEST).content[0].text == "Say hello over TLS"


def handshake(tls, context):
    with socket.create_connection(("127.0.0.1", tls.https_port), timeout=10) as raw:
        with context.wrap_socket(raw, server_hostname="localhost") as secure:
            return secure.version(), secure.selected_alpn_protocol()


def test_tls_versions_and_alpn(tls):
    context = tls.verify()
    context.set_alpn_protocols(["h2", "http/1.1"])
    assert handshake(tls, context) == ("TLSv1.3", "http/1.1")
    context = tls.verify()
    context.maximum_version = ssl.TLSVersion.TLSv1_2
    assert handshake(tls, context)[0] == "TLSv1.2"
    # A client that offers only TLS 1.1 (its security level lowered so that it may) is refused by the server.
    context = tls.verify()
    context.set_ciphers("DEFAULT:@SECLEVEL=0")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # Python's own warning about TLS 1.1
        context.minimum_version = ssl.TLSVersion.TLSv1_1
        context.maximum_version = ssl.TLSVersion.TLSv1_1
    with pytest.raises(ssl.SSLError) as caught:
        handshake(tls, context)
    assert "PROTOCOL_VERSION" in str(caught.value) or "UNSUPPORTED_PROTOCOL" in str(caught.value)
    assert_serving(tls.mock)
