#!/usr/bin/env bash
# How OpenMP's idle-thread waiting affects training, on idle cores and with one
# core kept busy by another process (a shell spin loop, as a second training or a
# browser would). For each setting — the library's default, GenStudio's
# GOMP_SPINCOUNT, OMP_WAIT_POLICY=PASSIVE, and one thread — the same short
# convolutional-VAE run (genstudio-cli, two threads unless stated) is timed
# REPEATS times in each condition, interleaved, and the median (min–max) wall time printed.
# GENSTUDIO_BLAS_REEXEC=1 keeps GenStudio from setting anything itself, so each
# row runs exactly the environment it names (and no re-execution is timed).
# Prints a Markdown table for bench/RESULTS.md.
#   bash bench/omp_wait.sh [STEPS] [REPEATS]   (defaults: 60, 3)
# Needs a build (bash scripts/setup.sh) and /usr/share/datasets/fashion-mnist.
# Duration with the defaults: about 10 minutes (the default row under load is slow).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/stats.sh
steps=${1:-60}
repeats=${2:-3}
cli=$PWD/build/genstudio-cli
[ -x "$cli" ] || { echo "build first: bash scripts/setup.sh" >&2; exit 2; }
spin=$(sed -n 's/.*kOpenMpSpinCount = "\([0-9]*\)".*/\1/p' src/core/common/blas_setup.h)
out=$(mktemp -d)
busy=""
trap '[ -n "$busy" ] && kill "$busy" 2>/dev/null; rm -rf "$out"' EXIT

# seconds for one run with environment assignments "$1" and thread count "$2"
run() {
  local start end
  start=$(date +%s.%N)
  env GENSTUDIO_BLAS_REEXEC=1 $1 timeout 600 "$cli" train --model vae --dataset fashion-mnist --limit 2048 \
    --steps "$steps" --set arch=conv --threads "$2" --seed 1 --out "$out/run" >/dev/null 2>&1 ||
    { echo "run failed: $1 threads=$2" >&2; exit 1; }
  end=$(date +%s.%N)
  echo "$end - $start" | bc
}

settings=("X=default|2" "GOMP_SPINCOUNT=$spin|2" "OMP_WAIT_POLICY=PASSIVE|2" "X=default|1")
names=("library default, 2 threads" "GOMP_SPINCOUNT=$spin (GenStudio), 2 threads" "OMP_WAIT_POLICY=PASSIVE, 2 threads" "library default, 1 thread")
declare -A times
for condition in idle busy; do
  if [ "$condition" = busy ]; then
    sh -c 'while :; do :; done' &
    busy=$!
    sleep 1
  fi
  for ((r = 0; r < repeats; r++)); do
    for i in "${!settings[@]}"; do
      IFS='|' read -r envs threads <<<"${settings[$i]}"
      times[$condition,$i]+="$(run "$envs" "$threads") "
    done
  done
done

echo "CPU: $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1), $(nproc) cores; $steps steps, median of $repeats"
echo
echo "| setting | idle cores, s | one core busy, s |"
echo "|---|---|---|"
for i in "${!settings[@]}"; do
  echo "| ${names[$i]} | $(printf '%s\n' ${times[idle,$i]} | spread "%.2f") | $(printf '%s\n' ${times[busy,$i]} | spread "%.2f") |"
done
