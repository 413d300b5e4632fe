#!/usr/bin/env bash
# Before and after, in one run: two fireworks-mock binaries measured in turn with the same loads, so a change to
# the request path is judged on this machine, now, not against figures from another day.
#
#   BEFORE=path AFTER=path bench/compare.sh            print a Markdown table
#   BEFORE=path AFTER=path bench/compare.sh --write    also put it in bench/RESULTS.md (its own section)
#   ROUNDS=3 DURATION=5s                                rounds of each load per binary (default 3 of 5 s)
#   SCRIPTS=responses | SCRIPTS=1000                    load the shipped responses/, or 1,000 generated scripts
#
# Each round runs non-streaming and then streaming echo (bench/messages.lua, bench/stream.lua) with
# `wrk -t1 -c32` against BEFORE, then the same against AFTER, alternating, so drifts of a noisy machine fall on
# both. Both servers run with their defaults and answer in echo mode: with SCRIPTS, they load scripts that none
# of the requests meets, which measures what scripts cost. Only 127.0.0.1 is a target; every step is bounded.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_options bench/compare.sh 12 "$@"
bench_workspace compare
bench_need_wrk
bench_scripts
: "${BEFORE:?BEFORE=path of the binary before the change}" "${AFTER:?AFTER=path of the binary after it}"
rounds=${ROUNDS:-3}
duration=${DURATION:-5s}

pid=""
cleanup() { if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi; }
trap cleanup EXIT

start() { # binary; sets pid and url
    local log="$out/compare-server.log"
    "$1" --port 0 --responses "$scripts" >"$log" 2>&1 &
    pid=$!
    bench_wait_url "$log"
}
stop() { kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""; }
rps() { # script; prints requests per second
    timeout 60 wrk -t1 -c32 -d1s -s "bench/$1" "$url/inference/v1/messages" >/dev/null
    timeout 120 wrk -t1 -c32 -d"$duration" -s "bench/$1" "$url/inference/v1/messages" | awk '/^Requests\/sec:/ { printf "%.0f", $2 }'
}

declare -A sums=()
rows=""
for round in $(seq "$rounds"); do
    for side in before after; do
        binary=$BEFORE
        [ "$side" = before ] || binary=$AFTER
        start "$binary"
        plain=$(rps messages.lua)
        streams=$(rps stream.lua)
        stop
        echo "round $round, $side: $plain req/s, $streams streams/s" >&2
        rows+="| $round | $side | $plain | $streams |"$'\n'
        sums[$side-plain]=$(( ${sums[$side-plain]:-0} + plain ))
        sums[$side-streams]=$(( ${sums[$side-streams]:-0} + streams ))
    done
done
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
table=$(cat <<TABLE
| round | binary | non-streaming req/s | streams/s |
| ---: | --- | ---: | ---: |
${rows}| mean | before | $(( ${sums[before-plain]} / rounds )) | $(( ${sums[before-streams]} / rounds )) |
| mean | after | $(( ${sums[after-plain]} / rounds )) | $(( ${sums[after-streams]} / rounds )) |
| | after / before | $(ratio "${sums[after-plain]}" "${sums[before-plain]}") | $(ratio "${sums[after-streams]}" "${sums[before-streams]}") |
TABLE
)
echo
echo "$table"
if $write; then
    body=$(
        echo "## Before and after${SCRIPTS:+, scripts loaded: $SCRIPTS}"
        echo
        echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC'); load average before: $(cut -d' ' -f1 /proc/loadavg)"
        echo "- Command: \`BEFORE=${BEFORE_NAME:-$BEFORE} AFTER=${AFTER_NAME:-$AFTER} ROUNDS=$rounds DURATION=$duration${SCRIPTS:+ SCRIPTS=$SCRIPTS} bench/compare.sh --write\`"
        echo "- Each load: \`wrk -t1 -c32 -d$duration\` after a 1 s warm-up, echo answers, defaults, scripts loaded: ${SCRIPTS:-none}; the binaries alternate round by round"
        echo
        echo "$table"
    )
    bench_keep_section "compare${SCRIPTS:+-scripts-$SCRIPTS}" "$body"
fi
