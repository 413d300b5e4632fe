"""The fenced code blocks of README.md and docs/*.md, classified for the docs tests (scripts/docs/test_docs.py)
and the workflow lint (scripts/lint-workflows.sh).

A block is tagged with its language: `python` and `sh` blocks are run, `yaml` blocks that are script files are
loaded by `fireworks-mock check`, `yaml` blocks that are whole GitHub workflows go to actionlint. A block that
must not run (it starts a server in the foreground, needs Docker, ...) is preceded by the comment
`<!-- docs-test: skip (why) -->` on the line just before its fence.

    python3 scripts/docs/blocks.py list              every block, where it is and what is done with it
    python3 scripts/docs/blocks.py workflows DIR     writes the workflow examples to DIR, one file each
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import List, Optional

ROOT = Path(__file__).resolve().parents[2]
# `swift` blocks are shown, not run: they need a package of their own, and the library calls they show run in
# Tests/MockServerTests/FireworksMockTestingTests.swift.
TAGS = {"python", "sh", "yaml", "json", "text", "swift", ""}
SKIP = re.compile(r"^<!-- docs-test: skip \((.+)\) -->$")
FILE_NAME = re.compile(r"^# ([\w.-]+\.py)$")


@dataclass(frozen=True)
class Block:
    path: Path
    line: int  # of the opening fence, counted from 1
    tag: str
    text: str
    skip: Optional[str]

    @property
    def where(self) -> str:
        return f"{self.path.relative_to(ROOT)}:{self.line}"

    @property
    def file_name(self) -> Optional[str]:
        """`test_weather.py` for a Python block whose first line is `# test_weather.py`."""
        first = self.text.split("\n", 1)[0]
        match = FILE_NAME.match(first)
        return match.group(1) if match else None

    @property
    def kind(self) -> str:
        """`python`, `sh`, `script` (a script file), `workflow`, or `text` (shown, not run)."""
        if self.tag in ("python", "sh"):
            return self.tag
        if self.tag == "yaml":
            keys = set(re.findall(r"^([\w-]+):", self.text, re.MULTILINE))
            if "jobs" in keys:
                return "workflow"
            if "scripts" in keys or {"name", "reply"} <= keys or {"name", "replies"} <= keys:
                return "script"
        return "text"


def documents() -> List[Path]:
    return [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def blocks(path: Path) -> List[Block]:
    lines = path.read_text().split("\n")
    found: List[Block] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if line.startswith("```"):
            tag = line[3:].strip()
            end = index + 1
            while end < len(lines) and lines[end] != "```":
                end += 1
            if end == len(lines):
                raise ValueError(f"{path}:{index + 1}: the block is never closed")
            skip = SKIP.match(lines[index - 1]) if index > 0 else None
            text = "\n".join(lines[index + 1 : end]) + "\n"
            found.append(Block(path, index + 1, tag, text, skip.group(1) if skip else None))
            index = end
        index += 1
    return found


def all_blocks() -> List[Block]:
    return [block for path in documents() for block in blocks(path)]


def main(arguments: List[str]) -> int:
    if arguments[:1] == ["list"]:
        for block in all_blocks():
            print(f"{block.where:32} {block.tag or '-':7} {block.kind:9} {'skip: ' + block.skip if block.skip else ''}")
        return 0
    if len(arguments) == 2 and arguments[0] == "workflows":
        out = Path(arguments[1])
        for block in all_blocks():
            if block.kind == "workflow":
                name = f"{block.path.stem}-{block.line}.yml"
                (out / name).write_text(block.text)
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
