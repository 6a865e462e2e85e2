#!/usr/bin/env bash
# Benchmark (prints figures, asserts nothing): N workers on this machine (each trains with cores / N
# threads), N short runs in one experiment; the most runs RUNNING at the same moment and how many
# distinct workers trained, from the runs' own timestamps (startedAt, finishedAt).
# usage: deploy/local/bench-workers.sh [N] [EPOCHS] [TRAIN_SAMPLES]     (default 14, 1, 4000)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORKERS=${1:-14}
EPOCHS=${2:-1}
SAMPLES=${3:-4000}
cd "$ROOT"
# shellcheck source=deploy/local/bench-runs.sh
. deploy/local/bench-runs.sh

./lenetlab down >/dev/null # exactly $WORKERS workers: up starts missing ones, it stops none
trap './lenetlab down >/dev/null' EXIT
./lenetlab up --workers "$WORKERS" >/dev/null
echo "load average at the POST: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
seeds=$(seq -s, 1 "$WORKERS")
experiment=$(submit_experiment "$WORKERS workers" "[{\"preset\":\"model-2\",\"seeds\":[$seeds],
  \"overrides\":{\"epochs\":$EPOCHS,\"trainSamples\":$SAMPLES,\"testSamples\":1000}}]")
runs_json=$(await_runs "$experiment")
echo "load average at the end:  $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$WORKERS" 3<<<"$runs_json" <<'PY'
import datetime, json, sys
workers = int(sys.argv[1])
runs = json.load(open(3))
t = lambda s: datetime.datetime.fromisoformat(s.replace('Z', '+00:00')).timestamp()
bad = [(r['ordinal'], r['status'], r.get('error')) for r in runs if r['status'] != 'COMPLETED']
if bad:
    sys.exit(f'not all runs completed: {bad}')
# sweep over starts (+1) and finishes (-1); at equal times the finish counts first
moments = sorted([(t(r['startedAt']), 1) for r in runs] + [(t(r['finishedAt']), -1) for r in runs],
                 key=lambda m: (m[0], m[1]))
running = most = 0
for _, step in moments:
    running += step
    most = max(most, running)
starts = sorted(t(r['startedAt']) for r in runs)
created = min(t(r['createdAt']) for r in runs)
first_finish = min(t(r['finishedAt']) for r in runs)
print(f'{len(runs)} runs on {workers} workers')
print(f'most runs RUNNING at the same moment: {most} of {len(runs)}')
print(f'distinct workers that trained: {len({r["workerId"] for r in runs})} of {workers}')
print(f'POST -> first start {starts[0] - created:.1f} s, -> last start {starts[-1] - created:.1f} s,'
      f' -> first finish {first_finish - created:.1f} s')
per_worker = {}
for r in runs:
    per_worker[r['workerId']] = per_worker.get(r['workerId'], 0) + 1
late = sum(s > first_finish for s in starts)
print(f'runs started after the first finish: {late}; workers with more than one run:'
      f' {", ".join(f"{w} ({n})" for w, n in sorted(per_worker.items()) if n > 1) or "none"}')
print(f'run durations: {min(r["durationSeconds"] for r in runs):.1f} - {max(r["durationSeconds"] for r in runs):.1f} s;'
      f' attempts > 1: {sum(r["attempt"] > 1 for r in runs)}')
PY
