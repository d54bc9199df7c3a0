#!/usr/bin/env bash
# DCGAN training step rate on Fashion-MNIST with its image defaults: genstudio-cli against
# the same network in python3-torch (bench/dcgan_torch_peer.py): same layers, batch 64,
# non-saturating loss, Adam for G and D, generator EMA, the same batches, threads, BLAS
# library and kernel, and the same work per step (one generator pass, its fake batch judged
# detached for D's update and again for G's). Within this one run, for every thread count
# the runs are interleaved — peer (glibc malloc), genstudio-cli, peer (jemalloc preloaded) —
# REPEATS times; each ratio is taken within a round and reported as median (min–max).
#   bash bench/dcgan_throughput.sh [STEPS] [REPEATS] [THREADS...]   (defaults: 60, 2, "1 2")
# Duration with the defaults on the 2-core EPYC: about 8 minutes on a loaded machine.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/stats.sh
steps=${1:-60}
repeats=${2:-2}
threads_list=${*:3}
threads_list=${threads_list:-1 2}
cli=build/genstudio-cli
[ -x "$cli" ] || { echo "build first: bash scripts/setup.sh" >&2; exit 2; }
[ -r "$JEMALLOC_SO" ] || { echo "jemalloc missing: apt-get install libjemalloc2" >&2; exit 2; }
blas_dir=$(dirname "$($cli info | sed -n 's/^BLAS library: *//p')")
coretype=$($cli info | sed -n 's/^BLAS kernel: *//p')
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
echo "| threads | peer's malloc | genstudio-cli steps/s | python3-torch steps/s | ratio | peer's Adam |"
echo "|---|---|---|---|---|---|"
for t in $threads_list; do
  d=$out/t$t
  mkdir -p "$d"
  for r in $(seq "$repeats"); do
    for variant in glibc ours jemalloc; do
      if [ $variant = ours ]; then
        # 10 warm-up steps, then the rate between the first and last metrics rows.
        $cli train --model dcgan --dataset fashion-mnist --steps $((steps + 10)) --threads "$t" --seed 1 \
            --log-every 10 --quiet --out "$d/run$r" >/dev/null
        cli_rate "$d/run$r/metrics.csv" >> "$d/ours"
      else
        pre=""; [ $variant = jemalloc ] && pre=$JEMALLOC_SO
        json=$(LD_PRELOAD="$pre" LD_LIBRARY_PATH="$blas_dir" OPENBLAS_CORETYPE="$coretype" /usr/bin/python3 \
            bench/dcgan_torch_peer.py --steps "$steps" --warmup 10 --threads "$t" --trial-steps 10)
        peer_field "$json" steps_per_second >> "$d/$variant"
        peer_field "$json" foreach >> "$d/$variant.foreach"
      fi
    done
  done
  for variant in glibc jemalloc; do
    ratios "$d/ours" "$d/$variant" > "$d/$variant.ratio"
    echo "| $t | $variant | $(spread %.2f < "$d/ours") | $(spread %.2f < "$d/$variant") | $(spread %.2f× < "$d/$variant.ratio") | $(adam_choice "$d/$variant.foreach" "$repeats") |"
  done
done
echo
echo "Median (min–max) over $repeats interleaved rounds; each ratio is genstudio-cli over the peer of the same"
echo "round. $steps timed steps (one D and one G update each) after 10 warm-up steps; BLAS $blas_dir ($coretype)."
