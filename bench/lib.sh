# What the benchmark scripts share: their options, the output folder, wrk, the release binary the image
# ships, and the sections of bench/RESULTS.md that each keeps. Sourced by bench/*.sh, never run.

# bench_options NAME HELP_LAST_LINE "$@": reads --write (sets $write) and --help (prints the script's header
# comment, lines 2 to HELP_LAST_LINE); anything else is refused.
bench_options() {
    local name=$1 help_last=$2 argument
    shift 2
    write=false
    for argument in "$@"; do
        case "$argument" in
        --write) write=true ;;
        -h | --help) sed -n "2,${help_last}s/^# \{0,1\}//p" "$0"; exit 0 ;;
        *) echo "$name: unknown argument '$argument' (see --help)" >&2; exit 1 ;;
        esac
    done
}

# bench_workspace NAME: runs from the repository's root; sets $out (raw output, ignored by git) and
# $empty_scripts, an empty scripts folder of its own, so every server runs in echo mode: the responses/
# folder (picked up by default when it exists) neither changes the answers nor adds matching to the cost.
bench_workspace() {
    cd "$(dirname "${BASH_SOURCE[0]}")/.."
    out=bench/out
    mkdir -p "$out"
    empty_scripts="$out/no-scripts-$1"
    rm -rf "$empty_scripts"
    mkdir -p "$empty_scripts"
}

# bench_scripts: sets $scripts, the scripts folder the servers load, from SCRIPTS: unset or empty for none (echo
# mode, $empty_scripts), `responses` for the shipped responses/ folder, or a number N for N generated scripts
# (bench_generate_scripts). Every request of the loads is plain echo, so what is measured is what scripts cost
# a request that none of them answers.
bench_scripts() {
    case "${SCRIPTS:-}" in
    "") scripts=$empty_scripts ;;
    responses) scripts=responses ;;
    *[!0-9]*) echo "SCRIPTS must be empty, 'responses' or a number of generated scripts" >&2; exit 1 ;;
    *) scripts="$out/generated-scripts-$SCRIPTS"; bench_generate_scripts "$SCRIPTS" "$scripts" ;;
    esac
}

# bench_generate_scripts N DIR: N scripts in one file, the way a large suite gates them: nine in ten by an
# exact `x-mock-scenario` value, one in ten by a word in the last user message (tried on every request).
bench_generate_scripts() {
    local count=$1 dir=$2 i
    rm -rf "$dir"
    mkdir -p "$dir"
    {
        echo "scripts:"
        for ((i = 0; i < count; i++)); do
            echo "  - name: generated-$i"
            if ((i % 10 == 9)); then
                echo "    match: {last_user: {contains: \"word-$i\"}}"
            else
                echo "    match: {headers: {x-mock-scenario: scenario-$i}}"
            fi
            echo "    reply: {text: \"answer $i\"}"
        done
    } >"$dir/generated.yaml"
}

# bench_need_wrk: installs wrk from Debian's packages when it is missing (as root, or with sudo -n, which
# fails rather than waits for a password).
bench_need_wrk() {
    command -v wrk >/dev/null 2>&1 && return 0
    echo "installing wrk (Debian package)" >&2
    local as_root=()
    [ "$(id -u)" -eq 0 ] || as_root=(sudo -n)
    timeout 600 "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    timeout 600 "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -qq --no-install-recommends wrk >/dev/null
}

# bench_release_build NAME SWIFT_BUILD_ARGS...: a release build (skipped with NO_BUILD=1), bounded by
# BUILD_TIMEOUT seconds (default 2400); its log is $out/build-NAME.log, whose end is shown on failure.
bench_release_build() {
    local name=$1 log="$out/build-$1.log"
    shift
    [ -z "${NO_BUILD:-}" ] || return 0
    echo "building $name (release)" >&2
    if ! timeout "${BUILD_TIMEOUT:-2400}" swift build -c release "$@" >"$log" 2>&1; then
        tail -n 40 "$log" >&2
        echo "build of $name failed; full log in $log" >&2
        exit 1
    fi
}

# bench_binary NAME SWIFT_BUILD_ARGS...: the path of a release product built with these arguments.
bench_binary() {
    local name=$1 path
    shift
    path="$(timeout 300 swift build -c release "$@" --show-bin-path)/$name"
    [ -x "$path" ] || { echo "missing $path (run without NO_BUILD)" >&2; exit 1; }
    echo "$path"
}

# The binary the image ships: release, Swift runtime linked statically, in a scratch folder of its own so
# the debug .build of the tests is left alone (scripts/build-release.sh builds it the same way).
bench_mock_args=(--static-swift-stdlib --scratch-path .build-static)

# bench_mock: builds fireworks-mock as the image ships it (unless NO_BUILD=1, or MOCK_BIN names a binary to
# measure instead) and sets $mock to its path.
bench_mock() {
    if [ -n "${MOCK_BIN:-}" ]; then
        mock=$MOCK_BIN
        [ -x "$mock" ] || { echo "MOCK_BIN: no executable at $mock" >&2; exit 1; }
        return 0
    fi
    bench_release_build fireworks-mock "${bench_mock_args[@]}"
    mock=$(bench_binary fireworks-mock "${bench_mock_args[@]}")
}

# bench_wait_url LOG [SECONDS] [SHOW]: waits until the server whose output goes to LOG (started in the
# background as $pid) prints its listening line, then sets $url (http://127.0.0.1:PORT). A server that exits
# first, or prints nothing within SECONDS (default 10), ends the script with SHOW (default LOG) on stderr.
bench_wait_url() {
    local log=$1 seconds=${2:-10} show=${3:-$1} line=""
    for _ in $(seq $((seconds * 20))); do
        line=$(grep -m1 ' listening on http://127.0.0.1:' "$log" || true)
        [ -z "$line" ] || break
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.05
    done
    [ -n "$line" ] || { cat "$show" >&2; echo "no listening line in $log within $seconds s (or the server exited)" >&2; exit 1; }
    url=${line##* listening on }
}

# wrk's latency ("850.00us", "1.20ms", "1.02s") in milliseconds.
to_ms() {
    awk -v v="$1" 'BEGIN {
        if (v ~ /us$/) printf "%.2f", v / 1000; else if (v ~ /ms$/) printf "%.2f", v + 0
        else if (v ~ /s$/) printf "%.2f", v * 1000; else print "?" }'
}

# bench_keep_section NAME TEXT: puts TEXT in bench/RESULTS.md between "<!-- kept: NAME -->" and
# "<!-- end: NAME -->", replacing what was there; bench/run.sh --write keeps such sections.
bench_keep_section() {
    local name=$1 text=$2
    sed -i "/^<!-- kept: $name -->\$/,/^<!-- end: $name -->\$/d" bench/RESULTS.md
    # Drops the blank lines the removed section leaves at the end of the file.
    sed -i -e :a -e '/^\n*$/{$d;N;ba' -e '}' bench/RESULTS.md
    printf '\n<!-- kept: %s -->\n%s\n<!-- end: %s -->\n' "$name" "$text" "$name" >>bench/RESULTS.md
    echo "wrote the $name section of bench/RESULTS.md" >&2
}
