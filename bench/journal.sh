#!/usr/bin/env bash
# Journal memory under sustained load: does the request journal keep memory flat?
#
#   bench/journal.sh             build (release), measure, print a Markdown table
#   bench/journal.sh --write     the same, then put the table in bench/RESULTS.md (its own section)
#   NO_BUILD=1 bench/journal.sh  measure the release binary already built
#   MOCK_BIN=path                measure this binary instead of building one
#   REQUESTS=100000              requests to send at least, per load (default 100,000)
#
# One server with the default journal (1,000 entries), loaded with non-streaming and then streaming echo
# requests until each load has sent REQUESTS; RSS is read once the ring is full and again at the end. A
# second server with --journal-size 0 takes the same loads, for the journal's cost in memory and req/s.
# Only 127.0.0.1 is a target; every step has a time bound.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_options bench/journal.sh 13 "$@"
bench_workspace journal
requests=${REQUESTS:-100000}
bench_need_wrk
bench_mock

pid=""
cleanup() { if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi; }
trap cleanup EXIT

start() { # extra arguments; sets pid and url
    local log="$out/journal-server.log"
    "$mock" --port 0 --responses "$empty_scripts" "$@" >"$log" 2>&1 &
    pid=$!
    bench_wait_url "$log"
}
stop() { kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""; }
rss() { awk '$1 == "VmRSS:" { printf "%.1f", $2 / 1024 }' "/proc/$pid/status"; }
hwm() { awk '$1 == "VmHWM:" { printf "%.1f", $2 / 1024 }' "/proc/$pid/status"; }

# Sends load with wrk in 5 s runs until `requests` have gone; prints "requests req/s".
load() { # script
    local sent=0 rounds=0 total_rps=0 raw="$out/journal-wrk.txt" n
    while [ "$sent" -lt "$requests" ] && [ "$rounds" -lt 60 ]; do
        timeout 40 wrk -t1 -c32 -d5s -s "bench/$1" "$url/inference/v1/messages" >"$raw"
        n=$(awk '/requests in/ { print $1 }' "$raw")
        sent=$((sent + n))
        total_rps=$(awk -v a="$total_rps" -v b="$(awk '/^Requests\/sec:/ { print $2 }' "$raw")" 'BEGIN { print a + b }')
        rounds=$((rounds + 1))
        if grep -qE '^ *(Non-2xx or 3xx responses|Socket errors):' "$raw"; then cat "$raw" >&2; exit 3; fi
    done
    echo "$sent $(awk -v t="$total_rps" -v r="$rounds" 'BEGIN { printf "%.0f", t / r }')"
}

# A counter of the admin API's index (GET /_mock): recorded or held.
journal_count() {
    python3 -c 'import json, sys, urllib.request; print(json.load(urllib.request.urlopen(sys.argv[1], timeout=5))["journal"][sys.argv[2]])' \
        "$url/_mock" "$1"
}

echo "journal on (1,000 entries)" >&2
start
idle=$(rss)
timeout 60 wrk -t1 -c32 -d2s -s bench/messages.lua "$url/inference/v1/messages" >/dev/null # fills the ring
full=$(rss)
read -r plain_sent plain_rps < <(load messages.lua)
after_plain=$(rss)
read -r stream_sent stream_rps < <(load stream.lua)
after_stream=$(rss)
peak=$(hwm)
on_recorded=$(journal_count recorded)
held=$(journal_count held)
stop

echo "journal off" >&2
start --journal-size 0
timeout 60 wrk -t1 -c32 -d2s -s bench/messages.lua "$url/inference/v1/messages" >/dev/null
read -r _ off_plain_rps < <(load messages.lua)
read -r _ off_stream_rps < <(load stream.lua)
off_after=$(rss)
off_peak=$(hwm)
stop

table=$(cat <<TABLE
| figure | journal on (1,000 entries) | journal off |
| --- | ---: | ---: |
| requests recorded by the journal | $on_recorded (held: $held) | 0 |
| RSS idle, after start | $idle MB | |
| RSS once the ring is full (after a 2 s warm-up) | $full MB | |
| RSS after $plain_sent more non-streaming requests | $after_plain MB | |
| RSS after $stream_sent streaming requests | $after_stream MB | $off_after MB |
| peak RSS (VmHWM) | $peak MB | $off_peak MB |
| non-streaming req/s (mean of 5 s runs) | $plain_rps | $off_plain_rps |
| streams/s (mean of 5 s runs) | $stream_rps | $off_stream_rps |
TABLE
)
echo
echo "$table"

if $write; then
    body=$(
        echo "## Journal memory under sustained load"
        echo
        echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC'); commit $(git rev-parse --short HEAD); command: \`${MOCK_BIN:+MOCK_BIN=$MOCK_BIN }${NO_BUILD:+NO_BUILD=$NO_BUILD }bench/journal.sh --write\`"
        echo "- Loads: \`wrk -t1 -c32 -d5s\` runs with bench/messages.lua, then bench/stream.lua, until each has sent ≥ $requests requests"
        echo
        echo "$table"
    )
    bench_keep_section journal "$body"
fi
