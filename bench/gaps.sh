#!/usr/bin/env bash
# Timing precision: the error of a paced stream's inter-event gaps with many streams open at once.
#
#   bench/gaps.sh                  build (release), then 100 and 1,000 concurrent streams, print a Markdown table
#   bench/gaps.sh --write          the same, then put the table in bench/RESULTS.md (its own section)
#   NO_BUILD=1 bench/gaps.sh       measure the release binary already built
#   MOCK_BIN=path                  measure this binary instead of building one
#   STREAMS="100 1000" GAP_MS=50 WORDS=20 CLIENTS=4 ROUNDS=2   loads, pacing, stream length, client processes, rounds
#
# Each load is STREAMS streams with `x-mock-stream: delay=GAP_MS ms;chunk=words:1`, all opened at once, each
# event timed by the kernel as it arrived (bench/gaps.py), so the client's own lateness is not counted. The
# smaller load shows what the client and the machine add when the server is not busy. Exit status: 0 when the
# p99 gap error at the largest load is within 2 ms, 3 when not, 1 on other failures. Only 127.0.0.1 is a
# target; every step has a time bound.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_options bench/gaps.sh 14 "$@"
bench_workspace gaps
loads=${STREAMS:-100 1000}
gap_ms=${GAP_MS:-50}
words=${WORDS:-20}
clients=${CLIENTS:-4}
rounds=${ROUNDS:-2}
target_ms=2

pid=""
cleanup() {
    if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

bench_mock
log="$out/gaps-server.log"
"$mock" --port 0 --responses "$empty_scripts" >"$log" 2>&1 &
pid=$!
bench_wait_url "$log"
sleep 1

load_before=$(cut -d' ' -f1 /proc/loadavg)
table="| streams | round | gaps measured | failures | gap error p50 | gap error p99 | gap error max | reads with two timed events | client read lag p99 | busiest client process CPU |"
table+=$'\n| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |'
last_p99=""
bound=$((30 + (words + 10) * gap_ms * 3 / 1000 + 60))
for count in $loads; do
    for ((round = 1; round <= rounds; round++)); do
        # Lets the memory return after the previous load's connections closed happen before this load starts.
        sleep 2
        echo "$count streams, round $round of $rounds" >&2
        result=$(timeout "$bound" python3 bench/gaps.py "$url" "$count" "$gap_ms" "$clients" "$words") || {
            echo "the client failed or ran past $bound s" >&2
            exit 1
        }
        echo "$result" >&2
        row=$(python3 -c '
import json, sys
r = json.loads(sys.argv[1])
r["round"] = sys.argv[2]
r["failed"] = ", ".join(f"{k}: {v}" for k, v in r["failures"].items()) or "none"
r["cpu"] = r["client_cpu_busiest_process"] * 100
print("| {streams:,} | {round} | {gaps_measured:,} | {failed} | {gap_error_p50_ms} ms | {gap_error_p99_ms} ms "
      "| {gap_error_max_ms} ms | {reads_with_two_timed_events} | {client_read_lag_p99_ms} ms | {cpu:.0f}% |".format(**r))
print(r["gap_error_p99_ms"])' "$result" "$round")
        table+=$'\n'"${row%$'\n'*}"
        last_p99=${row##*$'\n'}
    done
done
load_after=$(cut -d' ' -f1 /proc/loadavg)
echo
echo "$table"

if $write; then
    command="bench/gaps.sh --write"
    for variable in MOCK_BIN NO_BUILD STREAMS GAP_MS WORDS CLIENTS ROUNDS; do
        [ -z "${!variable:-}" ] || command="$variable=\"${!variable}\" $command"
    done
    body=$(
        echo "## Gaps"
        echo
        echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC'); commit $(git rev-parse --short HEAD); machine: $(nproc) cores, $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo); load average $load_before before, $load_after after"
        echo "- Command: \`$command\`"
        echo "- Each load: that many streams with \`x-mock-stream: delay=${gap_ms}ms;chunk=words:1\` and a $words-word prompt, all opened at once by $clients client processes (\`bench/gaps.py\`, an epoll loop each); every read timed by the kernel (SO_TIMESTAMPNS); the gap error is |measured - ${gap_ms} ms| for each pair of consecutive events from \`content_block_start\` to \`message_stop\`; target: p99 ≤ $target_ms ms at the largest load"
        echo "- A read holding two timed events has one timestamp for both (the client fell a whole gap behind, or the server sent them together); the read lag is how long a read waited in the client after the kernel had its bytes, which the kernel timestamps leave out"
        echo
        echo "$table"
    )
    bench_keep_section gaps "$body"
fi
awk -v p="$last_p99" -v t="$target_ms" 'BEGIN { exit !(p <= t) }' || exit 3
