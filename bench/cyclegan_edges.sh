#!/usr/bin/env bash
# CycleGAN on the built-in garment edges ↔ garments task: train for a fixed step
# budget, then PSNR/SSIM of both directions against the truth on held-out pairs,
# next to the identity baseline (input unchanged), and the time per 256×256 image.
#   bash bench/cyclegan_edges.sh [STEPS] [PAIRS] [TRAIN OPTIONS…]   (defaults: 3000, 1000)
# bench/run_all.sh runs 2000 steps and 1000 pairs: about 3 minutes on the quiet 2-core EPYC.
# e.g. bash bench/cyclegan_edges.sh 12000 1000 --set decay_start=8000 --set decay_steps=4000
set -euo pipefail
cd "$(dirname "$0")/.."
steps=${1:-3000}
pairs=${2:-1000}
cli=build/genstudio-cli
[ -x "$cli" ] || { echo "build first: bash scripts/setup.sh" >&2; exit 2; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
start=$(date +%s)
$cli train --model cyclegan --dataset edges2fashion --steps "$steps" --log-every 100 --quiet --out "$out" "${@:3}" >/dev/null
trained=$(( $(date +%s) - start ))
echo "trained $steps steps in ${trained} s of wall-clock time, loading the data included ($(nproc) cores): $cli train --model cyclegan --dataset edges2fashion --steps $steps ${*:3}"
echo
echo "| direction | PSNR dB | SSIM | identity PSNR dB | identity SSIM | gain dB | flat image PSNR dB | truth moved 1 px PSNR dB |"
echo "|---|---|---|---|---|---|---|---|"
$cli evaluate --checkpoint "$out/checkpoint.gsckpt" --pairs "$pairs" 2>"$out/timing.txt" | tail -n +2 |
  awk -F, '{name = $2 == "AtoB" ? "edges → garment (A→B)" : "garment → edges (B→A)";
            printf "| %s | %.2f | %.3f | %.2f | %.3f | %+.2f | %.2f | %.2f |\n", name, $3, $4, $5, $6, $3 - $5, $7, $8}'
echo
cat "$out/timing.txt"
