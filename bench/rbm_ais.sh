#!/usr/bin/env bash
# The RBM's test log-likelihood on binarised Fashion-MNIST (threshold ½, all
# 10,000 test images) by annealed importance sampling, for CD-1 and persistent
# CD with 500 hidden units after the same number of training steps each, next
# to the published binarised-MNIST anchor (Salakhutdinov & Murray 2008, CD-25,
# 500 hidden: −86.34 nats; another dataset, so only the method is comparable).
#   bash bench/rbm_ais.sh [STEPS] [AIS_RUNS] [AIS_BETAS] [TRAIN OPTIONS…]
#   defaults: 20000 steps (batch 64: ~21 epochs), 100 AIS runs, 10000 temperatures
set -euo pipefail
cd "$(dirname "$0")/.."
steps=${1:-20000}
runs=${2:-100}
betas=${3:-10000}
cli=build/genstudio-cli
[ -x "$cli" ] || { echo "build first: bash scripts/setup.sh" >&2; exit 2; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cpu=$(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)
echo "RBM, 500 hidden, $steps steps of batch 64 each, $(nproc) cores ($cpu); AIS $runs runs × $betas temperatures"
echo
echo "| method | command | train s | steps/s | recon error | test free energy | log Z ± 3 s.e. | test log-likelihood (nats) | AIS s |"
echo "|---|---|---|---|---|---|---|---|---|"
for method in cd1 pcd; do
  set_pcd=()
  [ $method = pcd ] && set_pcd=(--set persistent=true)
  start=$(date +%s.%N)
  $cli train --model rbm --steps "$steps" --log-every 500 --quiet --out "$out/$method" \
    --set hidden=500 --set cd_k=1 "${set_pcd[@]}" "${@:4}" >/dev/null
  trained=$(echo "$(date +%s.%N) - $start" | bc)
  recon=$(tail -1 "$out/$method/metrics.csv" | cut -d, -f3)
  start=$(date +%s.%N)
  row=$($cli eval --checkpoint "$out/$method/checkpoint.gsckpt" --ais-runs "$runs" --ais-betas "$betas" 2>/dev/null | tail -1)
  evaluated=$(echo "$(date +%s.%N) - $start" | bc)
  IFS=, read -r _ _ _ _ _ logz se fe ll <<<"$(sed 's/"[^"]*"/dataset/' <<<"$row")"
  printf '| %s | `genstudio-cli train --model rbm --steps %s --set hidden=500 --set cd_k=1 %s` | %.0f | %.0f | %s | %s | %s ± %.2f | **%s** | %.0f |\n' \
    "$method" "$steps" "${set_pcd[*]}" "$trained" "$(echo "$steps / $trained" | bc -l)" "$recon" "$fe" "$logz" \
    "$(echo "3 * $se" | bc -l)" "$ll" "$evaluated"
done
echo
echo "Anchor: binarised MNIST, CD-25, 500 hidden (Salakhutdinov & Murray 2008): −86.34 nats (a different dataset)."
