#!/usr/bin/env bash
# bench/gan_defaults.sh — the search for the 2-D GAN's point-data defaults (issue 14,
# "Defaults that work"): each setting trained on ring8 for 5,000 steps and on grid25
# for 8,000, seeds 1–5, one seed per process with --threads 1 (two at a time), then
# modes covered and the high-quality share (within 3σ of the nearest mode) from the
# CLI's own metrics.csv (2,500 samples; core/metrics/mode_coverage). Prints a Markdown
# table: setting → median (min–max) over the 5 seeds.
#
# A setting is a list of --set options on top of the CLI's defaults for point data;
# "defaults" is no --set at all (what `genstudio-cli train --model gan --dataset ring8`
# does). Settings named on the command line run alone:
#   bash bench/gan_defaults.sh                     every setting below (≈ 30 CPU-minutes)
#   bash bench/gan_defaults.sh defaults            the defaults only
#   SEEDS="1 2" bash bench/gan_defaults.sh …       other seeds
# Old defaults (before issue 14) are spelled out as --set lists, so the table can be
# regenerated with the new build.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/stats.sh
cli=build/genstudio-cli
[ -x "$cli" ] || { echo "build first: bash scripts/setup.sh" >&2; exit 2; }
seeds=${SEEDS:-1 2 3 4 5}
ring_steps=${RING_STEPS:-5000}
grid_steps=${GRID_STEPS:-8000}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# The defaults before issue 14 (one set for every kind of data): latent 100, batch 64,
# lr 2e-4 both, Adam (0.5, 0.999), 3×128 LeakyReLU, no penalty.
old="--set latent_dim=100 --set batch_size=64 --set lr_g=2e-4 --set lr_d=2e-4 --set beta2_g=0.999 --set beta2_d=0.999 --set width=128 --set layers=3 --set r1_gamma=0 --set g_ema=0"
# The playground's GAN Lab preset before issue 14: the old defaults with latent 2, batch 256, lr 1e-4.
lab="$old --set latent_dim=2 --set batch_size=256 --set lr_g=1e-4 --set lr_d=1e-4"
declare -A settings=(
  [old-defaults]="$old"
  [old-gan-lab-preset]="$lab"
  [defaults]=""
)
# Order of the rows.
order=(old-defaults old-gan-lab-preset defaults)
[ "$#" -gt 0 ] && order=("$@")
for name in "${order[@]}"; do
  [ -n "${settings[$name]+x}" ] || { echo "unknown setting '$name'" >&2; exit 2; }
done
run() {  # run NAME DATASET STEPS SEED → "modes hq" in $out/NAME-DATASET-SEED.txt
  local dir="$out/$1-$2-$4"
  # shellcheck disable=SC2086  # the setting is a list of options
  $cli train --model gan --dataset "$2" --steps "$3" --seed "$4" --threads 1 --log-every "$3" \
      --quiet ${settings[$1]} --out "$dir" >/dev/null
  awk -F, 'NR == 1 {for (i = 1; i <= NF; i++) col[$i] = i}
           END {print $col["modes_covered"], $col["hq_percent"]}' "$dir/metrics.csv" > "$dir.txt"
  rm -rf "$dir"
}
for name in "${order[@]}"; do
  for data in ring8 grid25; do
    steps=$([ $data = ring8 ] && echo "$ring_steps" || echo "$grid_steps")
    for seed in $seeds; do
      while [ "$(jobs -rp | wc -l)" -ge 2 ]; do wait -n; done
      run "$name" $data "$steps" "$seed" &
    done
  done
done
while [ "$(jobs -rp | wc -l)" -gt 0 ]; do wait -n; done
echo "| setting | --set on top of the defaults | ring8 modes ($ring_steps steps) | ring8 high quality % | grid25 modes ($grid_steps steps) | grid25 high quality % |"
echo "|---|---|---|---|---|---|"
for name in "${order[@]}"; do
  row="| $name | \`${settings[$name]:-(none)}\` |"
  for data in ring8 grid25; do
    cat "$out/$name-$data"-*.txt > "$out/$name-$data.all"
    m=$(cut -d' ' -f1 "$out/$name-$data.all" | spread "%g")
    h=$(cut -d' ' -f2 "$out/$name-$data.all" | spread "%.1f")
    row="$row $m | $h |"
  done
  echo "$row"
done
echo
echo "Median (min–max) over seeds $seeds; one D and one G update per step; 1 thread; 2,500 samples per evaluation."
