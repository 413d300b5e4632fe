"""Runs the code blocks of README.md and docs/ (see blocks.py): every `python` and `sh` block not marked to skip,
in page order, each page in a working directory of its own, against one fireworks-mock started for the run with
the shipped `responses/` and HTTPS. The documented addresses (127.0.0.1:8080, localhost:8443) are replaced by
that mock's; the directory holds `ca.pem` (its test CA), `responses/`, `integrations/`, and
`.build/release/fireworks-mock` (the binary under test, which is also on PATH). Script blocks are loaded with
`fireworks-mock check`, and every relative link must lead to a file and heading that exist."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import urllib.parse
from pathlib import Path
from typing import Dict, Iterator, List

import pytest

from blocks import ROOT, TAGS, Block, all_blocks, documents
from fireworks_mock import MockServer

BLOCKS = all_blocks()
TIMEOUT = 180


RUNNABLE = [block for block in BLOCKS if block.kind in ("python", "sh")]
SCRIPTS = [block for block in BLOCKS if block.kind == "script"]


def where(block: Block) -> str:
    return block.where


@pytest.fixture(scope="session")
def mock() -> Iterator[MockServer]:
    with MockServer(responses=ROOT / "responses", tls=True) as server:
        yield server


@pytest.fixture(scope="session")
def workspaces(tmp_path_factory: pytest.TempPathFactory, mock: MockServer) -> Dict[Path, Path]:
    """One working directory per page, made when the page's first block runs (the mock is reset then)."""
    return {}


def workspace(page: Path, workspaces: Dict[Path, Path], mock: MockServer, base: Path) -> Path:
    if page not in workspaces:
        mock.reset()
        directory = base / page.stem
        directory.mkdir()
        assert mock.ca_file is not None
        shutil.copy(mock.ca_file, directory / "ca.pem")
        for name in ("responses", "integrations"):
            (directory / name).symlink_to(ROOT / name)
        release = directory / ".build" / "release"
        release.mkdir(parents=True)
        (release / "fireworks-mock").symlink_to(mock.binary)
        workspaces[page] = directory
    return workspaces[page]


def localized(text: str, mock: MockServer) -> str:
    assert mock.tls_url is not None
    tls_port = mock.tls_url.rsplit(":", 1)[1]
    for host in ("127.0.0.1", "localhost"):
        text = text.replace(f"{host}:8080", f"127.0.0.1:{mock.port}").replace(f"{host}:8443", f"{host}:{tls_port}")
    return text


def environment(mock: MockServer) -> Dict[str, str]:
    env = {name: value for name, value in os.environ.items() if not name.startswith("ANTHROPIC_")}
    binaries = os.path.dirname(mock.binary)
    env["PATH"] = os.pathsep.join([os.path.dirname(sys.executable), binaries, env.get("PATH", "")])
    env["FIREWORKS_MOCK_BIN"] = mock.binary
    env["NO_PROXY"] = "127.0.0.1,localhost"
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def run(command: List[str], cwd: Path, mock: MockServer, block: Block) -> str:
    result = subprocess.run(
        command, cwd=cwd, env=environment(mock), stdin=subprocess.DEVNULL, capture_output=True, text=True,
        timeout=TIMEOUT,
    )
    print(f"--- {block.where} ---\n{result.stdout}")  # shown with pytest -s
    if result.returncode != 0:
        pytest.fail(
            f"{block.where}: exit code {result.returncode}\n--- stdout ---\n{result.stdout}\n--- stderr ---\n"
            f"{result.stderr}",
            pytrace=False,
        )
    return result.stdout


PRINTED = re.compile(r"^\s*print\(.*\)\s+# (.+)$")


def check_printed(block: Block, stdout: str, mock: MockServer) -> None:
    """A Python block's `print(...)  # text` lines say what it prints, in order; `...` stands for any text and
    `PORT` for the mock's port."""
    expected = [match.group(1) for match in map(PRINTED.match, block.text.splitlines()) if match]
    if not expected:
        return
    printed = stdout.splitlines()
    assert len(printed) == len(expected), f"{block.where}: printed {printed}, documented {expected}"
    for shown, documented in zip(printed, expected):
        pattern = ".*".join(re.escape(part) for part in documented.split("..."))
        pattern = pattern.replace("PORT", r"\d+")
        assert re.fullmatch(pattern, shown), f"{block.where}: printed {shown!r}, documented {documented!r}"


def mentioned_later(block: Block, name: str) -> bool:
    """True when a later `sh` block of the same page runs the file `name`."""
    return any(
        other.path == block.path and other.line > block.line and other.tag == "sh" and name in other.text
        for other in BLOCKS
    )


def test_every_block_has_a_known_tag() -> None:
    unknown = [f"{block.where}: ```{block.tag}" for block in BLOCKS if block.tag not in TAGS]
    assert not unknown, "tag shell blocks `sh`; known tags: " + ", ".join(sorted(TAGS - {""}))


def test_skip_markers_stand_before_runnable_blocks() -> None:
    misplaced = [block.where for block in BLOCKS if block.skip and block.kind not in ("python", "sh")]
    assert not misplaced


@pytest.mark.parametrize("block", RUNNABLE, ids=where)
def test_block_runs(
    block: Block, mock: MockServer, workspaces: Dict[Path, Path], tmp_path_factory: pytest.TempPathFactory
) -> None:
    if block.skip:
        pytest.skip(block.skip)
    cwd = workspace(block.path, workspaces, mock, tmp_path_factory.getbasetemp())
    text = localized(block.text, mock)
    if block.tag == "sh":
        run(["bash", "-euo", "pipefail", "-c", text], cwd, mock, block)
        return
    name = block.file_name or f"block_{block.line}.py"
    (cwd / name).write_text(text)
    if block.file_name and mentioned_later(block, block.file_name):
        return  # a later shell block runs it, as the page says
    if re.search(r"^def test_", text, re.MULTILINE):
        run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", name], cwd, mock, block)
    else:
        check_printed(block, run([sys.executable, name], cwd, mock, block), mock)


@pytest.mark.parametrize("block", SCRIPTS, ids=where)
def test_script_block_loads(block: Block, mock: MockServer, tmp_path: Path) -> None:
    (tmp_path / "example.yaml").write_text(block.text)
    run([mock.binary, "check", str(tmp_path)], tmp_path, mock, block)


LINK = re.compile(r"\]\(([^)\s]+)\)")


def anchors(page: Path) -> List[str]:
    """The anchors GitHub makes of a page's headings."""
    result = []
    for heading in re.findall(r"^#+ (.+)$", page.read_text(), re.MULTILINE):
        slug = re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-")
        result.append(slug)
    return result


@pytest.mark.parametrize("page", documents(), ids=lambda page: str(page.relative_to(ROOT)))
def test_relative_links_resolve(page: Path) -> None:
    broken = []
    for target in LINK.findall(page.read_text()):
        if urllib.parse.urlparse(target).scheme:
            continue
        path, _, anchor = target.partition("#")
        destination = (page.parent / path).resolve() if path else page
        if not destination.exists():
            broken.append(f"{target}: no {destination.relative_to(ROOT)}")
        elif anchor and destination.suffix == ".md" and anchor not in anchors(destination):
            broken.append(f"{target}: no heading #{anchor} in {destination.relative_to(ROOT)}")
    assert not broken, "\n".join(broken)
