"""Run fireworks-mock, a mock of Fireworks' Anthropic-compatible Messages API, from Python tests.

`MockServer` starts the binary for the length of a `with` block; `FireworksMock` reaches a mock running anywhere;
`MockSession` is one test's isolated part of a mock. The pytest plugin in `fireworks_mock.plugin` offers them as
the fixtures `fireworks_mock` and `mock_session`.
"""

from ._journal import Answer, JournalEntry, NearMiss, Response, Upstream, Write
from ._mock import AdminError, FireworksMock, ScriptWarning
from ._server import MockServer, MockStartError, find_binary
from ._session import MockSession
from ._verdict import Check, Evidence, Verdict

__version__ = "0.1.0"

__all__ = [
    "AdminError",
    "Answer",
    "Check",
    "Evidence",
    "FireworksMock",
    "JournalEntry",
    "MockServer",
    "MockSession",
    "MockStartError",
    "NearMiss",
    "Response",
    "ScriptWarning",
    "Upstream",
    "Verdict",
    "Write",
    "find_binary",
]
