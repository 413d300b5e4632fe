#!/usr/bin/env bash
# Runs every test: the Swift suites (unit and live-socket), the conformance suite (the official Python SDK
# against the built server), the Python package's tests, every runnable code block of the docs, the workflow
# lint, the container build, the thread sanitizer and a short run of each fuzz target. Works on a fresh Debian
# machine with only the Swift toolchain: what else it needs, it installs.
set -euo pipefail
cd "$(dirname "$0")/.."

# Swift Testing starts every test at once by default: on two cores, hundreds of live-socket tests starting
# together kept some servers from answering within a test's window. Eight at a time costs little here.
export SWT_EXPERIMENTAL_MAXIMUM_PARALLELIZATION_WIDTH="${SWT_EXPERIMENTAL_MAXIMUM_PARALLELIZATION_WIDTH:-8}"

echo "== build (debug, with tests)"
swift build --build-tests

echo "== Swift tests"
swift test --skip-build

binary="$(swift build --show-bin-path)/fireworks-mock"

echo "== conformance (Python SDK against a live server)"
FIREWORKS_MOCK_BIN="$binary" Tests/Conformance/run.sh

echo "== Python package (integrations/python): mypy --strict, then its tests against the built server"
FIREWORKS_MOCK_BIN="$binary" integrations/python/run-tests.sh

echo "== documentation: every runnable code block of README.md and docs/, and their links"
FIREWORKS_MOCK_BIN="$binary" scripts/test-docs.sh

echo "== GitHub Actions: actionlint, shellcheck and zizmor; the composite action's script"
scripts/lint-workflows.sh
FIREWORKS_MOCK_BIN="$binary" scripts/test-action.sh

echo "== container: the Dockerfile's release build, smoke-tested without the toolchain; Dockerfile lint"
scripts/build-release.sh --smoke
scripts/lint-dockerfile.sh

echo "== ThreadSanitizer: the Swift suites again, instrumented (scripts/sanitize.sh)"
scripts/sanitize.sh thread

echo "== fuzzing: each libFuzzer target for 20 s from its corpus (scripts/fuzz.sh; FUZZING.md)"
scripts/fuzz.sh 20
