#!/usr/bin/env bash
# Runs the conformance suite: the official Python SDK, pinned in requirements.txt, against a live fireworks-mock.
# Arguments are passed to pytest. FIREWORKS_MOCK_BIN selects the binary (default: .build/debug/fireworks-mock).
# Works unattended on a fresh Debian machine (scripts/python-venv.sh installs python3-venv when missing).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
venv="$root/.venv-conformance"

"$root/scripts/python-venv.sh" "$venv"
PIP_NO_INPUT=1 "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$here/requirements.txt"

export FIREWORKS_MOCK_BIN="${FIREWORKS_MOCK_BIN:-$root/.build/debug/fireworks-mock}"
cd "$root"
exec "$venv/bin/python" -m pytest Tests/Conformance -q "$@"
