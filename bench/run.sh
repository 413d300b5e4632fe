#!/usr/bin/env bash
# Load benchmarks of fireworks-mock on loopback, read against a bare SwiftNIO server (bench/ceiling).
#
#   bench/run.sh                 build, measure, print a Markdown table
#   bench/run.sh --write         the same, then replace bench/RESULTS.md with the figures
#   DURATION=2s bench/run.sh     a quick smoke run (default 10s per wrk run)
#   NO_BUILD=1 bench/run.sh      measure the release binaries already built
#   MOCK_BIN=path bench/run.sh   measure this fireworks-mock binary instead of building one
#   BUILD_TIMEOUT=2400           seconds allowed for each release build
#
# Exit status: 0 when every checked answer was good and wrk saw no errors; 3 when not (the table
# still shows the figures); 1 on any other failure. Only 127.0.0.1 is ever a target, and every step
# has a time bound, so a run always ends by itself.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_options bench/run.sh 13 "$@"
bench_workspace load

duration=${DURATION:-10s}
if [[ ! $duration =~ ^([0-9]+)([sm]?)$ ]] || [ "${BASH_REMATCH[1]}" -lt 1 ]; then
    echo "DURATION must be a whole number of seconds or minutes, at least 1s: e.g. 10s or 1m" >&2
    exit 1
fi
seconds=${BASH_REMATCH[1]}
[ "${BASH_REMATCH[2]}" != m ] || seconds=$((seconds * 60))
duration="${seconds}s"
# wrk is given its own time plus a margin for connecting and the final report; past that it is stopped.
wrk_bound=$((seconds + 30))
ready_runs=11
connections=32

# Servers this run started and has not yet stopped: whatever is in here at exit (an error, Ctrl-C) is
# stopped. A pid leaves the list as soon as its process is reaped, so a reused pid is never signalled.
started=()
forget() {
    local kept=() pid
    for pid in "${started[@]}"; do
        [ "$pid" = "$1" ] || kept+=("$pid")
    done
    started=("${kept[@]}")
}
cleanup() {
    local pid
    for pid in "${started[@]}"; do
        stop_server "$pid"
    done
    if [ -n "${tick:-}" ]; then exec {tick}>&-; fi
    rm -f "$out/tick"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- tools and binaries ------------------------------------------------------------------------------------

bench_need_wrk
ceiling_args=(--package-path bench/ceiling --scratch-path .build-ceiling)
bench_mock
bench_release_build ceiling-server "${ceiling_args[@]}"
ceiling=$(bench_binary ceiling-server "${ceiling_args[@]}")

# --- helpers -----------------------------------------------------------------------------------------------

# A pause that costs no fork: read from a FIFO that nothing writes, until the timeout.
rm -f "$out/tick"
mkfifo "$out/tick"
exec {tick}<>"$out/tick"
pause() { read -r -t "$1" -u "$tick" _ || true; }

# Starts "$@ --port 0", waits for its start line; sets $pid and $url. Output goes to $out/NAME.log.
start_server() {
    local name=$1 log="$out/$1.log" line="" waited=0
    shift
    "$@" --port 0 >"$log" 2>&1 &
    pid=$!
    started+=("$pid")
    until [ -n "$line" ]; do
        line=$(grep -m1 ' listening on http://127.0.0.1:' "$log" || true)
        kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; echo "$name exited at start" >&2; exit 1; }
        waited=$((waited + 1))
        [ "$waited" -le 2000 ] || { echo "$name printed no start line within 10 s" >&2; exit 1; }
        pause 0.005
    done
    url=${line##* listening on }
}

# SIGTERM, up to 5 s to finish, then SIGKILL: a server that hangs on shutdown must not hang the run.
stop_server() {
    local waited=0
    kill "$1" 2>/dev/null || true
    while kill -0 "$1" 2>/dev/null && [ "$waited" -lt 500 ]; do
        pause 0.01
        waited=$((waited + 1))
    done
    if kill -0 "$1" 2>/dev/null; then
        echo "pid $1 still running 5 s after SIGTERM; killed" >&2
        kill -KILL "$1" 2>/dev/null || true
    fi
    wait "$1" 2>/dev/null || true
    forget "$1"
}

# VmRSS / VmHWM of a process, in MB.
memory_mb() { awk -v key="$2:" '$1 == key { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }

# One measured wrk run. Sets run_rps, run_p50, run_p99 (ms), run_checked, run_failed, run_errors.
measure() {
    local name=$1 target=$2 script=${3:-} raw="$out/$1.txt"
    local options=(-t1 -c"$connections" --latency)
    [ -z "$script" ] || options+=(-s "bench/$script")
    echo "measuring $name for $duration" >&2
    # A 1 s warm-up first: the first connections and allocations are not what a steady client sees.
    timeout 60 wrk "${options[@]}" -d1s "$url$target" >/dev/null
    timeout "$wrk_bound" wrk "${options[@]}" -d"$duration" "$url$target" >"$raw"
    run_rps=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$raw")
    run_p50=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$raw")")
    run_p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$raw")")
    run_checked=$(sed -n 's/^checked answers: \([0-9]*\), failed: \([0-9]*\)$/\1/p' "$raw")
    run_failed=$(sed -n 's/^checked answers: \([0-9]*\), failed: \([0-9]*\)$/\2/p' "$raw")
    # wrk's own error lines: answers that are not 2xx/3xx, and connect/read/write/timeout errors.
    run_errors=$(grep -E '^ *(Non-2xx or 3xx responses|Socket errors):' "$raw" | sed 's/^ *//' | paste -sd ';' - || true)
    run_errors=${run_errors:-none}
    if [ -z "$run_rps" ] || [ -z "$run_p99" ]; then
        cat "$raw" >&2
        echo "could not read wrk's report" >&2
        exit 1
    fi
}

