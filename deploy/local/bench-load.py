#!/usr/bin/env python3
"""Load test against a running stack (./lenetlab up --workers 2): 200 queued runs, 50 concurrent SSE
clients, the API probed all along. Prints API latency p50/p95, how long the queue took to drain, and
checks nothing was lost (every run COMPLETED with exactly its epochs, once).

    deploy/local/bench-load.py [RUNS] [SSE_CLIENTS]
"""
import base64, json, os, random, statistics, sys, threading, time, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
API = "http://127.0.0.1:%s/api" % os.environ.get("LENETLAB_SERVICE_PORT", "8081")
STATE = os.environ.get("LENETLAB_HOME", os.path.join(ROOT, ".lenetlab"))
CREDENTIALS = open(os.path.join(STATE, "admin.credentials")).read().strip()
AUTH = "Basic " + base64.b64encode(CREDENTIALS.encode()).decode()
RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 200
SSE_CLIENTS = int(sys.argv[2]) if len(sys.argv) > 2 else 50
EPOCHS = 1


def call(method, path, body=None):
    request = urllib.request.Request(API + path, method=method, headers={"Authorization": AUTH,
                                     "Content-Type": "application/json"},
                                     data=None if body is None else json.dumps(body).encode())
    start = time.perf_counter()
    with urllib.request.urlopen(request, timeout=60) as response:
        data = response.read()
    return time.perf_counter() - start, (json.loads(data) if data else None)


sse_events = [0] * SSE_CLIENTS
sse_connected = [False] * SSE_CLIENTS
stop = threading.Event()


def sse_client(i):
    request = urllib.request.Request(API + "/events", headers={"Authorization": AUTH, "Accept": "text/event-stream"})
    with urllib.request.urlopen(request, timeout=600) as stream:
        sse_connected[i] = True
        for line in stream:
            if stop.is_set():
                return
            if line.startswith(b"data:"):
                sse_events[i] += 1


latencies = {"GET /api/runs?size=100": [], "GET /api/runs/{id}": [], "GET /api/experiments/{id}": []}


def prober(experiment, ids):
    while not stop.is_set():
        latencies["GET /api/runs?size=100"].append(call("GET", "/runs?size=100")[0])
        latencies["GET /api/runs/{id}"].append(call("GET", "/runs/" + random.choice(ids))[0])
        latencies["GET /api/experiments/{id}"].append(call("GET", "/experiments/" + experiment)[0])
        time.sleep(0.2)


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))] * 1000


for i in range(SSE_CLIENTS):
    threading.Thread(target=sse_client, args=(i,), daemon=True).start()
time.sleep(2)

seeds = list(range(1, RUNS + 1))  # one run per seed; the API takes at most 50 seeds per spec
spec = {"name": "load %d runs" % RUNS, "runs": [{"preset": "model-2", "seeds": seeds[i:i + 50],
        "overrides": {"epochs": EPOCHS, "trainSamples": 512, "testSamples": 200}} for i in range(0, RUNS, 50)]}
t0 = time.perf_counter()
post_seconds, experiment = call("POST", "/experiments", spec)
ids = [r["id"] for r in experiment["runs"]]
print("POST /api/experiments with %d runs: %.0f ms" % (len(ids), post_seconds * 1000))

probe = threading.Thread(target=prober, args=(experiment["id"], ids), daemon=True)
probe.start()
while True:
    runs = call("GET", "/runs?experiment=%s&size=500" % experiment["id"])[1]
    done = sum(r["status"] in ("COMPLETED", "FAILED", "CANCELLED") for r in runs)
    if done == len(ids):
        break
    time.sleep(2)
drained = time.perf_counter() - t0
stop.set()
probe.join()

statuses = {}
epoch_rows_ok = 0
for run_id in ids:
    run = call("GET", "/runs/" + run_id)[1]
    statuses[run["status"]] = statuses.get(run["status"], 0) + 1
    numbers = [e["epoch"] for e in run["epochs"]]
    epoch_rows_ok += numbers == list(range(1, EPOCHS + 1))

print("queue drained: %d runs in %.1f s = %.0f runs/h; statuses %s" % (len(ids), drained, len(ids) / drained * 3600,
                                                                       statuses))
print("runs with exactly epochs 1..%d, once: %d of %d" % (EPOCHS, epoch_rows_ok, len(ids)))
for name, values in latencies.items():
    print("%-28s n=%4d  p50 %6.1f ms  p95 %6.1f ms  max %6.1f ms" % (name, len(values), pct(values, 50),
                                                                      pct(values, 95), max(values) * 1000))
print("SSE clients: %d of %d connected; events per client min %d, median %d, max %d" % (
    sum(sse_connected), SSE_CLIENTS, min(sse_events), statistics.median(sse_events), max(sse_events)))
ok = statuses.get("COMPLETED", 0) == len(ids) and epoch_rows_ok == len(ids) and all(sse_connected) and min(sse_events) > 0
print("nothing lost" if ok else "PROBLEM: see above")
sys.exit(0 if ok else 1)
