#!/usr/bin/env bash
# Seed-VAE training throughput: genstudio-cli against the equivalent python3-torch
# script, in one run, same threads and batch, plus the sgemm peak measured in the
# same run. Prints a Markdown table for bench/RESULTS.md.
#   bash bench/vae_throughput.sh [STEPS] [THREADS...]     (defaults: 2000, "1 2")
# Needs a build (bash scripts/setup.sh) and Debian's python3-torch (installed if missing, as root).
set -euo pipefail
cd "$(dirname "$0")/.."
steps=${1:-2000}
shift || true
threads_list=${*:-1 2}
cli=build/genstudio-cli
[ -x "$cli" ] || { echo "build first: bash scripts/setup.sh" >&2; exit 2; }
if ! /usr/bin/python3 -c "import torch" 2>/dev/null; then
  [ "$(id -u)" -eq 0 ] || { echo "install python3-torch first" >&2; exit 2; }
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-torch >/dev/null
fi

# The peer gets the same BLAS library and kernel as GenStudio chooses for itself.
blas_dir=$(dirname "$($cli info | sed -n 's/^BLAS library: *//p')")
coretype=$($cli info | sed -n 's/^BLAS kernel: *//p')
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# Model FLOPs per step (forward 2·B·Σ in·out; backward twice that, minus the
# input gradient of the first layer, which nobody needs).
B=128; Z=2
fwd_macs=$(( 784*512 + 512*256 + 256*2*Z + Z*256 + 256*512 + 512*784 ))
step_flop=$(( 2*B*fwd_macs*3 - 2*B*784*512 ))

echo "| threads | precision | sgemm 1024² fp32 GFLOP/s | genstudio-cli steps/s | python3-torch steps/s | ratio | MLP GFLOP/s | share of fp32 sgemm peak |"
echo "|---|---|---|---|---|---|---|---|"
for t in $threads_list; do
  peak=$($cli bench-sgemm --threads "$t" --seconds 2 | sed -n 's/.*: \([0-9.]*\) GFLOP\/s.*/\1/p')
  for precision in fp32 bf16; do
  py_flag=""; [ "$precision" = bf16 ] && py_flag="--bf16"
  $cli train --model vae --dataset fashion-mnist --steps $((steps + 50)) --threads "$t" \
      --set latent_dim=$Z --set batch_size=$B --set precision=$precision --log-every 50 --quiet \
      --out "$out/cli$t$precision" >/dev/null
  # steps/s after the first 50 (warm-up), from the metrics the CLI wrote.
  cli_rate=$(awk -F, 'NR==2{s0=$1;t0=$2} END{printf "%.1f", ($1-s0)/($2-t0)}' "$out/cli$t$precision/metrics.csv")
  py=$(LD_LIBRARY_PATH="$blas_dir" OPENBLAS_CORETYPE="$coretype" /usr/bin/python3 bench/vae_torch_peer.py \
      --steps "$steps" --threads "$t" --batch-size $B --latent-dim $Z $py_flag)
  py_rate=$(printf '%s' "$py" | /usr/bin/python3 -c 'import json,sys; print("%.1f" % json.load(sys.stdin)["steps_per_second"])')
  awk -v t="$t" -v pr="$precision" -v peak="$peak" -v c="$cli_rate" -v p="$py_rate" -v f="$step_flop" 'BEGIN{
    g = c * f / 1e9; printf "| %s | %s | %.0f | %.1f | %.1f | %.2f× | %.1f | %.0f %% |\n", t, pr, peak, c, p, c / p, g, 100 * g / peak }'
  done
done
echo
echo "BLAS: $blas_dir (kernel $coretype); model FLOPs per step: $step_flop; $steps timed steps after 50 warm-up."
