# Sourced by the benchmarks that train through ./lenetlab up's lab: an experiment in, its runs out.
# Needs ROOT (the repository); honours LENETLAB_HOME and LENETLAB_SERVICE_PORT as ./lenetlab up does.
API=http://127.0.0.1:${LENETLAB_SERVICE_PORT:-8081}/api

# the API needs a user: the first admin, whose credentials ./lenetlab up keeps here
admin_credentials() { cat "${LENETLAB_HOME:-$ROOT/.lenetlab}/admin.credentials"; }

submit_experiment() { # name runs-json (POST /api/experiments' "runs") → the experiment's id
  curl -fsS -u "$(admin_credentials)" -XPOST "$API/experiments" -H 'content-type: application/json' \
    -d "{\"name\":\"$1\",\"runs\":$2}" | python3 -c "import json,sys; print(json.load(sys.stdin)['id'])"
}

await_runs() { # experiment-id → its runs (JSON) once none is QUEUED or RUNNING
  local runs
  while :; do
    runs=$(curl -fsS -u "$(admin_credentials)" "$API/runs?experiment=$1&size=500") || return 1
    printf '%s' "$runs" | python3 -c "
import json, sys
sys.exit(0 if any(r['status'] in ('QUEUED', 'RUNNING') for r in json.load(sys.stdin)) else 1)" || break
    sleep 3
  done
  printf '%s\n' "$runs"
}
