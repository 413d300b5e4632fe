#!/usr/bin/env bash
# What forwarding and replaying cost, on loopback: a mock plays the upstream (echo mode), a second forwards to
# it (--upstream), a third replays recordings of the same requests (--responses on what --record wrote).
#
#   bench/upstream.sh            build (release), then 10 s per load; prints a Markdown table
#   bench/upstream.sh --write    the same, then puts the table in bench/RESULTS.md (its own section)
#   DURATION=2s NO_BUILD=1 MOCK_BIN=path   shorter loads, reuse the release build, or measure a given binary
#
# Loads (wrk -t1 -c32, as bench/run.sh): non-streaming echo straight to the upstream, then the same through
# the forwarding mock (added latency p50/p99: a non-streaming answer's latency is its time to first byte plus
# a few hundred bytes); then streams and non-streaming answers replayed at speed=0 against the same answers
# from echo mode. Only 127.0.0.1 is a target; every step has a time bound. Exit 0, or 1 on failure.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_options bench/upstream.sh 12 "$@"
bench_workspace upstream
bench_need_wrk
bench_mock
duration=${DURATION:-10s}
recordings="$out/upstream-recordings"
rm -rf "$recordings"

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

# start NAME ARGS...: a mock in the background; sets $url.
start() {
    local name=$1
    shift
    "$mock" --port 0 "$@" >"$out/upstream-$name.log" 2>&1 &
    pid=$!
    pids+=("$pid")
    bench_wait_url "$out/upstream-$name.log"
}

# measure NAME URL SCRIPT [HEADER]: one wrk load; sets rps, p50, p99 (ms).
measure() {
    local name=$1 target=$2 script=$3 raw="$out/upstream-$1.txt" options=(-t1 -c32 --latency -s "bench/$3")
    [ -z "${4:-}" ] || options+=(-H "$4")
    echo "measuring $name for $duration" >&2
    timeout 60 wrk "${options[@]}" -d1s "$target/inference/v1/messages" >/dev/null
    timeout 120 wrk "${options[@]}" -d"$duration" "$target/inference/v1/messages" >"$raw"
    rps=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$raw")
    p50=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$raw")")
    p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$raw")")
    if grep -qE '^ *(Non-2xx or 3xx responses|Socket errors):|failed: [1-9]' "$raw"; then
        cat "$raw" >&2
        echo "$name: some answers failed" >&2
        exit 1
    fi
}

start upstream --responses "$empty_scripts"
upstream=$url
start proxy --responses "$empty_scripts" --upstream "$upstream/inference"
proxy=$url
start recorder --responses "$empty_scripts" --upstream "$upstream/inference" --record "$recordings"
recorder=$url
# One recording of each load's request: the bodies are those of bench/messages.lua and bench/stream.lua.
for file in messages stream; do
    body=$(sed -n "s/^request_body = '\(.*\)'$/\1/p; s/^  \.\. '\(.*\)'$/\1/p" "bench/$file.lua" | tr -d '\n')
    timeout 30 curl -fsS "$recorder/inference/v1/messages" -H 'x-api-key: bench' -H 'content-type: application/json' \
        -d "$body" >/dev/null
done
start replay --responses "$recordings"
replay=$url

measure direct "$upstream" messages.lua
direct_rps=$rps direct_p50=$p50 direct_p99=$p99
measure proxied "$proxy" messages.lua
proxied_rps=$rps proxied_p50=$p50 proxied_p99=$p99
measure echo-json "$upstream" messages.lua
echo_json=$rps
measure replay-json "$replay" messages.lua "x-mock-stream: speed=0"
replay_json=$rps
measure echo-stream "$upstream" stream.lua
echo_stream=$rps
measure replay-stream "$replay" stream.lua "x-mock-stream: speed=0"
replay_stream=$rps

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "?" }'; }
added() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a - b }'; }
table="| load | req/s | p50 ms | p99 ms | compared |
| --- | ---: | ---: | ---: | --- |
| non-streaming, straight to the upstream | $direct_rps | $direct_p50 | $direct_p99 | |
| non-streaming, through --upstream | $proxied_rps | $proxied_p50 | $proxied_p99 | $(ratio "$proxied_rps" "$direct_rps")× the req/s; +$(added "$proxied_p50" "$direct_p50") ms p50, +$(added "$proxied_p99" "$direct_p99") ms p99 |
| non-streaming, echo | $echo_json | | | |
| non-streaming, replayed recording (speed=0) | $replay_json | | | $(ratio "$replay_json" "$echo_json")× echo |
| streaming, echo | $echo_stream | | | |
| streaming, replayed recording (speed=0) | $replay_stream | | | $(ratio "$replay_stream" "$echo_stream")× echo |"
echo
echo "$table"

if $write; then
    command="bench/upstream.sh --write"
    for variable in MOCK_BIN NO_BUILD DURATION; do
        [ -z "${!variable:-}" ] || command="$variable=${!variable} $command"
    done
    body=$(
        echo "## Upstream: forwarding and replaying"
        echo
        echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC'); commit $(git rev-parse --short HEAD); machine: $(nproc) cores, $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)"
        echo "- Command: \`$command\`"
        echo "- wrk -t1 -c32 for $duration per load after a 1 s warm-up; the upstream is a mock in echo mode on the same machine, so forwarding's cost is measured against an upstream that answers at once"
        echo
        echo "$table"
    )
    bench_keep_section upstream "$body"
fi
