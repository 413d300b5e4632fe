"""Runs the built fireworks-mock as a real process on a free port and hands the tests its URL, SDK clients,
and a reference of the mock's documented token counting."""

import json
import os
import pathlib
import re
import select
import signal
import subprocess
import tempfile
import time
import urllib.error
import urllib.request

import anthropic
import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
BINARY = pathlib.Path(os.environ.get("FIREWORKS_MOCK_BIN") or ROOT / ".build" / "debug" / "fireworks-mock")
MODEL = "accounts/fireworks/models/kimi-k2p5"
START_LINE = re.compile(r"fireworks-mock listening on (http://127\.0\.0\.1:([0-9]+))\n")
MESSAGE_ID = re.compile(r"msg_[0-9A-Za-z]{24}")
REQUEST_ID = re.compile(r"req_[0-9A-Za-z]{24}")
STOP_DEADLINE = 2.0
# The two base URLs a client may be given: Fireworks' documented one, and the bare root.
BASE_PATHS = {"inference": "/inference", "root": ""}

# SDK settings taken from the environment (keys, base URL, extra headers) would change what the tests send,
# and a proxy from the environment must not sit between the tests and a loopback server.
for _name in [name for name in os.environ if name.startswith("ANTHROPIC_")]:
    del os.environ[_name]
for _name in ("NO_PROXY", "no_proxy"):
    os.environ[_name] = ",".join(filter(None, [os.environ.get(_name), "127.0.0.1", "localhost"]))


class MockServer:
    """One fireworks-mock process; `url` comes from its start line."""

    def __init__(self, *args):
        if not os.access(BINARY, os.X_OK):
            raise RuntimeError(f"no executable at {BINARY}: build the package or set FIREWORKS_MOCK_BIN")
        self.args = args
        self.log = tempfile.TemporaryFile()
        # The repository root is the working directory, so the scripts in ./responses are loaded as in normal use.
        # No crash backtracer: it would outlive a server that has to be killed.
        self.process = subprocess.Popen(
            [str(BINARY), "--port", "0", *args],
            cwd=ROOT,
            env={**os.environ, "SWIFT_BACKTRACE": "enable=no"},
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=self.log,
        )
        self.start_line = self._read_start_line(timeout=30)
        match = START_LINE.fullmatch(self.start_line)
        if not match:
            self.kill()
            raise RuntimeError(f"unexpected start line {self.start_line!r}; stderr: {self.stderr()}")
        self.url = match.group(1)
        self.port = int(match.group(2))

    def _read_start_line(self, timeout):
        ready, _, _ = select.select([self.process.stdout], [], [], timeout)
        return self.process.stdout.readline().decode() if ready else ""

    def base_url(self, kind="inference"):
        return self.url + BASE_PATHS[kind]

    def stderr(self):
        self.log.seek(0)
        return self.log.read().decode(errors="replace")

    def stop(self, sig=signal.SIGTERM, timeout=STOP_DEADLINE):
        """Signals the process; returns (exit code, seconds taken), the code None when it outlived `timeout`."""
        started = time.monotonic()
        self.process.send_signal(sig)
        try:
            code = self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            return None, time.monotonic() - started
        return code, time.monotonic() - started

    def kill(self):
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    @property
    def running(self):
        return self.process.poll() is None


def http(method, url, body=None, headers=None, timeout=30):
    """A plain HTTP exchange outside the SDK: (status, headers, body bytes)."""
    data = json.dumps(body).encode() if isinstance(body, (dict, list)) else body
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def assert_serving(server):
    """The server still answers health checks and a real request after whatever the test sent it."""
    status, _, body = http("GET", f"{server.url}/health", timeout=5)
    assert (status, json.loads(body)) == (200, {"status": "ok"})
    status, _, body = http(
        "POST",
        f"{server.url}/inference/v1/messages",
        {"model": MODEL, "max_tokens": 16, "messages": [{"role": "user", "content": "still here"}]},
        {"content-type": "application/json", "x-api-key": "k"},
        timeout=10,
    )
    assert status == 200, body
    assert json.loads(body)["content"][0]["text"] == "still here"


