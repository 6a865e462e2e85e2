#!/usr/bin/env bash
# Benchmark (prints figures, asserts nothing): a batch of runs with 1 worker, then with 2, each
# worker on one thread; runs/hour and the speed-up. Measured from the runs' own timestamps.
# usage: deploy/local/bench-scaling.sh [RUNS] [EPOCHS] [TRAIN_SAMPLES]     (default 8, 2, 20000)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
RUNS=${1:-8}
EPOCHS=${2:-2}
SAMPLES=${3:-20000}
API=http://127.0.0.1:${LENETLAB_SERVICE_PORT:-8081}/api
# the API needs a user: the first admin, whose credentials ./lenetlab up keeps here
CREDENTIALS=$(cat "${LENETLAB_HOME:-$ROOT/.lenetlab}/admin.credentials")
cd "$ROOT"
export LENETLAB_WORKER_JAVA_OPTS="-Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1"

batch() { # workers → seconds from the first POST to the last completion
  ./lenetlab up --workers "$1" >/dev/null
  local seeds experiment
  seeds=$(seq -s, 1 "$RUNS")
  experiment=$(curl -fsS -u "$CREDENTIALS" -XPOST "$API/experiments" -H 'content-type: application/json' -d "{\"name\":\"scaling $1\",
    \"runs\":[{\"preset\":\"model-2\",\"overrides\":{\"epochs\":$EPOCHS,\"trainSamples\":$SAMPLES,\"testSamples\":1000},
    \"seeds\":[$seeds]}]}" | python3 -c "import json,sys; print(json.load(sys.stdin)['id'])")
  while curl -fsS -u "$CREDENTIALS" "$API/runs?experiment=$experiment&size=500" | python3 -c "
import json, sys
runs = json.load(sys.stdin)
sys.exit(0 if any(r['status'] in ('QUEUED', 'RUNNING') for r in runs) else 1)"; do sleep 3; done
  curl -fsS -u "$CREDENTIALS" "$API/runs?experiment=$experiment&size=500" | python3 -c "
import json, sys, datetime
runs = json.load(sys.stdin)
t = lambda s: datetime.datetime.fromisoformat(s.replace('Z', '+00:00')).timestamp()
assert all(r['status'] == 'COMPLETED' for r in runs), [r['status'] for r in runs]
print(max(t(r['finishedAt']) for r in runs) - min(t(r['createdAt']) for r in runs))"
}

./lenetlab down >/dev/null
one=$(batch 1)
two=$(batch 2)
python3 - "$RUNS" "$one" "$two" <<'PY'
import sys
runs, one, two = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3])
print(f"{runs} runs, 1 worker : {one:7.1f} s  {runs * 3600 / one:6.0f} runs/hour")
print(f"{runs} runs, 2 workers: {two:7.1f} s  {runs * 3600 / two:6.0f} runs/hour")
print(f"speed-up: {one / two:.2f}x")
PY
