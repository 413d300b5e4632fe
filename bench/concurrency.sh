#!/usr/bin/env bash
# Memory per open stream: waves of many concurrent paced streams, and the server's RSS before, during and
# after each wave.
#
#   bench/concurrency.sh                     build (release), 3 waves of 10,000 streams, print a Markdown table
#   bench/concurrency.sh --write             the same, then put the table(s) in bench/RESULTS.md (their own section)
#   STREAMS=1000 WAVES=1 bench/concurrency.sh   a smaller run
#   NO_BUILD=1 bench/concurrency.sh          measure the release binary already built
#   MOCK_BIN=path                            measure this binary instead of building one
#   BEFORE=old/fireworks-mock AFTER=new/fireworks-mock bench/concurrency.sh   two binaries, one after the other
#   GAP_MS=500 WORDS=80 RAMP=15 CLIENTS=4    stream pacing and length, seconds to open a wave, client processes
#   SETTLE=10                                seconds to watch RSS after each wave
#
# Each wave opens STREAMS streaming requests with `x-mock-stream: delay=GAP_MS ms` over RAMP seconds
# (bench/concurrency.py), so all are open at once, and reads each to its end. The server runs in echo mode
# with the journal at its default size. Exit status: 0 when every stream completed and the targets were met
# (peak RSS < 200 MB; 10 s after each wave, RSS within 30 MB of its value before the first wave); 3 when
# not (the table is printed, and written, all the same); 1 on other failures. Only 127.0.0.1 is a target;
# every step has a time bound.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_options bench/concurrency.sh 19 "$@"
bench_workspace concurrency
streams=${STREAMS:-10000}
waves=${WAVES:-3}
gap_ms=${GAP_MS:-500}
words=${WORDS:-80}
ramp=${RAMP:-15}
clients=${CLIENTS:-4}
settle=${SETTLE:-10}
peak_target_mb=200
settle_margin_mb=30

