#!/usr/bin/env bash
# fuzz/run.sh — builds GenStudio's libFuzzer targets with clang (ASan + UBSan)
# and runs each one; prints a summary table (target, executions, exec/s,
# crashes, corpus size) and writes it to build-fuzz/summary.md.
#
#   fuzz/run.sh                    every target for ~30 s
#   fuzz/run.sh --ci               what CI runs: a fixed seed and a fixed number of runs per target
#                                  (reproducible), every target but fuzz_torchscript_module
#                                  (LibTorch's operator registry grows per module; docs/reliability.md)
#   fuzz/run.sh --full             every target for 10^6 executions (-runs=1000000)
#   fuzz/run.sh --seconds 120 fuzz_session fuzz_cli      chosen targets, 120 s each
#   fuzz/run.sh --full --max-time 3600 fuzz_checkpoint   10^6 runs or one hour, whichever first
#
# Findings (crash-*, leak-*, timeout-*, oom-* inputs) land in build-fuzz/findings/<target>/;
# fix the reader, then copy the input into fuzz/regressions/<target>/ (test_fuzz_regressions
# replays it). The growing corpus is build-fuzz/corpus/<target>/ (not in git); the seeds are
# fuzz/corpus/<target>/ plus larger checkpoints made here at run time.
# Exit status: 0 when no target found anything, 1 otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
MODE=short
SECONDS_PER=30
MAX_TIME=0
TARGETS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --full) MODE=full ;;
    --ci) MODE=ci ;;
    --seconds) SECONDS_PER=$2; shift ;;
    --max-time) MAX_TIME=$2; shift ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    fuzz_*) TARGETS+=("$1") ;;
    *) echo "fuzz/run.sh: unknown argument '$1' (see fuzz/run.sh --help)" >&2; exit 2 ;;
  esac
  shift
done
ALL=(fuzz_idx fuzz_idx_gzip fuzz_checkpoint fuzz_torchscript_descriptor fuzz_torchscript_module
     fuzz_image fuzz_image_studio fuzz_session fuzz_cli fuzz_text_corpus fuzz_lesson)
# CI: 5–60 s each on two idle cores; fuzz_torchscript_module is left out because LibTorch keeps
# every operator name of every module it loads, so one process passes 2 GB within a minute
# (docs/reliability.md#fuzzing).
declare -A CI_RUNS=(
  [fuzz_idx]=800000 [fuzz_idx_gzip]=100000 [fuzz_torchscript_descriptor]=100000 [fuzz_image]=240000
  [fuzz_image_studio]=240000 [fuzz_session]=320000 [fuzz_cli]=10000 [fuzz_text_corpus]=32000 [fuzz_lesson]=200000
  [fuzz_checkpoint]=2000)
CI_TARGETS=(fuzz_idx fuzz_idx_gzip fuzz_checkpoint fuzz_torchscript_descriptor fuzz_image fuzz_image_studio fuzz_session
            fuzz_cli fuzz_text_corpus fuzz_lesson)
