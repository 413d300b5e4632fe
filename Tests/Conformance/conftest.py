"""Fixtures: the built fireworks-mock binary run as a real process on a free port, and SDK clients for it."""

import os
import pathlib
import select
import signal
import subprocess
import tempfile
import time

import anthropic
import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
BINARY = os.environ.get("FIREWORKS_MOCK_BIN", str(ROOT / ".build" / "debug" / "fireworks-mock"))
MODEL = "accounts/fireworks/models/kimi-k2p5"


class MockProcess:
    """One running server; `url` is read from its start line."""

    def __init__(self, *args, cwd=ROOT):
        self.stderr = tempfile.TemporaryFile()
        self.process = subprocess.Popen(
            [BINARY, "--port", "0", *args],
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=self.stderr,
        )
        ready, _, _ = select.select([self.process.stdout], [], [], 15)
        line = self.process.stdout.readline().decode() if ready else ""
        if not line.startswith("fireworks-mock listening on "):
            self.process.kill()
            self.stderr.seek(0)
            raise RuntimeError(f"no start line ({line!r}); stderr: {self.stderr.read().decode()}")
        self.url = line.split()[-1]

    def stop(self, sig=signal.SIGTERM, timeout=2.0):
        """Signals the process and returns (exit code, seconds it took); None if it did not end in time."""
        started = time.monotonic()
        self.process.send_signal(sig)
        try:
            code = self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            return None, time.monotonic() - started
        return code, time.monotonic() - started

    def kill(self):
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()


@pytest.fixture(scope="session")
def server():
    mock = MockProcess()
    yield mock
    code, _ = mock.stop()
    assert code == 0, "the shared server did not stop cleanly on SIGTERM within 2 s"


@pytest.fixture
def make_server():
    started = []

    def make(*args):
        mock = MockProcess(*args)
        started.append(mock)
        return mock

    yield make
    for mock in started:
        mock.kill()


@pytest.fixture
def client(server):
    return anthropic.Anthropic(api_key="test-key", base_url=f"{server.url}/inference", max_retries=0)


@pytest.fixture
async def async_client(server):
    # Made and closed inside the test's event loop: a client outliving its loop fails when it closes.
    async with anthropic.AsyncAnthropic(api_key="test-key", base_url=f"{server.url}/inference", max_retries=0) as client:
        yield client


@pytest.fixture
def anyio_backend():
    return "asyncio"
