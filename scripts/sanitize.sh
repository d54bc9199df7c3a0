#!/usr/bin/env bash
# Builds GenStudio and its tests with sanitizers and runs them (docs/reliability.md).
#
#   scripts/sanitize.sh [asan|tsan|all|heap] [--unit-only] [--slow] [--no-build]
#
#   asan   build-asan: ASan + UBSan (-O1 -g -fno-omit-frame-pointer, UBSan fatal)
#   tsan   build-tsan: TSan (OMP_NUM_THREADS=1: LibTorch's OpenMP pool is not instrumented)
#   all    both, one after the other (the default)
#   heap   the normal Release build (./build) with ASan's runtime preloaded: no
#          instrumentation (so no bounds or use-after-free checks of our own reads and
#          writes), but every leak, double free, invalid free and new/delete or
#          malloc/delete mismatch in any library is reported. Minutes instead of the
#          hours a cold instrumented build takes on a loaded machine.
#   --unit-only   build only the unit-test targets (and genstudio-cli) and run `ctest -L unit`
#   --slow        also run the tests labelled slow (left out by default)
#   --no-build    run the tests of an existing build
#   --tests RE    run only the tests whose names match RE (ctest -R)
#
# Environment: JOBS (2), TEST_JOBS (2), GS_SANITIZE_TIMEOUT_FACTOR (6 for asan, 10 for tsan).
# Each sanitizer's reports go to build-*/sanitizer-logs/ (one file per process), the
# ctest output to build-*/sanitizer-logs/ctest.log; the summary at the end names them.
# Exits non-zero when a test failed or any report was written.
set -uo pipefail
cd "$(dirname "$0")/.."
src_dir=$(pwd)

which=all
unit_only=0
slow=0
build=1
only=()
while [ $# -gt 0 ]; do
  a=$1; shift
  case "$a" in
    --tests) only=(-R "${1:?--tests needs a regular expression}"); shift ;;
    asan|tsan|all|heap) which=$a ;;
    --unit-only) unit_only=1 ;;
    --slow) slow=1 ;;
    --no-build) build=0 ;;
    -h|--help) sed -n '2,23p' "$0"; exit 0 ;;
    *) echo "sanitize.sh: unknown argument '$a' (try --help)" >&2; exit 2 ;;
  esac
done

jobs=${JOBS:-2}
test_jobs=${TEST_JOBS:-2}
supp=$src_dir/scripts/sanitizers
summaries=()
status=0

