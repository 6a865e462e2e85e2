#!/usr/bin/env bash
# Benchmark (prints figures, asserts nothing): a batch of runs with 1 worker, then with 2, each
# worker on one thread; runs/hour and the speed-up. Measured from the runs' own timestamps.
# usage: deploy/local/bench-scaling.sh [RUNS] [EPOCHS] [TRAIN_SAMPLES]     (default 8, 2, 20000)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
RUNS=${1:-8}
EPOCHS=${2:-2}
SAMPLES=${3:-20000}
cd "$ROOT"
# shellcheck source=deploy/local/bench-runs.sh
. deploy/local/bench-runs.sh
export LENETLAB_WORKER_JAVA_OPTS="-Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1"

batch() { # workers → seconds from the first POST to the last completion
  ./lenetlab up --workers "$1" >/dev/null
  local seeds experiment
  seeds=$(seq -s, 1 "$RUNS")
  experiment=$(submit_experiment "scaling $1" "[{\"preset\":\"model-2\",\"seeds\":[$seeds],
    \"overrides\":{\"epochs\":$EPOCHS,\"trainSamples\":$SAMPLES,\"testSamples\":1000}}]")
  await_runs "$experiment" | python3 -c "
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
