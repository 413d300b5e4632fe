#!/usr/bin/env bash
# Runs the code blocks of README.md and docs/ and checks their links (scripts/docs/test_docs.py), in the Python
# package's virtualenv (integrations/python/run-tests.sh makes it). curl, which the shell examples use, is
# installed with apt-get when missing. FIREWORKS_MOCK_BIN selects the binary (default: the debug build).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v curl >/dev/null 2>&1; then
    echo "test-docs.sh: installing curl" >&2
    sudo_if_needed=()
    [ "$(id -u)" -eq 0 ] || sudo_if_needed=(sudo -n)
    "${sudo_if_needed[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q </dev/null
    "${sudo_if_needed[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends curl </dev/null
fi
exec integrations/python/run-tests.sh --rootdir scripts/docs scripts/docs "$@"
