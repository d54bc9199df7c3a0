#!/usr/bin/env bash
# Class conditioning on Fashion-MNIST (bench/conditional_eval.cpp reads the checkpoints):
#  1. `genstudio-cli train --model ddpm` with the defaults (class conditioning on,
#     p_uncond 0.1) for DDPM_STEPS steps, then the class accuracy of 50 samples per
#     class at guidance w = 0, 1, 3 (labelled by an MLP classifier trained on the
#     training images; its real test accuracy is the ceiling);
#  2. `genstudio-cli train --model pixelcnn` with class_conditional=true and with the
#     default (false) for the same PIXEL_STEPS steps, then test bits/dim: p(x | y)
#     with the true label and the marginal p(x) for the conditional one, p(x) for
#     the unconditional one, on the first TEST test images.
#   bash bench/conditional.sh [DDPM_STEPS] [PIXEL_STEPS] [TEST] [THREADS]
#        (defaults: 1500, 3000, 10000, 2)
# DDPM_SET="--set channels=16 ..." and PIXEL_SET pass extra parameters to the two trainings.
# Needs a build (ninja -C build genstudio-cli bench_conditional_eval).
set -euo pipefail
cd "$(dirname "$0")/.."
ddpm_steps=${1:-1500}
pixel_steps=${2:-3000}
test_images=${3:-10000}
threads=${4:-2}
cli=build/genstudio-cli
tool=build/bench/bench_conditional_eval
[ -x "$tool" ] || tool=build/bench_conditional_eval
[ -x "$cli" ] && [ -x "$tool" ] || { echo "build first: ninja -C build genstudio-cli bench_conditional_eval" >&2; exit 2; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
echo "CPU: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; $threads threads; $(uptime)"
t0=$(date +%s)
# shellcheck disable=SC2086
$cli train --model ddpm --dataset fashion-mnist --steps "$ddpm_steps" --threads "$threads" --seed 1 \
  --log-every 50 --quiet ${DDPM_SET:-} --out "$out/ddpm" >/dev/null
echo "ddpm: $ddpm_steps steps (defaults: batch 32, class_conditional, p_uncond 0.1; ${DDPM_SET:-no --set}) in $(( $(date +%s) - t0 )) s"
"$tool" "$out/ddpm/checkpoint.gsckpt" --per-class 50 --classifier-images 10000 --threads "$threads"
# shellcheck disable=SC2086
for cond in true false; do
  t0=$(date +%s)
  $cli train --model pixelcnn --dataset fashion-mnist --steps "$pixel_steps" --threads "$threads" --seed 1 \
    --set class_conditional=$cond ${PIXEL_SET:-} --log-every 50 --quiet --out "$out/pixel-$cond" >/dev/null
  echo "pixelcnn class_conditional=$cond: $pixel_steps steps (batch 16) in $(( $(date +%s) - t0 )) s"
  "$tool" "$out/pixel-$cond/checkpoint.gsckpt" --test "$test_images" --threads "$threads"
done
echo "$(uptime)"
