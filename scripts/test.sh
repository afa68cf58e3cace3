#!/usr/bin/env bash
# Runs every check of MessageBox Lab in order and ends with one line "N passed, M failed" over all suites.
# A check (fmt, clippy, the release build) counts as one; a test suite counts its tests.
# Exits non-zero when anything failed or when no test ran.
set -uo pipefail
cd "$(dirname "$0")/.."

passed=0
failed=0
tests_ran=0
log_dir=$(mktemp -d)
server_pid=""

stop_server() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null; server_pid=""; }
cleanup() { stop_server; rm -rf "$log_dir"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

banner() { printf '\n==> %s\n' "$*"; }
record() { # record NAME PASSED FAILED
    passed=$((passed + $2)); failed=$((failed + $3))
    printf '<== %s: %d passed, %d failed\n' "$1" "$2" "$3"
}

# A check passes or fails as a whole.
check() { # check NAME COMMAND...
    local name=$1; shift
    banner "$name"
    if "$@"; then record "$name" 1 0; else record "$name" 0 1; fi
}

# A cargo test run: sum its "test result:" lines. A run that fails without a result line (a build error)
# counts as one failure.
cargo_suite() { # cargo_suite NAME COMMAND...
    local name=$1; shift
    local out="$log_dir/suite.log" ok=0 bad=0 status
    banner "$name"
    "$@" 2>&1 | tee "$out"
    status=${PIPESTATUS[0]}
    read -r ok bad < <(awk '/^test result:/ { for (i = 1; i <= NF; i++) { if ($(i+1) ~ /^passed/) p += $i; if ($(i+1) ~ /^failed/) f += $i } }
                            END { print p + 0, f + 0 }' "$out")
    if [ "$status" -ne 0 ] && [ "$bad" -eq 0 ]; then bad=1; fi
    tests_ran=$((tests_ran + ok + bad))
    record "$name" "$ok" "$bad"
}

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

e2e_suite() {
    local name="end-to-end (Playwright, release build)" port report=e2e/test-results/report.json
    banner "$name"
    if [ ! -f dist/index.html ]; then
        echo "no release build in dist/: end-to-end tests cannot run"
        record "$name" 0 1; return
    fi
    port=$(free_port)
    python3 -m http.server "$port" --bind 127.0.0.1 --directory dist >"$log_dir/server.log" 2>&1 &
    server_pid=$!
    for _ in $(seq 1 50); do
        curl -fsS -o /dev/null "http://127.0.0.1:$port/" 2>/dev/null && break
        sleep 0.2
    done
    rm -f "$report"
    (cd e2e && BASE_URL="http://127.0.0.1:$port" npx playwright test)
    local status=$?
    stop_server
    local ok=0 bad=0
    if [ -f "$report" ]; then
        read -r ok bad < <(node -e 'const s = require(process.argv[1]).stats;
            console.log(s.expected + s.flaky, s.unexpected)' "$PWD/$report")
    fi
    if [ "$status" -ne 0 ] && [ "$bad" -eq 0 ]; then bad=1; fi
    tests_ran=$((tests_ran + ok + bad))
    record "$name" "$ok" "$bad"
}

run_all() {
    check "cargo fmt --check" cargo fmt --all -- --check
    check "clippy (native workspace)" cargo clippy --workspace --all-targets -- -D warnings
    check "clippy (app on wasm32)" \
        cargo clippy -p messagebox-lab --target wasm32-unknown-unknown --all-targets -- -D warnings
    cargo_suite "native tests (workspace)" cargo test --workspace
    cargo_suite "browser tests (wasm-bindgen-test, headless Chromium)" \
        cargo test -p messagebox-lab --target wasm32-unknown-unknown
    rm -rf dist
    check "release build (trunk build --release)" trunk build --release
    e2e_suite
}

case "${1:-}" in
    "") run_all ;;
    --e2e-only) e2e_suite ;;   # against the dist/ that is already built (make e2e builds it)
    *) echo "usage: scripts/test.sh [--e2e-only]" >&2; exit 2 ;;
esac

echo
if [ "$tests_ran" -eq 0 ]; then
    echo "no test ran"
    failed=$((failed + 1))
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
