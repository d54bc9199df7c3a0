#!/usr/bin/env bash
# Seed-VAE training throughput: genstudio-cli against the equivalent python3-torch
# script (bench/vae_torch_peer.py), same threads, batch, BLAS library and kernel and
# the same batches (same seed, same sampler). For every thread count and precision
# the runs are interleaved within this one run — peer (glibc malloc), genstudio-cli,
# peer (jemalloc preloaded) — REPEATS times, and each ratio is taken within a round
# and reported as median (min–max) over the rounds, next to the sgemm peak measured
# in the same run. bf16 rows only where the CPU has bf16 instructions (avx512_bf16
# or amx_bf16); elsewhere LibTorch would emulate bf16 and the row would say nothing.
# Prints a Markdown table for bench/RESULTS.md.
#   bash bench/vae_throughput.sh [STEPS] [REPEATS] [THREADS...]   (defaults: 800, 3, "1 2")
# Needs a build (bash scripts/setup.sh) and Debian's python3-torch (installed if missing, as root).
# Duration with the defaults on the 2-core EPYC: about 5 minutes on a quiet machine.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/stats.sh
steps=${1:-800}
repeats=${2:-3}
threads_list=${*:3}
threads_list=${threads_list:-1 2}
cli=build/genstudio-cli
[ -x "$cli" ] || { echo "build first: bash scripts/setup.sh" >&2; exit 2; }
if ! /usr/bin/python3 -c "import torch" 2>/dev/null; then
  [ "$(id -u)" -eq 0 ] || { echo "install python3-torch first" >&2; exit 2; }
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-torch >/dev/null
fi
[ -r "$JEMALLOC_SO" ] || { echo "jemalloc missing: apt-get install libjemalloc2" >&2; exit 2; }

# The peer gets the same BLAS library and kernel as GenStudio chooses for itself.
blas_dir=$(dirname "$($cli info | sed -n 's/^BLAS library: *//p')")
coretype=$($cli info | sed -n 's/^BLAS kernel: *//p')
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
precisions=fp32
grep -qwE 'avx512_bf16|amx_bf16' /proc/cpuinfo && precisions="fp32 bf16"

# Model FLOPs per step (forward 2·B·Σ in·out; backward twice that, minus the
# input gradient of the first layer, which nobody needs).
B=128; Z=2
fwd_macs=$(( 784*512 + 512*256 + 256*2*Z + Z*256 + 256*512 + 512*784 ))
step_flop=$(( 2*B*fwd_macs*3 - 2*B*784*512 ))

peer() {  # peer THREADS PRECISION ALLOCATOR → one JSON line
  local pre="" flag=""
  [ "$3" = jemalloc ] && pre=$JEMALLOC_SO
  [ "$2" = bf16 ] && flag=--bf16
  LD_PRELOAD="$pre" LD_LIBRARY_PATH="$blas_dir" OPENBLAS_CORETYPE="$coretype" /usr/bin/python3 bench/vae_torch_peer.py \
      --steps "$steps" --threads "$1" --batch-size $B --latent-dim $Z --seed 1 $flag
}

echo "| threads | precision | peer's malloc | sgemm 1024² fp32 GFLOP/s | genstudio-cli steps/s | python3-torch steps/s | ratio | peer's Adam | MLP GFLOP/s (ours) | share of fp32 sgemm peak |"
echo "|---|---|---|---|---|---|---|---|---|---|"
for t in $threads_list; do
  peak=$($cli bench-sgemm --threads "$t" --seconds 2 | sed -n 's/.*: \([0-9.]*\) GFLOP\/s.*/\1/p')
  for precision in $precisions; do
    d=$out/t$t$precision
    mkdir -p "$d"
    for r in $(seq "$repeats"); do
      for variant in glibc ours jemalloc; do
        if [ $variant = ours ]; then
          $cli train --model vae --dataset fashion-mnist --steps $((steps + 50)) --threads "$t" --seed 1 \
              --set latent_dim=$Z --set batch_size=$B --set precision=$precision --log-every 50 --quiet \
              --out "$d/run$r" >/dev/null
          cli_rate "$d/run$r/metrics.csv" >> "$d/ours"   # after the first 50 steps (warm-up)
        else
          json=$(peer "$t" "$precision" $variant)
          peer_field "$json" steps_per_second >> "$d/$variant"
          peer_field "$json" foreach >> "$d/$variant.foreach"
        fi
      done
    done
    for variant in glibc jemalloc; do
      ratios "$d/ours" "$d/$variant" > "$d/$variant.ratio"
      adam=$(adam_choice "$d/$variant.foreach" "$repeats")
      gflops=$(median < "$d/ours" | awk -v f="$step_flop" -v p="$peak" '{g = $1 * f / 1e9; printf "%.1f | %.0f %%", g, 100 * g / p}')
      echo "| $t | $precision | $variant | $(printf '%.0f' "$peak") | $(spread %.1f < "$d/ours") | $(spread %.1f < "$d/$variant") | $(spread %.2f× < "$d/$variant.ratio") | $adam | $gflops |"
    done
  done
done
echo
echo "Median (min–max) over $repeats interleaved rounds (peer with glibc malloc, genstudio-cli, peer with jemalloc preloaded);"
echo "each ratio is genstudio-cli over the peer of the same round. BLAS: $blas_dir (kernel $coretype);"
echo "model FLOPs per step: $step_flop; $steps timed steps after 50 warm-up; precisions: $precisions."
echo "\"peer's Adam\": which torch.optim.Adam variant the peer's own trial found faster and used (foreach = multi-tensor kernels)."
