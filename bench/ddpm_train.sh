#!/usr/bin/env bash
# Diffusion training throughput on Fashion-MNIST: `genstudio-cli train --model
# ddpm` (default U-Net: 32 channels, mults 1-2-2, attention at 7×7, batch 32,
# cosine T = 1000, ε prediction, EMA) against the equivalent python3-torch
# script bench/ddpm_torch_peer.py (same U-Net, loss, Adam, EMA, batch and
# threads), interleaved REPEATS times in this one run; each ratio is taken
# within a round and reported as median (min–max). Target: ≥ 1.0×.
#   bash bench/ddpm_train.sh [STEPS] [REPEATS] [THREADS]   (defaults: 60, 3, 2)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/stats.sh
steps=${1:-60}
repeats=${2:-3}
threads=${3:-2}
cli=build/genstudio-cli
[ -x "$cli" ] || { echo "build first: bash scripts/setup.sh" >&2; exit 2; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for r in $(seq "$repeats"); do
  /usr/bin/python3 bench/ddpm_torch_peer.py --steps "$steps" --warmup 5 --batch 32 --threads "$threads" >"$out/peer$r.json"
  peer_field "$(cat "$out/peer$r.json")" steps_per_s >>"$out/peer"
  $cli train --model ddpm --dataset fashion-mnist --steps $((steps + 10)) --log-every 10 --threads "$threads" \
    --quiet --out "$out/cli$r" >/dev/null 2>&1
  cli_rate "$out/cli$r/metrics.csv" >>"$out/cli"   # from step 10 on (warm-up excluded)
done
echo "CPU: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; $threads threads; batch 32; $steps timed steps; $repeats rounds"
echo
echo "| | steps/s, median (min–max) |"
echo "|---|---|"
echo "| genstudio-cli ddpm | $(spread %.3f <"$out/cli") |"
echo "| python3-torch peer | $(spread %.3f <"$out/peer") |"
echo "| ratio (genstudio / peer, per round) | $(ratios "$out/cli" "$out/peer" | spread %.2f)× |"
