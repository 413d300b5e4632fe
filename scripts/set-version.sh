#!/usr/bin/env bash
# Sets the version `fireworks-mock --version` prints: rewrites its one line in Sources/MockCLI/Version.swift (or
# in FILE). The release workflow runs it with the tag's version before it builds.
#   scripts/set-version.sh VERSION [FILE]
set -euo pipefail
version=${1:?usage: scripts/set-version.sh VERSION [FILE]}
file=${2:-"$(dirname "$0")/../Sources/MockCLI/Version.swift"}

case "$version" in
    [0-9]*.[0-9]*.[0-9]*) ;;
    *) echo "set-version.sh: '$version' is not a version like 1.2.3 or 1.2.3-rc.1" >&2; exit 1 ;;
esac
case "$version" in
    *[!0-9A-Za-z.+-]*) echo "set-version.sh: '$version' has characters a version does not" >&2; exit 1 ;;
esac
line="public let fireworksMockVersion = \"$version\""
pattern='^public let fireworksMockVersion = ".*"$'
if [ "$(grep -c "$pattern" "$file")" -ne 1 ]; then
    echo "set-version.sh: $file has no single 'public let fireworksMockVersion = \"…\"' line" >&2
    exit 1
fi
sed -i "s/$pattern/$line/" "$file"
echo "set-version.sh: $file says $version"
