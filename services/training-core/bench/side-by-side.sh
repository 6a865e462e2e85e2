#!/usr/bin/env bash
# Benchmark (prints figures, asserts nothing): model-2's training examples/s with `./lenetlab bench`
# beside the report's own script (report_script.py) and a plain PyTorch loop (pytorch_baseline.py),
# in one run on this machine, taking turns so that both see the same machine; 2 threads each, flush
# denormal on. Needs Debian's PyTorch: apt-get install -y python3-torch python3-torchvision.
# usage: services/training-core/bench/side-by-side.sh [EPOCHS] [ROUNDS]     (default 3, 2)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
EPOCHS=${1:-3}
ROUNDS=${2:-2}
PYTHON=/usr/bin/python3 # Debian's, where python3-torch installs
"$PYTHON" -c "import torch, torchvision" 2>/dev/null ||
  { echo "needs Debian's PyTorch: apt-get install -y python3-torch python3-torchvision" >&2; exit 1; }

mean() { awk '{ s += $1; n++ } END { if (n) printf "%.0f", s / n; else print "nan" }'; }
# the mean examples/s of each output's "epoch N  X ex/s" lines, or of bench's per-epoch list
python_rate() { grep -E '^epoch ' | awk '{ print $3 }' | mean; }
lenetlab_rate() { sed -n 's/.*train ex\/s per epoch: \[\(.*\)\]/\1/p' | tr ',' '\n' | mean; }

declare -a ours report plain
for round in $(seq 1 "$ROUNDS"); do
  echo "round $round of $ROUNDS: $EPOCHS epochs each" >&2
  ours+=("$("$ROOT/lenetlab" bench --presets model-2 --epochs "$EPOCHS" | tee -a /dev/stderr | lenetlab_rate)")
  report+=("$("$PYTHON" "$HERE/report_script.py" --epochs "$EPOCHS" --threads 2 --flush-denormal |
    grep -E '^(epoch|torch)' | tee -a /dev/stderr | python_rate)")
  plain+=("$("$PYTHON" "$HERE/pytorch_baseline.py" --epochs "$EPOCHS" --threads 2 --flush-denormal |
    tee -a /dev/stderr | python_rate)")
done

o=$(printf '%s\n' "${ours[@]}" | mean)
r=$(printf '%s\n' "${report[@]}" | mean)
p=$(printf '%s\n' "${plain[@]}" | mean)
echo
echo "model-2, train examples/s (mean over $ROUNDS rounds × $EPOCHS epochs, same machine, same run)"
printf '%-34s %10s %10s\n' "" "ex/s" "ours ÷"
printf '%-34s %10s %10s\n' "LeNet Lab (./lenetlab bench)" "$o" "1.00"
printf '%-34s %10s %10.2f\n' "the report's script (DataLoader)" "$r" "$(awk -v a="$o" -v b="$r" 'BEGIN { print a / b }')"
printf '%-34s %10s %10.2f\n' "plain PyTorch loop (tensors)" "$p" "$(awk -v a="$o" -v b="$p" 'BEGIN { print a / b }')"