# run_one KIND BUILD_DIR SANITIZERS TIMEOUT_FACTOR
run_one() {
  local kind=$1 dir=$2 sanitizers=$3 factor=$4
  local logs=$src_dir/$dir/sanitizer-logs
  local start=$SECONDS
  if [ "$build" = 1 ]; then
    echo "sanitize.sh: configuring $dir ($sanitizers)"
    mkdir -p "$dir"
    # --unit-only leaves the studio out (the core's compile flags do not change, so
    # switching back to a full run rebuilds nothing of the core).
    local app=ON
    [ "$unit_only" = 1 ] && app=OFF
    local type=RelWithDebInfo gs_sanitize=$sanitizers
    [ "$kind" = heap ] && type=Release && gs_sanitize=
    cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=$type -DGENSTUDIO_BUILD_APP=$app \
      -DGS_SANITIZE="$gs_sanitize" -DGS_TEST_TIMEOUT_FACTOR="$factor" >"$dir/configure.log" 2>&1 \
      || { cat "$dir/configure.log"; echo "sanitize.sh: configuring $dir failed"; return 1; }
    local targets=()
    if [ "$unit_only" = 1 ]; then
      # Unit tests are executables of the same name (core_is_qt_free is a cmake script).
      mapfile -t targets < <(ctest --test-dir "$dir" -N -L unit | sed -n 's/^ *Test *#[0-9]*: //p' \
                             | grep -v '^core_is_qt_free$')
      targets+=(genstudio-cli)
    fi
    echo "sanitize.sh: building $dir (${#targets[@]} targets; 0 means all)"
    nice cmake --build "$dir" -j "$jobs" ${targets[@]:+--target "${targets[@]}"} \
      || { echo "sanitize.sh: building $dir failed"; return 1; }
  fi
  local build_s=$((SECONDS - start))

  rm -rf "$logs"
  mkdir -p "$logs"
  local labels='unit|gui'
  [ "$unit_only" = 1 ] && labels='unit'
  local exclude=()
  [ "$slow" = 1 ] || exclude=(-LE slow)
  [ "$slow" = 1 ] && [ "$unit_only" = 0 ] && labels='unit|gui|slow'

  local common="log_path=$logs/report:print_summary=1:print_stacktrace=1"
  start=$SECONDS
  if [ "$kind" = asan ]; then
    env ASAN_OPTIONS="$common:detect_leaks=1:halt_on_error=1:detect_odr_violation=0" \
        LSAN_OPTIONS="suppressions=$supp/lsan.supp:print_suppressions=0" \
        UBSAN_OPTIONS="$common:halt_on_error=1:suppressions=$supp/ubsan.supp" \
        nice ctest --test-dir "$dir" -L "$labels" "${exclude[@]}" "${only[@]}" -j "$test_jobs" \
        --output-on-failure >"$logs/ctest.log" 2>&1
  elif [ "$kind" = heap ]; then
    # jemalloc is linked into the normal build; the preloaded runtime's malloc wins.
    env LD_PRELOAD="$(gcc -print-file-name=libasan.so)" \
        ASAN_OPTIONS="$common:detect_leaks=1:verify_asan_link_order=0:halt_on_error=1" \
        LSAN_OPTIONS="suppressions=$supp/lsan.supp:print_suppressions=0" \
        nice ctest --test-dir "$dir" -L "$labels" "${exclude[@]}" "${only[@]}" -j "$test_jobs" \
        --output-on-failure >"$logs/ctest.log" 2>&1
  else
    env TSAN_OPTIONS="$common:halt_on_error=0:second_deadlock_stack=1:suppressions=$supp/tsan.supp" \
        OMP_NUM_THREADS=1 \
        nice ctest --test-dir "$dir" -L "$labels" "${exclude[@]}" "${only[@]}" -j "$test_jobs" \
        --output-on-failure >"$logs/ctest.log" 2>&1
  fi
  local rc=$?
  local test_s=$((SECONDS - start))
  [ $rc -eq 0 ] || status=1

  local line total failed passed
  line=$(grep -E '^[0-9]+% tests passed' "$logs/ctest.log" | tail -1)
  total=$(sed -n 's/.* out of \([0-9]*\)$/\1/p' <<<"$line")
  failed=$(sed -n 's/.*tests passed, \([0-9]*\) tests failed.*/\1/p' <<<"$line")
  total=${total:-0}; failed=${failed:-0}
  passed=$((total - failed))

  # Reports by kind: one "ERROR:/WARNING: <Tool>Sanitizer: <kind>" or "runtime error:" each.
  local kinds reports
  kinds=$(cat "$logs"/report.* 2>/dev/null \
    | grep -hoE '(ERROR|WARNING): (Address|Leak|Thread|UndefinedBehavior)Sanitizer: [a-z-]+( [a-z-]+)?|runtime error: [a-z -]+' \
    | sed -E 's/^(ERROR|WARNING): //; s/detected memory$/memory leaks/' | sort | uniq -c | sort -rn)
  reports=$(cat "$logs"/report.* 2>/dev/null \
    | grep -cE '(ERROR|WARNING): (Address|Leak|Thread|UndefinedBehavior)Sanitizer: |runtime error:')
  reports=${reports:-0}
  [ "$reports" -eq 0 ] || status=1
  local s
  s="== $kind ($dir, $sanitizers): built in ${build_s}s, tests ran in ${test_s}s
   tests run: $total, passed: $passed, failed: $failed
   sanitizer reports: $reports"
  if [ -n "$kinds" ]; then
    s+=$'\n'"$(sed 's/^/     /' <<<"$kinds")"
  fi
  if [ "$failed" != 0 ]; then
    s+=$'\n'"   failed: $(grep -E '^[[:space:]]*[0-9]+ - ' "$logs/ctest.log" | sed -E 's/^[[:space:]]*[0-9]+ - //' | tr '\n' ' ')"
  fi
  s+=$'\n'"   logs: $logs/ (ctest.log, report.<pid> per process with a report)"
  summaries+=("$s")
}

case "$which" in
  heap) run_one heap "${BUILD_DIR:-build}" "asan runtime preloaded" "${GS_SANITIZE_TIMEOUT_FACTOR:-1}" || status=1 ;;
  asan) run_one asan build-asan address,undefined "${GS_SANITIZE_TIMEOUT_FACTOR:-6}" || status=1 ;;
  tsan) run_one tsan build-tsan thread "${GS_SANITIZE_TIMEOUT_FACTOR:-10}" || status=1 ;;
  all)
    run_one asan build-asan address,undefined "${GS_SANITIZE_TIMEOUT_FACTOR:-6}" || status=1
    run_one tsan build-tsan thread "${GS_SANITIZE_TIMEOUT_FACTOR:-10}" || status=1 ;;
esac

echo
echo "sanitize.sh summary"
for s in "${summaries[@]}"; do echo "$s"; done
[ "$status" = 0 ] && echo "sanitize.sh: clean" || echo "sanitize.sh: NOT clean (see above)"
exit $status
