#!/usr/bin/env bash
# HTTPS benchmark of fireworks-mock on loopback: one server with both listeners (--tls-port 0
# --tls-self-signed), the same loads against each port, and the ratios of TLS to plain.
#
#   bench/tls.sh                  build (release, as bench/run.sh does), measure, print a Markdown table
#   bench/tls.sh --write          the same, then replace the HTTPS section of bench/RESULTS.md
#   DURATION=2s bench/tls.sh      a quick smoke run (default 10s per wrk run)
#   MOCK_BIN=path bench/tls.sh    measure this binary instead of building one
#   NO_BUILD=1 bench/tls.sh       measure the release binary already built
#
# Exit status: 0 when every checked answer was good and wrk saw no errors; 3 when not (the table is still
# printed); 1 on any other failure. Only 127.0.0.1 is a target and every step has a time bound.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_options bench/tls.sh 12 "$@"
bench_workspace tls
duration=${DURATION:-10s}
[[ $duration =~ ^[1-9][0-9]*s$ ]] || { echo "DURATION must be whole seconds, e.g. 10s" >&2; exit 1; }
seconds=${duration%s}
wrk_bound=$((seconds + 30))
connections=32
rm -f "$out"/tls-*.txt

bench_need_wrk
bench_mock

log="$out/tls-server.log"
"$mock" --port 0 --tls-port 0 --tls-self-signed --responses "$empty_scripts" >"$log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 200); do
    [ "$(grep -c ' listening on ' "$log")" -ge 2 ] && break
    kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; exit 1; }
    sleep 0.05
done
plain_url=$(sed -n 's/^fireworks-mock listening on \(http:.*\)$/\1/p' "$log")
tls_url=$(sed -n 's/^fireworks-mock listening on \(https:.*\)$/\1/p' "$log")
[ -n "$plain_url" ] && [ -n "$tls_url" ] || { cat "$log" >&2; echo "no start lines" >&2; exit 1; }

# measure NAME URL SCRIPT: sets rps, p50, p99 (wrk's units) and counts failed checks and wrk errors.
measure() {
    local name=$1 url=$2 script=$3 raw="$out/tls-${1//[^a-z0-9]/_}.txt"
    echo "measuring $name for $duration" >&2
    timeout 60 wrk -t1 -c"$connections" -d1s -s "bench/$script" "$url" >/dev/null
    timeout "$wrk_bound" wrk -t1 -c"$connections" -d"$duration" --latency -s "bench/$script" "$url" >"$raw"
    rps=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$raw")
    p50=$(awk '$1 == "50%" { print $2 }' "$raw")
    p99=$(awk '$1 == "99%" { print $2 }' "$raw")
    failed=$(sed -n 's/^checked answers: [0-9]*, failed: \([0-9]*\)$/\1/p' "$raw")
    errors=$(grep -cE '^ *(Non-2xx or 3xx responses|Socket errors):' "$raw" || true)
    [ -n "$rps" ] || { cat "$raw" >&2; exit 1; }
    echo "| $name | $rps | $p50 | $p99 | ${failed:-not checked} | $([ "$errors" -gt 0 ] && echo see "$raw" || echo none) |"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
rps_of() { local name=$1; awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$out/tls-${name//[^a-z0-9]/_}.txt"; }

rows=$(
    measure "plain, keep-alive, non-streaming" "$plain_url" messages.lua
    measure "TLS, keep-alive, non-streaming" "$tls_url" messages.lua
    measure "plain, streaming (8 events)" "$plain_url" stream.lua
    measure "TLS, streaming (8 events)" "$tls_url" stream.lua
    measure "plain, new connection per request" "$plain_url" handshake.lua
    measure "TLS, new connection per request (handshakes)" "$tls_url" handshake.lua
)
# Counted here, not in measure(): each row is measured in the subshell of the table's command substitution.
problems=0
for raw in "$out"/tls-*.txt; do
    failed=$(sed -n 's/^checked answers: [0-9]*, failed: \([0-9]*\)$/\1/p' "$raw")
    if [ "${failed:-0}" -gt 0 ] || grep -qE '^ *(Non-2xx or 3xx responses|Socket errors):' "$raw"; then
        problems=$((problems + 1))
    fi
done
keep_alive=$(ratio "$(rps_of "TLS, keep-alive, non-streaming")" "$(rps_of "plain, keep-alive, non-streaming")")
streaming=$(ratio "$(rps_of "TLS, streaming (8 events)")" "$(rps_of "plain, streaming (8 events)")")
handshakes=$(ratio "$(rps_of "TLS, new connection per request (handshakes)")" "$(rps_of "plain, new connection per request")")
verdict=$(awk -v r="$keep_alive" 'BEGIN { print (r >= 0.7) ? "met" : "not met" }')
section=$(
    cat <<SECTION
## HTTPS

- Date: $(date -u '+%Y-%m-%d %H:%M UTC'); commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown); load average before: $(cut -d' ' -f1 /proc/loadavg)
- Command: \`${MOCK_BIN:+MOCK_BIN=$MOCK_BIN }${NO_BUILD:+NO_BUILD=$NO_BUILD }DURATION=$duration bench/tls.sh --write\`; one server, \`--tls-port 0 --tls-self-signed\`, echo mode; each load
  \`wrk -t1 -c$connections -d$duration --latency\` after a 1 s warm-up, the same body on both ports (TLS 1.3, P-256 certificate)

| run | req/s | p50 | p99 | failed checks | wrk errors |
| --- | ---: | ---: | ---: | ---: | --- |
$rows

| ratio | TLS / plain | target |
| --- | ---: | --- |
| keep-alive non-streaming req/s | $keep_alive | ≥ 0.70: $verdict |
| streaming req/s | $streaming | |
| new connections/s (each a full handshake over TLS) | $handshakes | |
SECTION
)
echo
echo "$section"
if $write; then
    bench_keep_section https "$section"
fi
[ "$problems" -eq 0 ] || { echo "WARNING: $problems run(s) had failed checks or wrk errors" >&2; exit 3; }