if [ ${#TARGETS[@]} -eq 0 ]; then
  if [ $MODE = ci ]; then TARGETS=("${CI_TARGETS[@]}"); else TARGETS=("${ALL[@]}"); fi
fi

# Largest input per target (bytes): room for the seeds and a little more.
declare -A MAX_LEN=(
  [fuzz_idx]=8192 [fuzz_idx_gzip]=8192 [fuzz_checkpoint]=1400000 [fuzz_torchscript_descriptor]=2048
  [fuzz_torchscript_module]=16384 [fuzz_image]=65536 [fuzz_image_studio]=65536 [fuzz_session]=16384
  [fuzz_cli]=1024 [fuzz_text_corpus]=8192 [fuzz_lesson]=16384)

# clang and libFuzzer (Debian 12: clang-14, libclang-rt-14-dev).
if ! command -v clang++-14 > /dev/null || ! ls /usr/lib/llvm-14/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a > /dev/null 2>&1; then
  echo "== installing clang-14 and libclang-rt-14-dev (libFuzzer)"
  SUDO=$([ "$(id -u)" = 0 ] || echo sudo)
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends clang-14 libclang-rt-14-dev
fi
CLANG=$(command -v clang++-14)

# 1. The normal build's libraries (the uninstrumented rest of the engine and the studio).
if [ ! -f build/build.ninja ]; then
  cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release
fi
echo "== normal build: genstudio_core, genstudio_app, genstudio-cli"
nice ninja -C build -j2 genstudio_core genstudio_app genstudio-cli

# 2. The instrumented targets.
echo "== fuzz build (clang, -fsanitize=fuzzer,address,undefined) in build-fuzz/"
if [ ! -f build-fuzz/build.ninja ]; then
  CXX=$CLANG cmake -S fuzz -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE= -DGS_BUILD_DIR="$ROOT/build"
fi
nice ninja -C build-fuzz -j2 "${TARGETS[@]}"

# 3. Seeds made at run time: checkpoints of the families too large for git (tiny settings, one step).
SEEDS=build-fuzz/seeds
mkdir -p "$SEEDS/fuzz_checkpoint"
make_ckpt() {
  local name=$1; shift
  [ -f "$SEEDS/fuzz_checkpoint/$name.gsckpt" ] && return 0
  local out; out=$(mktemp -d)
  if nice build/genstudio-cli train --steps 1 --quiet --threads 1 --out "$out" "$@" > "$out.log" 2>&1 ||
     [ -f "$out/checkpoint.gsckpt" ]; then
    cp "$out/checkpoint.gsckpt" "$SEEDS/fuzz_checkpoint/$name.gsckpt"
  else
    echo "   (no $name seed: $(tail -1 "$out.log"))"
  fi
  rm -rf "$out" "$out.log"
}
if printf '%s\n' "${TARGETS[@]}" | grep -qx fuzz_checkpoint; then
  echo "== seed checkpoints of dcgan, stylegan, cyclegan and chargpt"
  make_ckpt dcgan --model dcgan --dataset fashion-mnist --limit 64 --set ngf=8 --set ndf=8 --set latent_dim=4
  make_ckpt stylegan --model stylegan --dataset fashion-mnist --limit 64 --set channels=8 --set latent_dim=8 --set w_dim=8 --set mapping_layers=1
  make_ckpt cyclegan --model cyclegan --dataset edges2fashion --limit 64 --set ngf=4 --set ndf=4 --set blocks=1
  make_ckpt chargpt --model chargpt --dataset fortunes --limit 64 --set layers=1 --set heads=1 --set width=16 --set context=8
fi

# 4. The runs, one at a time (niced: two cores are shared).
FAILED=0
ROWS=()
for t in "${TARGETS[@]}"; do
  corpus=build-fuzz/corpus/$t
  findings=build-fuzz/findings/$t
  rm -rf "$findings"
  mkdir -p "$corpus" "$findings" "$SEEDS/$t"
  seeds=(fuzz/corpus/$t "$SEEDS/$t")
  [ -d fuzz/regressions/$t ] && seeds+=(fuzz/regressions/$t)
  if [ $MODE = full ]; then
    limit=(-runs=1000000)
    [ "$MAX_TIME" -gt 0 ] && limit+=(-max_total_time="$MAX_TIME")
  elif [ $MODE = ci ]; then
    limit=(-seed=1 -runs="${CI_RUNS[$t]:-20000}")
  else
    limit=(-max_total_time="$SECONDS_PER")
  fi
  log=build-fuzz/$t.log
  echo "== $t (${limit[*]}, -max_len=${MAX_LEN[$t]})"
  set +e
  QT_QPA_PLATFORM=offscreen ASAN_OPTIONS=detect_leaks=0:allocator_may_return_null=1:quarantine_size_mb=64 \
    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    nice "build-fuzz/$t" "${limit[@]}" -max_len="${MAX_LEN[$t]}" -rss_limit_mb=2048 -malloc_limit_mb=2048 \
    -timeout=20 -print_final_stats=1 -artifact_prefix="$findings/" "$corpus" "${seeds[@]}" > "$log" 2>&1
  rc=$?
  set -e
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  crashes=$(find "$findings" -type f | wc -l)
  size=$(find "$corpus" -type f | wc -l)
  if [ $rc -ne 0 ] || [ "$crashes" -gt 0 ]; then
    FAILED=1
    echo "   finding (exit $rc): see $log and $findings/"
    grep -m3 -E "ERROR:|==fuzz==|runtime error|Assertion" "$log" | sed 's/^/   /' || true
  fi
  ROWS+=("| $t | ${execs:-0} | ${rate:-0} | $crashes | $size |")
done

{
  echo "fuzz/run.sh $MODE on $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  echo "| target | executions | exec/s | crashes | corpus files |"
  echo "|---|---:|---:|---:|---:|"
  printf '%s\n' "${ROWS[@]}"
} | tee build-fuzz/summary.md
exit $FAILED
