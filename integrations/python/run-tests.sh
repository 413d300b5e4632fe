#!/usr/bin/env bash
# Tests the Python package: installs it with its extras into a virtualenv of its own (.venv-python at the
# repository root, every version pinned in tests/requirements.txt), type-checks it, and runs its pytest suite
# against a real fireworks-mock. Arguments are passed to pytest in place of the default test directory.
#
#   FIREWORKS_MOCK_BIN   the binary under test (default: .build/debug/fireworks-mock)
#
# Works unattended on a fresh Debian machine (scripts/python-venv.sh installs python3-venv when missing).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
venv="$root/.venv-python"

"$root/scripts/python-venv.sh" "$venv"
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
