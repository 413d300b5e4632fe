#!/usr/bin/env bash
# Runs the conformance suite: the official Python SDK, pinned in requirements.txt, against a live fireworks-mock.
# Arguments are passed to pytest. FIREWORKS_MOCK_BIN selects the binary (default: .build/debug/fireworks-mock).
# Works unattended on a fresh Debian machine: python3 and venv support are installed with apt-get when missing.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
venv="$root/.venv-conformance"

as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    else
        sudo -n "$@"
    fi
}

if ! command -v python3 >/dev/null 2>&1 || ! python3 -c 'import ensurepip, venv' >/dev/null 2>&1; then
    echo "run.sh: installing python3 and python3-venv" >&2
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q </dev/null
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends python3 python3-venv </dev/null
fi

# A virtualenv whose interpreter no longer runs (the system Python changed) is made again.
if [ -d "$venv" ] && ! "$venv/bin/python" -c '' >/dev/null 2>&1; then
    rm -rf "$venv"
fi
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
PIP_NO_INPUT=1 "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$here/requirements.txt"

export FIREWORKS_MOCK_BIN="${FIREWORKS_MOCK_BIN:-$root/.build/debug/fireworks-mock}"
cd "$root"
exec "$venv/bin/python" -m pytest Tests/Conformance -q "$@"
