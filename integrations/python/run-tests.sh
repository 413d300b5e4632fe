#!/usr/bin/env bash
# Tests the Python package: installs it with its extras into a virtualenv of its own (.venv-python at the
# repository root, every version pinned in tests/requirements.txt), type-checks it, and runs its pytest suite
# against a real fireworks-mock. Arguments are passed to pytest in place of the default test directory.
#
#   FIREWORKS_MOCK_BIN   the binary under test (default: .build/debug/fireworks-mock)
#
# Works unattended on a fresh Debian machine: python3 and venv support are installed with apt-get when missing.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
venv="$root/.venv-python"

as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    else
        sudo -n "$@"
    fi
}

if ! command -v python3 >/dev/null 2>&1 || ! python3 -c 'import ensurepip, venv' >/dev/null 2>&1; then
    echo "run-tests.sh: installing python3 and python3-venv" >&2
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
pip=("$venv/bin/python" -m pip --quiet --disable-pip-version-check --no-input)
"${pip[@]}" install -r "$here/tests/requirements.txt"
# The pinned build backend is already installed, so the build needs nothing from outside.
"${pip[@]}" install --no-build-isolation --no-deps --force-reinstall "${here}[anthropic,pytest]"
"${pip[@]}" check

export FIREWORKS_MOCK_BIN="${FIREWORKS_MOCK_BIN:-$root/.build/debug/fireworks-mock}"
export PATH="$venv/bin:$PATH"
cd "$root"
if [ "$#" -eq 0 ]; then
    echo "== mypy --strict (the package ships py.typed)"
    "$venv/bin/python" -m mypy --strict --cache-dir "$venv/mypy-cache" "$here/src/fireworks_mock" "$here/tests"
    set -- "$here/tests"
fi
exec "$venv/bin/python" -m pytest -q -p no:cacheprovider "$@"
