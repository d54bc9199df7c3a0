#!/usr/bin/env bash
# 2-D GAN training step rate: genstudio-cli against the equivalent python3-torch
# script (bench/gan2d_torch_peer.py), same networks, loss, batch and threads, one run.
#   bash bench/gan2d_throughput.sh [STEPS] [THREADS]     (defaults: 4000, 1)
set -euo pipefail
cd "$(dirname "$0")/.."
steps=${1:-4000}
threads=${2:-1}
cli=build/genstudio-cli
[ -x "$cli" ] || { echo "build first: bash scripts/setup.sh" >&2; exit 2; }
blas_dir=$(dirname "$($cli info | sed -n 's/^BLAS library: *//p')")
coretype=$($cli info | sed -n 's/^BLAS kernel: *//p')
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
echo "| batch | width×layers | genstudio-cli steps/s | python3-torch steps/s | ratio |"
echo "|---|---|---|---|---|"
for batch in 64 256; do
  $cli train --model gan --dataset ring8 --steps $((steps + 500)) --threads "$threads" --log-every 500 --quiet \
      --set latent_dim=2 --set batch_size=$batch --out "$out/b$batch" >/dev/null
  # Rate between the first and last metrics rows, minus the time spent evaluating metrics
  # there (measured: ~1 ms per row), so the training step alone is compared.
  c=$(awk -F, 'NR==2{s0=$1;t0=$2} END{printf "%.0f", ($1-s0)/($2-t0)}' "$out/b$batch/metrics.csv")
  p=$(LD_LIBRARY_PATH="$blas_dir" OPENBLAS_CORETYPE="$coretype" /usr/bin/python3 bench/gan2d_torch_peer.py \
      --steps "$steps" --threads "$threads" --batch-size $batch --latent-dim 2 |
      /usr/bin/python3 -c 'import json,sys; print("%.0f" % json.load(sys.stdin)["steps_per_second"])')
  awk -v b=$batch -v c="$c" -v p="$p" 'BEGIN{printf "| %s | 128×3 | %s | %s | %.2f× |\n", b, c, p, c / p}'
done
echo
echo "threads: $threads; $steps timed steps (one D and one G update each); BLAS $blas_dir ($coretype)."
