#!/usr/bin/env bash
# "One class normal" anomaly detection on Fashion-MNIST: for each normal class,
# train MODEL on that class alone (--only-class) for STEPS steps, score the whole
# test set (10,000 images; the score is bits/dim from the model's likelihood,
# or the reconstruction error for models without one) and report the AUROC of
# telling the other nine classes from the normal one.
#   bash bench/anomaly_auroc.sh [MODEL] [STEPS] [CLASSES] [TRAIN OPTIONS…]
#   defaults: vae, 1500 steps, classes "1 5 7 8" (Trouser, Sandal, Sneaker, Bag)
# e.g. bash bench/anomaly_auroc.sh ae 1500;  bash bench/anomaly_auroc.sh realnvp 3000 "0 1 2"
set -euo pipefail
cd "$(dirname "$0")/.."
model=${1:-vae}
steps=${2:-1500}
classes=${3:-"1 5 7 8"}
cli=build/genstudio-cli
[ -x "$cli" ] || { echo "build first: bash scripts/setup.sh" >&2; exit 2; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
names=("T-shirt/top" "Trouser" "Pullover" "Dress" "Coat" "Sandal" "Shirt" "Sneaker" "Bag" "Ankle boot")
echo "$model, $steps steps per normal class on its ~6000 training images, $(nproc) cores: $cli train --model $model --only-class C --steps $steps ${*:4}"
echo
echo "| normal class | train s | score | AUROC (other 9 classes as anomalies) | mean score normal | mean score others |"
echo "|---|---|---|---|---|---|"
for c in $classes; do
  start=$(date +%s)
  $cli train --model "$model" --only-class "$c" --steps "$steps" --log-every 100 --quiet --out "$out/c$c" "${@:4}" >/dev/null
  trained=$(( $(date +%s) - start ))
  summary=$($cli anomaly --checkpoint "$out/c$c/checkpoint.gsckpt" --out "$out/c$c/scores.csv" 2>/dev/null)
  auroc=$(sed -n 's/.*AUROC \([0-9.]*\).*/\1/p' <<<"$summary")
  score=$(sed -n 's/.* scored by \(.*\) in [0-9]* ms.*/\1/p' <<<"$summary")
  means=$(awk -F, -v c="$c" 'NR > 1 && !/^#/ { if ($2 == c) { n += $4; k++ } else { o += $4; m++ } }
                             END { printf "%.4g | %.4g", n / k, o / m }' "$out/c$c/scores.csv")
  echo "| $c ${names[$c]} | $trained | $score | $auroc | $means |"
done
