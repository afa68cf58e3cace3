#!/usr/bin/env bash
# Runs `mbx bench-world` (a release build) at each order count given (default 500 5000 50000), one group
# and split, prints every JSON line, then a table of them. MBX overrides the binary; SEED the seed.
set -euo pipefail
cd "$(dirname "$0")/.."
mbx=${MBX:-target/release/mbx}
seed=${SEED:-1}
counts=("$@")
[ ${#counts[@]} -gt 0 ] || counts=(500 5000 50000)
lines=$(mktemp)
trap 'rm -f "$lines"' EXIT
for n in "${counts[@]}"; do
  for split in "" --split; do
    "$mbx" bench-world --orders "$n" --seed "$seed" $split | tee -a "$lines"
  done
done
python3 - "$lines" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
head = ["scenario", "orders", "events", "publishes", "wall s", "events/s", "publishes/s", "peak MB", "settled", "digest"]
body = [[r["scenario"], f'{r["orders"]:,}', f'{r["events"]:,}', f'{r["publishes"]:,}', f'{r["wall_s"]:.2f}',
         f'{r["events_per_s"]:,.0f}', f'{r["publishes_per_s"]:,.0f}',
         "n/a" if r["peak_mb"] is None else f'{r["peak_mb"]:.0f}', str(r["settled"]).lower(), r["digest"]]
        for r in rows]
print("| " + " | ".join(head) + " |")
print("|" + "---|" * len(head))
for b in body:
    print("| " + " | ".join(b) + " |")
PY
