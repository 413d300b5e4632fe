#!/usr/bin/env bash
# Instructions per request, counted by valgrind's callgrind: repeatable on a busy machine, where req/s is not.
#
#   BEFORE=path AFTER=path bench/instructions.sh            print a Markdown table
#   BEFORE=path AFTER=path bench/instructions.sh --write    also put it in bench/RESULTS.md (its own section)
#   REQUESTS=2000                                           requests per count (default 2,000)
#   SCRIPTS=responses | SCRIPTS=1000                        load the shipped responses/, or 1,000 generated scripts
#
# Each binary is started under callgrind (with its DWARF stripped, which this valgrind cannot read; symbols
# stay), warmed up with 50 requests, then its counters are zeroed, REQUESTS echo requests are sent one after
# another on one keep-alive connection (bench/drive.py), and the counters are dumped: everything the process
# executed for those requests, on every thread, divided by REQUESTS. Non-streaming and streaming counted apart.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_options bench/instructions.sh 12 "$@"
bench_workspace instructions
bench_scripts
: "${BEFORE:?BEFORE=path of the binary before the change}" "${AFTER:?AFTER=path of the binary after it}"
requests=${REQUESTS:-2000}
if ! command -v valgrind >/dev/null 2>&1; then
    as_root=()
    [ "$(id -u)" -eq 0 ] || as_root=(sudo -n)
    timeout 600 "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends valgrind >/dev/null
fi

pid=""
cleanup() { if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi; }
trap cleanup EXIT

count() { # binary kind; prints instructions per request
    local binary="$out/instructions-$(basename "$1")" log="$out/instructions-server.log" profile="$out/callgrind.out"
    strip --strip-debug -o "$binary" "$1"
    rm -f "$profile"*
    valgrind --tool=callgrind --callgrind-out-file="$profile" "$binary" --port 0 --responses "$scripts" >"$log" 2>"$log.err" &
    pid=$!
    bench_wait_url "$log" 120 "$log.err"
    local port=${url##*:}
    timeout 300 python3 bench/drive.py "$port" 50 "$2"
    callgrind_control -z "$pid" >/dev/null
    timeout 1200 python3 bench/drive.py "$port" "$requests" "$2"
    callgrind_control -d "$pid" >/dev/null
    kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
    awk -v n="$requests" '/^summary:/ { printf "%.0f", $2 / n }' "$profile.1"
}

declare -A figures=()
for side in before after; do
    binary=$BEFORE
    [ "$side" = before ] || binary=$AFTER
    for kind in plain stream; do
        echo "counting $side, $kind" >&2
        figures[$side-$kind]=$(count "$binary" "$kind")
    done
done
change() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%+.1f%%", (b - a) * 100 / a }'; }
table=$(cat <<TABLE
| load | before: instructions per request | after | change |
| --- | ---: | ---: | ---: |
| non-streaming echo | ${figures[before-plain]} | ${figures[after-plain]} | $(change "${figures[before-plain]}" "${figures[after-plain]}") |
| streaming echo (8 events) | ${figures[before-stream]} | ${figures[after-stream]} | $(change "${figures[before-stream]}" "${figures[after-stream]}") |
TABLE
)
echo
echo "$table"
if $write; then
    body=$(
        echo "## Instructions per request${SCRIPTS:+, scripts loaded: $SCRIPTS}"
        echo
        echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC'); $(valgrind --version)"
        echo "- Command: \`BEFORE=${BEFORE_NAME:-$BEFORE} AFTER=${AFTER_NAME:-$AFTER} REQUESTS=$requests${SCRIPTS:+ SCRIPTS=$SCRIPTS} bench/instructions.sh --write\`"
        echo "- Counted by callgrind over $requests echo requests on one keep-alive connection after 50 warm-up requests, all threads"
        echo
        echo "$table"
    )
    bench_keep_section "instructions${SCRIPTS:+-scripts-$SCRIPTS}" "$body"
fi
