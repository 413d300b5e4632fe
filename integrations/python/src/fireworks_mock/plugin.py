"""The pytest plugin (entry point `pytest11`): fixtures `fireworks_mock` and `mock_session`.

`fireworks_mock` is one mock per test run: per process, so per worker under pytest-xdist. It is started from the
binary named by `FIREWORKS_MOCK_BIN` (else `fireworks-mock` on `PATH`), or, with `--fireworks-mock-url URL`,
it is the mock already running there. `mock_session` gives each test a session of its own, reset afterwards.
"""

from __future__ import annotations

from typing import Iterator, Optional

import pytest

from ._mock import FireworksMock
from ._server import MockServer
from ._session import MockSession


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("fireworks-mock")
    group.addoption(
        "--fireworks-mock-url",
        metavar="URL",
        default=None,
        help="use the fireworks-mock running at URL (http://host:port) instead of starting one",
    )
    group.addoption(
        "--fireworks-mock-admin-token",
        metavar="TOKEN",
        default=None,
        help="admin token of the mock given by --fireworks-mock-url (its --admin-token)",
    )
    parser.addini("fireworks_mock_responses", "script directory of the mock the plugin starts (--responses)")
    parser.addini("fireworks_mock_args", "more command-line options for the mock the plugin starts", type="args")


@pytest.fixture(scope="session")
def fireworks_mock(pytestconfig: pytest.Config) -> Iterator[FireworksMock]:
    """The mock of this test run (of this xdist worker): started for it, or the one `--fireworks-mock-url` names."""
    url: Optional[str] = pytestconfig.getoption("fireworks_mock_url")
    if url:
        mock = FireworksMock(url, admin_token=pytestconfig.getoption("fireworks_mock_admin_token"))
        if not mock.healthy():
            pytest.fail(f"no fireworks-mock answers GET /health at {url} (--fireworks-mock-url)", pytrace=False)
        yield mock
        return
    responses = pytestconfig.getini("fireworks_mock_responses") or None
    if responses:
        responses = str(pytestconfig.rootpath / responses)
    with MockServer(responses=responses, args=pytestconfig.getini("fireworks_mock_args")) as server:
        yield server


@pytest.fixture
def mock_session(fireworks_mock: FireworksMock) -> Iterator[MockSession]:
    """A fresh session of the mock for this test: its scripts, faults, sequences and journal entries are its own,
    and are dropped when the test ends."""
    session = fireworks_mock.session()
    yield session
    session.reset()