def make_client(url, **options):
    options.setdefault("api_key", "test-key")
    options.setdefault("max_retries", 0)
    return anthropic.Anthropic(base_url=url, **options)


def make_async_client(url, **options):
    options.setdefault("api_key", "test-key")
    options.setdefault("max_retries", 0)
    return anthropic.AsyncAnthropic(base_url=url, **options)


# --- The mock's documented tokenizer, written independently so the tests can predict every count. ---


def count_tokens(text):
    """Letter/digit runs: one token per started group of 4; other visible characters: 1 each; spaces: free."""
    tokens = run = 0
    for ch in text:
        if ch.isspace():
            run = 0
        elif ch.isalnum():
            tokens += run % 4 == 0
            run += 1
        else:
            run = 0
            tokens += 1
    return tokens


def first_tokens(text, limit):
    """The longest prefix of `text` with at most `limit` tokens, ending where its last token ends."""
    tokens = run = end = 0
    for i, ch in enumerate(text):
        if ch.isspace():
            run = 0
            continue
        starts = not ch.isalnum() or run % 4 == 0
        run = run + 1 if ch.isalnum() else 0
        if starts:
            if tokens == limit:
                return text[:end]
            tokens += 1
        end = i + 1
    return text


def compact_json(value):
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def block_tokens(block):
    if isinstance(block, str):
        return count_tokens(block)
    kind = block["type"]
    if kind == "text":
        return count_tokens(block["text"])
    if kind == "image":
        return 256
    if kind == "tool_use":
        return count_tokens(block["name"]) + count_tokens(compact_json(block["input"]))
    if kind == "tool_result":
        content = block.get("content", [])
        return sum(block_tokens(item) for item in ([content] if isinstance(content, str) else content))
    raise ValueError(f"no reference count for {kind}")


def input_tokens(messages, system=None, tools=()):
    """System prompt, then 3 + content per message, then 3 + name + description + compact schema per tool."""
    total = 0
    if system is not None:
        total += sum(block_tokens(b) for b in ([system] if isinstance(system, str) else system))
    for message in messages:
        content = message["content"]
        total += 3 + sum(block_tokens(b) for b in ([content] if isinstance(content, str) else content))
    for tool in tools:
        total += 3 + count_tokens(tool["name"]) + count_tokens(tool.get("description", ""))
        total += count_tokens(compact_json(tool["input_schema"]))
    return total


# --- Fixtures ---


@pytest.fixture(scope="session")
def server():
    mock = MockServer()
    yield mock
    code, seconds = mock.stop()
    assert code == 0, f"SIGTERM: exit code {code} after {seconds:.2f} s; stderr: {mock.stderr()[-2000:]}"


@pytest.fixture
def make_server():
    """Starts servers with extra arguments; each one still running at the end must stop cleanly on SIGTERM."""
    started = []

    def make(*args):
        mock = MockServer(*args)
        started.append(mock)
        return mock

    yield make
    outcomes = [(mock.args, mock.stop()) for mock in started if mock.running]
    for args, (code, seconds) in outcomes:
        assert code == 0, f"server {args}: exit code {code} after {seconds:.2f} s on SIGTERM"


@pytest.fixture(params=sorted(BASE_PATHS))
def base_url(request, server):
    """Each test using it runs once per base URL."""
    return server.base_url(request.param)


@pytest.fixture
def client(server):
    with make_client(server.base_url()) as sdk:
        yield sdk


@pytest.fixture
async def async_client(server):
    # Made and closed inside the test's own event loop: a client that outlives its loop fails on close.
    async with make_async_client(server.base_url()) as sdk:
        yield sdk


@pytest.fixture
def still_serving(server):
    """After the test, the shared server still answers its health route."""
    yield
    assert_serving(server)


@pytest.fixture
def anyio_backend():
    return "asyncio"
