#!/usr/bin/env bash
# The character GPT on Debian's fortunes:
#  1. training steps/s and tokens/s of the model's own step (bench_chargpt_speed:
#     BatchSampler batches, no validation probe or samples) against the same
#     network, loss, optimizer, batch, context and threads in python3-torch
#     (bench/chargpt_torch_peer.py), interleaved in rounds, in float32 on both
#     sides and with the forward in bfloat16 (CPU autocast) on both sides;
#  2. validation bits/char after MINUTES of wall-clock training through
#     `genstudio-cli train` (defaults; stopped with SIGINT, which saves the
#     checkpoint) for chargpt and for arch=lstm, measured by `genstudio-cli eval`
#     on the whole validation split;
#  3. generation speed (characters/s, KV cache, steady state with the cache
#     refilled as the text outgrows the context) at context 64 and 256.
#   bash bench/chargpt_train.sh [MINUTES] [THREADS] [ROUNDS]   (defaults: 3, 2, 3)
# Needs a build (ninja -C build genstudio-cli bench_chargpt_speed) and Debian's python3-torch.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/stats.sh
minutes=${1:-3}
threads=${2:-2}
rounds=${3:-3}
cli=build/genstudio-cli
tool=build/bench/bench_chargpt_speed
[ -x "$tool" ] || tool=build/bench_chargpt_speed
[ -x "$cli" ] && [ -x "$tool" ] || { echo "build first: ninja -C build genstudio-cli bench_chargpt_speed" >&2; exit 2; }
/usr/bin/python3 -c "import torch" 2>/dev/null || { echo "install python3-torch first" >&2; exit 2; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
field() { sed -n "s/.*\"$1\": \([0-9.]*\).*/\1/p"; }

# 1. Throughput, interleaved: peer fp32, ours fp32, peer bf16, ours bf16 in each round.
n=100
for r in $(seq "$rounds"); do
  /usr/bin/python3 bench/chargpt_torch_peer.py --steps $n --warmup 10 --threads "$threads" > "$out/p32"
  $tool train --steps $n --warmup 10 --threads "$threads" --set precision=fp32 > "$out/o32"
  /usr/bin/python3 bench/chargpt_torch_peer.py --steps $n --warmup 10 --threads "$threads" --precision bf16 > "$out/p16"
  $tool train --steps $n --warmup 10 --threads "$threads" --set precision=bf16 > "$out/o16"
  for k in p32 o32 p16 o16; do
    field steps_per_second < "$out/$k" >> "$out/$k.steps"
    field tokens_per_second < "$out/$k" >> "$out/$k.tokens"
  done
done
ratios "$out/o32.steps" "$out/p32.steps" > "$out/r32"
ratios "$out/o16.steps" "$out/p16.steps" > "$out/r16"
ratios "$out/o16.steps" "$out/p32.steps" > "$out/rmix"
echo "training throughput, 4 layers × 4 heads × 128 wide, context 64, batch 12, $threads threads, $rounds rounds of $n steps (median (min–max)):"
echo
echo "| precision | genstudio steps/s | python3-torch steps/s | ratio | genstudio tokens/s | python3-torch tokens/s |"
echo "|---|---|---|---|---|---|"
echo "| fp32 both | $(spread %.2f < "$out/o32.steps") | $(spread %.2f < "$out/p32.steps") | $(spread %.2f× < "$out/r32") | $(spread %.0f < "$out/o32.tokens") | $(spread %.0f < "$out/p32.tokens") |"
echo "| bf16 forward both | $(spread %.2f < "$out/o16.steps") | $(spread %.2f < "$out/p16.steps") | $(spread %.2f× < "$out/r16") | $(spread %.0f < "$out/o16.tokens") | $(spread %.0f < "$out/p16.tokens") |"
echo "| ours bf16 (precision=auto on this CPU) vs peer fp32 | | | $(spread %.2f× < "$out/rmix") | | |"
echo
echo "python3-torch AdamW: $(sed -n 's/.*"adam": "\([a-z]*\)".*/\1/p' "$out/p32") (the faster of loop and foreach in its warm-up)"
echo

# 2. Validation bits/char after the budget, chargpt and arch=lstm, defaults otherwise.
echo "| model | budget | steps | validation nats/char | validation bits/char |"
echo "|---|---|---|---|---|"
for arch in gpt lstm; do
  timeout -s INT "${minutes}m" $cli train --model chargpt --dataset fortunes --set arch=$arch --steps 100000000 \
      --threads "$threads" --seed 1 --log-every 50 --quiet --out "$out/$arch" >/dev/null 2>&1 || true
  steps=$(tail -1 "$out/$arch/metrics.csv" | cut -d, -f1)
  line=$($cli eval --checkpoint "$out/$arch/checkpoint.gsckpt" 2>/dev/null | tail -1)
  echo "| chargpt arch=$arch | ${minutes} min, $threads threads | $steps | $(cut -d, -f4 <<<"$line") | $(cut -d, -f5 <<<"$line") |"
  [ "$arch" = gpt ] && cp "$out/gpt/sample.txt" "$out/gpt_sample.txt"
done
echo
echo "sample of the fixed prompt after the gpt budget (temperature 0.8):"
echo '```'
head -c 400 "$out/gpt_sample.txt"; echo
echo '```'
echo

# 3. Generation speed (untrained weights of the default size: the cost does not depend on them).
echo "| generation | context 64 | context 256 |"
echo "|---|---|---|"
for arch in gpt lstm; do
  a=$($tool generate --context 64 --chars 1000 --threads "$threads" --set arch=$arch | field chars_per_second)
  b=$($tool generate --context 256 --chars 1000 --threads "$threads" --set arch=$arch | field chars_per_second)
  echo "| chargpt arch=$arch, characters/s | $a | $b |"
done
