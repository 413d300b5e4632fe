#!/usr/bin/env bash
# Soak: hostile and careless clients against one server, then a million sessions, on 127.0.0.1 only.
#
#   bench/soak.sh             build (release), run, print the tables
#   bench/soak.sh --write     the same, then put them in bench/RESULTS.md (their own section)
#   NO_BUILD=1 bench/soak.sh  use the release binary already built; MOCK_BIN=path measures another binary
#   SCALE=0.1 bench/soak.sh   a quick look: a tenth of the clients
#   WAVE=20s                  length of each session wave (default 20 s)
#
# Part 1 (bench/soak.py, one server with 3 s timeouts, --max-connections 1000, --session-ttl 4s): aborted
# streams (half FIN, half RST), slow-header clients, idle clients, complete requests followed by a FIN,
# mutated requests followed by a FIN, and a flood of 1.5 times the connection cap; RSS, open descriptors
# and /health latency before, during and after each phase.
# Part 2: two waves of wrk requests, each in a session of its own carrying a counted fault, against a server
# with --session-ttl 5s; RSS after each wave and after the sweeps, and the sessions the server dropped.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_options bench/soak.sh 16 "$@"
bench_workspace soak
bench_need_wrk
bench_mock
scale=${SCALE:-1.0}
wave=${WAVE:-20s}
# The flood needs more descriptors than the common soft limit of 1024.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

pid=""
cleanup() { if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi; }
trap cleanup EXIT

echo "part 1: hostile clients (scale $scale)" >&2
part1=$(EMPTY_SCRIPTS="$empty_scripts" timeout 900 python3 bench/soak.py "$mock" "$scale")

echo "part 2: sessions" >&2
log="$out/soak-sessions.log"
"$mock" --port 0 --responses "$empty_scripts" --session-ttl 5s >"$log" 2>&1 &
pid=$!
bench_wait_url "$log"
rss() { awk '$1 == "VmRSS:" { printf "%.1f", $2 / 1024 }' "/proc/$pid/status"; }
sent() { awk '/requests in/ { gsub(",", "", $1); print $1 }' "$1"; }
dropped() { { grep -o 'count=[0-9]*' "$log" || true; } | awk -F= '{ s += $2 } END { print s + 0 }'; }
run_wave() { # number; sets wave_rss, wave_dropped, swept_rss, swept_dropped
    timeout 300 wrk -t1 -c32 -d"$wave" -s bench/sessions.lua "$url/inference/v1/messages" >"$out/soak-wave$1.txt"
    wave_rss=$(rss)
    wave_dropped=$(dropped)
    sleep 8
    swept_rss=$(rss)
    swept_dropped=$(dropped)
}
idle=$(rss)
run_wave 1
wave1=$wave_rss during1=$wave_dropped swept1=$swept_rss drop1=$swept_dropped
run_wave 2
wave2=$wave_rss during2=$wave_dropped swept2=$swept_rss drop2=$swept_dropped
kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
n1=$(sent "$out/soak-wave1.txt"); n2=$(sent "$out/soak-wave2.txt")

part2=$(cat <<TABLE
| step | sessions (requests wrk completed) | sessions dropped so far | RSS MB |
| --- | ---: | ---: | ---: |
| idle, after start | 0 | 0 | $idle |
| after wave 1 ($wave, a new session per request) | $n1 | $during1 | $wave1 |
| 8 s later (TTL 5 s, swept) | $n1 | $drop1 | $swept1 |
| after wave 2 | $((n1 + n2)) | $during2 | $wave2 |
| 8 s later (swept) | $((n1 + n2)) | $drop2 | $swept2 |
TABLE
)
echo
echo "$part1"
echo
echo "$part2"

if $write; then
    body=$(
        echo "## Soak"
        echo
        echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC'); commit $(git rev-parse --short HEAD); load average before: $(cut -d' ' -f1 /proc/loadavg)"
        echo "- Command: \`${MOCK_BIN:+MOCK_BIN=$MOCK_BIN }${NO_BUILD:+NO_BUILD=$NO_BUILD }${SCALE:+SCALE=$SCALE }bench/soak.sh --write\`"
        echo "- Part 1: \`bench/soak.py\` (Python asyncio clients, up to 200 at a time) against one server with"
        echo "  \`--header-timeout 3s --body-timeout 3s --idle-timeout 3s --max-connections 1000 --session-ttl 4s\`;"
        echo "  the /health probe runs every 200 ms over a connection opened before the load"
        echo
        echo "$part1"
        echo
        echo "- Part 2: \`wrk -t1 -c32 -d$wave -s bench/sessions.lua\` twice against \`--session-ttl 5s\`: every request"
        echo "  a new \`x-mock-session\` with a fault counted per session (\`error;status=429;times=1\`); wrk counts"
        echo "  completed requests only, so the requests in flight on its 32 connections as a wave ends are sessions"
        echo "  the server drops but the table does not count (up to 32 per wave)"
        echo
        echo "$part2"
    )
    bench_keep_section soak "$body"
fi
