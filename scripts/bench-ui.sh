#!/usr/bin/env bash
# Serves dist/ on a free port and runs the scripted browser measurements (e2e/tools/perf.js, then
# e2e/tools/scale-perf.js against `mbx bench-burst`, then e2e/tools/big-import.js) against it.
# With --serve, measures what `make serve` serves instead: `trunk serve` with the `serve` profile on a free
# port (it builds into dist/), once its build is done.
set -euo pipefail
cd "$(dirname "$0")/.."
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
if [ "${1:-}" = "--serve" ]; then
  log=$(mktemp)
  trunk serve --offline --no-autoreload --cargo-profile serve --port "$port" >"$log" 2>&1 &
  server=$!
  trap 'kill $server 2>/dev/null || true; rm -f "$log"' EXIT
  # The first build of the serve profile compiles every dependency: allow it 20 minutes.
  for _ in $(seq 1 2400); do
    grep -q "success" "$log" && break
    if ! kill -0 "$server" 2>/dev/null || grep -q "ERROR" "$log"; then cat "$log"; exit 1; fi
    sleep 0.5
  done
  grep -q "success" "$log" || { echo "trunk serve did not finish its build"; exit 1; }
else
  python3 -m http.server "$port" --bind 127.0.0.1 --directory dist >/dev/null 2>&1 &
  server=$!
  trap 'kill $server 2>/dev/null || true' EXIT
fi
for _ in $(seq 1 50); do curl -fsS -o /dev/null "http://127.0.0.1:$port/" 2>/dev/null && break; sleep 0.2; done
(cd e2e && node tools/perf.js "http://127.0.0.1:$port/")
# The app at scale: Run to end of 500 and 5,000 orders against the same burst run natively by mbx.
if [ "${1:-}" != "--serve" ]; then
  cargo build --release -q -p messagebox-engine --bin mbx
  native=$(target/release/mbx bench-burst --orders 5000)
  echo "Native (mbx bench-burst --orders 5000): $native"
  rate=$(python3 -c 'import json, sys; print(round(json.loads(sys.argv[1])["events_per_s"]))' "$native")
  (cd e2e && node tools/scale-perf.js "http://127.0.0.1:$port/" "$rate")
  # Binding files near the 64 MB limit: import, memory and reload.
  (cd e2e && node tools/big-import.js "http://127.0.0.1:$port/")
fi
