#!/usr/bin/env bash
# Data-parallel scaling (c10d Gloo, core/train/distributed/): for the seed VAE and
# DCGAN (their default presets on Fashion-MNIST), interleaved within one run,
# ROUNDS times:
#   A  1 process × 2 threads, the default batch B             (genstudio-cli train --threads 2)
#   B  2 processes × 1 thread on loopback, the same global B  (--processes 2 --threads 1)
#   C  1 process × 2 threads, batch B/8: what each of 8 machines would compute per step
# Steps/s are taken between the first and last metrics rows (start-up excluded);
# the all-reduce cost per step is rank 0's wall time inside the bucketed
# gradient all-reduce over the last log interval (the CLI's closing line).
# Projection to 8 machines (same global batch, so the same training as A):
#   t_step(8) = t_compute(B/8, measured as C) + t_allreduce(8)
#   t_allreduce(N) = 2(N−1)/N · bytes / bandwidth + 2(N−1) · 50 µs   (ring all-reduce:
#   each byte crosses the wire twice; 50 µs per hop of latency), bandwidth 1 and 10 Gbit/s,
#   bytes = the gradient bytes per step measured in B;
#   speed-up = t_step(A) / t_step(8). Optimistic: it assumes the ring reaches the link's rate.
# Prints a Markdown table for bench/RESULTS.md. The machine is shared: numbers are loaded
# (uptime printed before and after), ratios within a round are what to read.
#   bash bench/ddp_scaling.sh [VAE_STEPS] [DCGAN_STEPS] [ROUNDS]   (defaults: 600 40 2)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/stats.sh
vae_steps=${1:-600}
dcgan_steps=${2:-40}
rounds=${3:-2}
cli=build/genstudio-cli
[ -x "$cli" ] || { echo "build first: bash scripts/setup.sh" >&2; exit 2; }
out=$(mktemp -d)
if [ "${KEEP:-0}" = 1 ]; then echo "runs kept in $out" >&2; else trap 'rm -rf "$out"' EXIT; fi  # KEEP=1 keeps the runs

echo "Before: \`uptime\`: $(uptime)"
echo
echo "| model | batch | 1 proc × 2 thr steps/s | 2 proc × 1 thr steps/s | 2 proc / 1 proc | all-reduce per step (loopback) | gradient MB per step | compute at B/8, 2 thr (ms/step) | projected 8 machines, 1 Gbit/s | projected 8 machines, 10 Gbit/s |"
echo "|---|---|---|---|---|---|---|---|---|---|"
for spec in "vae 128 $vae_steps" "dcgan 64 $dcgan_steps"; do
  read -r model batch steps <<< "$spec"
  small=$(( batch / 8 ))
  log=$(( steps / 4 ))
  : > "$out/a"; : > "$out/b"; : > "$out/c"; : > "$out/ar"; : > "$out/mb"
  for r in $(seq "$rounds"); do
    common=(train --model "$model" --dataset fashion-mnist --steps "$steps" --log-every "$log" --seed "$r")
    "$cli" "${common[@]}" --threads 2 --quiet --out "$out/a$r" 2> "$out/a$r.err"
    cli_rate "$out/a$r/metrics.csv" >> "$out/a"
    "$cli" "${common[@]}" --processes 2 --threads 1 --out "$out/b$r" 2> "$out/b$r.err"
    cli_rate "$out/b$r/metrics.csv" >> "$out/b"
    line=$(grep -o 'averaging [0-9.]* MB of gradients took [0-9.]* ms' "$out/b$r.err" | tail -1)
    echo "$line" | awk '{print $7}' >> "$out/ar"
    echo "$line" | awk '{print $2}' >> "$out/mb"
    "$cli" "${common[@]}" --threads 2 --quiet --set "batch_size=$small" --out "$out/c$r" 2> "$out/c$r.err"
    cli_rate "$out/c$r/metrics.csv" >> "$out/c"
  done
  a=$(median < "$out/a"); b=$(median < "$out/b"); c=$(median < "$out/c")
  ar=$(median < "$out/ar"); mb=$(median < "$out/mb")
  ratio=$(ratios "$out/b" "$out/a" | spread "%.2f")
  read -r p1 p10 <<< "$(awk -v a="$a" -v c="$c" -v mb="$mb" 'BEGIN {
      n = 8; bytes = mb * 1e6; lat = 2 * (n - 1) * 50e-6
      t1 = 1 / a; tc = 1 / c
      ar1 = 2 * (n - 1) / n * bytes * 8 / 1e9 + lat
      ar10 = 2 * (n - 1) / n * bytes * 8 / 1e10 + lat
      printf "%.2f %.2f\n", t1 / (tc + ar1), t1 / (tc + ar10) }')"
  printf '| %s | %d | %.1f | %.1f | %s | %.2f ms | %.2f | %.2f | %.2f× | %.2f× |\n' \
    "$model" "$batch" "$a" "$b" "$ratio" "$ar" "$mb" "$(awk -v c="$c" 'BEGIN {print 1000 / c}')" "$p1" "$p10"
done
echo
echo "After: \`uptime\`: $(uptime)"
echo
echo "Steps/s are medians over $rounds interleaved rounds; '2 proc / 1 proc' is the median (min–max) of the per-round ratios. Command: \`bash bench/ddp_scaling.sh $vae_steps $dcgan_steps $rounds\`."
