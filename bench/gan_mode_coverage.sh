#!/usr/bin/env bash
# Mode coverage of the 2-D GAN after a fixed step budget: median over seeds 1–5 of
# modes covered and % high-quality samples (within 3σ of the nearest mode), on the
# ring of 8 and the grid of 25 Gaussians (σ 0.02). Configurations, with the exact
# parameters of the playground presets in src/app/playground/playgroundpresets.cpp:
#   gan-ring          the playground's default preset (the first one): latent 2,
#                     batch 256, lr_g = lr_d = 1e-4, non-saturating loss
#   gan-ring-pacgan   the same with PacGAN packing 2 (a separate preset)
#   gan-grid          the grid preset: the same parameters as gan-ring
#   gan-grid + pack 2 not a preset: gan-grid with packing 2, for comparison
#   minimax           the original GAN loss with the model's defaults (latent 2, batch 64, lr 2e-4)
# Every run uses one training thread and is deterministic for its seed, so two runs
# go side by side (one per core) without changing any number. Prints a Markdown table.
#   bash bench/gan_mode_coverage.sh [STEPS]      (default 15000)
# Duration with the default on the 2-core EPYC: about 5 minutes on a quiet machine.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/stats.sh
steps=${1:-15000}
jobs=2
cli=build/genstudio-cli
[ -x "$cli" ] || { echo "build first: bash scripts/setup.sh" >&2; exit 2; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# Keep in sync with src/app/playground/playgroundpresets.cpp (ganLab() and with(lab, {{"pack", "2"}})).
lab="--set latent_dim=2 --set batch_size=256 --set lr_g=1e-4 --set lr_d=1e-4"
configs=(
  "ring8|gan-ring (playground default)|$lab"
  "ring8|gan-ring-pacgan|$lab --set pack=2"
  "ring8|minimax, model defaults|--set latent_dim=2 --set loss=minimax"
  "grid25|gan-grid|$lab"
  "grid25|gan-grid + pack 2 (no preset)|$lab --set pack=2"
  "grid25|minimax, model defaults|--set latent_dim=2 --set loss=minimax"
)
run() {  # run CONFIG_INDEX SEED → writes "modes hq" to $out/c<i>-s<seed>.txt
  local data params
  IFS='|' read -r data _ params <<< "${configs[$1]}"
  # shellcheck disable=SC2086  # $params is a list of options
  $cli train --model gan --dataset "$data" --steps "$steps" --seed "$2" --threads 1 --log-every "$steps" \
      --quiet $params --out "$out/c$1-s$2" >/dev/null
  awk -F, 'NR == 1 {for (i = 1; i <= NF; i++) col[$i] = i}
           END {print $col["modes_covered"], $col["hq_percent"]}' "$out/c$1-s$2/metrics.csv" > "$out/c$1-s$2.txt"
}
for i in "${!configs[@]}"; do
  for seed in 1 2 3 4 5; do
    while [ "$(jobs -rp | wc -l)" -ge $jobs ]; do wait -n; done
    run "$i" "$seed" &
  done
done
while [ "$(jobs -rp | wc -l)" -gt 0 ]; do wait -n; done
echo "| dataset | configuration | steps | modes covered (median of 5) | high quality % (median of 5) | seeds covering all modes |"
echo "|---|---|---|---|---|---|"
for i in "${!configs[@]}"; do
  IFS='|' read -r data name _ <<< "${configs[$i]}"
  cat "$out"/c"$i"-s[1-5].txt > "$out/c$i.txt"
  [ "$(wc -l < "$out/c$i.txt")" -eq 5 ] || { echo "missing results for $name on $data" >&2; exit 1; }
  all=$([ "$data" = ring8 ] && echo 8 || echo 25)
  m=$(cut -d' ' -f1 "$out/c$i.txt" | median)
  h=$(cut -d' ' -f2 "$out/c$i.txt" | median)
  full=$(awk -v a="$all" '$1 == a {n++} END {print n + 0}' "$out/c$i.txt")
  echo "| $data | $name | $steps | $m | $h | $full/5 |"
done
echo
echo "Seeds 1–5, one D and one G update per step, 1 thread; 2,500 samples per evaluation (the CLI's metrics)."