pid=""
sampler=""
cleanup() {
    if [ -n "$sampler" ]; then kill "$sampler" 2>/dev/null || true; wait "$sampler" 2>/dev/null || true; fi
    if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

mb() { awk -v key="$1:" '$1 == key { printf "%.1f", $2 / 1024 }' "/proc/$pid/status"; }
open_fds() { local fds=("/proc/$pid/fd"/*); echo "${#fds[@]}"; }

# Samples VmRSS every 100 ms into FILE until killed (the VmHWM reset below needs a kernel that allows it;
# the sampled maximum is the fallback, and the larger of the two is shown).
sample() {
    local file=$1 line
    : >"$file"
    while [ -r "/proc/$pid/status" ]; do
        while read -r line; do
            case "$line" in VmRSS:*) line=${line#VmRSS:}; echo "${line%kB}" >>"$file"; break ;; esac
        done <"/proc/$pid/status"
        sleep 0.1
    done
}

ok=true

# measure NAME BINARY: one server, WAVES waves; sets $table to their Markdown table (and $ok to false when a
# stream failed or a target was missed). Not run in a subshell, so the cleanup trap sees the server's pid.
measure() {
    local name=$1 binary=$2 log="$out/concurrency-$1.log" wave before idle after peak sampled later back fds
    local result completed most failures samples="$out/concurrency-rss.txt" bound tick
    "$binary" --port 0 --responses "$empty_scripts" >"$log" 2>&1 &
    pid=$!
    bench_wait_url "$log"
    sleep 2
    idle=$(mb VmRSS)
    bound=$((ramp + (words + 10) * gap_ms / 1000 + 120))
    table="| wave | streams completed | most open at once | RSS before | peak RSS | RSS at the end | RSS ${settle} s later | back within ${settle_margin_mb} MB of idle after | open fds after |"
    table+=$'\n| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |'
    for ((wave = 1; wave <= waves; wave++)); do
        echo "$name: wave $wave of $waves ($streams streams)" >&2
        before=$(mb VmRSS)
        # Resets VmHWM to the current RSS, so VmHWM after the wave is this wave's peak.
        echo 5 >"/proc/$pid/clear_refs" 2>/dev/null || true
        sample "$samples" &
        sampler=$!
        result=$(timeout "$bound" python3 bench/concurrency.py "$url" "$streams" "$gap_ms" "$clients" "$ramp" "$words") || {
            echo "$name: the client failed or ran past $bound s" >&2
            result='{"completed": 0, "most_open_at_once": 0, "failures": {"client": 1}}'
        }
        after=$(mb VmRSS)
        kill "$sampler" 2>/dev/null || true
        wait "$sampler" 2>/dev/null || true
        sampler=""
        peak=$(mb VmHWM)
        sampled=$(sort -n "$samples" | tail -n1 | awk '{ printf "%.1f", $1 / 1024 }')
        peak=$(awk -v a="$peak" -v b="${sampled:-0}" 'BEGIN { printf "%.1f", (a > b ? a : b) }')
        echo "$name: wave $wave: $result" >&2
        read -r completed most failures < <(python3 -c '
import json, sys
r = json.loads(sys.argv[1])
print(r["completed"], r["most_open_at_once"], ", ".join(f"{k}: {v}" for k, v in r["failures"].items()) or "none")' "$result")
        back="no"
        for ((tick = 1; tick <= settle * 2; tick++)); do
            sleep 0.5
            if [ "$back" = no ] && awk -v r="$(mb VmRSS)" -v i="$idle" -v m="$settle_margin_mb" 'BEGIN { exit !(r <= i + m) }'; then
                back="$(awk -v t="$tick" 'BEGIN { printf "%.1f", t / 2 }') s"
            fi
        done
        later=$(mb VmRSS)
        fds=$(open_fds)
        [ "$completed" = "$streams" ] || ok=false
        [ "$back" != no ] || ok=false
        awk -v p="$peak" -v t="$peak_target_mb" 'BEGIN { exit !(p < t) }' || ok=false
        [ "$failures" = none ] || completed="$completed (failed: $failures)"
        table+=$'\n'"| $wave | $completed | $most | $before MB | $peak MB | $after MB | $later MB | $back | $fds |"
    done
    kill "$pid"
    wait "$pid" 2>/dev/null || true
    pid=""
    table+=$'\n\n'"Idle RSS $idle MB, 2 s after the start line."
}

if [ -n "${BEFORE:-}" ] || [ -n "${AFTER:-}" ]; then
    [ -x "${BEFORE:-}" ] && [ -x "${AFTER:-}" ] || { echo "BEFORE and AFTER must both name executables" >&2; exit 1; }
    measure before "$BEFORE"
    tables="### Before: \`$BEFORE\`"$'\n\n'"$table"
    measure after "$AFTER"
    tables+=$'\n\n'"### After: \`$AFTER\`"$'\n\n'"$table"
else
    bench_mock
    measure mock "$mock"
    tables=$table
fi
echo
echo "$tables"

if $write; then
    command="bench/concurrency.sh --write"
    for variable in MOCK_BIN NO_BUILD BEFORE AFTER STREAMS WAVES GAP_MS WORDS RAMP CLIENTS SETTLE; do
        [ -z "${!variable:-}" ] || command="$variable=${!variable} $command"
    done
    body=$(
        echo "## Concurrency"
        echo
        echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC'); commit $(git rev-parse --short HEAD); machine: $(nproc) cores, $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)"
        echo "- Command: \`$command\`"
        echo "- Each wave: $streams streams with \`x-mock-stream: delay=${gap_ms}ms;chunk=words:1\` and a $words-word prompt, opened over $ramp s by $clients client processes (\`bench/concurrency.py\`), each read to its end and closed with a reset; echo mode, journal at its default size (1,000 entries)"
        echo "- Peak RSS is this wave's VmHWM (reset before it through \`/proc/PID/clear_refs\`) or the largest VmRSS sampled every 100 ms, whichever is larger; targets: peak < $peak_target_mb MB, and within $settle_margin_mb MB of idle $settle s after each wave"
        echo
        echo "$tables"
    )
    bench_keep_section concurrency "$body"
fi
$ok || exit 3
