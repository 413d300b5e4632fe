#!/usr/bin/env bash
# Load benchmarks of fireworks-mock on loopback, with a bare SwiftNIO server as the ceiling.
#
#   bench/run.sh            measure and print a Markdown table
#   bench/run.sh --write    also replace bench/RESULTS.md
#   DURATION=2s bench/run.sh   a quick smoke run
#   NO_BUILD=1 bench/run.sh    measure the binaries already built
#
# wrk runs with one thread and 32 connections: on a 2-core machine the client takes one core, the server the
# other. Only 127.0.0.1 is ever a target; every run is bounded by DURATION.
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${DURATION:-10s}"
write=false
[ "${1:-}" = "--write" ] && write=true
mkdir -p bench/out

if ! command -v wrk >/dev/null; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq wrk >/dev/null
fi

if [ -z "${NO_BUILD:-}" ]; then
    swift build -c release --scratch-path .build-release >/dev/null
    swift build -c release --package-path bench/ceiling --scratch-path .build-ceiling >/dev/null
fi
mock="$(swift build -c release --scratch-path .build-release --show-bin-path)/fireworks-mock"
ceiling="$(swift build -c release --package-path bench/ceiling --scratch-path .build-ceiling --show-bin-path)/ceiling-server"

# Starts a server on a free port; sets $pid and $url.
start() {
    local log=bench/out/server.log
    "$@" --port 0 >"$log" 2>&1 &
    pid=$!
    for _ in $(seq 1 100); do
        url=$(sed -n 's/^.* listening on //p' "$log")
        [ -n "$url" ] && return 0
        sleep 0.05
    done
    echo "server did not start: $*" >&2
    exit 1
}

rss_mb() { awk -v key="$2" '$1 == key":" { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }

# wrk output → "req/s p50 p99 extra"
measure() {
    local name=$1 script=$2 path=$3
    local out="bench/out/$name.txt"
    if [ -n "$script" ]; then
        wrk -t1 -c32 -d"$duration" --latency -s "bench/$script" "$url$path" >"$out"
    else
        wrk -t1 -c32 -d"$duration" --latency "$url$path" >"$out"
    fi
    local rps p50 p99 note
    rps=$(awk '/^Requests\/sec/ { printf "%.0f", $2 }' "$out")
    p50=$(awk '$1 == "50%" { print $2 }' "$out")
    p99=$(awk '$1 == "99%" { print $2 }' "$out")
    note=$(grep -E "non-200|incomplete|Socket errors" "$out" | tr '\n' ';' || true)
    echo "$rps|$p50|$p99|$note"
}

# Time from exec to the first answered /health, in ms: the median of 11 starts.
startup_ms() {
    local times=() empty
    empty=$(mktemp -d)
    for _ in $(seq 1 11); do
        local port=$((20000 + RANDOM % 20000))
        local t0 t1 tries=0
        t0=$(date +%s%N)
        "$mock" --port "$port" --responses "$empty" >/dev/null 2>&1 &
        local p=$!
        until (exec 3<>"/dev/tcp/127.0.0.1/$port" && printf 'GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n' >&3 && head -c 12 <&3 | grep -q 200) 2>/dev/null; do
            tries=$((tries + 1))
            if [ "$tries" -gt 5000 ]; then echo "no answer from a starting server" >&2; kill "$p"; exit 1; fi
            sleep 0.001
        done
        t1=$(date +%s%N)
        kill "$p"; wait "$p" 2>/dev/null || true
        times+=($(( (t1 - t0) / 1000000 )))
    done
    rmdir "$empty"
    printf '%s\n' "${times[@]}" | sort -n | sed -n 6p
}

start "$mock" --responses responses
sleep 0.3
idle=$(rss_mb "$pid" VmRSS)
echo "warm-up" >&2
wrk -t1 -c32 -d2s -s bench/messages.lua "$url/inference/v1/messages" >/dev/null
plain=$(measure messages messages.lua /inference/v1/messages)
stream=$(measure stream stream.lua /inference/v1/messages)
peak=$(rss_mb "$pid" VmHWM)
kill "$pid"; wait "$pid" 2>/dev/null || true

start "$ceiling"
wrk -t1 -c32 -d2s "$url/" >/dev/null
top=$(measure ceiling "" /)
kill "$pid"; wait "$pid" 2>/dev/null || true

ready=$(startup_ms)

# 1,000 concurrent slow streams (100 ms between events): how far the gaps drift under load.
ulimit -n 8192 2>/dev/null || true
start "$mock" --responses responses
slow=$(python3 bench/slow_streams.py "$url" 1000 100)
kill "$pid"; wait "$pid" 2>/dev/null || true
slow_field() { echo "$slow" | python3 -c "import json,sys; print(json.load(sys.stdin)['$1'])"; }

field() { echo "$1" | cut -d'|' -f"$2"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
met() { awk -v v="$1" -v t="$2" -v dir="$3" 'BEGIN { if ((dir == "ge" && v >= t) || (dir == "lt" && v < t)) print "met"; else print "not met" }'; }

table=$(cat <<TABLE
| measurement | req/s | p50 | p99 | notes |
| --- | ---: | ---: | ---: | --- |
| non-streaming echo | $(field "$plain" 1) | $(field "$plain" 2) | $(field "$plain" 3) | $(field "$plain" 4) |
| zero-delay streaming echo (8 events) | $(field "$stream" 1) | $(field "$stream" 2) | $(field "$stream" 3) | $(field "$stream" 4) |
| bare SwiftNIO ceiling (fixed JSON) | $(field "$top" 1) | $(field "$top" 2) | $(field "$top" 3) | $(field "$top" 4) |

| figure | value | target |
| --- | ---: | --- |
| non-streaming / ceiling | $(ratio "$(field "$plain" 1)" "$(field "$top" 1)") | |
| streaming / ceiling | $(ratio "$(field "$stream" 1)" "$(field "$top" 1)") | |
| non-streaming req/s | $(field "$plain" 1) | ≥ 35,000: $(met "$(field "$plain" 1)" 35000 ge) |
| streams/s | $(field "$stream" 1) | ≥ 15,000: $(met "$(field "$stream" 1)" 15000 ge) |
| process start to first answer (median of 11) | ${ready} ms | < 100 ms: $(met "$ready" 100 lt) |
| idle RSS | ${idle} MB | < 20 MB: $(met "$idle" 20 lt) |
| peak RSS after both loads | ${peak} MB | |
| 1,000 concurrent streams, 100 ms gaps: gap error p50 / p99 | $(slow_field gap_error_p50_ms) ms / $(slow_field gap_error_p99_ms) ms | $(slow_field gaps_measured) gaps, $(slow_field failures) failed streams |
TABLE
)
echo "$table"

if $write; then
    {
        echo "# Benchmark results"
        echo
        echo "Measured $(date -u +%Y-%m-%d) with \`bench/run.sh --write\` (wrk \`-t1 -c32 -d$duration --latency\`, loopback)."
        echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/ {print $2}') GiB."
        echo "Release build of the mock (\`swift build -c release\`), serving the shipped \`responses/\` (echo answers these requests)."
        echo
        echo "$table"
        echo
        echo "Raw wrk output of the last run is in \`bench/out/\` (not committed)."
    } > bench/RESULTS.md
    echo "wrote bench/RESULTS.md"
fi
