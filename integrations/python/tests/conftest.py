"""Shared helpers of the package's own tests. The plugin under test is the installed one (entry point
`pytest11`); `pytester` runs inner test sessions that load it the way a user's suite does."""

from __future__ import annotations

import os
import sys
import textwrap
from pathlib import Path

import pytest
from anthropic.types import MessageParam

pytest_plugins = ["pytester"]

MODEL = "accounts/fireworks/models/kimi-k2p5"
ASK: list[MessageParam] = [{"role": "user", "content": "Say hello"}]


def fake_binary(directory: Path, body: str) -> Path:
    """An executable Python program standing in for fireworks-mock, to reach what the real one never does
    (ignoring SIGTERM, never printing its start line)."""
    path = directory / "fake-fireworks-mock"
    path.write_text(f"#!{sys.executable}\n" + textwrap.dedent(body))
    path.chmod(0o755)
    return path


@pytest.fixture
def real_binary() -> str:
    return os.environ["FIREWORKS_MOCK_BIN"]
