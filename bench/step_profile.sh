#!/usr/bin/env bash
# Where a training step's time goes: `perf record` (cpu-clock, self time per
# symbol) of genstudio-cli training the 2-D GAN (fused step and the autograd
# step it replaces) and the seed VAE, split by bench/perf_split.py into matrix
# products, element-wise work, optimizer, data and noise, framework overhead.
# Prints a Markdown table. Needs `perf` (Debian: linux-perf).
#   bash bench/step_profile.sh [GAN_STEPS] [VAE_STEPS]      (defaults: 6000, 400)
set -euo pipefail
cd "$(dirname "$0")/.."
gan_steps=${1:-6000}
vae_steps=${2:-400}
cli=build/genstudio-cli
[ -x "$cli" ] || { echo "build first: bash scripts/setup.sh" >&2; exit 2; }
command -v perf >/dev/null || { echo "perf missing: apt-get install linux-perf" >&2; exit 2; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
profile() {  # name, then the train arguments
  local name=$1; shift
  perf record -q -e cpu-clock -F 1999 -o "$out/$name.data" -- "$cli" train "$@" --threads 1 --quiet --out "$out/$name.run" \
      >/dev/null 2>&1
  /usr/bin/python3 bench/perf_split.py "$out/$name.data" > "$out/$name.json"
}
profile gan_fused --model gan --dataset ring8 --steps "$gan_steps" --set latent_dim=2 --set batch_size=64 --set step=fused
profile gan_autograd --model gan --dataset ring8 --steps "$gan_steps" --set latent_dim=2 --set batch_size=64 --set step=autograd
profile vae --model vae --dataset fashion-mnist --steps "$vae_steps" --set batch_size=128
echo "| step | matrix products | element-wise | optimizer | data and noise | framework overhead | start-up and the rest |"
echo "|---|---|---|---|---|---|---|"
for name in gan_autograd gan_fused vae; do
  /usr/bin/python3 - "$out/$name.json" "$name" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))["shares"]
label = {"gan_autograd": "2-D GAN, autograd (batch 64)", "gan_fused": "2-D GAN, fused (batch 64)",
         "vae": "seed VAE (batch 128)"}[sys.argv[2]]
cols = ["matrix products", "element-wise", "optimizer", "data and noise", "framework overhead", "start-up and the rest"]
print("| " + label + " | " + " | ".join(f"{s[c]:.0f} %" for c in cols) + " |")
PY
done
echo
echo "perf record -e cpu-clock, 1 thread; $gan_steps GAN steps, $vae_steps VAE steps; self time per symbol classified by"
echo "bench/perf_split.py (the tensor-expression Adam of the autograd path counts as element-wise). Top symbols:"
for name in gan_autograd gan_fused vae; do
  echo; echo "$name:"; /usr/bin/python3 -c "import json,sys; [print('    ' + t) for t in json.load(open(sys.argv[1]))['top'][:6]]" "$out/$name.json"
done
