"""A handle on a running fireworks-mock: its base URLs and its admin API under `/_mock`."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
import warnings
from typing import TYPE_CHECKING, Any, Dict, List, Mapping, Optional, Sequence, Union

from ._journal import JournalEntry
from ._verdict import Verdict

if TYPE_CHECKING:
    from ._session import MockSession

#: What `add_scripts` takes: a script file's text (YAML or JSON), one script as a mapping, `{"scripts": [...]}`,
#: or a list of scripts.
Scripts = Union[str, Mapping[str, Any], Sequence[Mapping[str, Any]]]

SESSION_HEADER = "x-mock-session"
ADMIN_TOKEN_HEADER = "x-mock-admin-token"


class AdminError(Exception):
    """The admin API refused a call; `status` is the HTTP status and `message` the server's explanation (a script
    that does not load lists every problem, one per line)."""

    def __init__(self, method: str, path: str, status: int, message: str) -> None:
        super().__init__(f"{method} {path}: {status}: {message}")
        self.status = status
        self.message = message


class ScriptWarning(UserWarning):
    """A script was added but the server warned about it (for example, an earlier script shadows it)."""


class FireworksMock:
    """A fireworks-mock reachable at `url` (`http://HOST:PORT`), started here or elsewhere.

    `base_url` is the form the Anthropic SDKs take (`.../inference`). `tls_url`, `tls_base_url` and `ca_file` are
    set when the mock also serves HTTPS and the CA to trust is known. `admin_token` is sent with every admin call
    when the mock was started with `--admin-token`.
    """

    def __init__(
        self,
        url: str,
        *,
        tls_url: Optional[str] = None,
        ca_file: Optional[str] = None,
        admin_token: Optional[str] = None,
        timeout: float = 30.0,
    ) -> None:
        self.url = url.rstrip("/")
        self.tls_url = tls_url.rstrip("/") if tls_url else None
        self.ca_file = ca_file
        self.admin_token = admin_token
        self.timeout = timeout
        # Admin calls go straight to the mock: a proxy from the environment has no business in between.
        self._opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.url!r})"

    @property
    def base_url(self) -> str:
        """The base URL for an Anthropic client: `url` + `/inference`, as Fireworks documents it."""
        return self.url + "/inference"

    @property
    def tls_base_url(self) -> Optional[str]:
        """The HTTPS base URL for an Anthropic client, when the mock serves HTTPS."""
        return self.tls_url + "/inference" if self.tls_url else None

    def healthy(self) -> bool:
        """True when `GET /health` answers 200."""
        try:
            with self._opener.open(self.url + "/health", timeout=2) as response:
                return bool(response.status == 200)
        except (OSError, urllib.error.URLError):
            return False

    def admin(
        self,
        method: str,
        path: str,
        *,
        session: Optional[str] = None,
        query: Optional[Mapping[str, Any]] = None,
        body: Optional[bytes] = None,
        content_type: Optional[str] = None,
    ) -> Any:
        """One admin call (`path` is relative to `/_mock`, e.g. `/journal`); returns the parsed JSON answer and
        raises `AdminError` for an error status. `session` scopes the call to that session."""
        parameters = {name: str(value) for name, value in (query or {}).items() if value is not None}
        if session is not None:
            parameters["session"] = session
        target = "/_mock" + path + ("?" + urllib.parse.urlencode(parameters) if parameters else "")
        headers: Dict[str, str] = {}
        if content_type:
            headers["content-type"] = content_type
        if self.admin_token:
            headers[ADMIN_TOKEN_HEADER] = self.admin_token
        request = urllib.request.Request(self.url + target, data=body, method=method, headers=headers)
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                return json.load(response)
        except urllib.error.HTTPError as error:
            text = error.read().decode("utf-8", errors="replace")
            try:
                message = json.loads(text)["error"]["message"]
            except (ValueError, KeyError, TypeError):
                message = text
            raise AdminError(method, target, error.code, message) from None

    def add_scripts(self, scripts: Scripts, *, session: Optional[str] = None) -> List[str]:
        """Adds scripts (globally, or to one session) and returns their names. A string is sent as a script file
        (YAML, or JSON); anything else is sent as JSON. The server's warnings are raised as `ScriptWarning`s."""
        if isinstance(scripts, str):
            body, content_type = scripts.encode(), None
        else:
            body, content_type = json.dumps(scripts).encode(), "application/json"
        answer = self.admin("POST", "/scripts", session=session, body=body, content_type=content_type)
        for warning in dict.fromkeys(answer.get("warnings", [])):
            warnings.warn(warning, ScriptWarning, stacklevel=2)
        return list(answer["added"])

    def journal(self, *, session: Optional[str] = None, **filters: Any) -> List[JournalEntry]:
        """Journal entries, oldest first. `session=None` means every session; filters are the journal's query
        parameters: `method`, `path`, `status`, `script`, `answer`, `since`, `limit`, `request_id`."""
        answer = self.admin("GET", "/journal", session=session, query=filters)
        return [JournalEntry.from_json(entry) for entry in answer["entries"]]

    def verdict(self, *, session: str = "", **thresholds: Any) -> Verdict:
        """The checks of one session's requests (`GET /_mock/verdict`); thresholds are its query parameters:
        `max_retries=3`, `retry_after_tolerance_ms=100`, `expect_abandon=True`, ..."""
        query = {name: (str(value).lower() if isinstance(value, bool) else value) for name, value in thresholds.items()}
        return Verdict.from_json(self.admin("GET", "/verdict", session=session, query=query))

    def reset(self, *, session: Optional[str] = None) -> None:
        """Back to the start: every session (`session=None`) or one session's scripts, counts and journal."""
        self.admin("POST", "/reset", session=session)

    def session(self, name: Optional[str] = None) -> MockSession:
        """A session of this mock (a fresh random name unless given)."""
        from ._session import MockSession

        return MockSession(self, name)
