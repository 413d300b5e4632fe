"""Typed views of the request journal's entries, as `GET /_mock/journal` serves them."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Dict, Mapping, Optional, Tuple


@dataclass(frozen=True)
class Answer:
    """Who answered: `kind` is `script`, `echo`, `upstream`, `recording` or `error`; `source` says more
    (`script 'name'`, `validation`, `fault`, `rate limit`, `strict`, `header`, `upstream`, ...); `script` and
    `scope` name the script that answered, and `recording` the recording file a replay came from."""

    kind: str
    source: str
    script: Optional[str]
    scope: Optional[str]
    recording: Optional[str] = None


@dataclass(frozen=True)
class Upstream:
    """For an answer forwarded to `--upstream`: the URL, the upstream's status (`None` when it could not be
    asked and the mock answered 502), the time to its status line, and the recording written (`--record`)."""

    url: str
    status: Optional[int]
    first_byte_ms: Optional[float]
    recorded_to: Optional[str]


@dataclass(frozen=True)
class NearMiss:
    """A script that almost answered a request no script answered, and every condition it failed."""

    script: str
    scope: str
    source: str
    failed: Tuple[str, ...]


@dataclass(frozen=True)
class Write:
    """One write to the socket: when (milliseconds after the request head arrived), how many bytes (HTTP framing
    included) and which SSE events it carried."""

    at_ms: float
    bytes: int
    events: Tuple[str, ...]


@dataclass(frozen=True)
class Response:
    """What the mock sent back. `body` is `None` for a stream; `events` lists a stream's event names in order."""

    status: int
    headers: Dict[str, str]
    body: Optional[str]
    body_bytes: Optional[int]
    body_truncated: Optional[bool]
    events: Tuple[str, ...]
    bytes: int
    writes: Tuple[Write, ...]
    writes_dropped: int

    def json(self) -> Any:
        """The body parsed as JSON (for a non-stream answer)."""
        if self.body is None:
            raise ValueError("a streamed answer has no body in the journal; see `events` and `writes`")
        return json.loads(self.body)


@dataclass(frozen=True)
class JournalEntry:
    """One API request the mock received and what it answered.

    `request` is the body parsed as JSON when it arrived whole and valid, else `None`; `body` is the body as text
    (cut to the server's `--journal-body-limit`). `fault` is the fault chosen for the request, in the
    `kind;key=value` syntax, and `fault_origin` where it came from (`header`, `script` or `server`);
    `fault_applied` says whether it took effect (`None` without a fault) and `fault_not_applied` why it did not
    (its position is past the end of the stream, for example). `connection` tells how the connection
    stood afterwards (`keep-alive`, `closed`, `closed-mid-response`, `reset`, ...). `raw` is the entry as served.
    """

    id: int
    time: datetime
    request_id: str
    session: str
    method: str
    path: str
    query: str
    headers: Dict[str, str]
    body: str
    body_bytes: int
    body_truncated: bool
    request: Any
    answer: Answer
    near_misses: Tuple[NearMiss, ...]
    fault: Optional[str]
    fault_origin: Optional[str]
    fault_applied: Optional[bool]
    fault_not_applied: Optional[str]
    response: Response
    duration_ms: float
    connection: str
    raw: Mapping[str, Any] = field(repr=False, compare=False)
    upstream: Optional[Upstream] = None

    @classmethod
    def from_json(cls, entry: Mapping[str, Any]) -> JournalEntry:
        """Reads one entry of the journal's JSON form."""
        response = entry["response"]
        answer = entry["answer"]
        return cls(
            id=entry["id"],
            # `fromisoformat` takes a trailing `Z` only from Python 3.11 on.
            time=datetime.fromisoformat(entry["time"].replace("Z", "+00:00")),
            request_id=entry["request_id"],
            session=entry["session"],
            method=entry["method"],
            path=entry["path"],
            query=entry["query"],
            headers=dict(entry["headers"]),
            body=entry["body"],
            body_bytes=entry["body_bytes"],
            body_truncated=entry["body_truncated"],
            request=entry["request"],
            answer=Answer(answer["kind"], answer["source"], answer["script"], answer["scope"], answer.get("recording")),
            near_misses=tuple(
                NearMiss(miss["script"], miss["scope"], miss["source"], tuple(miss["failed"]))
                for miss in entry["near_misses"]
            ),
            fault=entry["fault"],
            fault_origin=entry["fault_origin"],
            fault_applied=entry.get("fault_applied", None if entry["fault"] is None else True),
            fault_not_applied=entry.get("fault_not_applied"),
            response=Response(
                status=response["status"],
                headers=dict(response["headers"]),
                body=response["body"],
                body_bytes=response.get("body_bytes"),
                body_truncated=response.get("body_truncated"),
                events=tuple(response["events"]),
                bytes=response["bytes"],
                writes=tuple(Write(w["at_ms"], w["bytes"], tuple(w["events"])) for w in response["writes"]),
                writes_dropped=response["writes_dropped"],
            ),
            duration_ms=entry["duration_ms"],
            connection=entry["connection"],
            raw=entry,
            upstream=Upstream(**entry["upstream"]) if entry.get("upstream") else None,
        )
