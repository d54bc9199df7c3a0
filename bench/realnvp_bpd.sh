#!/usr/bin/env bash
# RealNVP on Fashion-MNIST within a CPU budget: trains `genstudio-cli train --model realnvp`
# (defaults: batch 64, 2 scales, 16-channel conditioners) for about BUDGET minutes on 2 threads,
# then prints the test bits/dim (through EVAL, a command run with the checkpoint's path appended;
# by default `genstudio-cli eval --checkpoint` when the CLI has it, otherwise only the running
# training bits/dim is printed and marked so), next to the per-pixel 256-way histogram baseline
# computed here (bench/realnvp_baseline.py) and the training steps/s of genstudio-cli against the
# same network in python3-torch (bench/realnvp_torch_peer.py, same batch, 2 threads), run right
# after it in this run for PEER seconds.
#   bash bench/realnvp_bpd.sh [BUDGET_MINUTES=30] [PEER_SECONDS=120] [EVAL...]
# Published reference: flows on 8-bit MNIST about 1.0–1.1 bits/dim (RealNVP, Glow); Fashion-MNIST
# is harder (flows ≈ 2.9–3.0).
set -euo pipefail
cd "$(dirname "$0")/.."
budget_min=${1:-30}
peer_s=${2:-120}
shift $(( $# > 2 ? 2 : $# ))
cli=build/genstudio-cli
data=/usr/share/datasets/fashion-mnist
[ -x "$cli" ] || { echo "build first: bash scripts/setup.sh" >&2; exit 2; }
[ -d "$data" ] || { echo "Fashion-MNIST missing: apt-get install dataset-fashion-mnist" >&2; exit 2; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# Warm-up run: the step rate on this machine now, to turn the budget into a step count.
"$cli" train --model realnvp --dataset fashion-mnist --steps 30 --log-every 10 --threads 2 --quiet \
  --out "$out/warm" >/dev/null
rate=$(awk -F, 'NR>2 {s=$1; t=$2} NR==2 {s0=$1; t0=$2} END {printf "%.3f", (s-s0)/(t-t0)}' "$out/warm/metrics.csv")
steps=$(awk -v r="$rate" -v m="$budget_min" 'BEGIN {n=int(r*m*60); print (n<30?30:n)}')
echo "budget ${budget_min} min at ${rate} steps/s (warm-up) → ${steps} steps"

start=$(date +%s)
"$cli" train --model realnvp --dataset fashion-mnist --steps "$steps" --log-every 50 --threads 2 --quiet \
  --out "$out/run" >/dev/null
secs=$(( $(date +%s) - start ))
last=$(tail -1 "$out/run/metrics.csv")
cli_rate=$(awk -F, 'NR==2 {s0=$1; t0=$2} {s=$1; t=$2} END {printf "%.3f", (s-s0)/(t-t0)}' "$out/run/metrics.csv")
train_bpd=$(echo "$last" | cut -d, -f3)
echo "genstudio-cli: ${steps} steps in ${secs} s, ${cli_rate} steps/s; running training bits/dim ${train_bpd}"

ckpt="$out/run/checkpoint.gsckpt"
if [ $# -gt 0 ]; then
  echo "test set: $("$@" "$ckpt")"
elif "$cli" --help | grep -q "^  eval "; then
  echo "test set: $("$cli" eval --checkpoint "$ckpt")"
else
  echo "test set: not measured (this genstudio-cli has no eval; pass an EVAL command) — the figure above is the training loss"
fi

/usr/bin/python3 bench/realnvp_baseline.py "$data"
peer=$(/usr/bin/python3 bench/realnvp_torch_peer.py --data "$data" --seconds "$peer_s" --threads 2)
echo "python3-torch peer: $peer"
peer_rate=$(echo "$peer" | sed -n 's/.*steps_per_s=\([0-9.]*\).*/\1/p')
awk -v a="$cli_rate" -v b="$peer_rate" 'BEGIN {printf "steps/s ratio genstudio-cli / python3-torch: %.2f×\n", a/b}'
