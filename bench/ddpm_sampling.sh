#!/usr/bin/env bash
# Diffusion sampling time: DDPM over all T = 1000 steps against DDIM with 50, 20
# and 10 steps (η = 0), 64 images each, from one trained checkpoint, through
# `genstudio-cli sample --sampler … --steps …`, which times the reverse process
# alone (x_T drawn, no PNG encoding). Target: DDIM-50 at least 15× faster than
# DDPM-1000. Prints a Markdown table for bench/RESULTS.md.
#   bash bench/ddpm_sampling.sh [CHECKPOINT] [THREADS]
# Without a checkpoint it trains one first (TRAIN_STEPS, default 200, with
# CHANNELS U-Net channels, default 32: the model's default) on Fashion-MNIST.
set -euo pipefail
cd "$(dirname "$0")/.."
cli=build/genstudio-cli
[ -x "$cli" ] || { echo "build first: bash scripts/setup.sh" >&2; exit 2; }
ckpt=${1:-}
threads=${2:-2}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
if [ -z "$ckpt" ]; then
  $cli train --model ddpm --dataset fashion-mnist --steps "${TRAIN_STEPS:-200}" --threads "$threads" --quiet \
    --set channels="${CHANNELS:-32}" --out "$out/run" >/dev/null 2>&1
  ckpt=$out/run/checkpoint.gsckpt
fi
seconds() {  # sampler steps → wall seconds of the reverse process
  OMP_NUM_THREADS=$threads $cli sample --checkpoint "$ckpt" --n 64 --seed 1 --sampler "$1" --steps "$2" \
    --out "$out/$1-$2.png" 2>&1 | sed -n 's/.* in \([0-9.]*\) s$/\1/p'
}
ddpm=$(seconds ddpm 1000)
echo "CPU: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; $threads threads; checkpoint $(basename "$ckpt")"
echo
echo "| sampler | steps | seconds for 64 images | speed-up vs DDPM-1000 |"
echo "|---|---|---|---|"
printf "| DDPM | 1000 | %.2f | 1.0× |\n" "$ddpm"
for k in 50 20 10; do
  s=$(seconds ddim $k)
  printf "| DDIM (η = 0) | %d | %.2f | %.1f× |\n" "$k" "$s" "$(echo "$ddpm / $s" | bc -l)"
done
