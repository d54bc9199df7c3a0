#!/usr/bin/env bash
# bench/gan_quality.sh — issue 18's proof: each image GAN's default (no --set) trained on
# Fashion-MNIST for one step budget, then `genstudio-cli eval --quality` (GenStudio-classifier
# FID, precision and recall at k = 3, class histogram) and a sample grid (`genstudio-cli sample`,
# seed 1's run → docs/gan-MODEL.png). One seed per process with --threads 1, two at a time.
# Prints a Markdown table: median (min–max) over the seeds, the class shares' range, and the
# discriminator's outputs D(x) and D(G(z)) (the trainer's d_x, d_g_z) at the start, middle and end.
#   bash bench/gan_quality.sh [WORKDIR]              (default: a temporary folder)
#   SEEDS="1 2 3" MODELS="dcgan stylegan gan" STEPS_dcgan=2000 … bash bench/gan_quality.sh
#   SET_dcgan="--set lr_g=2e-4 --set lr_d=2e-4 --set g_ema=0" GRIDS=/tmp/textbook …   another recipe
# A WORKDIR run that already holds its quality.txt is reused (so a long run can be resumed).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/stats.sh
cli=${GENSTUDIO_CLI:-build/genstudio-cli}
[ -x "$cli" ] || { echo "build first: bash scripts/setup.sh" >&2; exit 2; }
work=${1:-$(mktemp -d)}
mkdir -p "$work"
seeds=${SEEDS:-1 2 3}
models=${MODELS:-dcgan stylegan gan}
samples=${SAMPLES:-1000}
grids=${GRIDS:-docs}
steps_of() { local v="STEPS_$1"; echo "${!v:-${STEPS:-2000}}"; }
sets_of() { local v="SET_$1"; echo "${!v:-}"; }

run() {  # run MODEL SEED
  local steps dir
  steps=$(steps_of "$1")
  dir="$work/$1-$steps-seed$2"
  [ -s "$dir/quality.txt" ] && return 0
  mkdir -p "$dir"
  local start
  start=$(date +%s.%N)
  # shellcheck disable=SC2046  # SET_MODEL is a list of options
  $cli train --model "$1" --dataset fashion-mnist --steps "$steps" --seed "$2" --threads 1 --log-every 50 \
      --quiet --out "$dir" $(sets_of "$1") >/dev/null
  awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f\n", b - a }' >"$dir/seconds.txt"
  OMP_NUM_THREADS=1 $cli eval --quality --checkpoint "$dir/checkpoint.gsckpt" --samples "$samples" \
      >"$dir/quality.tmp" 2>"$dir/quality.err"
  mv "$dir/quality.tmp" "$dir/quality.txt"
  $cli sample --checkpoint "$dir/checkpoint.gsckpt" --n 64 --seed 1 --out "$dir/grid.png" >/dev/null
}

for m in $models; do
  for s in $seeds; do
    while [ "$(jobs -rp | wc -l)" -ge 2 ]; do wait -n; done
    run "$m" "$s" &
  done
done
while [ "$(jobs -rp | wc -l)" -gt 0 ]; do wait -n; done

value() { awk -v k="$1" '$1 == k { print $2; exit }' "$2"; }
# Smallest and largest generated class share (%), from the class histogram.
class_range() {
  sed -n '/^class histogram/,/^[^ ]/p' "$1" | awk '/^ .*%/ { v = $(NF - 3); if (min == "" || v < min) min = v; if (v > max) max = v }
    END { if (min != "") printf "%.1f–%.1f %%", min, max; else printf "—" }'
}
# "d_x / d_g_z" at the first, middle and last rows of a metrics.csv.
balance() {
  awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
           { x[NR] = $col["d_x"]; g[NR] = $col["d_g_z"]; s[NR] = $1 }
           END { n = NR; m = int((n + 2) / 2);
                 printf "%d: %.2f/%.2f, %d: %.2f/%.2f, %d: %.2f/%.2f", s[2], x[2], g[2], s[m], x[m], g[m], s[n], x[n], g[n] }' "$1"
}

echo "| model | --set | steps | seeds | train s (1 thread, loaded) | FID | precision | recall | class shares (seed 1) | D(x)/D(G(z)) at steps (seed 1) |"
echo "|---|---|---|---|---|---|---|---|---|---|"
for m in $models; do
  steps=$(steps_of "$m")
  dirs=()
  for s in $seeds; do dirs+=("$work/$m-$steps-seed$s"); done
  col() { for d in "${dirs[@]}"; do value "$1" "$d/quality.txt"; done | spread "$2"; }
  secs=$(for d in "${dirs[@]}"; do cat "$d/seconds.txt"; done | spread "%.0f")
  first=${dirs[0]}
  printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n" "$m" "$(x=$(sets_of "$m"); echo "\`${x:-(none)}\`")" "$steps" "$(echo $seeds | tr ' ' ,)" "$secs" \
    "$(col fid "%.1f")" "$(col precision "%.3f")" "$(col recall "%.3f")" "$(class_range "$first/quality.txt")" \
    "$(balance "$first/metrics.csv")"
  mkdir -p "$grids"
  cp "$first/grid.png" "$grids/gan-$m.png"
done
echo
echo "Median (min–max) over seeds $seeds; $samples samples per evaluation; GenStudio-classifier scores"
echo "(models/fashion-classifier.gsclf), real-vs-real FID $(awk '$1 == "fid" && $3 == "real" { print $6; exit }' "$first/quality.txt")."
$cli info 2>/dev/null | grep -E "^(LibTorch|BLAS kernel)" || true
