#!/usr/bin/env bash
# Runs the conformance suite: the official Python SDK (pinned in requirements.txt) against the built server.
# Creates the virtualenv it needs; installs python3 and venv support with apt-get when they are missing.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
venv="$root/.venv-conformance"

if ! python3 -c 'import venv, ensurepip' >/dev/null 2>&1; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq python3 python3-venv >/dev/null
fi
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
"$venv/bin/pip" install --quiet --disable-pip-version-check -r "$here/requirements.txt"

export FIREWORKS_MOCK_BIN="${FIREWORKS_MOCK_BIN:-$root/.build/debug/fireworks-mock}"
cd "$here"
exec "$venv/bin/python" -m pytest -q "$@" .
