#!/usr/bin/env bash
# PixelCNN on Fashion-MNIST after a CPU budget: trains `genstudio-cli train --model
# pixelcnn` (defaults) for MINUTES of wall-clock time on THREADS threads (stopped with
# SIGINT, which saves the checkpoint), then prints test bits/dim (the exact NLL over the
# whole test set), the per-pixel independent baseline computed here (a 256-way
# histogram per pixel fitted on the training set, add-one smoothed: 4.59 bits/dim), the
# time to draw 64 samples with the cached sampler and with the naive full-recompute
# one (same noise: the bench checks they draw the same images; --naive-rows scales the
# naive time from its first rows, so the bench does not spend minutes on it), and
# training steps/s against the same network in python3-torch (bench/pixelcnn_torch_peer.py:
# same architecture, batch, threads and batches), the two interleaved within this run.
#   bash bench/pixelcnn_bpd.sh [MINUTES] [THREADS] [NAIVE_ROWS] [TEST_IMAGES]
#        (defaults: 30, 2, 2, all 10000)
# PIXELCNN_KEEP=FILE keeps the trained checkpoint there.
# Needs a build (ninja -C build bench_pixelcnn_sampling genstudio-cli) and Debian's python3-torch.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/stats.sh
minutes=${1:-30}
threads=${2:-2}
naive_rows=${3:-2}
test_images=${4:-0}
cli=build/genstudio-cli
tool=build/bench/bench_pixelcnn_sampling
[ -x "$tool" ] || tool=build/bench_pixelcnn_sampling
[ -x "$cli" ] && [ -x "$tool" ] || { echo "build first: ninja -C build genstudio-cli bench_pixelcnn_sampling" >&2; exit 2; }
/usr/bin/python3 -c "import torch" 2>/dev/null || { echo "install python3-torch first" >&2; exit 2; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
batch=16  # the model's default (PixelCnnModel::param_specs)

# 1. Train for the budget (the step count is only an upper bound).
timeout -s INT "${minutes}m" $cli train --model pixelcnn --dataset fashion-mnist --steps 100000000 \
    --threads "$threads" --seed 1 --log-every 50 --quiet --out "$out/run" >/dev/null || true
steps=$(tail -1 "$out/run/metrics.csv" | cut -d, -f1)
train_bpd=$(tail -1 "$out/run/metrics.csv" | cut -d, -f3)
echo "budget: ${minutes} min wall-clock on $threads threads ($(nproc) cores); trained $steps steps of batch $batch"
echo "training bits/dim (last 50 steps): $train_bpd"
[ -n "${PIXELCNN_KEEP:-}" ] && cp "$out/run/checkpoint.gsckpt" "$PIXELCNN_KEEP"  # keep the checkpoint where asked

# 2. Test bits/dim, the baseline, 64-sample times.
$tool "$out/run/checkpoint.gsckpt" --threads "$threads" --naive-rows "$naive_rows" --test "$test_images" | tee "$out/eval"
echo "published, for reference (MNIST): PixelCNN 81.3 nats binarised; flows about 1.0–1.1 bits/dim on 8-bit data"

# 3. Steps/s against the python3-torch peer, interleaved: peer, ours, peer, ours.
n=100
for r in 1 2; do
  /usr/bin/python3 bench/pixelcnn_torch_peer.py --steps $n --warmup 10 --threads "$threads" --batch-size $batch \
      | sed -n 's/.*"steps_per_second": \([0-9.]*\).*/\1/p' >> "$out/peer"
  rm -rf "$out/short"
  $cli train --model pixelcnn --dataset fashion-mnist --steps $((n + 10)) --threads "$threads" --seed 1 \
      --log-every 10 --quiet --out "$out/short" >/dev/null
  cli_rate "$out/short/metrics.csv" >> "$out/ours"  # after the first 10 steps (warm-up)
done
ratios "$out/ours" "$out/peer" > "$out/ratio"
echo "training steps/s (batch $batch, $threads threads): genstudio-cli $(spread %.2f < "$out/ours"), python3-torch $(spread %.2f < "$out/peer"), ratio $(spread %.2f× < "$out/ratio")"