# GET /health over bash's /dev/tcp: no process is started, so polling costs little. Succeeds on a 200.
health_ok() {
    local status=""
    {
        printf 'GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' >&7
        read -r -t 2 _ status _ <&7
    } 2>/dev/null 7<>"/dev/tcp/127.0.0.1/$1" || return 1
    [ "$status" = 200 ]
}

# A port below the kernel's ephemeral range (so no "--port 0" server is given it meanwhile) that refuses.
free_port() {
    local low candidate
    read -r low _ </proc/sys/net/ipv4/ip_local_port_range
    for _ in $(seq 1 100); do
        candidate=$((10000 + RANDOM % (low - 10000)))
        if ! (: 2>/dev/null <"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then
            echo "$candidate"
            return 0
        fi
    done
    echo "no free port found" >&2
    return 1
}

# Milliseconds from exec to the first answered GET /health: a fixed free port is polled every 0.5 ms.
# The start line is not used, since printing it is part of what is being timed.
ready_once() {
    local port t0 t1 p polls=0
    port=$(free_port)
    t0=${EPOCHREALTIME//[.,]/}
    "$mock" --port "$port" --responses "$empty_scripts" >/dev/null 2>"$out/ready.log" &
    p=$!
    started+=("$p")
    until health_ok "$port"; do
        # Gone: most likely the port was taken after all; the caller tries again.
        kill -0 "$p" 2>/dev/null || { stop_server "$p"; return 1; }
        polls=$((polls + 1))
        [ "$polls" -le 20000 ] || { echo "no answer from a starting server within 10 s" >&2; exit 1; }
        pause 0.0005
    done
    t1=${EPOCHREALTIME//[.,]/}
    stop_server "$p"
    ready_ms=$(awk -v us=$((t1 - t0)) 'BEGIN { printf "%.1f", us / 1000 }')
}

# 35000 -> 35,000
number() {
    awk -v v="$1" 'BEGIN {
        s = sprintf("%.0f", v); grouped = ""
        while (length(s) > 3) { grouped = "," substr(s, length(s) - 2) grouped; s = substr(s, 1, length(s) - 3) }
        print s grouped }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "?" }'; }
# verdict VALUE ge|lt TARGET
verdict() { awk -v v="$1" -v op="$2" -v t="$3" 'BEGIN { ok = (op == "ge") ? v >= t : v < t; print ok ? "met" : "not met" }'; }
checks() { [ -n "$1" ] && echo "$2 of $(number "$1")" || echo "not checked"; }

# --- measurements ------------------------------------------------------------------------------------------

read -r load_before _ </proc/loadavg
if awk -v l="$load_before" 'BEGIN { exit !(l > 0.5) }'; then
    echo "note: load average is $load_before; other work on these cores will lower the figures" >&2
fi

start_server fireworks-mock "$mock" --responses "$empty_scripts"
mock_pid=$pid
pause 0.5 # let start-up allocations settle before reading the idle figure
idle_rss=$(memory_mb "$mock_pid" VmRSS)

measure messages /inference/v1/messages messages.lua
plain=("$run_rps" "$run_p50" "$run_p99" "$run_checked" "$run_failed" "$run_errors")
measure stream /inference/v1/messages stream.lua
stream=("$run_rps" "$run_p50" "$run_p99" "$run_checked" "$run_failed" "$run_errors")
peak_rss=$(memory_mb "$mock_pid" VmHWM)
stop_server "$mock_pid"

start_server ceiling-server "$ceiling"
measure ceiling /
top=("$run_rps" "$run_p50" "$run_p99" "$run_checked" "$run_failed" "$run_errors")
stop_server "$pid"

echo "timing start-up, $ready_runs starts" >&2
ready_times=()
for _ in $(seq 1 "$ready_runs"); do
    attempts=0
    until ready_once; do
        attempts=$((attempts + 1))
        [ "$attempts" -lt 5 ] || { cat "$out/ready.log" >&2; echo "the mock did not start" >&2; exit 1; }
    done
    ready_times+=("$ready_ms")
done
ready_median=$(printf '%s\n' "${ready_times[@]}" | sort -g | sed -n "$(((ready_runs + 1) / 2))p")
ready_range="$(printf '%s\n' "${ready_times[@]}" | sort -g | sed -n '1p;$p' | paste -sd '-' -)"

# 1,000 concurrent slow streams (100 ms between events): do the scripted gaps hold under that many streams?
# Four client processes share the connections: one Python loop alone cannot read 1,000 sockets within a gap.
echo "measuring 1,000 concurrent slow streams" >&2
ulimit -n 8192 2>/dev/null || true
start_server slow-streams "$mock" --responses "$empty_scripts"
slow=$(timeout 120 python3 bench/slow_streams.py "$url" 1000 100 4)
slow_rss=$(memory_mb "$pid" VmHWM)
stop_server "$pid"
slow_field() { python3 -c 'import json, sys; print(json.loads(sys.argv[1])[sys.argv[2]])' "$slow" "$1"; }

# --- report ------------------------------------------------------------------------------------------------

failed_total=$((${plain[4]:-0} + ${stream[4]:-0} + $(slow_field failures)))
wrk_errors=0
for errors in "${plain[5]}" "${stream[5]}" "${top[5]}"; do
    [ "$errors" = none ] || wrk_errors=$((wrk_errors + 1))
done

row() { # name, then the six fields of a measure
    echo "| $1 | $(number "$2") | $3 | $4 | $(ratio "$2" "${top[0]}") | $(checks "$5" "$6") | $7 |"
}
table=$(
    cat <<TABLE
| run | req/s | p50 ms | p99 ms | ratio to ceiling | failed checks | wrk errors |
| --- | ---: | ---: | ---: | ---: | --- | --- |
$(row "non-streaming echo" "${plain[@]}")
$(row "streaming echo, no delay (8 events)" "${stream[@]}")
$(row "ceiling: bare SwiftNIO, fixed JSON (GET)" "${top[@]}")

| figure | value | target | verdict |
| --- | ---: | --- | --- |
| non-streaming req/s | $(number "${plain[0]}") | ≥ 35,000 | $(verdict "${plain[0]}" ge 35000) |
| streams/s | $(number "${stream[0]}") | ≥ 15,000 | $(verdict "${stream[0]}" ge 15000) |
| process start to first answer, median of $ready_runs (range) | $ready_median ms ($ready_range) | < 100 ms | $(verdict "$ready_median" lt 100) |
| idle RSS (VmRSS after start) | $idle_rss MB | < 20 MB | $(verdict "$idle_rss" lt 20) |
| peak RSS (VmHWM after both loads) | $peak_rss MB | | |
| 1,000 slow streams: gap error p50 / p99 | $(slow_field gap_error_p50_ms) / $(slow_field gap_error_p99_ms) ms | | $(number "$(slow_field gaps_measured)") gaps, $(slow_field failures) failed streams |
| 1,000 slow streams: peak RSS | $slow_rss MB | | |
TABLE
)
echo
echo "$table"

if $write; then
    cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
    commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
    git diff --quiet HEAD -- Sources Package.swift 2>/dev/null || commit="$commit with uncommitted changes to Sources"
    command_line="${MOCK_BIN:+MOCK_BIN=$MOCK_BIN }${NO_BUILD:+NO_BUILD=$NO_BUILD }DURATION=$duration bench/run.sh --write"
    # Sections other scripts write (between "<!-- kept: NAME -->" and "<!-- end: NAME -->") stay.
    kept_sections=$(sed -n '/^<!-- kept: /,$p' bench/RESULTS.md 2>/dev/null || true)
    {
        echo "# Benchmark results"
        echo
        echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC')"
        echo "- Machine: $(nproc) cores (nproc), ${cpu:-unknown CPU}, $(awk '/^MemTotal/ { printf "%.0f", $2 / 1048576 }' /proc/meminfo) GiB, Linux $(uname -r); load average before the run: $load_before"
        echo "- Build: release, commit $commit, $(swift --version 2>/dev/null | head -n 1)"
        echo "- Command: \`$command_line\`"
        echo "- Each load: \`wrk -t1 -c$connections -d$duration --latency\` on 127.0.0.1 after a 1 s warm-up;" \
            "\`-s bench/messages.lua\` and \`-s bench/stream.lua\` for the mock, plain GET for the ceiling"
        echo "- The mock runs in echo mode (no scripts loaded) with its defaults, the journal on (the journal section gives its cost)"
        echo
        echo "$table"
        echo
        echo "## Targets"
        echo
        echo "- ≥ 35,000 non-streaming req/s: $(verdict "${plain[0]}" ge 35000) ($(number "${plain[0]}"))"
        echo "- ≥ 15,000 streams/s: $(verdict "${stream[0]}" ge 15000) ($(number "${stream[0]}"))"
        echo "- ready < 100 ms: $(verdict "$ready_median" lt 100) ($ready_median ms)"
        echo "- idle RSS < 20 MB: $(verdict "$idle_rss" lt 20) ($idle_rss MB)"
        echo
        echo "What each figure means: bench/README.md. Raw wrk output of the last run: bench/out/ (not committed)."
        if [ -n "$kept_sections" ]; then
            echo
            echo "$kept_sections"
        fi
    } >bench/RESULTS.md
    echo >&2
    echo "wrote bench/RESULTS.md" >&2
fi

if [ "$failed_total" -gt 0 ] || [ "$wrk_errors" -gt 0 ]; then
    echo "WARNING: $failed_total answers failed their checks, $wrk_errors wrk run(s) reported errors;" \
        "see bench/out/*.txt" >&2
    exit 3
fi
