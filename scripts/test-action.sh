#!/usr/bin/env bash
# Tests the composite action's script (action.yml) without Docker: a stand-in `docker` command runs the real
# fireworks-mock binary for `docker run` (mapping the volumes and environment the script passes to the
# matching options) and answers `exec ... healthcheck`, `port`, `inspect` and `logs` for it. Checks the image
# name and tag the script derives, its outputs (which must reach a working mock, over HTTPS too), its errors
# for bad inputs, and its time limit.
#   FIREWORKS_MOCK_BIN   the binary (default: .build/debug/fireworks-mock)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
binary="${FIREWORKS_MOCK_BIN:-$root/.build/debug/fireworks-mock}"
[ -x "$binary" ] || { echo "test-action.sh: no binary at $binary" >&2; exit 1; }

work=$(mktemp -d)
cleanup() {
    for pid in "$work"/state/*.pid; do
        [ -e "$pid" ] && kill "$(cat "$pid")" 2>/dev/null || true
    done
    rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$work/bin" "$work/state" "$work/workspace/tests/responses" "$work/runner-temp"
sed -n '/^      run: |$/,$p' action.yml | tail -n +2 | sed 's/^        //' > "$work/action.sh"
printf 'name: scripted\nreply: {text: from the workspace}\n' > "$work/workspace/tests/responses/scripted.yaml"

cat > "$work/bin/docker" <<'FAKE'
#!/usr/bin/env bash
# Stand-in for docker: containers are fireworks-mock processes; state lives in $FAKE_DOCKER_STATE.
set -euo pipefail
state="$FAKE_DOCKER_STATE"
command=$1; shift
start_line() { sed -n "s|^fireworks-mock listening on $2://||p" "$state/$1.out"; }
case "$command" in
    run)
        name="" image="" responses="" tls_dir="" user="" envs=()
        while [ "$#" -gt 0 ]; do
            case "$1" in
                --detach) ;;
                --name) name=$2; shift ;;
                --publish) shift ;;
                --user) user=$2; shift ;;
                --volume)
                    case "$2" in
                        *:/srv/responses:ro) responses=${2%:/srv/responses:ro} ;;
                        *:/tls) tls_dir=${2%:/tls} ;;
                        *) echo "docker (stand-in): unexpected volume $2" >&2; exit 125 ;;
                    esac
                    shift ;;
                --env) envs+=("$2"); shift ;;
                -*) echo "docker (stand-in): unexpected option $1" >&2; exit 125 ;;
                *) image=$1 ;;
            esac
            shift
        done
        echo "$image" > "$state/$name.image"
        echo "$user" > "$state/$name.user"
        args=(--port 0)
        [ -z "$responses" ] || args+=(--responses "$responses")
        for env in "${envs[@]}"; do
            case "$env" in
                FIREWORKS_MOCK_TLS_PORT=8443) args+=(--tls-port 0) ;;
                FIREWORKS_MOCK_TLS_SELF_SIGNED=1) args+=(--tls-self-signed) ;;
                FIREWORKS_MOCK_TLS_CA_OUT=/tls/ca.pem) args+=(--tls-ca-out "$tls_dir/ca.pem") ;;
                *) echo "docker (stand-in): unexpected environment $env" >&2; exit 125 ;;
            esac
        done
        case "$image" in
            *never-healthy*) sleep 300 >"$state/$name.out" 2>"$state/$name.err" & ;;
            *) "$FAKE_DOCKER_BINARY" "${args[@]}" >"$state/$name.out" 2>"$state/$name.err" & ;;
        esac
        echo $! > "$state/$name.pid"
        echo "0123456789ab"
        ;;
    exec)
        name=$1
        port=$(start_line "$name" http | sed 's/.*://')
        [ -n "$port" ] || exit 1
        "$FAKE_DOCKER_BINARY" healthcheck --url "http://127.0.0.1:$port/health"
        ;;
    inspect)
        name=${*: -1}
        if kill -0 "$(cat "$state/$name.pid")" 2>/dev/null; then echo true; else echo false; fi
        ;;
    port)
        case "$2" in
            8080/tcp) start_line "$1" http ;;
            8443/tcp) start_line "$1" https ;;
        esac
        ;;
    logs) cat "$state/$1.err" ;;
    *) echo "docker (stand-in): unexpected command $command" >&2; exit 125 ;;
esac
FAKE
chmod +x "$work/bin/docker"

failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

# Runs the action's script with the given inputs (NAME=value ...); sets $status, $output and the outputs file.
run_action() {
    : > "$work/outputs"
    set +e
    output=$(env -i PATH="$work/bin:/usr/bin:/bin" HOME="$work" \
        FAKE_DOCKER_STATE="$work/state" FAKE_DOCKER_BINARY="$binary" \
        GITHUB_OUTPUT="$work/outputs" GITHUB_JOB=test GITHUB_WORKSPACE="$work/workspace" \
        GITHUB_REPOSITORY=Caller/App RUNNER_TEMP="$work/runner-temp" \
        RESPONSES="" VERSION="" TLS=false IMAGE="" REGISTRY=registry.example WAIT_SECONDS=20 \
        ACTION_PATH="/home/runner/work/_actions/Some-Owner/Fireworks-Mock/v1.2.3" \
        "$@" bash "$work/action.sh" 2>&1)
    status=$?
    set -e
}
out() { sed -n "s/^$1=//p" "$work/outputs"; }
image_of() { cat "$work/state/$(out container).image"; }
ask() {
    curl -fsS "$@" -H 'x-api-key: k' \
        -d '{"model":"accounts/fireworks/models/kimi-k2p5","messages":[{"role":"user","content":"hello from the job"}]}'
}

echo "== a release ref: the image beside the action, the ref's version, the outputs reach the mock"
run_action
[ "$status" -eq 0 ] || fail "exit $status: $output"
[ "$(image_of)" = "registry.example/some-owner/fireworks-mock:1.2.3" ] || fail "image $(image_of)"
[[ "$(out url)" =~ ^http://127\.0\.0\.1:[0-9]+$ ]] || fail "url '$(out url)'"
[ "$(out base-url)" = "$(out url)/inference" ] || fail "base-url '$(out base-url)'"
[ -z "$(out tls-base-url)$(out ca-file)" ] || fail "TLS outputs without tls"
ask "$(out base-url)/v1/messages" | grep -qF '"text":"hello from the job"' || fail "no echo from $(out base-url)"

echo "== used from its own checkout, with responses, a version and HTTPS"
run_action ACTION_PATH="$work/workspace" RESPONSES=tests/responses VERSION=0.9.0 TLS=true
[ "$status" -eq 0 ] || fail "exit $status: $output"
[ "$(image_of)" = "registry.example/caller/app:0.9.0" ] || fail "image $(image_of)"
[ "$(cat "$work/state/$(out container).user")" = "$(id -u):$(id -g)" ] || fail "the TLS container does not run as the runner's user"
[[ "$(out tls-base-url)" =~ ^https://localhost:[0-9]+/inference$ ]] || fail "tls-base-url '$(out tls-base-url)'"
[ -s "$(out ca-file)" ] || fail "no CA at '$(out ca-file)'"
ask --cacert "$(out ca-file)" "$(out tls-base-url)/v1/messages" | grep -qF '"text":"from the workspace"' \
    || fail "the scripts of the workspace do not answer over HTTPS"

echo "== a branch ref runs latest; an image input replaces the name"
run_action ACTION_PATH="/home/runner/work/_actions/owner/fireworks-mock/main" IMAGE=registry.example/mock
[ "$status" -eq 0 ] || fail "exit $status: $output"
[ "$(image_of)" = "registry.example/mock:latest" ] || fail "image $(image_of)"

echo "== bad inputs are named"
run_action TLS=maybe
[ "$status" -ne 0 ] && [[ "$output" == *"tls must be true or false, not 'maybe'"* ]] || fail "tls=maybe: $status $output"
run_action RESPONSES=missing
[ "$status" -ne 0 ] && [[ "$output" == *"responses: no directory $work/workspace/missing"* ]] || fail "responses: $output"
run_action VERSION='1.0;rm'
[ "$status" -ne 0 ] && [[ "$output" == *"version '1.0;rm' is not an image tag"* ]] || fail "version: $output"
run_action WAIT_SECONDS=soon
[ "$status" -ne 0 ] && [[ "$output" == *"wait-seconds 'soon' is not a whole number"* ]] || fail "wait-seconds: $output"

echo "== a mock that never becomes healthy fails the step within wait-seconds"
started=$SECONDS
run_action IMAGE=never-healthy WAIT_SECONDS=2
[ "$status" -ne 0 ] && [[ "$output" == *"the mock was not healthy within 2 s"* ]] || fail "never healthy: $status $output"
[ $((SECONDS - started)) -le 10 ] || fail "the time limit took $((SECONDS - started)) s"

if [ "$failures" -ne 0 ]; then
    echo "test-action.sh: $failures failed" >&2
    exit 1
fi
echo "test-action.sh: the action's script passed every check"
