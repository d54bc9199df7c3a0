#!/usr/bin/env bash
# Test-set bits/dim on Fashion-MNIST: the per-pixel independent baseline (a
# 256-way histogram per pixel fitted on the 60,000 training images with a
# pseudo-count, scored on the 10,000 test images) next to `genstudio-cli eval`
# of the checkpoints given (exact NLL or an upper bound, as the model says).
#   bash bench/likelihood_bpd.sh [CHECKPOINT…]
#   PSEUDO=0.5 (the baseline's pseudo-count); TRAIN="vae:3000" also trains and
#   evaluates such models first (model:steps, space-separated).
# e.g. TRAIN="vae:3000 realnvp:3000 pixelcnn:3000" bash bench/likelihood_bpd.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cli=build/genstudio-cli
[ -x "$cli" ] || { echo "build first: bash scripts/setup.sh" >&2; exit 2; }
pseudo=${PSEUDO:-0.5}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
checkpoints=("$@")
for spec in ${TRAIN:-}; do
  model=${spec%%:*}
  steps=${spec##*:}
  start=$(date +%s)
  $cli train --model "$model" --steps "$steps" --log-every 100 --quiet --out "$out/$model" >/dev/null
  echo "trained $model for $steps steps in $(( $(date +%s) - start )) s ($(nproc) cores)"
  checkpoints+=("$out/$model/checkpoint.gsckpt")
done
echo
echo "| model | test images | NLL nats/image | bits/dim | likelihood |"
echo "|---|---|---|---|---|"
$cli eval --baseline --pseudo-count "$pseudo" 2>/dev/null | tail -n +2 |
  awk -F, -v a="$pseudo" '{printf "| per-pixel histogram (pseudo-count %s) | %s | %.1f | %.3f | %s |\n", a, $3, $4, $5, $6}'
for ckpt in "${checkpoints[@]}"; do
  if row=$($cli eval --checkpoint "$ckpt" 2>"$out/err.txt" | tail -n +2); then
    awk -F, '{printf "| %s | %s | %.1f | %.3f | %s |\n", $1, $3, $4, $5, $6}' <<<"$row"
  else
    echo "| $(basename "$ckpt") | – | – | – | $(sed 's/^genstudio-cli: error: //' "$out/err.txt") |"
  fi
done
