#!/usr/bin/env bash
# The quality table of bench/RESULTS.md: every family's default preset (no --set)
# on its default dataset, trained for a fixed step budget on one thread, then
# `genstudio-cli eval --quality` (FID, KID, precision and recall on GenStudio's
# Fashion-MNIST classifier's features, each beside its real-vs-real value, and
# the family's own metrics), plus CycleGAN's garment → edges boundary F-measure
# beside the identity baseline (`genstudio-cli evaluate`).
#   bash bench/quality_table.sh [WORKDIR] [SAMPLES]        (defaults: a temporary folder, 1000)
#   bash bench/quality_table.sh WORKDIR SAMPLES --train-only   only the training runs
#   bash bench/quality_table.sh WORKDIR SAMPLES --report-only  the table of what WORKDIR holds
# A WORKDIR that already holds a run's checkpoint (and its seconds.txt) is reused,
# so the training can start before the classifier exists. On the shared 2-core
# machine (load 12–15 from five other builds) the whole run takes about 25 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
work=${1:-$(mktemp -d)}
samples=${2:-1000}
mode=${3:-all}
cli=${GENSTUDIO_CLI:-build/genstudio-cli}
[ -x "$cli" ] || { echo "build first: bash scripts/setup.sh" >&2; exit 2; }
mkdir -p "$work"

# model dataset steps — the budget of each run (one thread).
runs=(
  "vae fashion-mnist 3000"
  "ae fashion-mnist 1000"
  "gan fashion-mnist 1000"
  "dcgan fashion-mnist 300"
  "stylegan fashion-mnist 300"
  "realnvp fashion-mnist 300"
  "pixelcnn fashion-mnist 50"
  "ddpm fashion-mnist 60"
  "rbm fashion-mnist 2000"
  "cyclegan edges2fashion 200"
  "chargpt fortunes 150"
  "gan ring8 5000"
  "gan grid25 8000"
)

for r in "${runs[@]}"; do
  [ "$mode" = --report-only ] && break
  read -r model dataset steps <<<"$r"
  dir="$work/$model-$dataset-$steps"
  [ -f "$dir/checkpoint.gsckpt" ] && [ -f "$dir/seconds.txt" ] && continue
  mkdir -p "$dir"
  start=$(date +%s.%N)
  $cli train --model "$model" --dataset "$dataset" --steps "$steps" --seed 1 --threads 1 --log-every 100 --quiet \
    --out "$dir" >/dev/null
  awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f\n", b - a }' >"$dir/seconds.txt"
done
[ "$mode" = --train-only ] && exit 0

value() { awk -v k="$1" '$1 == k { print $2; exit }' "$2"; }
reference() { awk -v k="$1" '$1 == k && $3 == "real" { print $6; exit }' "$2"; }
fmt() { [ -n "$1" ] && printf "%.4g" "$1" || printf "—"; }

echo "Each run: \`genstudio-cli train --model M --dataset D --steps N --seed 1 --threads 1\`, then"
echo "\`genstudio-cli eval --quality --samples $samples\` (one thread). Seconds are wall-clock time on the shared,"
echo "loaded 2-core machine (data loading included), so they overstate what a quiet machine needs."
echo "FID/KID/precision/recall are GenStudio-classifier scores (models/fashion-classifier.gsclf), not Inception scores."
echo
echo "| model | dataset | steps | train s | FID | KID | precision | recall | family metrics |"
echo "|---|---|---|---|---|---|---|---|---|"
refs=""
for r in "${runs[@]}"; do
  read -r model dataset steps <<<"$r"
  dir="$work/$model-$dataset-$steps"
  q="$dir/quality.txt"
  if [ "$mode" = --report-only ] && [ ! -s "$q" ]; then
    echo "| $model | $dataset | $steps | — | not measured in this run | | | | |"
    continue
  fi
  [ -s "$q" ] || OMP_NUM_THREADS=1 $cli eval --quality --checkpoint "$dir/checkpoint.gsckpt" --samples "$samples" >"$q" 2>"$dir/quality.err"
  [ -z "$refs" ] && [ -n "$(reference fid "$q")" ] && refs="$q"
  family=$(awk '$0 !~ /^ / && $1 !~ /^(fid|kid|precision|recall)$/ && $2 ~ /^-?[0-9.]+(e[-+]?[0-9]+)?$/ && NF > 2 {
                  printf "%s%s %.4g", sep, $1, $2; sep = ", " }' "$q" | sed 's/_/\\_/g')
  printf "| %s | %s | %s | %.0f | %s | %s | %s | %s | %s |\n" "$model" "$dataset" "$steps" "$(cat "$dir/seconds.txt")" \
    "$(fmt "$(value fid "$q")")" "$(fmt "$(value kid "$q")")" "$(fmt "$(value precision "$q")")" \
    "$(fmt "$(value recall "$q")")" "${family:-—}"
done
if [ -n "$refs" ]; then
  printf "| real vs real | fashion-mnist train vs test | — | — | %s | %s | %s | %s | — |\n" \
    "$(fmt "$(reference fid "$refs")")" "$(fmt "$(reference kid "$refs")")" \
    "$(fmt "$(reference precision "$refs")")" "$(fmt "$(reference recall "$refs")")"
  echo
  echo "Class histogram of the VAE's samples (generated % / test images %):"
  echo
  echo '```'
  sed -n '/^class histogram/,/^not applicable/p' "$work/vae-fashion-mnist-3000/quality.txt" | grep -v "^not applicable"
  echo '```'
fi
echo
echo "Not applicable (from each report):"
echo
cat "$work"/*/quality.txt | grep "^not applicable" | sort | uniq -c | sed 's/^ *[0-9]* not applicable: /- /' | sort -u
echo
cyc="$work/cyclegan-edges2fashion-200"
[ -f "$cyc/checkpoint.gsckpt" ] && { $cli evaluate --checkpoint "$cyc/checkpoint.gsckpt" --pairs 1000 2>&1 >/dev/null | grep "boundary F" || true; }
echo
$cli info 2>/dev/null | grep -E "^(LibTorch|BLAS kernel)" || true
grep -h "^classifier:" "$work"/*/quality.txt | head -1
