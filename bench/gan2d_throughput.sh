#!/usr/bin/env bash
# 2-D GAN training step rate: genstudio-cli against the equivalent python3-torch
# script (bench/gan2d_torch_peer.py): same networks, loss, batch, threads, BLAS and
# the same work per step (one discriminator pass over real and fake together, one
# D and one G Adam update). Within this one run, for every batch size the runs are
# interleaved — peer (glibc malloc), genstudio-cli, peer (jemalloc preloaded) —
# REPEATS times; each ratio is taken within a round and reported as median
# (min–max) over the rounds. Prints a Markdown table.
#   bash bench/gan2d_throughput.sh [STEPS] [THREADS] [REPEATS]     (defaults: 3000, 1, 3)
# Duration with the defaults on the 2-core EPYC: about 3 minutes on a quiet machine.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/stats.sh
steps=${1:-3000}
threads=${2:-1}
repeats=${3:-3}
cli=build/genstudio-cli
[ -x "$cli" ] || { echo "build first: bash scripts/setup.sh" >&2; exit 2; }
[ -r "$JEMALLOC_SO" ] || { echo "jemalloc missing: apt-get install libjemalloc2" >&2; exit 2; }
blas_dir=$(dirname "$($cli info | sed -n 's/^BLAS library: *//p')")
coretype=$($cli info | sed -n 's/^BLAS kernel: *//p')
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
echo "| batch | width×layers | peer's malloc | genstudio-cli steps/s | python3-torch steps/s | ratio | peer's Adam |"
echo "|---|---|---|---|---|---|---|"
for batch in 64 256; do
  d=$out/b$batch
  mkdir -p "$d"
  for r in $(seq "$repeats"); do
    for variant in glibc ours jemalloc; do
      if [ $variant = ours ]; then
        # 500 warm-up steps, then the rate between the first and last metrics rows
        # (it includes the metrics evaluated at each row, about 1 ms per 500 steps).
        $cli train --model gan --dataset ring8 --steps $((steps + 500)) --threads "$threads" --log-every 500 --quiet \
            --set latent_dim=2 --set batch_size=$batch --out "$d/run$r" >/dev/null
        cli_rate "$d/run$r/metrics.csv" >> "$d/ours"
      else
        pre=""; [ $variant = jemalloc ] && pre=$JEMALLOC_SO
        json=$(LD_PRELOAD="$pre" LD_LIBRARY_PATH="$blas_dir" OPENBLAS_CORETYPE="$coretype" /usr/bin/python3 \
            bench/gan2d_torch_peer.py --steps "$steps" --threads "$threads" --batch-size $batch --latent-dim 2)
        peer_field "$json" steps_per_second >> "$d/$variant"
        peer_field "$json" foreach >> "$d/$variant.foreach"
      fi
    done
  done
  for variant in glibc jemalloc; do
    ratios "$d/ours" "$d/$variant" > "$d/$variant.ratio"
    adam=$(adam_choice "$d/$variant.foreach" "$repeats")
    echo "| $batch | 128×3 | $variant | $(spread %.0f < "$d/ours") | $(spread %.0f < "$d/$variant") | $(spread %.2f× < "$d/$variant.ratio") | $adam |"
  done
done
echo
echo "Median (min–max) over $repeats interleaved rounds (peer with glibc malloc, genstudio-cli, peer with jemalloc"
echo "preloaded); each ratio is genstudio-cli over the peer of the same round. threads: $threads; $steps timed steps"
echo "(one D and one G update each); BLAS $blas_dir ($coretype). \"peer's Adam\": the variant the peer's trial found faster."
