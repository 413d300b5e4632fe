#!/usr/bin/env bash
# Makes sure DIR is a working virtualenv: installs python3 and its venv support with apt-get when missing
# (unattended, as root or through sudo -n), makes DIR again when its interpreter no longer runs (the system
# Python changed), and creates it when absent.
#   scripts/python-venv.sh DIR
set -euo pipefail
venv=${1:?usage: scripts/python-venv.sh DIR}

as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    else
        sudo -n "$@"
    fi
}

if ! command -v python3 >/dev/null 2>&1 || ! python3 -c 'import ensurepip, venv' >/dev/null 2>&1; then
    echo "python-venv.sh: installing python3 and python3-venv" >&2
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q </dev/null
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends python3 python3-venv </dev/null
fi
if [ -d "$venv" ] && ! "$venv/bin/python" -c '' >/dev/null 2>&1; then
    rm -rf "$venv"
fi
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
