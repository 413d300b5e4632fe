"""Typed views of a session's verdict, as `GET /_mock/verdict` serves it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Dict, Mapping, Optional, Tuple


@dataclass(frozen=True)
class Evidence:
    """One finding: the journal entries it is about, what was seen, and numbers to assert on (`advised_ms`,
    `waited_ms`, `retries`...)."""

    entries: Tuple[int, ...]
    detail: str
    values: Dict[str, int]

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Evidence:
        values = {key: value for key, value in data.items() if key not in ("entries", "detail")}
        return cls(tuple(data["entries"]), data["detail"], values)


@dataclass(frozen=True)
class Check:
    """One check: `status` is `pass`, `fail` or `not_applicable`; `decided` is False when entries it needed were
    dropped from the journal."""

    name: str
    status: str
    decided: bool
    explanation: str
    evidence: Tuple[Evidence, ...]

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Check:
        return cls(
            data["name"], data["status"], data["decided"], data["explanation"],
            tuple(Evidence.from_json(item) for item in data["evidence"]),
        )


@dataclass(frozen=True)
class Verdict:
    """Did the application cope? Seven checks over one session's requests; `ok` when none failed."""

    session: str
    ok: bool
    exchanges: int
    journal_dropped_entries: Optional[int]
    thresholds: Dict[str, Any]
    checks: Tuple[Check, ...]

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Verdict:
        return cls(
            data["session"], data["ok"], data["exchanges"], data["journal_dropped_entries"], dict(data["thresholds"]),
            tuple(Check.from_json(item) for item in data["checks"]),
        )

    def check(self, name: str) -> Check:
        """The check of this name (`retry_after_honoured`, `history_intact`, ...)."""
        for check in self.checks:
            if check.name == name:
                return check
        raise KeyError(f"no check {name!r}; the checks are {', '.join(c.name for c in self.checks)}")

    @property
    def failures(self) -> Tuple[Check, ...]:
        return tuple(check for check in self.checks if check.status == "fail")

    def explain(self) -> str:
        """A report for a failed assertion: the result, then every failed check with all its evidence."""
        lines = [f"verdict for session {self.session!r}: {'ok' if self.ok else 'FAILED'} ({self.exchanges} requests)"]
        for check in self.failures:
            lines.append(f"  {check.name}: {check.explanation}")
            lines += [f"    - entries {list(e.entries)}: {e.detail}" for e in check.evidence]
        if self.journal_dropped_entries != 0:
            lines.append("  the journal dropped entries of this session: checks that did not fail are undecided")
        return "\n".join(lines)
