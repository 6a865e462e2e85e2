#!/usr/bin/env bash
# Benchmark (prints figures, asserts nothing): `./lenetlab train --preset lenet-fast` per seed — the
# time from the command's start to its final metrics (JVM start, data, training, every test pass),
# the whole command's (charts and model written too) and its final test accuracy; then the mean,
# spread and worst over the seeds.
# usage: services/training-core/bench/lenet-fast.sh [SEEDS]     (default 5: seeds 1…5)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
SEEDS=${1:-5}
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
"$ROOT/lenetlab" presets >/dev/null # builds the CLI if needed, outside the timings
printf '%-5s %16s %10s %14s\n' seed "to metrics (s)" "wall (s)" "test accuracy"
for seed in $(seq 1 "$SEEDS"); do
  start=$(date +%s.%N)
  # the moment the final metrics are printed; the command then writes its charts and the model
  "$ROOT/lenetlab" train --preset lenet-fast --seed "$seed" --out "$OUT/$seed" |
    while IFS= read -r line; do
      case $line in "test accuracy "*) echo "$(date +%s.%N) ${line#test accuracy }" >"$OUT/metrics" ;; esac
    done
  end=$(date +%s.%N)
  read -r at accuracy _ <"$OUT/metrics"
  printf '%-5s %16.1f %10.1f %14s\n' "$seed" "$(awk -v s="$start" -v e="$at" 'BEGIN { print e - s }')" \
    "$(awk -v s="$start" -v e="$end" 'BEGIN { print e - s }')" "$accuracy" | tee -a "$OUT/rows"
done
awk '{ m += $2; w += $3; a += $4; mm += $2 * $2; ww += $3 * $3; aa += $4 * $4; n++
       if ($2 > mmax) mmax = $2; if ($3 > wmax) wmax = $3; if (amin == "" || $4 < amin) amin = $4 }
     END {
           printf "mean  %16.1f %10.1f %14.4f\n", m / n, w / n, a / n
           printf "std   %16.1f %10.1f %14.4f\n", sqrt((mm - m * m / n) / (n - 1)), sqrt((ww - w * w / n) / (n - 1)),
             sqrt((aa - a * a / n) / (n - 1))
           printf "worst %16.1f %10.1f %14.4f\n", mmax, wmax, amin }' "$OUT/rows"
