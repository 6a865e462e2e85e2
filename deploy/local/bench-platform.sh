#!/usr/bin/env bash
# Benchmark (prints figures, asserts nothing): the same config through the platform vs. the CLI.
#   - POST → run started, with an idle, warmed-up worker
#   - wall time of `./lenetlab train` vs. POST → COMPLETED through Kafka, the worker and PostgreSQL
# usage: deploy/local/bench-platform.sh [PRESET] [EPOCHS]      (default: model-2, 14)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PRESET=${1:-model-2}
EPOCHS=${2:-14}
API=http://127.0.0.1:${LENETLAB_SERVICE_PORT:-8081}/api
# the API needs a user: the first admin, whose credentials ./lenetlab up keeps here
CREDENTIALS=$(cat "${LENETLAB_HOME:-$ROOT/.lenetlab}/admin.credentials")
cd "$ROOT"

./lenetlab up --workers 1 >/dev/null
./lenetlab presets >/dev/null # builds the CLI now, not while it is timed
now() { date +%s.%N; }
calc() { python3 -c "print($1)"; }
field() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }

echo "CLI: ./lenetlab train --preset $PRESET --epochs $EPOCHS"
start=$(now)
./lenetlab train --preset "$PRESET" --epochs "$EPOCHS" --out "$(mktemp -d)" >/dev/null
cli=$(calc "$(now) - $start")

echo "platform: POST /api/experiments"
start=$(now)
run=$(curl -fsS -u "$CREDENTIALS" -XPOST "$API/experiments" -H 'content-type: application/json' \
  -d "{\"name\":\"bench-platform\",\"runs\":[{\"preset\":\"$PRESET\",\"overrides\":{\"epochs\":$EPOCHS}}]}" |
  field "['runs'][0]['id']")
# the run's own timestamps (createdAt: the POST; startedAt: the worker's STARTED event; finishedAt:
# the COMPLETED event stored), polled gently so that the poller does not steal the worker's CPU
while :; do
  status=$(curl -fsS -u "$CREDENTIALS" "$API/runs/$run" | field "['status']")
  case $status in COMPLETED) break ;; FAILED|CANCELLED) echo "run $run ended $status" >&2; exit 1 ;; esac
  sleep 5
done
times=$(curl -fsS -u "$CREDENTIALS" "$API/runs/$run" | python3 -c "
import json, sys, datetime
r = json.load(sys.stdin)
t = lambda k: datetime.datetime.fromisoformat(r[k].replace('Z', '+00:00')).timestamp()
print(t('startedAt') - t('createdAt'), t('finishedAt') - t('createdAt'))")
started=${times% *}
platform=${times#* }

printf '\n%-34s %8.2f s\n' "POST -> run started (idle worker)" "$started"
printf '%-34s %8.1f s\n' "CLI wall time" "$cli"
printf '%-34s %8.1f s\n' "platform: POST -> COMPLETED" "$platform"
printf '%-34s %+7.1f %%\n' "platform overhead" "$(calc "($platform - $cli) * 100 / $cli")"
