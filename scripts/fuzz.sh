#!/usr/bin/env bash
# Builds the libFuzzer targets of Tests/Fuzz (coverage + address sanitizer, release mode, in .build-fuzz) and
# runs each one in turn, one process at a time, starting from its corpus in Tests/Fuzz/corpus/<target>.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]    SECONDS per target (default 20; 0 = no time limit), all targets
#                                            unless some are named (FuzzJSON, FuzzHTTP, ...)
#
# Environment:
#   FUZZ_RUNS=N     also stop a target after N executions (default: no limit)
#   FUZZ_MERGE=1    afterwards, merge what each run found into Tests/Fuzz/corpus/<target> (minimised)
#   FUZZ_NO_BUILD=1 use the binaries already in .build-fuzz
#
# New inputs go to .build-fuzz/corpus/<target>, so a bounded run leaves the repository untouched. A crash, a
# hang (an input running over 5 s) or a leak fails the script; the input is kept as
# .build-fuzz/artifacts/<target>-crash-…, -timeout-…, -leak-… and the log's end is printed. Reproduce with
# `.build-fuzz/release/<target> <file>`. Reads no stdin, installs nothing: the Swift toolchain has libFuzzer.
set -euo pipefail
cd "$(dirname "$0")/.."

all_targets=(FuzzJSON FuzzRequest FuzzYAML FuzzScripts FuzzFaultSyntax FuzzQueryString FuzzHTTP)
seconds="${1:-20}"
[[ $# -gt 0 ]] && shift
targets=("$@")
[[ ${#targets[@]} -eq 0 ]] && targets=("${all_targets[@]}")

# The dictionary each target mutates with.
dictionary() {
    case "$1" in
        FuzzJSON | FuzzRequest) echo json ;;
        FuzzYAML | FuzzScripts) echo yaml ;;
        FuzzFaultSyntax) echo faults ;;
        FuzzQueryString) echo query ;;
        FuzzHTTP) echo http ;;
        *) echo "unknown fuzz target: $1 (known: ${all_targets[*]})" >&2; exit 2 ;;
    esac
}
for target in "${targets[@]}"; do dictionary "$target" >/dev/null; done

scratch=.build-fuzz
export FIREWORKS_MOCK_FUZZ=1
if [[ "${FUZZ_NO_BUILD:-0}" != 1 ]]; then
    for target in "${targets[@]}"; do
        echo "== build $target"
        # --sanitize=fuzzer makes SwiftPM leave `main` to libFuzzer; the -Xswiftc flag adds the address
        # sanitizer to the same compile (swiftc keeps only the last -sanitize= it is given).
        # The address sanitizer's runtime makes the gold linker print one warning per symbol; they are noise.
        swift build -c release --scratch-path "$scratch" --sanitize=fuzzer -Xswiftc -sanitize=fuzzer,address \
            --product "$target" 2>&1 | { grep -v "Cannot export local symbol" || true; }
    done
fi

# A crash must not wait for the Swift backtracer; allocations made once by global initializers are not leaks.
export SWIFT_BACKTRACE=enable=no
export LSAN_OPTIONS="suppressions=$PWD/Tests/Fuzz/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
mkdir -p "$scratch/artifacts" "$scratch/logs"
failed=()
for target in "${targets[@]}"; do
    corpus="Tests/Fuzz/corpus/$target"
    work="$scratch/corpus/$target"
    log="$scratch/logs/$target.log"
    mkdir -p "$corpus" "$work"
    echo "== fuzz $target (${seconds}s)"
    status=0
    "$scratch/release/$target" "$work" "$corpus" \
        -max_total_time="$seconds" -runs="${FUZZ_RUNS:--1}" -timeout=5 -rss_limit_mb=2048 -max_len=8192 \
        -dict="Tests/Fuzz/dict/$(dictionary "$target").dict" -artifact_prefix="$scratch/artifacts/$target-" \
        -print_final_stats=1 </dev/null >"$log" 2>&1 || status=$?
    if [[ $status -ne 0 ]]; then
        tail -n 60 "$log"
        echo "!! $target failed (exit $status); full log: $log" >&2
        failed+=("$target")
        continue
    fi
    grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -n 1 || true
    grep -E '^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)' "$log" | tr '\n' ' '
    echo
    if [[ "${FUZZ_MERGE:-0}" == 1 ]]; then
        "$scratch/release/$target" -merge=1 "$corpus" "$work" -max_len=8192 -timeout=5 </dev/null >>"$log" 2>&1
        echo "   corpus: $(find "$corpus" -type f | wc -l) files, $(du -sk "$corpus" | cut -f1) KB"
    fi
done

if [[ ${#failed[@]} -gt 0 ]]; then
    echo "fuzzing found problems in: ${failed[*]}" >&2
    exit 1
fi
echo "fuzzing: no crash, hang or leak in ${targets[*]}"
