"""The plugin as a user's suite meets it, run in inner pytest sessions: one mock per run and per xdist worker,
a reset after each test, `--fireworks-mock-url`, and the ini options."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fireworks_mock import FireworksMock

RECORD_MOCK_URLS = """
import json, os

def test_{n}(fireworks_mock, mock_session):
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    with open("urls.jsonl", "a") as out:
        out.write(json.dumps([worker, fireworks_mock.url, mock_session.name]) + "\\n")
"""


def recorded(pytester: pytest.Pytester) -> list[list[str]]:
    lines = (pytester.path / "urls.jsonl").read_text().splitlines()
    return [json.loads(line) for line in lines]


def test_one_mock_per_run_and_a_session_per_test(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(**{f"test_{n}": RECORD_MOCK_URLS.format(n=n) for n in range(3)})
    pytester.runpytest_subprocess().assert_outcomes(passed=3)
    rows = recorded(pytester)
    assert len({url for _, url, _ in rows}) == 1
    assert len({session for _, _, session in rows}) == 3


def test_each_xdist_worker_has_its_own_mock(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(**{f"test_{n}": RECORD_MOCK_URLS.format(n=n) for n in range(2)})
    pytester.runpytest_subprocess("-n", "2", "--dist", "each", "-p", "xdist").assert_outcomes(passed=4)
    urls = {worker: url for worker, url, _ in recorded(pytester)}
    assert set(urls) == {"gw0", "gw1"} and len(set(urls.values())) == 2


def test_an_external_mock_is_used_and_each_session_is_reset(
    pytester: pytest.Pytester, fireworks_mock: FireworksMock
) -> None:
    pytester.makepyfile(
        """
        def test_leaves_things_behind(fireworks_mock, mock_session):
            mock_session.script({"name": "left", "reply": {"text": "scripted"}})
            mock_session.client().messages.create(
                model="accounts/fireworks/models/kimi-k2p5", max_tokens=8, messages=[{"role": "user", "content": "x"}])
            open("session", "w").write(mock_session.name)
            open("url", "w").write(fireworks_mock.url)
        """
    )
    pytester.runpytest_subprocess(f"--fireworks-mock-url={fireworks_mock.url}").assert_outcomes(passed=1)
    assert (pytester.path / "url").read_text() == fireworks_mock.url
    session = (pytester.path / "session").read_text()
    assert fireworks_mock.journal(session=session) == []
    assert fireworks_mock.admin("GET", "/scripts", session=session)["scripts"] == [
        script for script in fireworks_mock.admin("GET", "/scripts")["scripts"] if script["scope"] == "global"
    ]


def test_an_external_url_with_no_mock_fails_clearly(pytester: pytest.Pytester) -> None:
    pytester.makepyfile("def test_needs_it(mock_session):\n    pass\n")
    result = pytester.runpytest_subprocess("--fireworks-mock-url=http://127.0.0.1:9")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*no fireworks-mock answers GET /health at http://127.0.0.1:9 (--fireworks-mock-url)"])


def test_the_ini_options_reach_the_mock(pytester: pytest.Pytester) -> None:
    scripts = pytester.mkdir("scripts")
    (scripts / "hello.yaml").write_text("name: hello\nreply: {text: from the ini}\n")
    pytester.makeini("[pytest]\nfireworks_mock_responses = scripts\nfireworks_mock_args = --delta-size 3 --strict\n")
    pytester.makepyfile(
        """
        def test_uses_them(fireworks_mock, mock_session, pytestconfig):
            fireworks_mock_rootdir = pytestconfig.rootpath
            command = fireworks_mock.command()
            assert command[-3:] == ["--delta-size", "3", "--strict"]
            assert command[command.index("--responses") + 1] == str(fireworks_mock_rootdir / "scripts")
            reply = mock_session.client().messages.create(
                model="accounts/fireworks/models/kimi-k2p5", max_tokens=8, messages=[{"role": "user", "content": "x"}])
            assert reply.content[0].text == "from the ini"
        """
    )
    pytester.runpytest_subprocess().assert_outcomes(passed=1)


def test_the_fixtures_are_listed(pytester: pytest.Pytester) -> None:
    result = pytester.runpytest_subprocess("--fixtures")
    result.stdout.fnmatch_lines(["fireworks_mock [[]session scope[]]*", "mock_session*"])
    help_text = pytester.runpytest_subprocess("--help").stdout.str()
    assert "--fireworks-mock-url=URL" in help_text
