#!/usr/bin/env bash
# Benchmark (prints figures, asserts nothing): 2 workers, one experiment of 8 runs alternating long and
# short in queue order. From the runs' own timestamps: the makespan (first start → last finish), each
# run's duration and worker, and the makespan a greedy list schedule of the same durations in the same
# queue order would have on 2 workers (each run to the worker free first). Both makespans come from the
# same run's durations, so their ratio holds on a loaded machine too.
# usage: deploy/local/bench-greedy.sh [LONG_EPOCHS LONG_SAMPLES SHORT_EPOCHS SHORT_SAMPLES]
#        (default 3 12000 1 1000: model-2, 3 epochs on 12,000 images vs 1 epoch on 1,000)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
LONG_EPOCHS=${1:-3}
LONG_SAMPLES=${2:-12000}
SHORT_EPOCHS=${3:-1}
SHORT_SAMPLES=${4:-1000}
RUNS=8
WORKERS=2
cd "$ROOT"
# shellcheck source=deploy/local/bench-runs.sh
. deploy/local/bench-runs.sh

./lenetlab down >/dev/null # exactly $WORKERS workers: up starts missing ones, it stops none
trap './lenetlab down >/dev/null' EXIT
./lenetlab up --workers "$WORKERS" >/dev/null

specs=$(python3 - "$RUNS" "$LONG_EPOCHS" "$LONG_SAMPLES" "$SHORT_EPOCHS" "$SHORT_SAMPLES" <<'PY'
import json, sys
runs, le, ls, se, ss = map(int, sys.argv[1:])
spec = lambda e, s, seed: {"preset": "model-2", "seeds": [seed],
                           "overrides": {"epochs": e, "trainSamples": s, "testSamples": 1000}}
# queue order is the order of the specs: long, short, long, short, …
print(json.dumps([spec(le, ls, i + 1) if i % 2 == 0 else spec(se, ss, i + 1) for i in range(runs)]))
PY
)
experiment=$(submit_experiment "greedy $WORKERS workers" "$specs")
runs_json=$(await_runs "$experiment")
python3 - "$WORKERS" 3<<<"$runs_json" <<'PY'
import datetime, heapq, json, sys
workers = int(sys.argv[1])
runs = sorted(json.load(open(3)), key=lambda r: r['ordinal'])  # queue order
t = lambda s: datetime.datetime.fromisoformat(s.replace('Z', '+00:00')).timestamp()
bad = [(r['ordinal'], r['status'], r.get('error')) for r in runs if r['status'] != 'COMPLETED']
if bad:
    sys.exit(f'not all runs completed: {bad}')
t0 = min(t(r['startedAt']) for r in runs)
makespan = max(t(r['finishedAt']) for r in runs) - t0
durations = [t(r['finishedAt']) - t(r['startedAt']) for r in runs]

free = [0.0] * workers  # greedy list schedule: each run, in queue order, to the worker free first
for d in durations:
    heapq.heappush(free, heapq.heappop(free) + d)
greedy = max(free)

print(f'{len(runs)} runs on {workers} workers; POST -> first start {t0 - t(runs[0]["createdAt"]):.1f} s')
print('seconds from the first start, in start order:')
print('queue  kind   epochs  worker                  start   finish  duration  attempt')
rows = [(r, 'long' if i % 2 == 0 else 'short', d) for i, (r, d) in enumerate(zip(runs, durations))]
for r, kind, d in sorted(rows, key=lambda row: t(row[0]['startedAt'])):
    print(f"{r['ordinal']:5d}  {kind:5s}  {r['epochs']:6d}  {r['workerId']:22s} {t(r['startedAt']) - t0:6.1f}"
          f"  {t(r['finishedAt']) - t0:7.1f}  {d:6.1f} s  {r['attempt']:7d}")
order = [r['ordinal'] for r, _, _ in sorted(rows, key=lambda row: t(row[0]['startedAt']))]
print(f"started in queue order: {'yes' if order == sorted(order) else 'no'}")
for w in sorted({r['workerId'] for r in runs}):  # where a worker's time went besides training
    mine = sorted((r for r in runs if r['workerId'] == w), key=lambda r: t(r['startedAt']))
    gaps = [t(b['startedAt']) - t(a['finishedAt']) for a, b in zip(mine, mine[1:])]
    print(f"{w}: {len(mine)} runs, first start at {t(mine[0]['startedAt']) - t0:.1f} s,"
          f" finish -> next start {', '.join(f'{g:.1f}' for g in gaps) or '-'} s")
print(f'makespan, first start -> last finish:                 {makespan:6.1f} s')
print(f'greedy list schedule, same durations and order, {workers} workers: {greedy:6.1f} s')
print(f'ratio measured / greedy: {makespan / greedy:.3f}   (issue 25: within 10 %, i.e. <= 1.10)')
PY
