#!/usr/bin/env bash
# Runs every test: the Swift suites (unit and live-socket), then the conformance suite, which drives the
# built server with the official Python SDK from a virtualenv this script creates. Works on a fresh Debian
# machine with only the Swift toolchain: what else it needs, it installs.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== build (debug, with tests)"
swift build --build-tests

echo "== Swift tests"
swift test --skip-build

echo "== conformance (Python SDK against a live server)"
FIREWORKS_MOCK_BIN="$(swift build --show-bin-path)/fireworks-mock" Tests/Conformance/run.sh

echo "== container: the Dockerfile's release build, smoke-tested without the toolchain; Dockerfile lint"
scripts/build-release.sh --smoke
scripts/lint-dockerfile.sh
