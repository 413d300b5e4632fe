"""`MockSession`: one test's own corner of a shared mock, named by the `x-mock-session` header."""

from __future__ import annotations

import ssl
import uuid
from typing import TYPE_CHECKING, Any, Dict, List, Optional, cast

from ._journal import JournalEntry
from ._mock import SESSION_HEADER, FireworksMock, Scripts
from ._verdict import Verdict

if TYPE_CHECKING:
    import anthropic

FAULT_HEADER = "x-mock-fault"


def _anthropic() -> Any:
    try:
        import anthropic
    except ImportError:
        raise ImportError(
            "fireworks_mock's clients need the Anthropic SDK: pip install 'fireworks-mock[anthropic]'"
        ) from None
    return anthropic


class MockSession:
    """Scripts, fault counts, sequence counts and journal entries of one session of a mock.

    Every request a client of this session sends carries `x-mock-session: <name>`, so the session's scripts answer
    it before the global ones, its sequences advance for it alone, and its journal entries are its own. Tests that
    run at the same time against one mock do not see each other.
    """

    def __init__(self, mock: FireworksMock, name: Optional[str] = None) -> None:
        self.mock = mock
        self.name = name if name is not None else f"test-{uuid.uuid4().hex}"
        self._fault: Optional[str] = None

    def __repr__(self) -> str:
        return f"MockSession({self.name!r} on {self.mock.url})"

    @property
    def headers(self) -> Dict[str, str]:
        """The headers that put a request in this session, with the fault set by `fault()`, if any: for clients
        made by hand (`default_headers=session.headers`), which then do not follow later `fault()` calls."""
        headers = {SESSION_HEADER: self.name}
        if self._fault is not None:
            headers[FAULT_HEADER] = self._fault
        return headers

    def client(self, *, tls: bool = False, **options: Any) -> anthropic.Anthropic:
        """An `anthropic.Anthropic` client of this session, on the mock's base URL (HTTPS with `tls=True`,
        trusting the mock's test CA). Other keyword arguments go to the client (`max_retries`, `timeout`,
        `default_headers`, `http_client`, ...); `api_key` defaults to a placeholder."""
        sdk = _anthropic()
        client = self._client(sdk.Anthropic, sdk.DefaultHttpxClient, self._add_fault, tls, options)
        return cast("anthropic.Anthropic", client)

    def async_client(self, *, tls: bool = False, **options: Any) -> anthropic.AsyncAnthropic:
        """An `anthropic.AsyncAnthropic` client of this session; the options are those of `client()`."""
        sdk = _anthropic()
        client = self._client(sdk.AsyncAnthropic, sdk.DefaultAsyncHttpxClient, self._add_fault_async, tls, options)
        return cast("anthropic.AsyncAnthropic", client)

    def script(self, scripts: Scripts) -> List[str]:
        """Adds scripts to this session, tried before the global ones; returns their names. `scripts` is a script
        file's YAML or JSON text, one script as a dict, `{"scripts": [...]}`, or a list of scripts. A script that
        does not load raises `AdminError` listing every problem; the server's warnings become `ScriptWarning`s."""
        return self.mock.add_scripts(scripts, session=self.name)

    def fault(self, spec: Optional[str], times: Optional[int] = None) -> None:
        """Applies a fault (`"error;status=529"`, `"reset;after=5"`, ...) to every later request of this
        session's clients, or to the first `times` of them; `None` removes it. The fault travels in the
        `x-mock-fault` header, which wins over a script's fault and the server's `--fault`; a header a client sets
        on a request itself wins over this one. The count of `times` is kept by the server, per session and fault
        text: giving the same fault again does not start it afresh, `reset()` does."""
        if spec is not None and times is not None:
            if "times=" in spec:
                raise ValueError(f"give times either in the fault ({spec!r}) or as an argument, not both")
            spec = f"{spec};times={times}"
        self._fault = spec

    def journal(self, **filters: Any) -> List[JournalEntry]:
        """This session's journal entries, oldest first; filters as in `FireworksMock.journal` (`status=429`,
        `script="weather"`, `answer="echo"`, `limit=1`, ...)."""
        return self.mock.journal(session=self.name, **filters)

    def last_request(self) -> JournalEntry:
        """The journal entry of this session's latest request; its `request` is the body the client sent."""
        entries = self.journal(limit=1)
        if not entries:
            raise LookupError(f"session {self.name!r} has sent no request to {self.mock.url}")
        return entries[-1]

    def reset(self) -> None:
        """Drops this session's scripts, sequence and fault counts, and journal entries, and its fault."""
        self.mock.reset(session=self.name)
        self._fault = None

    def verdict(self, **thresholds: Any) -> Verdict:
        """Did the application cope? The seven checks over this session's requests: `assert v.ok, v.explain()`.
        Thresholds as in `FireworksMock.verdict`."""
        return self.mock.verdict(session=self.name, **thresholds)

    def _client(self, client_class: Any, http_class: Any, hook: Any, tls: bool, options: Dict[str, Any]) -> Any:
        """A client of `client_class` in this session, whose HTTP client (`options["http_client"]`, or a new one
        of `http_class`) adds the session's fault to each request with `hook`."""
        http_client = options.pop("http_client", None)
        if http_client is None:
            http_client = http_class(**self._transport_options(tls))
        # A request hook adds the fault when the request leaves, so clients made before `fault()` follow it too.
        hooks = dict(http_client.event_hooks)
        hooks["request"] = [*hooks.get("request", []), hook]
        http_client.event_hooks = hooks
        return client_class(http_client=http_client, **self._client_options(tls, options))

    def _client_options(self, tls: bool, options: Dict[str, Any]) -> Dict[str, Any]:
        if tls and self.mock.tls_base_url is None:
            raise ValueError(f"{self.mock!r} serves no HTTPS: start it with tls=True")
        return {
            "api_key": "fireworks-mock-key",
            **options,
            "base_url": self.mock.tls_base_url if tls else self.mock.base_url,
            "default_headers": {**options.get("default_headers", {}), SESSION_HEADER: self.name},
        }

    def _transport_options(self, tls: bool) -> Dict[str, Any]:
        if tls and self.mock.ca_file is not None:
            return {"verify": ssl.create_default_context(cafile=self.mock.ca_file)}
        return {}

    def _add_fault(self, request: Any) -> None:
        if self._fault is not None and FAULT_HEADER not in request.headers:
            request.headers[FAULT_HEADER] = self._fault

    async def _add_fault_async(self, request: Any) -> None:
        self._add_fault(request)
