#!/usr/bin/env bash
# Builds the Swift test suite with a sanitizer and runs it; any sanitizer report fails the run.
#
#   scripts/sanitize.sh thread  [swift test arguments]    ThreadSanitizer, scratch path .build-tsan
#   scripts/sanitize.sh address [swift test arguments]    AddressSanitizer and LeakSanitizer, scratch path .build-asan
#
# Everything is instrumented, the fireworks-mock executable included, and the process tests start that
# instrumented executable (it sits next to the test bundle in the scratch path). Reports from the test process
# and from those child processes alike are written to files under <scratch>/sanitizer-reports (`log_path`;
# the children get the same *SAN_OPTIONS from the tests), printed at the end, and fail the run even when
# every test passed. The first report ends the process that found it (halt_on_error=1).
#
# Suppressions are in scripts/sanitizers/, one file per sanitizer; each entry says why it is there.
# Works unattended on a fresh Debian machine with only the Swift toolchain: what else it needs, it installs.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"

usage() {
    echo "usage: scripts/sanitize.sh thread|address [swift test arguments]" >&2
    exit 2
}
[ $# -ge 1 ] || usage
kind="$1"
shift
case "$kind" in
    thread) scratch=".build-tsan" ;;
    address) scratch=".build-asan" ;;
    *) usage ;;
esac

as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    else
        sudo -n "$@"
    fi
}

# Reports name functions and lines only with llvm-symbolizer: the toolchain ships one; Debian's llvm has
# another.
symbolizer="$(dirname "$(readlink -f "$(command -v swift)")")/llvm-symbolizer"
if [ ! -x "$symbolizer" ]; then
    if ! command -v llvm-symbolizer >/dev/null 2>&1; then
        echo "sanitize.sh: installing llvm (for llvm-symbolizer)" >&2
        as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q </dev/null
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends llvm </dev/null
    fi
    symbolizer="$(command -v llvm-symbolizer)"
fi

reports="$root/$scratch/sanitizer-reports"
suppressions="$root/scripts/sanitizers"
# Options shared by both sanitizers: reports go to files (one per process), symbolized; a process that only
# used suppressions writes nothing (print_suppressions=0), so any file at all is a report.
common="log_path=$reports/report external_symbolizer_path=$symbolizer print_suppressions=0"
if [ "$kind" = thread ]; then
    # second_deadlock_stack: a lock-order report shows where both locks were taken, not only one.
    # history_size=4: more memory for the other thread's stack, so a race report shows both sides.
    export TSAN_OPTIONS="$common halt_on_error=1 second_deadlock_stack=1 history_size=4 suppressions=$suppressions/tsan.supp"
else
    # detect_leaks: LeakSanitizer runs at every process's exit; its reports fail the run like any other.
    export ASAN_OPTIONS="$common halt_on_error=1 detect_leaks=1 detect_stack_use_after_return=1"
    export LSAN_OPTIONS="suppressions=$suppressions/lsan.supp"
fi

# Tests run at most one per core at a time (SANITIZE_PARALLELISM overrides). Instrumented code runs several
# times slower; unbounded, hundreds of tests at once starve each other, and the deadlines some tests hold the
# server to (a few hundred milliseconds in the request-timeout tests) would measure the machine's run queue, not
# the server. The testing library reads this variable itself.
export SWT_EXPERIMENTAL_MAXIMUM_PARALLELIZATION_WIDTH="${SANITIZE_PARALLELISM:-$(nproc)}"

clock() { date +%s; }

echo "== build (debug, with tests, --sanitize=$kind, scratch path $scratch)"
started=$(clock)
swift build --build-tests --sanitize="$kind" --scratch-path "$scratch" </dev/null
built=$(clock)

# The instrumented executable must start at all. ThreadSanitizer needs an address layout with at most 30 bits of
# mmap randomization; above that it runs itself again with randomization off, which needs personality(2), and
# container seccomp profiles may refuse it. Then no test can run, and this says why instead of every test failing.
executable="$(swift build --sanitize="$kind" --scratch-path "$scratch" --show-bin-path)/fireworks-mock"
if ! preflight=$(TSAN_OPTIONS="${TSAN_OPTIONS:-} log_path=stderr" ASAN_OPTIONS="${ASAN_OPTIONS:-} log_path=stderr" \
    "$executable" --help 2>&1 >/dev/null </dev/null); then
    echo "$preflight" | head -n 20 >&2
    echo "sanitize.sh: the $kind-instrumented executable does not start (above)." >&2
    if [ "$kind" = thread ]; then
        echo "sanitize.sh: vm.mmap_rnd_bits is $(cat /proc/sys/vm/mmap_rnd_bits 2>/dev/null || echo unknown);" \
            "ThreadSanitizer needs 30 or less, or permission to turn address randomization off for itself" \
            "(personality(2)): run 'sysctl -w vm.mmap_rnd_bits=28' on the host, or run the container with" \
            "--security-opt seccomp=unconfined." >&2
    fi
    exit 1
fi

echo "== Swift tests under --sanitize=$kind, at most $SWT_EXPERIMENTAL_MAXIMUM_PARALLELIZATION_WIDTH at a time"
rm -rf "$reports"
mkdir -p "$reports"
# Some process tests run the executable as another user (uid 65532); its reports must land here too.
chmod 1777 "$reports"
status=0
swift test --skip-build --sanitize="$kind" --scratch-path "$scratch" "$@" </dev/null || status=$?
finished=$(clock)

found=$(find "$reports" -type f -size +0 | sort)
if [ -n "$found" ]; then
    for file in $found; do
        echo "== sanitizer report: $file" >&2
        cat "$file" >&2
    done
fi
echo "sanitize.sh: $kind: build $((built - started)) s, tests $((finished - built)) s," \
    "$(echo "$found" | grep -c . || true) process(es) with sanitizer reports, swift test exit status $status"
if [ -n "$found" ]; then
    echo "sanitize.sh: $kind: sanitizer reports found (above); a report is a bug, not a warning" >&2
    exit 1
fi
exit "$status"
