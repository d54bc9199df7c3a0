#!/usr/bin/env bash
# Mode coverage of the 2-D GAN after a fixed step budget: median over 5 seeds of
# modes covered and % high-quality samples (within 3σ of the nearest mode), on the
# ring of 8 and the grid of 25 Gaussians (σ 0.02), for the playground's default
# preset and for the plain minimax GAN. Prints a Markdown table.
#   bash bench/gan_mode_coverage.sh [STEPS]      (default 20000)
set -euo pipefail
cd "$(dirname "$0")/.."
steps=${1:-20000}
cli=build/genstudio-cli
[ -x "$cli" ] || { echo "build first: bash scripts/setup.sh" >&2; exit 2; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# The preset the playground starts with (keep in sync with resources/presets).
preset=(--set latent_dim=2 --set batch_size=256 --set lr_g=1e-4 --set lr_d=1e-4 --set pack=2)
minimax=(--set latent_dim=2 --set loss=minimax)
median() { sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}'; }
echo "| dataset | configuration | steps | modes covered (median of 5) | high quality % (median of 5) |"
echo "|---|---|---|---|---|"
for data in ring8 grid25; do
  for config in preset minimax; do
    declare -n args=$config
    for seed in 1 2 3 4 5; do
      $cli train --model gan --dataset $data --steps "$steps" --seed $seed --threads 1 --log-every "$steps" \
          --quiet "${args[@]}" --out "$out/$data-$config-$seed" >/dev/null
      tail -1 "$out/$data-$config-$seed/metrics.csv" | awk -F, '{print $(NF-3), $(NF-2)}'
    done > "$out/$data-$config.txt"
    m=$(cut -d' ' -f1 "$out/$data-$config.txt" | median)
    h=$(cut -d' ' -f2 "$out/$data-$config.txt" | median)
    echo "| $data | $config | $steps | $m | $h |"
  done
done
