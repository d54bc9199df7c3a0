#!/usr/bin/env bash
# soak.sh — a soak test of the real studio: `bench/soak.sh [MINUTES] [OUT]` (default 30 minutes,
# OUT defaults to build/soak-<UTC time>). The studio runs under Xvfb with its soak driver
# (src/app/soak/soakdriver.h, enabled by GENSTUDIO_SOAK): it trains the default model (the
# Fashion-MNIST VAE) with a checkpoint every GENSTUDIO_SOAK_CHECKPOINT_EVERY steps (1000), drags
# latent sliders, asks for new seeds, interpolation endpoints and the map every 300 ms, switches
# explorer views every ~8 s and top-level views every ~24 s, and records the GUI thread's stalls
# (a 10 ms timer's lateness) and VmRSS every 5 s. It writes OUT/soak.csv and OUT/summary.txt and
# prints the summary: RSS after the warm-up (5 min, or 30 % of a shorter run) and at the end, the
# growth, the longest stall and when, stalls over 100 ms, errors and warnings.
# Exit status: 0 when the targets are met (growth < 10 %, no stall > 100 ms, no error), 1 if not,
# 2 when the studio did not produce a summary.
# Environment: BUILD (default build), NICE (a nice level for the studio, e.g. NICE=19), and the
# GENSTUDIO_SOAK_* variables of soakdriver.h.
set -uo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
minutes=${1:-30}
out=${2:-$here/build/soak-$(date -u +%Y%m%dT%H%M%SZ)}
build=${BUILD:-$here/build}
studio=$build/genstudio
[ -x "$studio" ] || { echo "soak.sh: $studio is missing; build the genstudio target first." >&2; exit 2; }
command -v xvfb-run >/dev/null || { echo "soak.sh: xvfb-run is missing (apt-get install xvfb xauth)." >&2; exit 2; }
mkdir -p "$out"
out=$(cd "$out" && pwd)
# A fresh configuration, data folder and run folder: the soak never touches the person's own.
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
export XDG_CONFIG_HOME=$home/config XDG_DATA_HOME=$home/data XDG_CACHE_HOME=$home/cache
export GENSTUDIO_SOAK=$out GENSTUDIO_SOAK_MINUTES=$minutes
unset QT_QPA_PLATFORM
echo "soak.sh: $minutes min, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg) before; results in $out"
prefix=()
[ -n "${NICE:-}" ] && prefix=(nice -n "$NICE")
# The run folder's checkpoints go under the temporary home: the settings point there.
mkdir -p "$XDG_CONFIG_HOME/GenStudio"
printf '[runs]\nfolder=%s\n' "$home/runs" > "$XDG_CONFIG_HOME/GenStudio/GenStudio.conf"
start=$(date +%s)
xvfb-run -a -s "-screen 0 1600x1000x24" "${prefix[@]}" "$studio" > "$out/stdout.txt" 2> "$out/stderr.txt"
rc=$?
echo "soak.sh: the studio exited with status $rc after $(( $(date +%s) - start )) s; load $(cut -d' ' -f1-3 /proc/loadavg) after"
echo "soak.sh: run folder size $(du -sh "$home/runs" 2>/dev/null | cut -f1)"
if [ ! -s "$out/summary.txt" ]; then
  echo "soak.sh: no summary was written; the studio's stderr ends with:" >&2
  tail -20 "$out/stderr.txt" >&2
  exit 2
fi
cat "$out/summary.txt"
grep -q '| met |' "$out/summary.txt" && exit 0
exit 1
