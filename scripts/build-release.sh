#!/usr/bin/env bash
# Builds the release binary exactly as the container image does, and stages it with the few system
# libraries it still loads, ready to be copied into an empty image.
#
#   scripts/build-release.sh [STAGING_DIR]       build, strip, stage (default staging dir: .build-static/staging)
#   scripts/build-release.sh --smoke            also start the staged binary on a free port and query it
#
# The Swift runtime is linked statically (--static-swift-stdlib), so the binary needs only the C library
# family (libc, libm, libstdc++, libgcc_s and the loader) and zlib; the script fails if ldd lists anything else.
set -euo pipefail
cd "$(dirname "$0")/.."

smoke=false
staging=".build-static/staging"
for arg in "$@"; do
    case "$arg" in
        --smoke) smoke=true ;;
        *) staging="$arg" ;;
    esac
done

swift build -c release --static-swift-stdlib --scratch-path .build-static
binary="$(swift build -c release --static-swift-stdlib --scratch-path .build-static --show-bin-path)/fireworks-mock"

rm -rf "$staging"
mkdir -p "$staging/usr/local/bin"
strip -o "$staging/usr/local/bin/fireworks-mock" "$binary"
staged="$staging/usr/local/bin/fireworks-mock"

# Every library the loader resolves, plus the loader itself, at the paths it looks for them.
libraries=$(ldd "$staged" | awk '/=>/ { print $3 } !/=>/ && /^\s*\// { print $1 }')
for library in $libraries; do
    case "$(basename "$library")" in
        # zlib: the upstream client (--upstream) links it for compressed bodies.
        libc.so.*|libm.so.*|libstdc++.so.*|libgcc_s.so.*|ld-linux*.so.*|libpthread.so.*|libdl.so.*|librt.so.*|libz.so.*) ;;
        *) echo "build-release: unexpected dynamic dependency: $library" >&2; exit 1 ;;
    esac
    mkdir -p "$staging$(dirname "$library")"
    cp -L "$library" "$staging$library"
done
echo "build-release: staged $(du -sh "$staging" | cut -f1) in $staging ($(stat -c %s "$staged") byte binary)"

if ! $smoke; then exit 0; fi

# Start the staged binary with a clean environment (no toolchain on any library path), on a free port.
log=$(mktemp)
env -i PATH=/usr/bin:/bin "$staged" --port 0 >"$log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 1 50); do
    grep -q "listening on" "$log" && break
    sleep 0.1
done
url=$(sed -n 's/^fireworks-mock listening on //p' "$log")
[ -n "$url" ] || { echo "build-release: the binary did not start:" >&2; cat "$log" >&2; exit 1; }
port=${url##*:}

"$staged" healthcheck --url "$url/health"

body='{"model":"accounts/fireworks/models/kimi-k2p5","max_tokens":16,"messages":[{"role":"user","content":"smoke test"}]}'
exec 3<>"/dev/tcp/127.0.0.1/$port"
printf 'POST /inference/v1/messages HTTP/1.1\r\nHost: localhost\r\nx-api-key: k\r\nConnection: close\r\ncontent-length: %d\r\n\r\n%s' \
    "${#body}" "$body" >&3
answer=$(cat <&3)
exec 3>&-
case "$answer" in
    "HTTP/1.1 200 OK"*'"text":"smoke test"'*) echo "build-release: /v1/messages answered" ;;
    *) echo "build-release: unexpected answer:" >&2; echo "$answer" >&2; exit 1 ;;
esac

kill -TERM "$pid"
for _ in $(seq 1 20); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
done
if kill -0 "$pid" 2>/dev/null; then
    echo "build-release: still running 2 s after SIGTERM" >&2
    exit 1
fi
wait "$pid" && echo "build-release: stopped cleanly on SIGTERM"
